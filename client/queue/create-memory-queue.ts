/**
 * A SubmissionQueue in memory: the fallback when IndexedDB cannot be opened
 * (the staff indicator then warns that responses are not kept across reloads),
 * and the queue of the sender's unit tests.
 */
import type { QueuedSubmission, RejectedSubmission } from './queued-submission.ts';
import type { SubmissionQueue } from './submission-queue.ts';

export function createMemoryQueue(): SubmissionQueue {
  const waiting = new Map<string, QueuedSubmission>();
  const rejected = new Map<string, RejectedSubmission>();
  const oldestFirst = (a: { queuedAt: string }, b: { queuedAt: string }) => a.queuedAt.localeCompare(b.queuedAt);

  return {
    durable: false,
    async add({ surveyId, submission, queuedAt, nextAttemptAt }) {
      if (waiting.has(submission.submissionId) || rejected.has(submission.submissionId)) return;
      waiting.set(submission.submissionId, structuredClone({ surveyId, submission, attempts: 0, nextAttemptAt, queuedAt }));
    },
    async listWaiting() {
      return [...waiting.values()].sort(oldestFirst).map((entry) => structuredClone(entry));
    },
    async listRejected() {
      return [...rejected.values()].sort(oldestFirst).map((entry) => structuredClone(entry));
    },
    async counts() {
      return { waiting: waiting.size, rejected: rejected.size };
    },
    async markDelivered(submissionId) {
      waiting.delete(submissionId);
    },
    async markRejected(submissionId, { status, serverAnswer, rejectedAt }) {
      const entry = waiting.get(submissionId);
      if (!entry) return;
      waiting.delete(submissionId);
      const { surveyId, submission, attempts, queuedAt } = entry;
      rejected.set(submissionId, { surveyId, submission, attempts: attempts + 1, queuedAt, rejectedAt, status, serverAnswer });
    },
    async reschedule(submissionId, update) {
      const entry = waiting.get(submissionId);
      if (entry) waiting.set(submissionId, { ...entry, ...update });
    },
    async makeAllDue(nowMs) {
      for (const entry of waiting.values()) entry.nextAttemptAt = Math.min(entry.nextAttemptAt, nowMs);
    },
    async requeueRejected(nowMs) {
      const count = rejected.size;
      for (const { surveyId, submission, queuedAt } of rejected.values()) {
        waiting.set(submission.submissionId, { surveyId, submission, attempts: 0, nextAttemptAt: nowMs, queuedAt });
      }
      rejected.clear();
      return count;
    },
  };
}
