/**
 * When a submissionId arrives that is already stored, is it the same response
 * again (a retry of the offline queue, which resends exactly the body it
 * queued: client/queue/queued-submission.ts), or another response under a
 * reused id (a client bug, a copied tablet image, a hostile client)? The first
 * is a harmless duplicate; the second must not be answered "stored" while it is
 * dropped (issue 13), so the API answers 409 and migrate counts it apart.
 *
 * Content is what the respondent's submission says, as stored: the survey, its
 * version, the meta (ward, language, kiosk) and the answers. Compared as
 * canonical JSON (object keys sorted, absent and undefined alike), so a record
 * read back from either store, or from a JSONL line written by other software,
 * equals the body it was made from. docs/decisions/0066-submission-conflicts-and-instants.md
 */
import { createHash } from 'node:crypto';
import type { ResponseRecord } from '../../contracts/response-record.ts';

export type SubmissionContent = Pick<ResponseRecord, 'surveyId' | 'surveyVersion' | 'meta' | 'data'>;

/** Whether two submissions with one submissionId are the same response. */
export function sameSubmissionContent(a: SubmissionContent, b: SubmissionContent): boolean {
  return canonicalContent(a) === canonicalContent(b);
}

/** A short fingerprint of the content, for callers that keep many (the JSONL migrate target). */
export function submissionContentKey(content: SubmissionContent): string {
  return createHash('sha256').update(canonicalContent(content)).digest('base64url');
}

function canonicalContent({ surveyId, surveyVersion, meta, data }: SubmissionContent): string {
  return canonicalJson([surveyId, surveyVersion, meta, data]);
}

/** JSON with object keys sorted. Stored answers nest a few levels (find-unsafe-json.ts caps it), so recursion is safe. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
