/**
 * GET /api/surveys/:id/weights (analysts): the survey's weighting margins, `{file, sha256, margins}`
 * (contracts/weights.ts), or 404 when it has none; the dashboard shows its 「重み付け」 switch only then.
 * PUT /api/surveys/:id/weights (admins): replaces them with an uploaded CSV (the CLI's `--weights` format),
 * checked first against the survey (server/weights/survey-margins.ts): a bad file is 422 with one line naming
 * the uploaded file's line. Each accepted upload is recorded in the audit log (who, the file's SHA-256) before
 * the file is replaced. A weighted report (GET …/report?weighted=1, server/routes/report.ts) reads the same file.
 */
import { createHash } from 'node:crypto';
import express, { Router } from 'express';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { SurveyWeights } from '../../contracts/weights.ts';
import { appendAuditEntry } from '../audit/audit-log.ts';
import { principalOf, viewOf } from '../auth/principal.ts';
import { HttpError } from '../http-error.ts';
import { checkSurveyMargins, MarginsFileError, type SurveyMargins, type WeightsFolder } from '../weights/survey-margins.ts';
import { allVersions, findSurvey } from './surveys.ts';

export interface WeightsRouterOptions {
  definitions: DefinitionCatalog;
  /** DATA_DIR/weights; none: no survey has margins and uploads are refused. */
  weights: WeightsFolder | null;
  /** The audit log (DATA_DIR/audit.jsonl); without one, uploads are refused, as unrecorded changes would be. */
  auditLogPath?: string;
}

/** A margins file is a few lines per ward and age band; a megabyte is far more than any. */
const UPLOAD_LIMIT = '1mb';

export function weightsRouter({ definitions, weights, auditLogPath }: WeightsRouterOptions): Router {
  // Mounted at /api/surveys/:id/weights.
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    findSurvey(definitions, surveyId);
    const margins = await readSurveyMargins(weights, definitions, surveyId);
    if (!margins) {
      throw new HttpError(404, 'no_weights', `Survey ${JSON.stringify(surveyId)} has no weighting margins; an admin uploads them in the dashboard, or the operator places DATA_DIR/weights/${surveyId}.csv`);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(toSurveyWeights(margins));
  });

  router.put('/', express.json({ limit: UPLOAD_LIMIT }), async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    findSurvey(definitions, surveyId);
    if (!weights) throw new HttpError(503, 'weights_unavailable', 'This server keeps no weighting margins (no weights folder is configured)');
    if (!auditLogPath) throw new HttpError(503, 'audit_unavailable', 'Uploading margins is off: this server has no audit log configured');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const unknownKeys = Object.keys(body).filter((key) => key !== 'csv' && key !== 'fileName');
    if (unknownKeys.length > 0) throw new HttpError(422, 'invalid_weights', `Unknown field ${JSON.stringify(unknownKeys[0])}; send {csv, fileName}`);
    if (typeof body.csv !== 'string') throw new HttpError(422, 'invalid_weights', 'Send the margins CSV as the text of "csv"');
    if (body.fileName !== undefined && (typeof body.fileName !== 'string' || body.fileName.length > 200)) {
      throw new HttpError(422, 'invalid_weights', '"fileName" must be the uploaded file\'s name, at most 200 characters');
    }
    // Only the name, never a folder the admin's browser may have sent.
    const uploadedAs = (body.fileName as string | undefined)?.split(/[\\/]/).pop()?.trim() || 'upload.csv';
    const versions = allVersions(definitions, surveyId).reverse();
    let checked;
    try {
      checked = checkSurveyMargins(body.csv, uploadedAs, versions);
    } catch (error) {
      if (error instanceof MarginsFileError) throw new HttpError(422, 'invalid_weights', error.message);
      throw error;
    }
    // On record before the margins change, as a personal-data export is before its first byte.
    const { name, via } = viewOf(principalOf(req)!);
    const sha256 = createHash('sha256').update(Buffer.from(body.csv, 'utf8')).digest('hex');
    const file = weights.fileName(surveyId);
    await appendAuditEntry(auditLogPath, { action: 'upload-weights', at: new Date().toISOString(), who: name, via, surveyId, file, uploadedAs, sha256, margins: checked.margins.length });
    const saved = await weights.write(surveyId, body.csv, uploadedAs, versions);
    res.setHeader('Cache-Control', 'no-store');
    res.json(toSurveyWeights(saved));
  });

  return router;
}

/**
 * The survey's margins (checked against its definitions), null when it has none. A broken file placed by the
 * operator is the server's fault, not the request's: 500 naming its line.
 */
export async function readSurveyMargins(weights: WeightsFolder | null, definitions: DefinitionCatalog, surveyId: string): Promise<SurveyMargins | null> {
  if (!weights) return null;
  try {
    return await weights.read(surveyId, allVersions(definitions, surveyId).reverse());
  } catch (error) {
    if (error instanceof MarginsFileError) throw new HttpError(500, 'broken_weights', `The survey's margins file is broken: ${error.message}`);
    throw error;
  }
}

function toSurveyWeights({ source, margins }: SurveyMargins): SurveyWeights {
  return { file: source.file, sha256: source.sha256, margins: margins.map(({ question, value, population }) => ({ question, value, population })) };
}
