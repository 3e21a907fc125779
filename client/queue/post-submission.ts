/**
 * POSTs one submission body to the collection API and returns the server's
 * answer as data. Rejects only when no answer came at all (offline, reset, timeout).
 */
import type { Submission } from '../../contracts/submission.ts';
import type { ServerAnswer } from './classify-send-outcome.ts';
import { KIOSK_CREDENTIAL_HEADER, markEnrollmentRefused, readKioskEnrollment, refusalIn } from '../enrollment/kiosk-enrollment.ts';

/** A hung connection must not block the queue; the server answers in milliseconds when it answers. */
const REQUEST_TIMEOUT_MS = 20_000;

export async function postSubmission(surveyId: string, submission: Submission): Promise<ServerAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  // An enrolled tablet proves which kiosk it is; the server then sets the kiosk id and ward.
  const enrollment = submission.channel === 'kiosk' ? readKioskEnrollment() : undefined;
  if (enrollment) headers[KIOSK_CREDENTIAL_HEADER] = enrollment.credential;
  const response = await fetch(`/api/surveys/${encodeURIComponent(surveyId)}/responses`, {
    method: 'POST',
    headers,
    body: JSON.stringify(submission),
    cache: 'no-store',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's or portal's page): keep the text for the staff panel.
  }
  // A revoked (or unknown) tablet learns it from its next submission and stops taking answers.
  const refusal = enrollment && refusalIn(response.status, body);
  if (enrollment && refusal) markEnrollmentRefused(enrollment.credential, refusal);
  return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
}
