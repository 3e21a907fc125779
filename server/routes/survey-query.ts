/**
 * Query parameters that the analysts' reads of one survey share (the export
 * at GET …/responses, the report, the dashboard's timeline and comments), so
 * each is parsed, and refused with the same 400, in one place.
 */
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { FilterError, parseResponseFilter, type ResponseFilter } from '../live-table/response-filter.ts';
import { HttpError } from '../http-error.ts';
import type { MarkedResponses } from '../test-markings/marked-responses.ts';

/**
 * The filters of server/live-table/response-filter.ts; a bad one is 400 invalid_filter. `marked`: the survey's
 * current test markings (TestMarkingsLog.marked, issue 30), left out with the test answers unless includeTest=1.
 */
export function parseFilter(query: Record<string, unknown>, definition: SurveyDefinition, marked?: MarkedResponses): ResponseFilter {
  try {
    const filter = parseResponseFilter(query, definition);
    if (marked) filter.marked = marked;
    return filter;
  } catch (error) {
    if (error instanceof FilterError) throw new HttpError(400, 'invalid_filter', error.message);
    throw error;
  }
}

/** `?locale=`, one of the survey's languages; its first language when not given. */
export function chooseLocale(requested: unknown, definition: SurveyDefinition): string {
  if (requested === undefined) return definition.languages[0];
  if (typeof requested !== 'string' || !definition.languages.includes(requested)) {
    throw new HttpError(400, 'invalid_locale', `locale must be one of ${definition.languages.join(', ')}; got ${JSON.stringify(requested)}`);
  }
  return requested;
}

/** `?labels` (the default: for people) or `?codes` (for programs and recoding). */
export function chooseMode(query: Record<string, unknown>): 'labels' | 'codes' {
  const labels = 'labels' in query;
  const codes = 'codes' in query;
  if (labels && codes) throw new HttpError(400, 'invalid_mode', 'Ask for labels or codes, not both');
  return codes ? 'codes' : 'labels';
}
