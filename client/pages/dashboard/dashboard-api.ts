/**
 * The dashboard's calls to the server. Every number it shows comes from here:
 * the report is built on the server by the analysis library, for the filters
 * in the query string.
 */
import type { CurrentUserAnswer } from '../../../contracts/auth.ts';
import type { BrokenDefinitionFile, DefinitionProblems } from '../../../contracts/health.ts';
import type { SurveySummary } from '../../../contracts/submission.ts';
import type { SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import type { CommentKwic } from '../../../contracts/comments.ts';
import type { AttachmentCounts } from '../../../contracts/attachment-counts.ts';
import type { CommentList, CurrentUser, Report, DailyCounts } from './report-shape.ts';

/** The session ended or never began: the page sends the analyst to /login. */
export class NotLoggedInError extends Error {
  override name = 'NotLoggedInError';
}

/** Any other failed call, with the server's own message when it sent one. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  if (response.status === 401) throw new NotLoggedInError(`GET ${path} needs a login`);
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new ApiCallError(response.status, body?.error?.message ?? `GET ${path} answered HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

/** Who is logged in; GET /api/auth/me answers `{ user: null }` (or 401) for nobody. */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<CurrentUser> {
  const { user } = await getJson<CurrentUserAnswer>('/api/auth/me', signal);
  if (!user) throw new NotLoggedInError('nobody is logged in');
  return user;
}

export async function logOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
}

/** The definition files the server left out at start-up, and why (admins only). */
export async function fetchBrokenDefinitions(signal?: AbortSignal): Promise<BrokenDefinitionFile[]> {
  return (await getJson<DefinitionProblems>('/api/definition-problems', signal)).definitions;
}

export function fetchSurveys(signal?: AbortSignal): Promise<SurveySummary[]> {
  return getJson<SurveySummary[]>('/api/surveys', signal);
}

export function fetchDefinition(surveyId: string, signal?: AbortSignal): Promise<SurveyDefinitionJson> {
  return getJson<SurveyDefinitionJson>(`/api/surveys/${encodeURIComponent(surveyId)}`, signal);
}

/** An older version a report's responses were given to (the server keeps them for offline kiosks). */
export function fetchDefinitionVersion(surveyId: string, version: number, signal?: AbortSignal): Promise<SurveyDefinitionJson> {
  return getJson<SurveyDefinitionJson>(`/api/surveys/${encodeURIComponent(surveyId)}/versions/${version}`, signal);
}

/**
 * `query` is the filter query string (dashboard-filters.ts), without "?";
 * `by` the question the generation gaps compare (the survey's cohort question when absent);
 * `crosstabBy` a question to break the cross-tabs and means down by besides the report's own breakdowns.
 */
export function reportUrl(surveyId: string, query: string, format: 'json' | 'html' | 'xlsx', options: ReportRequestOptions = {}): string {
  return surveyPath(surveyId, 'report', query, {
    format,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.by ? { by: options.by } : {}),
    ...(options.crosstabBy ? { crosstabBy: options.crosstabBy } : {}),
    ...(options.compare ? { compare: options.compare } : {}),
    ...(options.compare && options.pilot ? { pilot: options.pilot } : {}),
    ...(options.text ? { text: '1' } : {}),
    ...(options.weighted ? { weighted: '1' } : {}),
  });
}

/**
 * `compare` (YYYY-MM-DD) and `pilot` (VARIABLE=v1,v2) add 効果検証 (issue 28); `text` adds 自由記述
 * (issue 27). Only the views that show them ask, so the others stay fast.
 */
export interface ReportRequestOptions {
  locale?: string;
  by?: string;
  crosstabBy?: string;
  compare?: string;
  pilot?: string;
  text?: boolean;
  /** Raked to the survey's margins (issue 30; only when it has them: client/pages/dashboard/weights-api.ts). */
  weighted?: boolean;
}

/**
 * One cross-tab as CSV: `crosstab` is the question (a matrix row as question.row), `by` its breakdown.
 * `crosstabBy` is the one the view's report was asked with, so the CSV's report is the same one
 * (its Holm-adjusted p runs over the same tests).
 */
export function crosstabCsvUrl(surveyId: string, query: string, crosstab: { question: string; row?: string; by: string }, locale: string | undefined, crosstabBy?: string): string {
  return surveyPath(surveyId, 'report', query, {
    format: 'csv',
    ...(locale ? { locale } : {}),
    crosstab: crosstab.row === undefined ? crosstab.question : `${crosstab.question}.${crosstab.row}`,
    by: crosstab.by,
    ...(crosstabBy ? { crosstabBy } : {}),
  });
}

/** `locale` undefined: the survey's primary language (a survey in one language has no other to give). */
export function exportUrl(surveyId: string, query: string, format: 'csv' | 'xlsx', locale: string | undefined): string {
  return surveyPath(surveyId, 'responses', query, { format, ...(locale ? { locale } : {}) });
}

/**
 * `locale`: the report's labels (questions, answers, groups) come in the dashboard's language;
 * undefined for a survey without it, whose labels then come in its own language.
 */
export function fetchReport(surveyId: string, query: string, options: ReportRequestOptions, signal?: AbortSignal): Promise<Report> {
  return getJson<Report>(reportUrl(surveyId, query, 'json', options), signal);
}

export function fetchTimeline(surveyId: string, query: string, by: string, signal?: AbortSignal): Promise<DailyCounts> {
  return getJson<DailyCounts>(surveyPath(surveyId, 'timeline', query, { by }), signal);
}

/** Per signature and file question, how many of the filtered responses attached something, and how many files (issue 22). */
export function fetchAttachmentCounts(surveyId: string, query: string, signal?: AbortSignal): Promise<AttachmentCounts> {
  return getJson<AttachmentCounts>(surveyPath(surveyId, 'attachment-counts', query, {}), signal);
}

/** `limit`: how many of the newest (the server's default 20, at most 100). */
export function fetchComments(surveyId: string, query: string, signal?: AbortSignal, limit?: number): Promise<CommentList> {
  return getJson<CommentList>(surveyPath(surveyId, 'comments', query, limit ? { limit: String(limit) } : {}), signal);
}

/**
 * What the comments are searched by (GET …/comments, server/routes/comments.ts): one comment question, a
 * substring of the masked text, a word as the text analysis extracts it, a code of the survey's coding rules.
 */
export interface CommentSearch {
  question?: string;
  q?: string;
  word?: string;
  code?: string;
}

function commentParams(search: CommentSearch, locale: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['question', 'q', 'word', 'code'] as const) {
    const value = search[key];
    if (value !== undefined && value !== '') params[key] = value;
  }
  if (locale) params.locale = locale;
  return params;
}

/** One page of the matching comments, newest first; `cursor` is the previous page's `nextCursor`. */
export function fetchCommentPage(
  surveyId: string,
  query: string,
  search: CommentSearch,
  page: { limit: number; cursor?: string | null; locale?: string },
  signal?: AbortSignal,
): Promise<CommentList> {
  const params = { ...commentParams(search, page.locale), limit: String(page.limit), ...(page.cursor ? { cursor: page.cursor } : {}) };
  return getJson<CommentList>(surveyPath(surveyId, 'comments', query, params), signal);
}

/** Keyword in context for `word` over every comment matching the search (not a page). */
export function fetchCommentKwic(surveyId: string, query: string, search: CommentSearch, word: string, locale: string | undefined, signal?: AbortSignal): Promise<CommentKwic> {
  return getJson<CommentKwic>(surveyPath(surveyId, 'comments', query, { ...commentParams(search, locale), kwic: word }), signal);
}

/** Every matching comment as a file: the question, the masked text, its codes and the response's segments (never the time). */
export function commentsDownloadUrl(surveyId: string, query: string, search: CommentSearch, format: 'csv' | 'xlsx', locale: string | undefined): string {
  return surveyPath(surveyId, 'comments', query, { ...commentParams(search, locale), format });
}

function surveyPath(surveyId: string, resource: string, filterQuery: string, extra: Record<string, string>): string {
  const params = new URLSearchParams(filterQuery);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const query = params.toString();
  return `/api/surveys/${encodeURIComponent(surveyId)}/${resource}${query ? `?${query}` : ''}`;
}
