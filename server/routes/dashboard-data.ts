/**
 * A read the dashboard needs besides the report (analyst role, like every
 * read of responses; rows in server/auth/access-policy.ts):
 *
 *   GET /api/surveys/:id/timeline?by=channel|<segment>&<filters>
 *     responses per Japan-time day, split by channel or by a segment such as
 *     the ward, with small series hidden (analysis/timeline/count-responses-by-day.ts);
 *     over the span of the data only, and per week or per month when days would
 *     be too many to read (the rule is the analysis library's, chooseInterval).
 *
 * The comments (paged, searched, downloaded) are server/routes/comments.ts.
 *
 * Filters are the exports' (server/live-table/response-filter.ts). Counting is the
 * analysis library's; this file only streams records from the store into it.
 */
import { Router } from 'express';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { createDayCounter } from '../../analysis/timeline/count-responses-by-day.ts';
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
