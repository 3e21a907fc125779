/**
 * The one schema for the collection boundary: what a client POSTs to
 * `/api/surveys/:id/responses`, and what the server answers. The client builds
 * its payloads with these types and the server parses with the same schema, so
 * the two cannot drift apart.
 */
import { z } from 'zod';
import { WARD_CODES } from './wards.ts';

export const CHANNELS = ['kiosk', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Body limit for one submission; the server answers 413 above it. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

const isoDateTime = z.iso.datetime({ offset: true });

export const responseMetaSchema = z.strictObject({
  ward: z.enum(WARD_CODES as [string, ...string[]], {
    error: (issue) => `must be one of the ten ward codes (${WARD_CODES.join(', ')}), got ${JSON.stringify(issue.input)}`,
  }).optional(),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "ja" or "en"'),
  kioskId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, ".", "_" or "-"').optional(),
  /**
   * A test answer (issue 30): a kiosk in test mode (staff trying it before opening, a trainer showing the form).
   * Stored like any answer, left out of every read unless it asks for `includeTest=1`. Only `true`; absent otherwise.
   */
  test: z.literal(true, { error: (issue) => `must be true (a test answer) or left out, got ${JSON.stringify(issue.input)}` }).optional(),
});
export type ResponseMeta = z.infer<typeof responseMetaSchema>;

export const submissionSchema = z.strictObject({
  submissionId: z.uuid(),
  surveyVersion: z.int().positive(),
  channel: z.enum(CHANNELS),
  meta: responseMetaSchema,
  startedAt: isoDateTime,
  completedAt: isoDateTime,
  /**
   * Answers keyed by question name, exactly as SurveyJS produces them. Checked as a plain object and
   * passed on as it is: z.record would copy every key, and a hostile body holds 25,000 of them (issue 20).
   * The server's validator reads each key itself, and refuses "__proto__" keys (server/find-unsafe-json.ts).
   */
  data: z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    error: (issue) => `must be an object of answers keyed by question name, got ${Array.isArray(issue.input) ? 'an array' : issue.input === null ? 'null' : typeof issue.input}`,
  }),
  /**
   * On a survey with `"invitations": "required"`: the one-time code that admits this response.
   * The server spends it and stores nothing of it (server/enrollment/admit-submission.ts).
   */
  invitationCode: z.string().min(1).max(40).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** 201 for a new response, 200 with `duplicate: true` for a repeated submissionId. */
export interface SubmissionAccepted {
  id: string;
  duplicate: boolean;
}

export interface ApiErrorDetail {
  question: string;
  message: string;
}

/** Every error the API answers has this shape. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: ApiErrorDetail[] };
}

/** One survey in `GET /api/surveys`. */
export interface SurveySummary {
  id: string;
  version: number;
  title: Record<string, string>;
  audience: 'visitor' | 'citizen' | 'staff';
  languages: string[];
}
