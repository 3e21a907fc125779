/**
 * The times a client claims for a response, checked against each other and
 * against the server's clock (issue 13: startedAt after completedAt, and dates
 * in 1970 or 2030, were stored). Parsed and compared as instants, never as text.
 *
 *   EARLIEST_PLAUSIBLE ≤ startedAt ≤ completedAt ≤ receivedAt + MAX_CLOCK_SKEW_MS
 *
 * A tablet whose clock was reset (1970, 2000) or runs far ahead gets a 422; its
 * queue keeps the response in the "rejected" list for staff (client/queue), so
 * the answers are not lost. docs/decisions/0066-submission-conflicts-and-instants.md
 */
import type { ApiErrorDetail, Submission } from '../../contracts/submission.ts';

/** Tablets and phones keep time by NTP or the carrier to within seconds; 5 minutes covers a badly set one. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Nothing was collected with this toolkit before 2024; an earlier time is a reset clock. */
export const EARLIEST_PLAUSIBLE = '2024-01-01T00:00:00.000Z';

export function checkSubmissionTimes(submission: Pick<Submission, 'startedAt' | 'completedAt'>, receivedAt: number): ApiErrorDetail[] {
  const started = Date.parse(submission.startedAt);
  const completed = Date.parse(submission.completedAt);
  const earliest = Date.parse(EARLIEST_PLAUSIBLE);
  const latest = receivedAt + MAX_CLOCK_SKEW_MS;
  const details: ApiErrorDetail[] = [];
  for (const [name, time] of [['startedAt', started], ['completedAt', completed]] as const) {
    if (time < earliest) {
      details.push({ question: name, message: `must not be before ${EARLIEST_PLAUSIBLE} (the device's clock is wrong?); got ${JSON.stringify(submission[name])}` });
    } else if (time > latest) {
      details.push({
        question: name,
        message: `must not be after the server's time ${new Date(receivedAt).toISOString()} (${MAX_CLOCK_SKEW_MS / 60_000} minutes of clock difference allowed); got ${JSON.stringify(submission[name])}`,
      });
    }
  }
  if (details.length === 0 && started > completed) {
    details.push({ question: 'startedAt', message: `must not be after completedAt (${JSON.stringify(submission.completedAt)}); got ${JSON.stringify(submission.startedAt)}` });
  }
  return details;
}
