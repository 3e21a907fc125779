/**
 * What the server decides about a submission besides validating its answers
 * (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md,
 * docs/decisions/0063-abuse-limits-per-kiosk-and-address.md):
 *
 * - Who sent it. An enrolled kiosk sends its device credential in `X-Kiosk-Credential`; the
 *   server then writes the kiosk id and ward it enrolled with, and `channel: kiosk`, whatever
 *   the body says. Without a valid credential nobody may name a kiosk or a ward: `meta.kioskId`
 *   and `meta.ward` are dropped (the answers are kept, and the channel the device sent), so no
 *   device can pose as an enrolled kiosk, before or after it is revoked (issue 20).
 * - Which limit it costs, decided before the body is read. A request with a valid credential
 *   costs only its kiosk's own buckets, which nobody else can touch: one for stored
 *   submissions (checked now, charged only once the submission is valid, so the kiosk's own
 *   garbage costs it nothing there) and one for refused requests (its own garbage, bounded).
 *   Every other request, garbage included, costs one token of its address's bucket; a
 *   stranger who empties that bucket stops only unauthenticated devices behind that address.
 * - An invitation code, on a survey whose definition says `"invitations": "required"`. The
 *   code is spent atomically before the response is stored and given back if storing fails;
 *   nothing about it is stored with the response, logged, or timed.
 * - Retries are idempotent: copies of one submission take turns, so a copy sent while the first
 *   is still being stored waits for it and is then answered "duplicate" like any later resend,
 *   whatever its code's state.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { ResponseMeta, Submission, Channel } from '../../contracts/submission.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import type { Kiosk } from '../auth/enrollment-store.ts';
import { hashSecret } from '../auth/hash-secret.ts';
import { HttpError } from '../http-error.ts';
import type { TokenBucketLimiter } from '../limits/token-bucket-limiter.ts';
import { tooManyRequests } from '../limits/too-many-requests.ts';
import type { InsertResult, ResponseStore } from '../store/response-store.ts';
import { bilingualMessage } from './bilingual-message.ts';
import { hashShortCode, normaliseShortCode } from './short-code.ts';

export const KIOSK_CREDENTIAL_HEADER = 'x-kiosk-credential';

/** Whether a definition asks for one invitation code per response (docs/survey-definitions.md). */
export function requiresInvitation(definition: Pick<SurveyDefinition, 'json'>): boolean {
  return definition.json.invitations === 'required';
}

/** What the server stores as the response's origin: the enrolled kiosk's, or the device's own channel with no kiosk identity. */
export interface AdmittedOrigin {
  channel: Channel;
  meta: ResponseMeta;
}

export interface SubmissionAdmission {
  /** Before the body is read: who is sending (an enrolled kiosk or anyone), and whether their limit lets them now. */
  limitSender: RequestHandler;
  /**
   * After validation: settles the origin, spends the invitation code, and stores the response
   * through `insert`; gives back what it took when storing fails or conflicts. Throws an
   * HttpError to refuse.
   */
  admit: (
    req: Request,
    res: Response,
    definition: SurveyDefinition,
    submission: Submission,
    insert: (origin: AdmittedOrigin) => Promise<InsertResult>,
  ) => Promise<InsertResult>;
}

/** How long a copy whose code another server process just spent waits for that process to store it. */
const SPENT_ELSEWHERE_WAITS_MS = [0, 50, 200, 500];

const enrolledKiosks = new WeakMap<Request, Kiosk>();
const kioskKey = (kiosk: Kiosk) => `kiosk:${kiosk.kioskId}`;
const nothingToUndo = async () => {};

export function createSubmissionAdmission(options: {
  authStore: AuthStore | undefined;
  responses: ResponseStore;
  /** Stored submissions per enrolled kiosk. */
  submitPerKiosk: TokenBucketLimiter;
  /** Refused requests (4xx) per enrolled kiosk: its own garbage, in a bucket of its own. */
  refusedPerKiosk: TokenBucketLimiter;
  /** Everything without a valid kiosk credential, per client address (`req.ip`: TRUST_PROXY decides it). */
  submitPerAddress: TokenBucketLimiter;
}): SubmissionAdmission {
  const { authStore, responses, submitPerKiosk, refusedPerKiosk, submitPerAddress } = options;
  /** Submissions being admitted or stored now, by lower-cased submissionId. */
  const inFlight = new Map<string, Promise<unknown>>();

  const chargeAddress = (req: Request, res: Response) => {
    const limit = submitPerAddress.take(`address:${req.ip}`);
    if (!limit.allowed) throw tooManyRequests(res, limit.retryAfterSeconds, `submissions from address ${req.ip}`);
  };

  const limitSender: RequestHandler = async (req, res, next) => {
    const credential = req.get(KIOSK_CREDENTIAL_HEADER);
    const kiosk = credential === undefined || !authStore ? undefined : await authStore.findKioskByCredential(hashSecret(credential));
    if (!kiosk || kiosk.revokedAt) {
      // Not an enrolled kiosk: the address pays, also for an unknown or revoked credential.
      chargeAddress(req, res);
      if (credential === undefined) return next();
      if (!kiosk) {
        throw new HttpError(401, 'kiosk_not_enrolled', 'This tablet\'s kiosk credential is not known; enroll the tablet again from the dashboard (端末の登録が無効です。管理者に再登録を依頼してください)');
      }
      throw new HttpError(403, 'kiosk_revoked', `Kiosk ${JSON.stringify(kiosk.kioskId)} was revoked at ${kiosk.revokedAt}; it may no longer send responses (この端末の登録は取り消されました)`);
    }
    const key = kioskKey(kiosk);
    const refusals = refusedPerKiosk.check(key);
    if (!refusals.allowed) throw tooManyRequests(res, refusals.retryAfterSeconds, `refused submissions from kiosk ${JSON.stringify(kiosk.kioskId)}`);
    const limit = submitPerKiosk.check(key);
    if (!limit.allowed) throw tooManyRequests(res, limit.retryAfterSeconds, `submissions from kiosk ${JSON.stringify(kiosk.kioskId)}`);
    res.on('finish', () => {
      if (res.statusCode >= 400 && res.statusCode < 500 && res.statusCode !== 429) refusedPerKiosk.take(key);
    });
    enrolledKiosks.set(req, kiosk);
    next();
  };

  const admit: SubmissionAdmission['admit'] = async (req, res, definition, submission, insert) => {
    // Copies of one submission (a resend while the first is still on its way) take turns: the
    // first stores it; each later one then finds it stored and is answered "duplicate".
    const id = submission.submissionId.toLowerCase();
    for (let earlier = inFlight.get(id); earlier !== undefined; earlier = inFlight.get(id)) await earlier.catch(() => {});
    const turn = admitAndStore(req, res, definition, submission, insert);
    inFlight.set(id, turn);
    try {
      return await turn;
    } finally {
      if (inFlight.get(id) === turn) inFlight.delete(id);
    }
  };

  async function admitAndStore(...[req, res, definition, submission, insert]: Parameters<SubmissionAdmission['admit']>): Promise<InsertResult> {
    const kiosk = enrolledKiosks.get(req);
    let origin: AdmittedOrigin;
    if (kiosk) {
      const limit = submitPerKiosk.take(kioskKey(kiosk));
      if (!limit.allowed) throw tooManyRequests(res, limit.retryAfterSeconds, `submissions from kiosk ${JSON.stringify(kiosk.kioskId)}`);
      origin = { channel: 'kiosk', meta: { ...submission.meta, kioskId: kiosk.kioskId, ward: kiosk.ward } };
    } else {
      // No credential, no kiosk identity: refusing would lose the respondent's answers for a claim they never made.
      const { kioskId: _claimedKiosk, ward: _claimedWard, ...meta } = submission.meta;
      origin = { channel: submission.channel, meta };
    }
    const undo = await spendInvitation(req, definition, submission);
    let result: InsertResult;
    try {
      result = await insert(origin);
    } catch (error) {
      await undo();
      throw error;
    }
    if (result.conflict) await undo();
    return result;
  }

  async function spendInvitation(req: Request, definition: SurveyDefinition, submission: Submission): Promise<() => Promise<void>> {
    if (!requiresInvitation(definition)) {
      if (submission.invitationCode !== undefined) {
        throw new HttpError(422, 'invitation_not_used', `Survey ${JSON.stringify(definition.id)} takes no invitation code; send the response without invitationCode`);
      }
      return nothingToUndo;
    }
    if (submission.invitationCode === undefined) {
      throw new HttpError(422, 'invitation_required', `Survey ${JSON.stringify(definition.id)} needs an invitation code (invitationCode)`);
    }
    // The same response sent again (its 201 was lost): the store answers "duplicate"; its code was spent the first time.
    if (await responses.getBySubmissionId(submission.submissionId)) return nothingToUndo;
    const code = normaliseShortCode(submission.invitationCode);
    const surveyId = definition.id;
    const result = code === undefined || !authStore ? 'unknown' : await authStore.spendInvitation(surveyId, hashShortCode(code));
    if (result === 'unknown') throw unknownInvitation(req);
    if (result === 'already-spent') {
      // Spent by this very submission in another server process, which is storing it now? Then this copy is a duplicate.
      if (await storedSoon(submission.submissionId)) return nothingToUndo;
      throw spentInvitation(req);
    }
    return () => authStore!.unspendInvitation(surveyId, hashShortCode(code!));
  }

  async function storedSoon(submissionId: string): Promise<boolean> {
    for (const ms of SPENT_ELSEWHERE_WAITS_MS) {
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      if (await responses.getBySubmissionId(submissionId)) return true;
    }
    return false;
  }

  return { limitSender, admit };
}

/** `req` puts the reader's language first (bilingual-message.ts). */
export function unknownInvitation(req?: Request): HttpError {
  return new HttpError(
    403,
    'invitation_unknown',
    bilingualMessage(req, {
      ja: '招待コードが正しくありません',
      en: 'This invitation code is not valid for this survey; check it for typing mistakes',
    }),
  );
}

export function spentInvitation(req?: Request): HttpError {
  return new HttpError(
    409,
    'invitation_spent',
    bilingualMessage(req, { ja: 'この招待コードは使用済みです', en: 'This invitation code has already been used; each code answers once' }),
  );
}
