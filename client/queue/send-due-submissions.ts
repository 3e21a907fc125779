/**
 * One pass of the sender: every waiting response whose time has come is POSTed
 * once, oldest first, and the queue records what the server said
 * (classify-send-outcome.ts). Retries reuse the stored body unchanged, so the
 * submissionId made at completion is the only one the server ever sees for it.
 */
import type { Submission } from '../../contracts/submission.ts';
import { classifySendOutcome, type ServerAnswer } from './classify-send-outcome.ts';
import { computeRetryDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './compute-retry-delay.ts';
import type { SubmissionQueue } from './submission-queue.ts';

/** Sends one body; resolves with the server's answer, rejects when no answer came (offline, DNS, reset). */
export type PostSubmission = (surveyId: string, submission: Submission) => Promise<ServerAnswer>;

export interface SendPassResult {
  delivered: number;
  rejected: number;
  retrying: number;
  /** When the next waiting response is due (epoch ms), or null when nothing waits. */
  nextAttemptAt: number | null;
}

export async function sendDueSubmissions(options: {
  queue: SubmissionQueue;
  post: PostSubmission;
  now?: () => number;
  random?: () => number;
  policy?: RetryPolicy;
}): Promise<SendPassResult> {
  const { queue, post, now = Date.now, random = Math.random, policy = DEFAULT_RETRY_POLICY } = options;
  const result: SendPassResult = { delivered: 0, rejected: 0, retrying: 0, nextAttemptAt: null };

  for (const entry of await queue.listWaiting()) {
    if (entry.nextAttemptAt > now()) continue;
    const { submissionId } = entry.submission;
    let answer: ServerAnswer;
    try {
      answer = await post(entry.surveyId, entry.submission);
    } catch (error) {
      const attempts = entry.attempts + 1;
      const lastFailure = `no answer from the server: ${error instanceof Error ? error.message : String(error)}`;
      await queue.reschedule(submissionId, { attempts, nextAttemptAt: now() + computeRetryDelay(attempts, random(), policy), lastFailure });
      result.retrying++;
      continue;
    }
    const outcome = classifySendOutcome(answer);
    if (outcome.kind === 'delivered') {
      await queue.markDelivered(submissionId);
      result.delivered++;
    } else if (outcome.kind === 'rejected') {
      await queue.markRejected(submissionId, {
        status: outcome.status,
        serverAnswer: outcome.serverAnswer,
        rejectedAt: new Date(now()).toISOString(),
      });
      result.rejected++;
    } else {
      const attempts = entry.attempts + 1;
      const delay = computeRetryDelay(attempts, random(), policy, outcome.retryAfterMs);
      await queue.reschedule(submissionId, { attempts, nextAttemptAt: now() + delay, lastFailure: outcome.reason });
      result.retrying++;
    }
  }

  const stillWaiting = await queue.listWaiting();
  result.nextAttemptAt = stillWaiting.length ? Math.min(...stillWaiting.map((entry) => entry.nextAttemptAt)) : null;
  return result;
}
