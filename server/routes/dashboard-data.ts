/**
 * Two reads the dashboard needs besides the report (analyst role, like every
 * read of responses; rows in server/auth/access-policy.ts):
 *
 *   GET /api/surveys/:id/timeline?by=channel|<segment>&<filters>
 *     responses per Japan-time day, split by channel or by a segment such as
 *     the ward, with small series hidden (analysis/timeline/count-responses-by-day.ts);
 *     over the span of the data only, and per week or per month when days would
 *     be too many to read (the rule is the analysis library's, chooseInterval);
 *   GET /api/surveys/:id/comments?limit=20&<filters>
 *     the newest free-text answers with personal data masked
 *     (analysis/text/mask-personal-data.ts; the dashboard shows them as
 *     text, never as HTML), without when they came: a day or a time, next to
 *     the timeline's daily counts, could point at the one person who answered
 *     then. Like the report's comment samples, none are shown when fewer than
 *     the survey's minGroupSize respondents are selected or wrote one.
 *
 * Filters are the exports' (server/live-table/response-filter.ts). Counting is the
 * analysis library's; this file only streams records from the store into it.
 */
import { Router } from 'express';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { createDayCounter } from '../../analysis/timeline/count-responses-by-day.ts';
import type { CommentList } from '../../contracts/comments.ts';
import { toLocale } from '../../core/i18n/locale.ts';
import { maskText } from '../../analysis/text/mask-personal-data.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { DailyCounts } from '../../contracts/timeline.ts';
import { filteredRecords, segmentVariables } from '../live-table/response-filter.ts';
import { HttpError } from '../http-error.ts';
import type { ResponseStore } from '../store/response-store.ts';
import { findSurvey } from './surveys.ts';
import { parseFilter } from './survey-query.ts';

export interface DashboardDataRouterOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
}

const DEFAULT_COMMENT_LIMIT = 20;
const MAX_COMMENT_LIMIT = 100;

export function dashboardDataRouter({ store, definitions }: DashboardDataRouterOptions): Router {
  // Mounted at /api/surveys/:id.
  const router = Router({ mergeParams: true });

  router.get('/timeline', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const definition = findSurvey(definitions, surveyId);
    const { by = 'channel', ...query } = req.query as Record<string, unknown>;
    const readSeries = seriesReader(by, definition);
    const counter = createDayCounter(by as string, definition.minGroupSize);
    for await (const record of filteredRecords((q) => store.list(q), surveyId, parseFilter(query, definition), definition)) {
      counter.add(record.receivedAt, readSeries(record));
    }
    res.setHeader('Cache-Control', 'no-store');
    const body: DailyCounts = counter.finish();
    res.json(body);
  });

  router.get('/comments', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const definition = findSurvey(definitions, surveyId);
    const { limit: rawLimit, ...query } = req.query as Record<string, unknown>;
    const limit = parseLimit(rawLimit);
    const commentQuestions = listQuestions(definition.json)
      .filter((question) => question.analysis?.role === 'comment' && question.scope === undefined)
      .map((question) => question.name);

    let responses = 0;
    let total = 0;
    // The newest `limit` comments: a ring of the last ones seen, as records arrive oldest first.
    const newest: Array<{ question: string; text: string }> = [];
    for await (const record of filteredRecords((q) => store.list(q), surveyId, parseFilter(query, definition), definition)) {
      responses += 1;
      for (const question of commentQuestions) {
        const text = record.data[question];
        if (typeof text !== 'string' || text.trim() === '') continue;
        total += 1;
        newest.push({ question, text });
        if (newest.length > limit) newest.shift();
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    const { minGroupSize } = definition;
    if (total > 0 && (responses < minGroupSize || total < minGroupSize)) {
      // A handful of respondents' own words, singled out by the filters, is exactly what suppression is for.
      const reason = responses < minGroupSize ? `the selection has fewer than ${minGroupSize} responses` : `fewer than ${minGroupSize} respondents wrote one`;
      // Under the minimum group size: the small-group rule, as in the report (contracts/report.ts).
      const body: CommentList = { total: 0, comments: [], suppressed: [{ where: 'comments', reason, rule: 'small' }] };
      res.json(body);
      return;
    }
    // Masked only now, for the at most `limit` comments that leave; placeholders in the survey's primary language.
    const locale = toLocale(definition.languages[0]);
    const comments = newest.reverse().map(({ question, text }) => ({ question, text: maskText(text, locale) }));
    const body: CommentList = { total, comments, suppressed: [] };
    res.json(body);
  });

  return router;
}

function seriesReader(by: unknown, definition: SurveyDefinition): (record: ResponseRecord) => string | undefined {
  if (by === 'channel') return (record) => record.channel;
  const variable = typeof by === 'string' ? segmentVariables(definition).find((candidate) => candidate.name === by) : undefined;
  if (!variable) {
    const known = ['channel', ...segmentVariables(definition).map((candidate) => candidate.name)].join(', ');
    throw new HttpError(400, 'invalid_by', `by must be one of ${known}; got ${JSON.stringify(by)}`);
  }
  return (record) => {
    const value = variable.read(record);
    return value === undefined || value === null ? undefined : String(value);
  };
}

function parseLimit(raw: unknown): number {
  if (raw === undefined) return DEFAULT_COMMENT_LIMIT;
  const limit = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MAX_COMMENT_LIMIT)) {
    throw new HttpError(400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_COMMENT_LIMIT}; got ${JSON.stringify(raw)}`);
  }
  return limit;
}
