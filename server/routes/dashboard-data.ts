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
 *   GET /api/surveys/:id/attachment-counts?<filters>
 *     per signaturepad and file question, how many responses attached something and how many files (issue 22):
 *     counts only, never a file; fewer respondents than the survey's minGroupSize are hidden. 404 no_attachments
 *     for a survey without such questions.
 *
 * The comments (paged, searched, downloaded) are server/routes/comments.ts.
 *
 * Filters are the exports' (server/live-table/response-filter.ts). Counting is the
 * analysis library's, over the live table's view (issue 23), or over records streamed
 * from the store where there is no table (MongoDB) or the filter is not one of its columns.
 */
import { Router } from 'express';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { createDayCounter } from '../../analysis/timeline/count-responses-by-day.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { DailyCounts } from '../../contracts/timeline.ts';
import { filteredRecords, segmentVariables, type ResponseFilter } from '../live-table/response-filter.ts';
import { countTimeline } from '../live-table/count-timeline.ts';
import type { LiveTables } from '../live-table/live-tables.ts';
import { unreadableIn, viewRows } from '../live-table/live-view.ts';
import { HttpError } from '../http-error.ts';
import type { AttachmentCounts } from '../../contracts/attachment-counts.ts';
import { attachmentCountsOfData, countAttachmentRows, createAttachmentTally } from '../live-table/attachment-counts.ts';
import { attachmentQuestions } from '../export/attachment-files.ts';
import type { ResponseStore } from '../store/response-store.ts';
import { allVersions, findSurvey } from './surveys.ts';
import { parseFilter } from './survey-query.ts';
import { currentMarkings } from './test-markings.ts';
import type { TestMarkingsLog } from '../test-markings/test-markings-log.ts';

export interface DashboardDataRouterOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
  /** The live tables (server/live-table/live-tables.ts); none: the timeline reads the store. */
  liveTables?: LiveTables | null;
  /** DATA_DIR/test-markings.jsonl (issue 30): responses marked as test data are left out with the meta.test ones. */
  testMarkings?: TestMarkingsLog | null;
}

export function dashboardDataRouter({ store, definitions, liveTables = null, testMarkings = null }: DashboardDataRouterOptions): Router {
  // Mounted at /api/surveys/:id.
  const router = Router({ mergeParams: true });

  router.get('/timeline', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const definition = findSurvey(definitions, surveyId);
    const { by = 'channel', ...query } = req.query as Record<string, unknown>;
    const readSeries = seriesReader(by, definition);
    const filter = parseFilter(query, definition, await currentMarkings(testMarkings, surveyId));
    res.setHeader('Cache-Control', 'no-store');
    const live = await liveTimeline(surveyId, filter, by as string, definition);
    if (live) {
      res.json(live);
      return;
    }
    const counter = createDayCounter(by as string, definition.minGroupSize);
    for await (const record of filteredRecords((q) => store.list(q), surveyId, filter, definition)) {
      counter.add(record.receivedAt, readSeries(record));
    }
    const body: DailyCounts = counter.finish();
    res.json(body);
  });

  router.get('/attachment-counts', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const definition = findSurvey(definitions, surveyId);
    const questions = [...attachmentQuestions(allVersions(definitions, surveyId).reverse())].map(([name, type]) => ({ name, type }));
    if (questions.length === 0) throw new HttpError(404, 'no_attachments', `survey ${surveyId} has no signaturepad or file question`);
    const filter = parseFilter(req.query as Record<string, unknown>, definition, await currentMarkings(testMarkings, surveyId));
    res.setHeader('Cache-Control', 'no-store');
    const live = await liveTables?.ready(surveyId);
    const rows = live?.attachments ? viewRows(live, filter) : null;
    let body: AttachmentCounts;
    if (live?.attachments && rows) {
      // Records the analysis could not read are counted too, from the record kept aside, as the store path counts them.
      const tally = createAttachmentTally(live.attachments.questions, definition.minGroupSize);
      for (const { record } of unreadableIn(live, filter, definition)) tally.add(attachmentCountsOfData(live.attachments, record.data));
      body = countAttachmentRows(live.attachments, rows, definition.minGroupSize, tally);
    } else {
      // No table (or the filter is not one of its columns): every selected record, streamed; only counts are kept.
      const tally = createAttachmentTally(questions, definition.minGroupSize);
      for await (const record of filteredRecords((q) => store.list(q), surveyId, filter, definition)) tally.add(attachmentCountsOfData({ questions }, record.data));
      body = tally.finish();
    }
    res.json(body);
  });

  /**
   * From the live table (issue 23), or null when there is none or the filter or `by` is not one of its columns.
   * Records the analysis cannot read are counted too, as the store path counts every stored record.
   */
  async function liveTimeline(surveyId: string, filter: ResponseFilter, by: string, definition: SurveyDefinition): Promise<DailyCounts | null> {
    const live = await liveTables?.ready(surveyId);
    const rows = live ? viewRows(live, filter) : null;
    if (!live || !rows) return null;
    const readSeries = seriesReader(by, definition);
    const unreadable = unreadableIn(live, filter, definition)
      .map(({ record }) => ({ receivedAt: Date.parse(record.receivedAt), series: readSeries(record) }))
      .sort((a, b) => a.receivedAt - b.receivedAt);
    return countTimeline(live, rows, by, definition.minGroupSize, unreadable);
  }

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
