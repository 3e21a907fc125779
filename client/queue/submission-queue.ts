/**
 * The storage a sender works on. IndexedDB in the browser (create-indexeddb-queue.ts);
 * an in-memory one when IndexedDB cannot be opened, and in unit tests
 * (create-memory-queue.ts). Every method is one atomic step, so a reload in the
 * middle of a pass never loses or doubles a response.
 */
import type { Submission } from '../../contracts/submission.ts';
import type { QueueCounts, QueuedSubmission, RejectedSubmission } from './queued-submission.ts';

export interface SubmissionQueue {
  /** True when the queue survives reloads (IndexedDB); false for the in-memory fallback. */
  readonly durable: boolean;
  /** Stores a completed response; resolves only once it is committed. */
  add(entry: { surveyId: string; submission: Submission; queuedAt: string; nextAttemptAt: number }): Promise<void>;
  /** Waiting responses, oldest first. */
  listWaiting(): Promise<QueuedSubmission[]>;
  listRejected(): Promise<RejectedSubmission[]>;
  counts(): Promise<QueueCounts>;
  /** The server has it: forget it. */
  markDelivered(submissionId: string): Promise<void>;
  /** Moves a waiting response to the rejected list, in one transaction. */
  markRejected(submissionId: string, rejection: { status: number; serverAnswer: RejectedSubmission['serverAnswer']; rejectedAt: string }): Promise<void>;
  /** Records a failed attempt and when to try next. */
  reschedule(submissionId: string, update: { attempts: number; nextAttemptAt: number; lastFailure: string }): Promise<void>;
  /** Makes every waiting response due now (the network came back, or staff pressed "send now"). */
  makeAllDue(nowMs: number): Promise<void>;
  /** Staff: put rejected responses back in the waiting queue, e.g. after the server was fixed. */
  requeueRejected(nowMs: number): Promise<number>;
}
