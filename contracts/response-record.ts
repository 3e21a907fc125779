import type { Channel, ResponseMeta } from './submission.ts';

/**
 * A stored response. This is also exactly one line of the JSONL files that
 * `survey-toolkit report --input` reads and the exports write.
 */
export interface ResponseRecord {
  id: string;
  surveyId: string;
  surveyVersion: number;
  /** Made once per completed response by the client; unique across the store. */
  submissionId: string;
  channel: Channel;
  meta: ResponseMeta;
  startedAt: string;
  completedAt: string;
  /** Server clock, ISO 8601 UTC, set when the response was first stored. */
  receivedAt: string;
  data: Record<string, unknown>;
}
