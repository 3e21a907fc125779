/**
 * Test data marked by hand (issue 30): an analyst or admin marks the answers of a kiosk over a period, or single
 * responses, as test answers, with a reason, and may withdraw a marking later (also with a reason). Marked responses
 * are treated exactly as `meta.test` ones: kept, left out of every read unless it asks for `includeTest=1`.
 *
 *   POST /api/surveys/:id/test-markings                     MarkTestAnswers → 201 TestMarking
 *   POST /api/surveys/:id/test-markings/:markingId/unmark   UnmarkTestAnswers → 200 TestMarking (with `unmarked`)
 *   GET  /api/surveys/:id/test-markings                     → TestMarkingList, every marking ever made, newest first
 *
 * Nothing is deleted: an unmarking is a new entry, and the marking stays listed with it.
 */
import { z } from 'zod';
import { responseMetaSchema } from './submission.ts';

/** Longest reason kept; a sentence or two is what an audit reader needs. */
export const MAX_REASON_CHARS = 500;
/** Most responses one marking names; a larger batch is a kiosk and a period. */
export const MAX_MARKED_IDS = 1000;

const reason = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required: say why (e.g. "staff tried the kiosk before opening")' : `must be text, got ${JSON.stringify(issue.input)}`) })
  .trim()
  .min(1, 'is required: say why (e.g. "staff tried the kiosk before opening")')
  .max(MAX_REASON_CHARS, `must be at most ${MAX_REASON_CHARS} characters`);

/**
 * The body of a marking: a kiosk (meta.kioskId, as an enrolled tablet's responses carry it) and a period of receipt
 * [from, to), read as every filter reads `from` and `to` (a day in Japan time, or a date-time with its zone; a day
 * as `to` includes that day); or single responses by id. One or the other, never both.
 */
export const markTestAnswersSchema = z.strictObject({
  reason,
  kioskId: responseMetaSchema.shape.kioskId.unwrap().optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  responseIds: z
    .array(z.string().min(1).max(100))
    .min(1, 'must name at least one response id')
    .max(MAX_MARKED_IDS, `names at most ${MAX_MARKED_IDS} responses; mark a kiosk and a period for more`)
    .optional(),
});
export type MarkTestAnswers = z.infer<typeof markTestAnswersSchema>;

export const unmarkTestAnswersSchema = z.strictObject({ reason });
export type UnmarkTestAnswers = z.infer<typeof unmarkTestAnswersSchema>;

/** What a marking covers, as stored: the period as UTC instants, [from, to). */
export type TestMarkingTarget = { kind: 'kiosk'; kioskId: string; from: string; to: string } | { kind: 'responses'; responseIds: string[] };

/** Who did something and when: the account or token name, as the audit log names them. */
export interface TestMarkingAct {
  at: string;
  who: string;
  via: 'session' | 'token';
  reason: string;
}

export interface TestMarking extends TestMarkingAct {
  markingId: string;
  surveyId: string;
  target: TestMarkingTarget;
  /** Present once the marking was withdrawn: its responses count again. */
  unmarked?: TestMarkingAct;
  /** Responses stored now that the marking covers (an answer, not stored: a kiosk's period may still fill). */
  responses: number;
}

export interface TestMarkingList {
  markings: TestMarking[];
}
