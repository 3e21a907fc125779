/**
 * The responses of a survey, one router for the resource:
 * - POST /api/surveys/:id/responses: the strict collection endpoint
 *   (docs/architecture.md, "A response's path"). Checks run from cheapest to
 *   dearest and nothing is stored unless all pass.
 * - GET /api/surveys/:id/responses?format=csv|xlsx|jsonl|codebook: the analysts'
 *   export (the access policy requires the analyst role), with the filters of
 *   server/live-table/response-filter.ts (test answers only with `includeTest=1`, then with a `test` column);
 *   `&table=<question>` gives a dynamic question's long table as CSV
 *   (server/export/build-long-tables.ts). Free text is masked unless an admin asks
 *   for `personalData=include`, which is recorded in the audit log first
 *   (docs/decisions/0093-personal-data-masked-exports-and-audit.md).
 * - GET /api/surveys/:id/responses/attachments: the signatures and attached files of the same responses as a
 *   zip, at the paths the export's cells name (admins only, audited; docs/decisions/0101-attachments-inside-the-record.md).
 */
import type { LiveTables } from '../live-table/live-tables.ts';
import express, { Router, type RequestHandler } from 'express';
import { submissionSchema, type ApiErrorDetail, type SubmissionAccepted } from '../../contracts/submission.ts';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { ResponseStore } from '../store/response-store.ts';
import { validateResponse } from '../validation/validate-response.ts';
import { attachmentBodyAllowance } from '../validation/attachment-rules.ts';
import { hiddenChainClearerFor } from '../validation/clear-hidden-chains.ts';
import { capDetails, countProblems, MAX_DETAILS } from '../validation/cap-details.ts';
import { cutText, formatCount, quoteValue } from '../validation/quote-value.ts';
import { checkSubmissionTimes } from '../validation/check-submission-times.ts';
import { findUnsafeJson } from '../find-unsafe-json.ts';
import { HttpError } from '../http-error.ts';
import { filteredRecords } from '../live-table/response-filter.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFileName, findLongTable, isExportFormat, UnknownTableError, withExportedTimes, writeExport } from '../export/write-export.ts';
import { attachmentQuestions } from '../export/attachment-files.ts';
import { attachmentsZipChunks } from '../export/write-attachments-zip.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { allVersions, findSurvey, findSurveyVersion } from './surveys.ts';
import { chooseLocale, chooseMode, parseFilter } from './survey-query.ts';
import type { SubmissionAdmission } from '../enrollment/admit-submission.ts';
import { roleSatisfies } from '../auth/auth-store.ts';
import { principalOf, roleOf, viewOf } from '../auth/principal.ts';
import { appendAuditEntry } from '../audit/audit-log.ts';
import { currentMarkings } from './test-markings.ts';
import type { TestMarkingsLog } from '../test-markings/test-markings-log.ts';

export interface ResponsesRouterOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
  /** body-parser limit, e.g. "256kb"; larger bodies get 413. */
  bodyLimit: string | number;
  /** Enrolled kiosks and invitation codes (server/enrollment/admit-submission.ts). */
  admission: SubmissionAdmission;
  /** The audit log file (DATA_DIR/audit.jsonl); without one, exports with personal data are refused. */
  auditLogPath?: string;
  /** Nudged after each stored response (server/live-table/live-tables.ts). */
  liveTables?: LiveTables | null;
  /** DATA_DIR/test-markings.jsonl (issue 30): responses marked as test data are left out with the meta.test ones. */
  testMarkings?: TestMarkingsLog | null;
}

export function responsesRouter({ store, definitions, bodyLimit, admission, auditLogPath, liveTables = null, testMarkings = null }: ResponsesRouterOptions): Router {
  // mergeParams: the survey id is in the parent path /api/surveys/:id/responses.
  const router = Router({ mergeParams: true });

  router.post('/', admission.limitSender, requireJsonContentType, submissionBodyParser(definitions, bodyLimit), async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    findSurvey(definitions, surveyId); // an unknown survey is 404 whatever the body says

    const parsed = submissionSchema.safeParse(req.body);
    if (!parsed.success) {
      throw invalidResponse(bodyDetails(parsed.error.issues, req.body));
    }
    // zod drops "__proto__" keys from records silently; refuse them instead, and over-deep nesting.
    const unsafe = findUnsafeJson((req.body as { data: unknown }).data);
    if (unsafe.length > 0) throw invalidResponse(unsafe);

    const times = checkSubmissionTimes(parsed.data, Date.now()); // the store's clock for receivedAt
    if (times.length > 0) throw invalidResponse(times);
    const definition = findSurveyVersion(definitions, surveyId, parsed.data.surveyVersion);
    // What survey-core's completion leaves behind in a chain of conditions is cleared, as survey-core
    // would have cleared it had it gone on until nothing changed (ADR 0024); the names, never the answers, are logged.
    const { data, cleared } = hiddenChainClearerFor(definition)(parsed.data.data);
    if (cleared.length > 0) console.warn(`survey server: ${surveyId} v${definition.version}: cleared answers left in a chain of hidden questions: ${cleared.join(', ')}`);
    const submission = cleared.length > 0 ? { ...parsed.data, data } : parsed.data;
    const problems = validateResponse(definition, submission);
    if (problems.length > 0) throw invalidResponse(problems);

    // Last, once the response is known to be valid: an enrolled kiosk's limit and an invitation code are spent only on
    // one, and given back if it cannot be stored. The kiosk id and ward are the enrolled kiosk's, or none.
    const result = await admission.admit(req, res, definition, submission, ({ channel, meta }) =>
      store.insert({
        surveyId, // from the URL, never from the body
        surveyVersion: submission.surveyVersion,
        submissionId: submission.submissionId,
        channel,
        meta,
        startedAt: submission.startedAt,
        completedAt: submission.completedAt,
        data: submission.data,
      }),
    );
    if (result.conflict) {
      // Answering "duplicate" would tell the client its response is safe while it is dropped.
      throw new HttpError(
        409,
        'submission_conflict',
        `submissionId ${submission.submissionId} is already used by a different response; nothing was stored (a new response needs a new submissionId)`,
      );
    }
    // After the commit, and without waiting: the live tables read the new row from the store soon (issue 23).
    if (!result.duplicate) liveTables?.notify();
    const body: SubmissionAccepted = { id: result.id, duplicate: result.duplicate };
    res.status(result.duplicate ? 200 : 201).json(body);
  });

  // The signatures and attached files of the responses an export with the same filters has (issue 22, ADR 0101),
  // as one zip whose paths are the export's cells. Personal data: admins only, recorded in the audit log first.
  router.get('/attachments', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const current = findSurvey(definitions, surveyId);
    const versions = allVersions(definitions, surveyId);
    const questions = attachmentQuestions(versions);
    if (questions.size === 0) throw new HttpError(404, 'no_attachments', `survey ${JSON.stringify(surveyId)} has no signaturepad or file question`);
    const query = req.query as Record<string, unknown>;
    const filter = parseFilter(query, current, await currentMarkings(testMarkings, surveyId));
    await authorisePersonalData(req, 'include', auditLogPath, { surveyId, format: 'attachments', filter: query });
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${surveyId}-attachments.zip"`);
    res.setHeader('Cache-Control', 'no-store');
    const records = withExportedTimes(versions, filteredRecords((q) => store.list(q), surveyId, filter, current));
    try {
      await pipeline(Readable.from(attachmentsZipChunks(records, questions)), res);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      throw error;
    }
  });

  router.get('/', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const current = findSurvey(definitions, surveyId);
    const { personalData, table, ...query } = req.query as Record<string, unknown>;
    const format = query.format ?? 'csv';
    if (!isExportFormat(format)) {
      throw new HttpError(400, 'invalid_format', `format must be one of ${EXPORT_FORMATS.join(', ')}; got ${JSON.stringify(format)}`);
    }
    const locale = chooseLocale(query.locale, current);
    const mode = chooseMode(query);
    const filter = parseFilter(query, current, await currentMarkings(testMarkings, surveyId));
    const versions = allVersions(definitions, surveyId);
    checkTable(table, format, versions, { locale, mode });
    const included = await authorisePersonalData(req, personalData, auditLogPath, { surveyId, format, filter: query });

    res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(surveyId, format, table as string | undefined)}"`);
    // Personal data: no cache may keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    try {
      await writeExport(res, {
        format,
        locale,
        mode,
        versions,
        // A function: XLSX reads the records again for each long-table sheet.
        records: () => filteredRecords((q) => store.list(q), surveyId, filter, current),
        table: table as string | undefined,
        personalData: included ? 'included' : 'masked',
        // With test answers (includeTest=1, issue 30), a column says which rows they are.
        includeTest: filter.includeTest === true,
        marked: filter.marked,
      });
    } catch (error) {
      // A cancelled download is not a server error: the export stopped reading the store, nothing to report.
      // (pipeline and writeXlsx both report it as ERR_STREAM_PREMATURE_CLOSE; a store failure keeps its own error.)
      if ((error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      throw error;
    }
  });

  return router;
}

/** `?table=<question>`: one long table (server/export/build-long-tables.ts) as CSV; refused before any header is sent. */
function checkTable(table: unknown, format: string, versions: Parameters<typeof findLongTable>[0], options: Parameters<typeof findLongTable>[1]): void {
  if (table === undefined) return;
  if (typeof table !== 'string') throw new HttpError(400, 'invalid_table', `table must be one question name; got ${JSON.stringify(table)}`);
  if (format !== 'csv') throw new HttpError(400, 'invalid_table', `table is for format=csv; format=${format} ${format === 'xlsx' ? 'has a sheet per long table already' : 'has no tables'}`);
  try {
    findLongTable(versions, options, table);
  } catch (error) {
    if (error instanceof UnknownTableError) throw new HttpError(400, 'invalid_table', error.message);
    throw error;
  }
}

/**
 * `?personalData=include`: admins only, and recorded before anything is sent; the
 * access policy's analyst row lets analysts reach the route, this refuses them the original.
 */
async function authorisePersonalData(
  req: express.Request,
  value: unknown,
  auditLogPath: string | undefined,
  what: { surveyId: string; format: string; filter: Record<string, unknown> },
): Promise<boolean> {
  if (value === undefined) return false;
  if (value !== 'include') throw new HttpError(400, 'invalid_personal_data', `personalData must be "include" (or left out for masked free text); got ${JSON.stringify(value)}`);
  const principal = principalOf(req);
  if (!principal || !roleSatisfies(roleOf(principal), 'admin')) {
    throw new HttpError(403, 'forbidden', `personalData=include needs the admin role; you are ${principal ? roleOf(principal) : 'anonymous'}`);
  }
  if (!auditLogPath) throw new HttpError(503, 'audit_unavailable', 'Exports with personal data are off: this server has no audit log configured');
  const { name, via } = viewOf(principal);
  const { format: _format, ...filter } = what.filter;
  await appendAuditEntry(auditLogPath, { action: 'export-personal-data', at: new Date().toISOString(), who: name, via, surveyId: what.surveyId, format: what.format, filter });
  return true;
}

/** JSON only: anything else (forms, text, no body) is 415 rather than an empty body parsed as "no answers". */
const requireJsonContentType: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    const sent = req.get('content-type');
    throw new HttpError(415, 'unsupported_media_type', `Send the response as application/json; got ${sent === undefined ? 'no Content-Type' : JSON.stringify(sent)}`);
  }
  next();
};

function invalidResponse(details: ApiErrorDetail[]): HttpError {
  const total = countProblems(details);
  const count = total === 1 ? '1 problem' : `${formatCount(total)} problems`;
  return new HttpError(422, 'invalid_response', `The response is not valid (${count}): ${details[0].question}: ${details[0].message}`, details);
}

type ZodIssue = import('zod').core.$ZodIssue;

/**
 * The body's problems, capped like the validator's: 25,000 unknown fields are a hundred details and a
 * count, each field name cut short, built without a detail per field beyond the cap.
 */
function bodyDetails(issues: ZodIssue[], body: unknown): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  let uncounted = 0;
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const room = Math.max(0, MAX_DETAILS + 1 - details.length);
      for (const key of issue.keys.slice(0, room)) {
        details.push({ question: [...issue.path.map(String), cutText(key, 40)].join('.'), message: `unknown field ${quoteValue(key)}` });
      }
      uncounted += Math.max(0, issue.keys.length - room);
    } else if (details.length <= MAX_DETAILS) {
      details.push(...toDetails(issue, body));
    } else {
      uncounted += 1;
    }
  }
  return capDetails(details, uncounted);
}

/** One detail per zod issue, naming the field by its dotted path and quoting the bad value. */
function toDetails(issue: ZodIssue, body: unknown): ApiErrorDetail[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ question: [...path, key].join('.'), message: `unknown field ${JSON.stringify(key)}` }));
  }
  const value = valueAt(body, path);
  const quoted = value === undefined || issue.message.includes('got ') ? '' : ` (got ${quote(value)})`;
  return [{ question: path.length > 0 ? path.join('.') : '(body)', message: issue.message + quoted }];
}

function valueAt(root: unknown, path: string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** JSON of a bad value, cut short so a huge one cannot bloat the answer. */
function quote(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch (error) {
    // A hostile body nests thousands of levels deep in a field zod rejects (e.g. "meta"):
    // JSON.stringify overflows the stack. Say so rather than answer 500.
    if (error instanceof RangeError) return 'a value nested too deeply to show';
    throw error;
  }
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/**
 * The JSON body parser of a submission, its limit chosen per survey: BODY_LIMIT, plus what the survey's
 * signatures and attached files may take (attachment-rules.ts; none for a survey without them), so only
 * surveys that take files receive large bodies. An unknown survey is 404 before its body is read.
 */
function submissionBodyParser(definitions: DefinitionCatalog, bodyLimit: string | number): RequestHandler {
  const base = bodyLimitBytes(bodyLimit);
  const parsers = new Map<number, RequestHandler>();
  return (req, res, next) => {
    const surveyId = (req.params as { id: string }).id;
    findSurvey(definitions, surveyId);
    const limit = base + Math.max(...allVersions(definitions, surveyId).map(attachmentBodyAllowance));
    let parser = parsers.get(limit);
    if (parser === undefined) parsers.set(limit, (parser = express.json({ limit })));
    parser(req, res, next);
  };
}

/** "256kb" → 262144 (the forms server/env.ts allows: b, kb, mb, 1024-based as body-parser reads them). */
function bodyLimitBytes(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit.trim());
  if (!match) throw new Error(`body limit ${JSON.stringify(limit)} is not a size such as 256kb`);
  return Number(match[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2].toLowerCase() as 'b' | 'kb' | 'mb'];
}
