/**
 * The dashboard's calls about test data marked by hand (issue 30; server/routes/test-markings.ts): the survey's
 * markings, a new marking (a kiosk and a period, or response ids) and an unmarking, each with a reason. A refusal
 * carries the server's one line, shown as it is.
 */
import type { MarkTestAnswers, TestMarking, TestMarkingList, UnmarkTestAnswers } from '../../../contracts/test-markings.ts';
import { ApiCallError, NotLoggedInError } from './dashboard-api.ts';

function markingsPath(surveyId: string): string {
  return `/api/surveys/${encodeURIComponent(surveyId)}/test-markings`;
}

async function answerOf<T>(response: Response, what: string): Promise<T> {
  if (response.status === 401) throw new NotLoggedInError(`${what} needs a login`);
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new ApiCallError(response.status, body?.error?.message ?? `${what} answered HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

export async function fetchTestMarkings(surveyId: string, signal?: AbortSignal): Promise<TestMarking[]> {
  const response = await fetch(markingsPath(surveyId), { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  return (await answerOf<TestMarkingList>(response, `GET ${markingsPath(surveyId)}`)).markings;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  return answerOf<T>(response, `POST ${path}`);
}

export function markTestAnswers(surveyId: string, body: MarkTestAnswers): Promise<TestMarking> {
  return post(markingsPath(surveyId), body);
}

export function unmarkTestAnswers(surveyId: string, markingId: string, body: UnmarkTestAnswers): Promise<TestMarking> {
  return post(`${markingsPath(surveyId)}/${encodeURIComponent(markingId)}/unmark`, body);
}

/** A `datetime-local` value (YYYY-MM-DDTHH:MM, the office's wall clock) as the API reads it: in Japan time. */
export function japanInstant(local: string): string {
  return `${local}+09:00`;
}

/**
 * A marking's instant as the offices read it: Japan time, to the minute, written 2026-05-02 09:00 in both languages
 * (a day-month order would read differently to a Japanese and a British reader, and the period is what matters).
 */
export function japanTime(iso: string): string {
  return new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Response ids as typed: one per line or separated by commas or spaces, blanks dropped. */
export function splitIds(text: string): string[] {
  return text
    .split(/[\s,、]+/)
    .map((id) => id.trim())
    .filter(Boolean);
}
