/**
 * What the browser keeps about a completed response until the server has it.
 * Stored in IndexedDB (open-queue-database.ts); the same shapes travel in the
 * staff export, so nothing a resident answered is ever only on screen.
 */
import type { ApiErrorBody, Submission } from '../../contracts/submission.ts';

export interface QueuedSubmission {
  surveyId: string;
  /** Exactly the body POSTed; its submissionId was made once, at completion, and never changes. */
  submission: Submission;
  /** Failed delivery attempts so far. */
  attempts: number;
  /** Epoch milliseconds; not sent before this. */
  nextAttemptAt: number;
  /** ISO 8601, when the response entered the queue. */
  queuedAt: string;
  /** Why the last attempt failed, for the staff panel. */
  lastFailure?: string;
}

export interface RejectedSubmission {
  surveyId: string;
  submission: Submission;
  attempts: number;
  queuedAt: string;
  rejectedAt: string;
  /** The HTTP status the server refused it with. */
  status: number;
  /** The server's answer: its `{error:{code,message,details}}` body, or raw text when it was not JSON. */
  serverAnswer: ApiErrorBody | string | null;
}

/** Counts for the staff indicator. */
export interface QueueCounts {
  waiting: number;
  rejected: number;
}
