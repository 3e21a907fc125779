/**
 * The page's one queue and sender, opened on first use. Pages call
 * `enqueueSubmission` on completion; indicators read `useQueueStatus`.
 */
import type { Submission } from '../../contracts/submission.ts';
import { createIndexedDbQueue } from './create-indexeddb-queue.ts';
import { createMemoryQueue } from './create-memory-queue.ts';
import { postSubmission } from './post-submission.ts';
import type { QueueCounts } from './queued-submission.ts';
import { startQueueSender, type QueueSender } from './start-queue-sender.ts';
import type { SubmissionQueue } from './submission-queue.ts';

export interface QueueStatus extends QueueCounts {
  /** False when IndexedDB could not be opened: responses then live only until the page closes. */
  durable: boolean;
  /** True until the first count has been read. */
  loading: boolean;
}

interface QueueService {
  queue: SubmissionQueue;
  sender: QueueSender;
}

/** Tells the other tabs of this origin to re-read the counts after a change. */
const CHANGE_CHANNEL_NAME = 'survey-submission-queue';

let service: Promise<QueueService> | undefined;
let status: QueueStatus = { waiting: 0, rejected: 0, durable: true, loading: true };
const listeners = new Set<() => void>();
let channel: BroadcastChannel | undefined;

export function getQueueService(): Promise<QueueService> {
  service ??= openQueueService();
  return service;
}

async function openQueueService(): Promise<QueueService> {
  let queue: SubmissionQueue;
  try {
    queue = await createIndexedDbQueue();
  } catch (error) {
    console.error('IndexedDB unavailable; responses are kept in memory only:', error);
    queue = createMemoryQueue();
  }
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANGE_CHANNEL_NAME);
    channel.onmessage = () => void refreshCounts(queue, false);
  }
  const sender = startQueueSender({
    queue,
    post: postSubmission,
    onPass: (result) => {
      if (result.delivered || result.rejected || result.retrying) void refreshCounts(queue, true);
    },
  });
  await refreshCounts(queue, false);
  return { queue, sender };
}

async function refreshCounts(queue: SubmissionQueue, tellOtherTabs: boolean): Promise<void> {
  status = { ...(await queue.counts()), durable: queue.durable, loading: false };
  for (const listener of listeners) listener();
  if (tellOtherTabs) channel?.postMessage('changed');
}

/**
 * Stores a completed response durably, then starts sending it. Resolves once it
 * is stored: the caller may show "thank you" and start over. Rejects only when
 * even storing failed, so the caller can keep the answers on screen.
 */
export async function enqueueSubmission(surveyId: string, submission: Submission): Promise<void> {
  const { queue, sender } = await getQueueService();
  await queue.add({ surveyId, submission, queuedAt: new Date().toISOString(), nextAttemptAt: Date.now() });
  await refreshCounts(queue, true);
  sender.wake();
}

/** Staff "send now": every waiting response is tried at once. */
export async function sendWaitingNow(): Promise<void> {
  const { sender } = await getQueueService();
  sender.wake({ allDue: true });
}

/** Staff: rejected responses go back to the waiting queue (e.g. after the server was fixed). */
export async function requeueRejected(): Promise<number> {
  const { queue, sender } = await getQueueService();
  const count = await queue.requeueRejected(Date.now());
  await refreshCounts(queue, true);
  sender.wake();
  return count;
}

export function subscribeQueueStatus(listener: () => void): () => void {
  listeners.add(listener);
  void getQueueService();
  return () => listeners.delete(listener);
}

export function getQueueStatus(): QueueStatus {
  return status;
}
