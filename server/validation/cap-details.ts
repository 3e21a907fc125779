/**
 * A refused request gets at most MAX_DETAILS details, and one more that counts the rest
 * ("… and 39,900 more problems"): one anonymous request must not get megabytes back (issue 20).
 * One home for the cap, so the validator, the body schema and the unsafe-JSON check agree.
 */
import type { ApiErrorDetail } from '../../contracts/submission.ts';
import { formatCount } from './quote-value.ts';

/** Details a refused response gets at most, before the one that counts the rest. */
export const MAX_DETAILS = 100;

const SUMMARY_QUESTION = '(response)';

/**
 * The first MAX_DETAILS details, and one more that counts the rest.
 * @param uncounted problems found but not in `details` (they would have come after the first MAX_DETAILS)
 */
export function capDetails(details: ApiErrorDetail[], uncounted = 0): ApiErrorDetail[] {
  if (details.length + uncounted <= MAX_DETAILS) return details;
  const rest = details.length + uncounted - MAX_DETAILS;
  details.length = MAX_DETAILS;
  details.push({ question: SUMMARY_QUESTION, message: `… and ${formatCount(rest)} more problem${rest === 1 ? '' : 's'}` });
  return details;
}

/** How many problems capped details stand for: the listed ones plus those the last one counts. */
export function countProblems(details: ApiErrorDetail[]): number {
  const last = details.at(-1);
  const more = last?.question === SUMMARY_QUESTION ? /^… and ([\d,]+) more problems?$/.exec(last.message) : null;
  return more ? details.length - 1 + Number(more[1].replaceAll(',', '')) : details.length;
}
