/**
 * GET /api/surveys/:id/report?format=json|html[&by=…&minGroupSize=…&seed=…]: the
 * analysis library's report of the collected responses (the access policy
 * requires the analyst role), with the filters of server/export/response-filter.ts.
 * The responses themselves (collection and export) are server/routes/responses.ts.
 */
import { Router } from 'express';
import type { ReportOptions } from '../../analysis/report/build-report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { renderHtml } from '../../analysis/render/render-html.ts';
import { buildReportFromRecords } from '../report/build-report-from-records.ts';
import { readReportAssets } from '../report/report-assets.ts';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import type { ResponseStore } from '../store/response-store.ts';
import { filteredRecords } from '../export/response-filter.ts';
import { HttpError } from '../http-error.ts';
import { allVersions, findSurvey } from './surveys.ts';
import { chooseLocale, parseFilter } from './survey-query.ts';

export interface ReportRouterOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
}

export function reportRouter({ store, definitions }: ReportRouterOptions): Router {
  // Mounted at /api/surveys/:id.
  const router = Router({ mergeParams: true });

  router.get('/report', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const current = findSurvey(definitions, surveyId);
    const query = req.query as Record<string, unknown>;
    const format = query.format ?? 'json';
    if (format !== 'json' && format !== 'html') throw new HttpError(400, 'invalid_format', `format must be json or html; got ${JSON.stringify(format)}`);
    const locale = chooseLocale(query.locale, current);
    const options = reportOptions(query, current);
    const filter = parseFilter(withoutKeys(query, REPORT_OPTION_KEYS), current);
    const versions = allVersions(definitions, surveyId).reverse(); // the library wants them ascending

    let report;
    try {
      report = await buildReportFromRecords(versions, filteredRecords((q) => store.list(q), surveyId, filter, current), options);
    } catch (error) {
      if (error instanceof ReportInputError) throw new HttpError(400, 'invalid_report_request', error.message);
      throw error;
    }
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') {
      res.json(report);
      return;
    }
    // A download, never rendered under this origin: the report inlines its own script (Chart.js),
    // which this site's CSP rightly forbids.
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${surveyId}-report.html"`);
    res.send(renderHtml(report, versions, { locale, ...(await readReportAssets()) }));
  });

  return router;
}

/** Query keys of the report that are options, not filters. */
const REPORT_OPTION_KEYS = ['by', 'minGroupSize', 'seed'];

function withoutKeys(query: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => !keys.includes(key)));
}

/**
 * `by` (a question or meta variable to compare groups by), `seed`, and
 * `minGroupSize`, which may only be raised: no request may show groups smaller
 * than the survey allows (issue 5: no one singled out by a small group).
 */
function reportOptions(query: Record<string, unknown>, definition: SurveyDefinition): ReportOptions {
  const options: ReportOptions = {};
  if (query.by !== undefined) {
    if (typeof query.by !== 'string') throw new HttpError(400, 'invalid_report_request', 'give by once');
    options.by = query.by;
  }
  const whole = (name: string, value: unknown): number => {
    if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) throw new HttpError(400, 'invalid_report_request', `${name} must be a whole number; got ${JSON.stringify(value)}`);
    return Number(value);
  };
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
