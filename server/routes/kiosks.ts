/**
 * Enrolled kiosks (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 * Admins: POST /api/kiosks (a one-time enrollment code), GET /api/kiosks,
 * POST /api/kiosks/:kioskId/revoke. Tablets: POST /api/kiosks/enroll trades the
 * code for a device credential; GET /api/kiosks/me says what the server knows
 * about the credential in X-Kiosk-Credential.
 */
import type { EnrolledKiosk, NewEnrollment } from '../../contracts/enrollment.ts';
import express, { Router } from 'express';
import { z } from 'zod';
import { responseMetaSchema } from '../../contracts/submission.ts';
import { WARD_CODES, type WardCode } from '../../contracts/wards.ts';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import { NameTakenError, type AuthStore } from '../auth/auth-store.ts';
import { hashSecret } from '../auth/hash-secret.ts';
import { makeSecret } from '../auth/make-secret.ts';
import { KIOSK_CREDENTIAL_HEADER, requiresInvitation } from '../enrollment/admit-submission.ts';
import { bilingualMessage } from '../enrollment/bilingual-message.ts';
import { parseBody } from '../enrollment/parse-body.ts';
import { qrDataUrl } from '../enrollment/qr-data-url.ts';
import { requestOrigin } from '../enrollment/request-origin.ts';
import { hashShortCode, makeShortCode, normaliseShortCode } from '../enrollment/short-code.ts';
import { HttpError } from '../http-error.ts';
import type { TokenBucketLimiter } from '../limits/token-bucket-limiter.ts';
import { tooManyRequests } from '../limits/too-many-requests.ts';
import { findSurvey } from './surveys.ts';

/** A code is for setting up a tablet today, not for lying around in a drawer. */
export const ENROLLMENT_CODE_LIFETIME_MS = 24 * 3_600_000;

/** Device credentials look like API tokens but cannot be mistaken for one. */
export const KIOSK_CREDENTIAL_PREFIX = 'stk_kiosk_';

const createKioskSchema = z.strictObject({
  kioskId: responseMetaSchema.shape.kioskId.unwrap(),
  ward: z.enum(WARD_CODES as [WardCode, ...WardCode[]], { error: `must be one of the ten ward codes (${WARD_CODES.join(', ')})` }),
  /** The survey the tablet should show; the QR code opens it. */
  surveyId: z.string().min(1).max(100),
});

const enrollSchema = z.strictObject({ code: z.string().max(40) });

export function kiosksRouter(options: {
  authStore: AuthStore | undefined;
  definitions: DefinitionCatalog;
  /** Limits guessing of enrollment codes, per address. */
  codeGuesses: TokenBucketLimiter;
  now: () => number;
}): Router {
  const { definitions, codeGuesses, now } = options;
  const store = (): AuthStore => {
    if (!options.authStore) throw new HttpError(503, 'accounts_unavailable', 'This server has no account store');
    return options.authStore;
  };
  const router = Router();
  const json = express.json({ limit: '8kb' });

  router.get('/', async (_req, res) => {
    res.json(await store().listKiosks());
  });

  router.post('/', json, async (req, res) => {
    const body = parseBody(createKioskSchema, req.body, 'invalid_kiosk');
    // A kiosk cannot ask for an invitation code, so every answer it sent to such a survey would be refused (422).
    if (requiresInvitation(findSurvey(definitions, body.surveyId))) {
      throw new HttpError(409, 'survey_needs_invitations', `Survey ${JSON.stringify(body.surveyId)} needs an invitation code per answer, which a kiosk cannot ask for; choose a survey without "invitations": "required"`);
    }
    const code = makeShortCode();
    try {
      const kiosk = await store().createKiosk({
        kioskId: body.kioskId,
        ward: body.ward,
        enrollCodeHash: hashShortCode(normaliseShortCode(code)!),
        enrollExpiresAt: new Date(now() + ENROLLMENT_CODE_LIFETIME_MS).toISOString(),
      });
      const params = new URLSearchParams({ ward: body.ward, enroll: code });
      const url = `${requestOrigin(req)}/kiosk/${encodeURIComponent(body.surveyId)}?${params}`;
      // The code is shown once, here; the store keeps only its hash.
      res.status(201).json({ kiosk, code, url, qr: qrDataUrl(url) } satisfies NewEnrollment);
    } catch (error) {
      if (error instanceof NameTakenError) throw new HttpError(409, 'name_taken', `A kiosk ${JSON.stringify(body.kioskId)} already exists; choose another id`);
      throw error;
    }
  });

  router.post('/enroll', json, async (req, res) => {
    const limit = codeGuesses.take(`code:${req.ip}`);
    if (!limit.allowed) throw tooManyRequests(res, limit.retryAfterSeconds, `code attempts from address ${req.ip}`);
    const { code } = parseBody(enrollSchema, req.body, 'invalid_code');
    const normalised = normaliseShortCode(code);
    const credential = makeSecret(KIOSK_CREDENTIAL_PREFIX);
    const kiosk = normalised && (await store().redeemEnrollment(hashShortCode(normalised), hashSecret(credential), new Date(now())));
    if (!kiosk) {
      throw new HttpError(
        403,
        'enrollment_refused',
        bilingualMessage(req, {
          ja: '登録コードが無効です。入力の誤り、使用済み、期限切れ（24 時間）、取り消しのいずれかです。管理画面で新しいコードを発行してください',
          en: 'This enrollment code is not valid: it may be mistyped, used already, expired (24 h) or revoked; create a new one in the admin page',
        }),
      );
    }
    res.status(201).json({ kioskId: kiosk.kioskId, ward: kiosk.ward, credential } satisfies EnrolledKiosk);
  });

  router.get('/me', async (req, res) => {
    const credential = req.get(KIOSK_CREDENTIAL_HEADER);
    const kiosk = credential === undefined ? undefined : await store().findKioskByCredential(hashSecret(credential));
    if (!kiosk) throw new HttpError(404, 'kiosk_not_enrolled', 'This tablet is not enrolled');
    res.json(kiosk);
  });

  router.post('/:kioskId/revoke', async (req, res) => {
    const kiosk = await store().revokeKiosk(req.params.kioskId, new Date(now()));
    if (!kiosk) throw new HttpError(404, 'unknown_kiosk', `No kiosk ${JSON.stringify(req.params.kioskId)}`);
    res.json(kiosk);
  });

  return router;
}
