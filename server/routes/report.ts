/**
 * GET /api/surveys/:id/report?format=json|html|xlsx[&locale=…&by=…&crosstabBy=…&minGroupSize=…&seed=…]: the
 * analysis library's report of the collected responses (the access policy
 * requires the analyst role), with the filters of server/live-table/response-filter.ts, its labels
 * in `locale` (the dashboard's language). `format=xlsx` is the 集計表 workbook;
 * `format=csv&crosstab=<question>[.<row>]&by=<breakdown>` one cross-tab of it (there `by` picks
 * the cross-tab's breakdown, not the gaps'). `crosstabBy` (repeatable) adds breakdowns to the
 * cross-tabs and means, as `survey-toolkit report --crosstab-by` does: the dashboard asks for one
 * when the analyst breaks a question down by a question that is not one of the report's.
 * `compare=YYYY-MM-DD[&pilot=VARIABLE=v1,v2]` adds 効果検証 (issue 28: the split date in Japan time and the
 * pilot group), as `survey-toolkit report --compare receivedAt:… --pilot …` does; `text=1` adds 自由記述
 * (issue 27: words, network and codes by the survey's coding rules), asked for only by the views that
 * show them, since tokenizing every comment makes the report slower. `weighted=1` (issue 30) rakes every figure to the
 * survey's margins (DATA_DIR/weights/<survey>.csv, server/routes/weights.ts), as `report --weights` does, and the
 * report's `weighting.source` names the file and its SHA-256, which every format's header then shows.
 * The responses themselves (collection and export) are server/routes/responses.ts.
 */
import { Router } from 'express';
import { parsePilotOption } from '../../analysis/effects/mark-pilot.ts';
import { splitInstant } from '../../analysis/effects/split-at-date.ts';
import type { CodingRule } from '../../analysis/text/parse-coding-rules.ts';
import { CodingFileError, readCodingRules } from '../text/read-coding-rules.ts';
import { buildReport, planFor, type ReportOptions } from '../../analysis/report/build-report.ts';
import type { Report } from '../../contracts/report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { renderHtml } from '../../analysis/render/render-html.ts';
import { buildReportFromRecords } from '../report/build-report-from-records.ts';
import { readReportAssets } from '../report/report-assets.ts';
import { findCrosstab, writeCrosstabCsv } from '../report/write-crosstab-csv.ts';
import { writeReportWorkbook } from '../report/write-report-workbook.ts';
import { toLocale } from '../../core/i18n/locale.ts';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import type { ResponseStore } from '../store/response-store.ts';
import { filteredRecords, type ResponseFilter } from '../live-table/response-filter.ts';
import type { LiveTables } from '../live-table/live-tables.ts';
import { liveView, unreadableIn, viewRows } from '../live-table/live-view.ts';
import { createViewCache } from '../live-table/view-cache.ts';
import { HttpError } from '../http-error.ts';
import { allVersions, findSurvey } from './surveys.ts';
import type { SurveyMargins, WeightsFolder } from '../weights/survey-margins.ts';
import { readSurveyMargins } from './weights.ts';
import { chooseLocale, parseFilter } from './survey-query.ts';
import { currentMarkings } from './test-markings.ts';
import type { TestMarkingsLog } from '../test-markings/test-markings-log.ts';

export interface ReportRouterOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
  /**
   * The definitions folder (DEFINITIONS_DIR), where each survey's coding.txt lives. A definition's
   * `source` is relative to it, not to the working directory; without it no coding rules are read.
   */
  definitionsDir?: string;
  /** The live tables (server/live-table/live-tables.ts); none: every report reads the store. */
  liveTables?: LiveTables | null;
  /** Each survey's weighting margins (DATA_DIR/weights, server/weights/survey-margins.ts), for `weighted=1`; none: no survey has any. */
  weights?: WeightsFolder | null;
  /** DATA_DIR/test-markings.jsonl (issue 30): responses marked as test data are left out with the meta.test ones. */
  testMarkings?: TestMarkingsLog | null;
}

export function reportRouter({ store, definitions, definitionsDir, liveTables = null, weights = null, testMarkings = null }: ReportRouterOptions): Router {
  // Mounted at /api/surveys/:id.
  const router = Router({ mergeParams: true });

  router.get('/report', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const current = findSurvey(definitions, surveyId);
    const query = req.query as Record<string, unknown>;
    const format = query.format ?? 'json';
    if (!isReportFormat(format)) throw new HttpError(400, 'invalid_format', `format must be json, html, xlsx or csv; got ${JSON.stringify(format)}`);
    const locale = chooseLocale(query.locale, current);
    const pick = format === 'csv' ? crosstabPick(query) : undefined;
    if (format !== 'csv' && query.crosstab !== undefined) throw new HttpError(400, 'invalid_report_request', 'crosstab is for format=csv');
    // The labels (questions, answers, groups) in the reader's language, as the charts and tables show them.
    // `weighted=1` (issue 30): raked to the survey's margins file, read now so a new upload counts at once.
    const margins = query.weighted === '1' ? await readSurveyMargins(weights, definitions, surveyId) : null;
    const options = { ...reportOptions(pick ? { ...query, by: undefined } : query, current, margins), language: locale };
    const filter = parseFilter(withoutKeys(query, REPORT_OPTION_KEYS), current, await currentMarkings(testMarkings, surveyId));
    const versions = allVersions(definitions, surveyId).reverse(); // the library wants them ascending
    const text = wantsText(query) ? { codingRules: await codingRulesOf(definitionsDir, current) } : null;

    let report;
    try {
      // From the live table when it can (issue 23); 自由記述 needs every comment's text, which only the store keeps.
      const live = text === null ? await liveReport(surveyId, versions, current, filter, options) : null;
      report = live ?? (await buildReportFromRecords(versions, filteredRecords((q) => store.list(q), surveyId, filter, current), options, { text }));
    } catch (error) {
      if (error instanceof ReportInputError) throw new HttpError(400, 'invalid_report_request', error.message);
      throw error;
    }
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') {
      res.json(report);
      return;
    }
    if (format === 'xlsx') {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="${surveyId}-tables.xlsx"`);
      res.send(await writeReportWorkbook(report, toLocale(locale)));
      return;
    }
    if (pick) {
      const crosstab = findCrosstab(report, pick.crosstab, pick.by);
      if (typeof crosstab === 'string') throw new HttpError(400, 'invalid_report_request', crosstab);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${asciiFileName(`${surveyId}-${pick.crosstab}-by-${pick.by}`)}.csv"`);
      res.send(writeCrosstabCsv(report, crosstab, toLocale(locale)));
      return;
    }
    // A download, never rendered under this origin: the report inlines its own script (Chart.js),
    // which this site's CSP rightly forbids.
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${surveyId}-report.html"`);
    res.send(renderHtml(report, versions, { locale, ...(await readReportAssets()) }));
  });

  // The last reports computed, per selection and options: moving between views of one selection is instant.
  const reports = createViewCache<Report>(REPORTS_KEPT);

  /** The report of the live table's view, or null when there is no table or the filter is not one of its columns. */
  async function liveReport(surveyId: string, versions: SurveyDefinition[], current: SurveyDefinition, filter: ResponseFilter, options: ReportOptions): Promise<Report | null> {
    const live = await liveTables?.ready(surveyId);
    if (!live) return null;
    const rows = viewRows(live, filter);
    if (!rows) return null;
    // Cached by what the view selects: a filter that keeps every row (a channel every response came by) selects
    // what no filter does, and is answered with the same report rather than computed again.
    const selection = rows.length === live.table.rowCount ? { everyRow: true, unreadable: unreadableIn(live, filter, current).map(({ record }) => record.id) } : filter;
    return reports.get(live, JSON.stringify([surveyId, selection, options]), async () => {
      const view = await liveView(live, filter, { definition: current, spec: planFor(versions, options).tableSpec, readRecord: (id) => store.get(id) });
      return view && buildReport({ definitions: versions, table: view, options });
    });
  }

  return router;
}

/** Reports kept for views revisited (each a few hundred kilobytes). */
const REPORTS_KEPT = 16;

/** Query keys of the report that are options, not filters. */
const REPORT_OPTION_KEYS = ['by', 'minGroupSize', 'seed', 'crosstab', 'crosstabBy', 'compare', 'pilot', 'text', 'weighted'];

/** `text=1` asks for 自由記述; `0` or absent leaves it out. */
function wantsText(query: Record<string, unknown>): boolean {
  if (query.text === undefined || query.text === '0') return false;
  if (query.text === '1') return true;
  throw new HttpError(400, 'invalid_report_request', `text must be 1 or 0, given once; got ${JSON.stringify(query.text)}`);
}

/**
 * The survey's coding rules (its coding.txt beside the definition file; server/text/read-coding-rules.ts),
 * none when it has no such file. A broken file is the operator's fault, not the request's: 500 naming it.
 */
async function codingRulesOf(definitionsDir: string | undefined, definition: SurveyDefinition): Promise<CodingRule[] | null> {
  if (!definitionsDir) return null;
  try {
    return (await readCodingRules(definitionsDir, definition.id))?.rules ?? null;
  } catch (error) {
    if (error instanceof CodingFileError) throw new HttpError(500, 'broken_coding_rules', error.message);
    throw error;
  }
}

const REPORT_FORMATS = ['json', 'html', 'xlsx', 'csv'] as const;

function isReportFormat(value: unknown): value is (typeof REPORT_FORMATS)[number] {
  return (REPORT_FORMATS as readonly unknown[]).includes(value);
}

/** The cross-tab a CSV download is of: `crosstab` (question, or question.row) and `by`, each given once. */
function crosstabPick(query: Record<string, unknown>): { crosstab: string; by: string } {
  const { crosstab, by } = query;
  if (typeof crosstab !== 'string' || crosstab === '') throw new HttpError(400, 'invalid_report_request', 'format=csv needs crosstab=<question>[.<row>], given once');
  if (typeof by !== 'string' || by === '') throw new HttpError(400, 'invalid_report_request', 'format=csv needs by=<breakdown>, given once');
  return { crosstab, by };
}

/** Names come from definitions; a header is ASCII, so anything else becomes "_". */
function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function withoutKeys(query: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => !keys.includes(key)));
}

/**
 * `by` (a question or meta variable to compare groups by), `crosstabBy`, `seed`, and
 * `minGroupSize`, which may only be raised: no request may show groups smaller
 * than the survey allows (issue 5: no one singled out by a small group).
 */
function reportOptions(query: Record<string, unknown>, definition: SurveyDefinition, margins: SurveyMargins | null): ReportOptions {
  const options: ReportOptions = {};
  // `weighted=1`: raked to the survey's margins, as `survey-toolkit report --weights <file> --drop-incomplete`;
  // a response without a margin variable is left out and counted (weighting.dropped), not a refusal of the view.
  if (query.weighted !== undefined && query.weighted !== '0') {
    if (query.weighted !== '1') throw new HttpError(400, 'invalid_report_request', `weighted must be 1 or 0, given once; got ${JSON.stringify(query.weighted)}`);
    if (!margins) throw new HttpError(400, 'no_weights', `weighted=1: survey ${JSON.stringify(definition.id)} has no weighting margins (an admin uploads them in the dashboard)`);
    Object.assign(options, { weights: margins.margins, weightsSource: margins.source, dropIncomplete: true });
  }
  if (query.by !== undefined) {
    if (typeof query.by !== 'string') throw new HttpError(400, 'invalid_report_request', 'give by once');
    options.by = query.by;
  }
  const whole = (name: string, value: unknown): number => {
    if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) throw new HttpError(400, 'invalid_report_request', `${name} must be a whole number; got ${JSON.stringify(value)}`);
    return Number(value);
  };
  if (query.crosstabBy !== undefined) {
    // Given once or repeated (?crosstabBy=a&crosstabBy=b); the analysis checks each is a single-answer question.
    const names = Array.isArray(query.crosstabBy) ? query.crosstabBy : [query.crosstabBy];
    if (!names.every((name): name is string => typeof name === 'string' && name !== '')) throw new HttpError(400, 'invalid_report_request', 'crosstabBy must name a question');
    options.crosstabBy = [...new Set(names)];
  }
  if (query.pilot !== undefined && query.compare === undefined) {
    throw new HttpError(400, 'invalid_report_request', `pilot ${JSON.stringify(query.pilot)} needs compare=YYYY-MM-DD (the date the pilot started)`);
  }
  if (query.compare !== undefined) {
    if (typeof query.compare !== 'string') throw new HttpError(400, 'invalid_report_request', `give compare=YYYY-MM-DD once; got ${JSON.stringify(query.compare)}`);
    if (query.pilot !== undefined && typeof query.pilot !== 'string') throw new HttpError(400, 'invalid_report_request', `give pilot=VARIABLE=value,… once; got ${JSON.stringify(query.pilot)}`);
    try {
      splitInstant(query.compare);
      options.compare = { date: query.compare, ...(query.pilot !== undefined ? { pilot: parsePilotOption(query.pilot) } : {}) };
    } catch (error) {
      // The analysis' words quote the value: "the pilot group must be VARIABLE=value,… got "ward"".
      if (error instanceof ReportInputError) throw new HttpError(400, 'invalid_report_request', `${/pilot/.test(error.message) ? 'pilot' : 'compare'}: ${error.message}`);
      throw error;
    }
  }
  if (query.seed !== undefined) options.seed = whole('seed', query.seed);
  if (query.minGroupSize !== undefined) {
    const minGroupSize = whole('minGroupSize', query.minGroupSize);
    if (minGroupSize < definition.minGroupSize) {
      throw new HttpError(400, 'invalid_report_request', `minGroupSize may not go below this survey's ${definition.minGroupSize}; got ${minGroupSize}`);
    }
    options.minGroupSize = minGroupSize;
  }
  return options;
}
