/**
 * What the server decides about a submission besides validating its answers
 * (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md):
 *
 * - An enrolled kiosk sends its device credential in `X-Kiosk-Credential`. The
 *   server then writes the kiosk id and ward it enrolled with, whatever the
 *   body says, and only such a kiosk has a per-kiosk limit. The limit is
 *   checked before the body is read (an exhausted kiosk costs no parsing) but
 *   charged only for a valid submission, so nobody can drain it with garbage.
 *   Unenrolled kiosk traffic gets the per-address limit only, like phones.
 * - A survey whose definition says `"invitations": "required"` takes one
 *   invitation code per response. The code is spent atomically before the
 *   response is stored and given back if storing fails; nothing about it is
 *   stored with the response, logged, or timed.
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
import type { ResponseStore } from '../store/response-store.ts';
import { hashShortCode, normaliseShortCode } from './short-code.ts';

export const KIOSK_CREDENTIAL_HEADER = 'x-kiosk-credential';

/** Whether a definition asks for one invitation code per response (docs/survey-definitions.md). */
export function requiresInvitation(definition: Pick<SurveyDefinition, 'json'>): boolean {
  return definition.json.invitations === 'required';
}

export interface Admitted {
  channel: Channel;
  meta: ResponseMeta;
  /** Call when the response could not be stored: gives back what admitting took. */
  undo: () => Promise<void>;
}

export interface SubmissionAdmission {
  /** Before the body is read: who the kiosk is, and whether it may send now. */
  identifyKiosk: RequestHandler;
  /** After validation, before storing. Throws an HttpError to refuse. */
  admit: (req: Request, res: Response, definition: SurveyDefinition, submission: Submission) => Promise<Admitted>;
}

const enrolledKiosks = new WeakMap<Request, Kiosk>();
const kioskKey = (kiosk: Kiosk) => `kiosk:${kiosk.kioskId}`;
const nothingToUndo = async () => {};

export function createSubmissionAdmission(options: {
  authStore: AuthStore | undefined;
  responses: ResponseStore;
  submitPerKiosk: TokenBucketLimiter;
}): SubmissionAdmission {
  const { authStore, responses, submitPerKiosk } = options;

  const identifyKiosk: RequestHandler = async (req, res, next) => {
    const credential = req.get(KIOSK_CREDENTIAL_HEADER);
    if (credential === undefined) return next();
    const kiosk = authStore && (await authStore.findKioskByCredential(hashSecret(credential)));
    if (!kiosk) {
      throw new HttpError(401, 'kiosk_not_enrolled', 'This tablet\'s kiosk credential is not known; enroll the tablet again from the dashboard (端末の登録が無効です。管理者に再登録を依頼してください)');
    }
    if (kiosk.revokedAt) {
      throw new HttpError(403, 'kiosk_revoked', `Kiosk ${JSON.stringify(kiosk.kioskId)} was revoked at ${kiosk.revokedAt}; it may no longer send responses (この端末の登録は取り消されました)`);
    }
    const limit = submitPerKiosk.check(kioskKey(kiosk));
    if (!limit.allowed) throw tooManyRequests(res, limit.retryAfterSeconds, `submissions from kiosk ${JSON.stringify(kiosk.kioskId)}`);
    enrolledKiosks.set(req, kiosk);
    next();
  };

  const admit: SubmissionAdmission['admit'] = async (req, res, definition, submission) => {
    let { channel, meta } = submission;
    const kiosk = enrolledKiosks.get(req);
    if (kiosk) {
      const limit = submitPerKiosk.take(kioskKey(kiosk));
      if (!limit.allowed) throw tooManyRequests(res, limit.retryAfterSeconds, `submissions from kiosk ${JSON.stringify(kiosk.kioskId)}`);
      channel = 'kiosk';
      meta = { ...meta, kioskId: kiosk.kioskId, ward: kiosk.ward };
    }
    const undo = await spendInvitation(definition, submission);
    return { channel, meta, undo };
  };

  async function spendInvitation(definition: SurveyDefinition, submission: Submission): Promise<() => Promise<void>> {
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
    if (result === 'unknown') throw unknownInvitation();
    if (result === 'already-spent') throw spentInvitation();
    return () => authStore!.unspendInvitation(surveyId, hashShortCode(code!));
  }

  return { identifyKiosk, admit };
}

export function unknownInvitation(): HttpError {
  return new HttpError(403, 'invitation_unknown', 'This invitation code is not valid for this survey; check it for typing mistakes (招待コードが正しくありません)');
}

export function spentInvitation(): HttpError {
  return new HttpError(409, 'invitation_spent', 'This invitation code has already been used; each code answers once (この招待コードは使用済みです)');
}
