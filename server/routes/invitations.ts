/**
 * Invitation codes for surveys with `"invitations": "required"`
 * (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 * Admins: POST /api/surveys/:id/invitations makes N codes (shown once, with a
 * link and a QR code each, for the CSV and the printable sheet);
 * GET lists the batches with how many are spent, in steps of the survey's minimum group
 * size (`spentInSteps`). Respondents:
 * POST …/invitations/check says whether a code is still unused, without spending it.
 */
import type { GeneratedInvitations, InvitationBatchAnswer } from '../../contracts/enrollment.ts';
import express, { Router } from 'express';
import { z } from 'zod';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import { requiresInvitation, spentInvitation, unknownInvitation } from '../enrollment/admit-submission.ts';
import { parseBody } from '../enrollment/parse-body.ts';
import { qrDataUrl } from '../enrollment/qr-data-url.ts';
import { requestOrigin } from '../enrollment/request-origin.ts';
import { hashShortCode, makeShortCode, normaliseShortCode } from '../enrollment/short-code.ts';
import { HttpError } from '../http-error.ts';
import { csvLine, UTF8_BOM } from '../export/write-csv.ts';
import type { TokenBucketLimiter } from '../limits/token-bucket-limiter.ts';
import { tooManyRequests } from '../limits/too-many-requests.ts';
import { findSurvey } from './surveys.ts';

/** One request's worth: a large workplace's sheet, printable in one go. */
export const MAX_INVITATIONS_PER_BATCH = 1000;

const createSchema = z.strictObject({
  count: z.int().min(1).max(MAX_INVITATIONS_PER_BATCH),
  workplace: z.string().trim().min(1).max(60).optional(),
});
const checkSchema = z.strictObject({ code: z.string().max(40) });

/**
 * How many codes of a batch are spent, as the API shows it: rounded down to a multiple of the
 * survey's minimum group size (issue 20, finding 7). An admin who watched an exact count tick
 * up could tell which batch (which workplace) each arriving response came from, and of a
 * one-code batch whether its one holder answered; so a batch shows 0 until `minGroupSize` of
 * its codes are spent, and then changes only once every `minGroupSize` further spends.
 */
export function spentInSteps(spent: number, minGroupSize: number): number {
  const step = spentStepOf(minGroupSize);
  return Math.floor(spent / step) * step;
}

/** The step a batch's `spent` moves in, which the admin page shows beside the count. */
export function spentStepOf(minGroupSize: number): number {
  return Math.max(1, Math.floor(minGroupSize));
}

export function invitationsRouter(options: { authStore: AuthStore | undefined; definitions: DefinitionCatalog; codeGuesses: TokenBucketLimiter }): Router {
  const { definitions, codeGuesses } = options;
  const router = Router({ mergeParams: true });
  const store = (): AuthStore => {
    if (!options.authStore) throw new HttpError(503, 'accounts_unavailable', 'This server has no account store');
    return options.authStore;
  };
  const invitationSurvey = (id: string) => {
    const definition = findSurvey(definitions, id);
    if (!requiresInvitation(definition)) {
      throw new HttpError(409, 'invitations_not_required', `Survey ${JSON.stringify(id)} does not use invitations; set "invitations": "required" in its definition first`);
    }
    return definition;
  };
  const json = express.json({ limit: '8kb' });

  router.get('/', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const definition = findSurvey(definitions, surveyId);
    const batches = await store().listInvitationBatches(surveyId);
    const spentStep = spentStepOf(definition.minGroupSize);
    res.json(batches.map((batch) => ({ ...batch, spent: spentInSteps(batch.spent, definition.minGroupSize), spentStep }) satisfies InvitationBatchAnswer));
  });

  router.post('/', json, async (req, res) => {
    const definition = invitationSurvey((req.params as { id: string }).id);
    const surveyId = definition.id;
    const { count, workplace } = parseBody(createSchema, req.body, 'invalid_invitations');
    const codes = new Set<string>();
    while (codes.size < count) codes.add(makeShortCode());
    const batch = await store().createInvitations({
      surveyId,
      workplace,
      codeHashes: [...codes].map((code) => hashShortCode(normaliseShortCode(code)!)),
    });
    const base = `${requestOrigin(req)}/s/${encodeURIComponent(surveyId)}`;
    const links = [...codes].map((code) => ({ code, url: `${base}?${new URLSearchParams({ code })}` }));
    // The only time the codes exist in the clear: the store keeps their hashes. So the CSV
    // (for mail merge; the export's CSV rules) and the printable sheet's QR codes come in this one answer.
    res.status(201).json({
      batch: { ...batch, spent: 0, spentStep: spentStepOf(definition.minGroupSize) },
      codes: links.map((link) => ({ ...link, qr: qrDataUrl(link.url) })),
      csv: UTF8_BOM + csvLine(['code', 'url', 'workplace']) + links.map((link) => csvLine([link.code, link.url, workplace ?? ''])).join(''),
    } satisfies GeneratedInvitations);
  });

  router.post('/check', json, async (req, res) => {
    const limit = codeGuesses.take(`code:${req.ip}`);
    if (!limit.allowed) throw tooManyRequests(res, limit.retryAfterSeconds, `code attempts from address ${req.ip}`);
    const surveyId = invitationSurvey((req.params as { id: string }).id).id;
    const normalised = normaliseShortCode(parseBody(checkSchema, req.body, 'invalid_code').code);
    const status = normalised === undefined ? 'unknown' : await store().invitationStatus(surveyId, hashShortCode(normalised));
    if (status === 'unknown') throw unknownInvitation(req);
    if (status === 'spent') throw spentInvitation(req);
    res.json({ status });
  });

  return router;
}
