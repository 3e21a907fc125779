/**
 * Keeps a queue draining: a pass on start (responses left from before a reload
 * or browser restart), after every new response, when the browser reports it is
 * back online, when the page becomes visible again, and at the next retry time.
 * A Web Lock makes tabs of the same origin take turns, so two tabs never POST
 * the same response at once (the server would answer the second with
 * duplicate:true anyway; the lock just avoids the noise).
 */
import { sendDueSubmissions, type PostSubmission, type SendPassResult } from './send-due-submissions.ts';
import type { SubmissionQueue } from './submission-queue.ts';

const SENDER_LOCK_NAME = 'survey-submission-queue-sender';

export interface QueueSender {
  /** Run a pass soon. With `allDue`, waiting responses ignore their backoff (network back, staff "send now"). */
  wake(options?: { allDue?: boolean }): void;
  stop(): void;
}

export function startQueueSender(options: {
  queue: SubmissionQueue;
  post: PostSubmission;
  /** Called after every pass, to refresh indicators. */
  onPass?: (result: SendPassResult) => void;
  onError?: (error: unknown) => void;
}): QueueSender {
  const { queue, post, onPass, onError = (error) => console.error('submission queue:', error) } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  // Web Locks exist only in secure contexts; on plain http a tab sends without one.
  const withLock = async (work: () => Promise<SendPassResult>): Promise<SendPassResult> =>
    typeof navigator !== 'undefined' && navigator.locks ? await navigator.locks.request(SENDER_LOCK_NAME, work) : await work();

  const runPass = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    clearTimeout(timer);
    try {
      do {
        again = false;
        const result = await withLock(() => sendDueSubmissions({ queue, post }));
        onPass?.(result);
        if (result.nextAttemptAt !== null && !stopped) {
          clearTimeout(timer);
          // setTimeout overflows above 2^31-1 ms; a backoff never gets near that, but the clamp keeps it safe.
          timer = setTimeout(() => void runPass(), Math.min(Math.max(0, result.nextAttemptAt - Date.now()), 2 ** 31 - 1));
        }
      } while (again && !stopped);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };

  const wake: QueueSender['wake'] = ({ allDue = false } = {}) => {
    if (stopped) return;
    if (allDue) void queue.makeAllDue(Date.now()).then(runPass, onError);
    else void runPass();
  };
  const onOnline = () => wake({ allDue: true });
  const onVisible = () => {
    if (document.visibilityState === 'visible') wake();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  wake();

  return {
    wake,
    stop() {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
