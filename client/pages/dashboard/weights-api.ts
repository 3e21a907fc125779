/**
 * The dashboard's calls about a survey's weighting margins (issue 30; server/routes/weights.ts): whether it has
 * them (the 「重み付け」 switch is shown only then) and an admin's upload of a new margins CSV, whose refusal
 * carries the server's one line naming the file's line. The weighted report itself is `weighted` of
 * dashboard-api.ts's report options.
 */
import type { SurveyWeights, UploadWeights } from '../../../contracts/weights.ts';
import { ApiCallError, NotLoggedInError } from './dashboard-api.ts';

function weightsPath(surveyId: string): string {
  return `/api/surveys/${encodeURIComponent(surveyId)}/weights`;
}

async function answerOf(response: Response, what: string): Promise<SurveyWeights> {
  if (response.status === 401) throw new NotLoggedInError(`${what} needs a login`);
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new ApiCallError(response.status, body?.error?.message ?? `${what} answered HTTP ${response.status}`);
  }
  return (await response.json()) as SurveyWeights;
}

/** The survey's margins, or null when it has none (404). */
export async function fetchSurveyWeights(surveyId: string, signal?: AbortSignal): Promise<SurveyWeights | null> {
  const response = await fetch(weightsPath(surveyId), { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  if (response.status === 404) return null;
  return answerOf(response, `GET ${weightsPath(surveyId)}`);
}

/** Replaces the survey's margins with `file` (admins); refused with the server's message (422 names the line). */
export async function uploadSurveyWeights(surveyId: string, file: { name: string; text: string }): Promise<SurveyWeights> {
  const body: UploadWeights = { csv: file.text, fileName: file.name };
  const response = await fetch(weightsPath(surveyId), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  return answerOf(response, `PUT ${weightsPath(surveyId)}`);
}

/**
 * The filter query with `weighted=1` added, for the views that hand their query to report addresses only (the
 * cross-tab view's CSV and workbook downloads, 効果検証's report): the server reads it as a report option.
 */
export function weightedQuery(query: string, weighted: boolean): string {
  if (!weighted) return query;
  const params = new URLSearchParams(query);
  params.set('weighted', '1');
  return params.toString();
}

/** The first characters of a SHA-256, enough to tell files apart on screen (the downloads give it whole). */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
