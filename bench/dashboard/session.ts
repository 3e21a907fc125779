/**
 * An analyst's session on the dashboard, replayed over HTTP: each step is one view of the dashboard and makes the
 * calls the page makes for it (client/pages/dashboard/use-dashboard-data.ts, dashboard-api.ts, crosstab-view.tsx,
 * text/comment-browser.tsx), in parallel where the page makes them in parallel.
 *
 * Per survey and round:
 *  1. open       the survey, no filter: report (locale, by = the generation-gap question) + timeline + comments
 *  2. filter 1   the ward (a survey without one: the channel) → the same three calls
 *  3. filter 2   plus an age band (or the survey's cohort question) → the same three calls
 *  4. period     plus from/to, three months of the year of fieldwork → the same three calls
 *  5. crosstab 1 the cross-tab view broken down by a question that is not one of the report's own breakdowns:
 *                report with crosstabBy + comments (the timeline does not depend on it)
 *  6. crosstab 2 the same by another question
 *  7. questions  the question view: switching to it makes no call (it is drawn from the report already loaded),
 *                so it is measured as the view opened from a link (…?view=questions): report + timeline + comments
 *  8. comments   the 自由記述 view's comment browser: the first page of 20 comments of the comment question, then
 *                the next page (its cursor); with `text`, also the report with text=1 beside the first page
 *
 * Rounds pick other wards, age bands and periods, so later rounds are not only repeats of cached filters.
 */
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import { listSegmentVariables } from '../../core/definitions/segment-variables.ts';
import { SHIPPED_SURVEY_PROFILES } from '../../analysis/synthesize/shipped-survey-profiles.ts';
import { FIELDWORK_START } from './seed-store.ts';

export const CALL_KINDS = ['report', 'report crosstabBy', 'timeline', 'comments', 'comments page', 'comments next page'] as const;
export type CallKind = (typeof CALL_KINDS)[number] | 'report text';
export const VIEW_STEPS = ['open', 'filter 1', 'filter 2', 'period', 'crosstab 1', 'crosstab 2', 'questions', 'comments'] as const;
export type ViewStep = (typeof VIEW_STEPS)[number];
/** The views "after a filter change" the issue's target is about: report + timeline + comments for new filters. */
export const FILTER_CHANGE_STEPS: readonly ViewStep[] = ['filter 1', 'filter 2', 'period'];

export interface CallRecord {
  survey: string;
  round: number;
  step: ViewStep;
  kind: CallKind;
  url: string;
  status: number;
  ms: number;
  bytes: number;
  /** The server's message, for an answer other than 200. */
  error?: string;
}

export interface ViewRecord {
  survey: string;
  round: number;
  step: ViewStep;
  /** Wall time of the view's calls made together, as the page makes them. */
  ms: number;
  query: string;
}

export interface SurveyPlan {
  id: string;
  /** The question the generation gaps compare (`by`), as the dashboard picks it. */
  compareBy?: string;
  filter1: { name: string; values: string[] };
  filter2: { name: string; values: string[] };
  commentQuestion?: string;
}

/** What the dashboard would offer for this definition (client/pages/dashboard/dashboard-page.tsx). */
export function planFor(definition: SurveyDefinition): SurveyPlan {
  const segments = listSegmentVariables(definition).filter((segment) => segment.choices.length > 0);
  const values = (name: string) => segments.find((segment) => segment.name === name)!.choices.map((choice) => choice.value);
  const compareBy = (segments.find((segment) => segment.role === 'cohort') ?? segments.find((segment) => segment.name === 'ageBand'))?.name;
  const channel = SHIPPED_SURVEY_PROFILES[definition.id]?.channel ?? 'online';
  const filter1 = segments.some((segment) => segment.name === 'ward')
    ? { name: 'ward', values: values('ward') }
    : { name: 'channel', values: [channel] }; // the synthesizer gives a survey one channel: the other would select nobody
  const second = segments.find((segment) => segment.name === 'ageBand') ?? segments.find((segment) => segment.role === 'cohort') ?? segments.find((segment) => segment.name !== filter1.name);
  if (!second) throw new Error(`survey ${definition.id} has no segment to filter by besides ${filter1.name}`);
  const commentQuestion = listQuestions(definition.json).find((question) => question.analysis?.role === 'comment')?.name;
  return { id: definition.id, compareBy, filter1, filter2: { name: second.name, values: values(second.name) }, commentQuestion };
}

/** Three months of the year of fieldwork, moved by two months each round: YYYY-MM-DD days, both inclusive. */
export function periodOf(round: number): { from: string; to: string } {
  const [year, month] = FIELDWORK_START.split('-').map(Number);
  const offset = (round * 2) % 10;
  const first = new Date(Date.UTC(year, month - 1 + offset, 1));
  const last = new Date(Date.UTC(year, month - 1 + offset + 3, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

export interface SessionOptions {
  baseUrl: string;
  token: string;
  plans: SurveyPlan[];
  rounds: number;
  locale: string;
  /** Also ask for the 自由記述 report (text=1) in the comments view. */
  text: boolean;
  log: (line: string) => void;
}

export interface SessionResult {
  calls: CallRecord[];
  views: ViewRecord[];
  /** Answers that disagree with each other (wrong data rather than slow data). */
  checks: string[];
  /** Responses the last open view (no filter) analysed, per survey: every one the table holds. */
  opened: Record<string, number>;
}

export async function replaySession(options: SessionOptions): Promise<SessionResult> {
  const calls: CallRecord[] = [];
  const views: ViewRecord[] = [];
  const checks: string[] = [];
  const opened: Record<string, number> = {};
  for (let round = 1; round <= options.rounds; round++) {
    for (const plan of options.plans) await replayRound(options, plan, round, calls, views, checks, opened);
    const done = views.filter((view) => view.round === round);
    options.log(`  round ${round}/${options.rounds}: ${done.length} views, slowest ${Math.max(...done.map((view) => view.ms)).toFixed(0)} ms`);
  }
  return { calls, views, checks, opened };
}

async function replayRound(options: SessionOptions, plan: SurveyPlan, round: number, calls: CallRecord[], views: ViewRecord[], checks: string[], openedResponses: Record<string, number>): Promise<void> {
  const { baseUrl, token, locale } = options;
  const survey = plan.id;
  const get = async (step: ViewStep, kind: CallKind, path: string): Promise<unknown> => {
    const url = `${baseUrl}${path}`;
    const started = performance.now();
    let status = 0;
    let text = '';
    let error: string | undefined;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
      status = response.status;
      text = await response.text();
    } catch (failure) {
      error = (failure as Error).message;
    }
    const ms = performance.now() - started;
    let body: unknown;
    if (status === 200) {
      try {
        body = JSON.parse(text);
      } catch {
        error = `not JSON: ${text.slice(0, 200)}`;
      }
    } else if (error === undefined) {
      try {
        error = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text.slice(0, 300);
      } catch {
        error = text.slice(0, 300);
      }
    }
    calls.push({ survey, round, step, kind, url: path, status, ms, bytes: Buffer.byteLength(text), ...(error !== undefined ? { error } : {}) });
    return status === 200 ? body : undefined;
  };
  const view = async <T>(step: ViewStep, query: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    views.push({ survey, round, step, ms: performance.now() - started, query });
    return result;
  };
  const path = (resource: string, query: string, extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams(query);
    for (const [name, value] of Object.entries(extra)) if (value !== undefined) params.set(name, value);
    const search = params.toString();
    return `/api/surveys/${encodeURIComponent(survey)}/${resource}${search ? `?${search}` : ''}`;
  };
  const reportPath = (query: string, extra: Record<string, string | undefined> = {}) =>
    path('report', query, { format: 'json', locale, by: plan.compareBy, ...extra });
  const filterView = (step: ViewStep, query: string) =>
    view(step, query, async () => {
      const [report, timeline, comments] = (await Promise.all([
        get(step, 'report', reportPath(query)),
        get(step, 'timeline', path('timeline', query, { by: 'channel' })),
        get(step, 'comments', path('comments', query, {})),
      ])) as [ReportShape | undefined, { total?: number; suppressed?: unknown[] } | undefined, { total?: number } | undefined];
      if (report && timeline && timeline.total !== 0 && report.responses !== timeline.total) {
        checks.push(`${survey} ${step} (${query || 'no filter'}): the report analyses ${report.responses} responses, the timeline shows ${timeline.total}`);
      }
      if (report && comments && typeof comments.total === 'number' && comments.total > report.responses) {
        checks.push(`${survey} ${step} (${query || 'no filter'}): ${comments.total} comments for ${report.responses} responses`);
      }
      return report;
    });

  // 1. open
  const opened = await filterView('open', '');
  if (opened) openedResponses[survey] = opened.responses;
  // 2–4. filters
  const pick = (values: string[], step: number) => values[(round * step) % values.length];
  const first = new URLSearchParams({ [plan.filter1.name]: pick(plan.filter1.values, 3) });
  await filterView('filter 1', sorted(first));
  const second = new URLSearchParams(first);
  second.set(plan.filter2.name, pick(plan.filter2.values, 2));
  await filterView('filter 2', sorted(second));
  const withPeriod = new URLSearchParams(second);
  const { from, to } = periodOf(round - 1);
  withPeriod.set('from', from);
  withPeriod.set('to', to);
  const query = sorted(withPeriod);
  const filtered = await filterView('period', query);
  // 5–6. cross-tabs by questions the report does not break down by already (a call each). Taken from the report
  // without filters: a small filtered group's report may hide the summaries the choice is read from.
  const candidates = crosstabChoices(opened ?? filtered, plan.compareBy);
  for (const [index, step] of (['crosstab 1', 'crosstab 2'] as const).entries()) {
    const crosstabBy = index === 0 || candidates.length < 2 ? candidates[0] : candidates[1 + ((round - 1) % (candidates.length - 1))];
    if (crosstabBy === undefined) {
      checks.push(`${survey}: no question to open a cross-tab by`);
      continue;
    }
    await view(step, `${query}&crosstabBy=${crosstabBy}`, () =>
      Promise.all([get(step, 'report crosstabBy', reportPath(query, { crosstabBy })), get(step, 'comments', path('comments', query, {}))]),
    );
  }
  // 7. the question view, opened from a link
  await filterView('questions', query);
  // 8. the comment browser
  await view('comments', query, async () => {
    const [page] = (await Promise.all([
      get('comments', 'comments page', path('comments', query, { question: plan.commentQuestion, locale, limit: '20' })),
      ...(options.text ? [get('comments', 'report text', path('report', query, { format: 'json', locale, text: '1' }))] : []),
    ])) as [{ nextCursor?: string | null } | undefined];
    if (page?.nextCursor) {
      await get('comments', 'comments next page', path('comments', query, { question: plan.commentQuestion, locale, limit: '20', cursor: page.nextCursor }));
    }
  });
}

/** The filters in the dashboard's order (dashboard-filters.ts: from, to, channel, then segments by name). */
function sorted(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const name of ['from', 'to', 'channel']) if (params.has(name)) out.set(name, params.get(name)!);
  for (const name of [...params.keys()].filter((key) => !['from', 'to', 'channel'].includes(key)).sort()) out.set(name, params.get(name)!);
  return out.toString();
}

interface ReportShape {
  responses: number;
  breakdowns?: Array<{ by: string; source: string }>;
  summaries?: Array<{ question: string; type: string; items?: unknown[]; column?: unknown; notSummarised?: unknown }>;
}

/**
 * What to open cross-tabs by: first the single-answer questions that are not the report's own breakdowns (as
 * crosstab-view.tsx's breakdownOptions offers them; picking one makes the page ask for the report with crosstabBy),
 * then the report's own breakdowns but the compared one. ward-office-exit and the outside-style survey offer only
 * one of the first kind (couldBeOnline, overall), so ward-office-exit's second cross-tab asks for one of its own
 * breakdowns (the page would draw that one from the report it has, but a link or an API caller may ask for it, and
 * it is a second report with crosstabBy to time); the outside-style survey has no other, so it asks the first again.
 */
function crosstabChoices(report: ReportShape | undefined, compareBy: string | undefined): string[] {
  if (!report) return [];
  const own = (report.breakdowns ?? []).filter((breakdown) => breakdown.source !== 'option').map((breakdown) => breakdown.by);
  const other = (report.summaries ?? [])
    .filter((summary) => summary.items !== undefined && summary.column === undefined && summary.notSummarised === undefined && !['checkbox', 'tagbox', 'ranking'].includes(summary.type))
    .map((summary) => summary.question)
    .filter((question) => !own.includes(question));
  return [...other, ...own.filter((by) => by !== compareBy)];
}
