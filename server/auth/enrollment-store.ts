/**
 * Enrolled kiosks and invitation codes: the part of the AuthStore that issue 13
 * adds (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 *
 * Like sessions and API tokens, no secret reaches a store: enrollment codes,
 * device credentials and invitation codes are kept as their SHA-256
 * (server/auth/hash-secret.ts).
 *
 * Invitations are LimeSurvey's "anonymized responses" token mode: a code row
 * records only THAT it was spent — no time, no response id, no order — so the
 * code a person was handed can never be joined to the answers they gave.
 */
import type { InvitationBatch, Kiosk } from '../../contracts/enrollment.ts';
import type { WardCode } from '../../contracts/wards.ts';

export type { InvitationBatch, Kiosk };

export interface NewKiosk {
  kioskId: string;
  ward: WardCode;
  enrollCodeHash: string;
  enrollExpiresAt: string;
}

export interface NewInvitationBatch {
  surveyId: string;
  workplace?: string;
  codeHashes: string[];
}

/** What spending a code did: exactly one caller ever gets 'spent' for a code. */
export type SpendResult = 'spent' | 'already-spent' | 'unknown';

export interface EnrollmentStore {
  /** Rejects with NameTakenError('kiosk') when the kiosk id exists. */
  createKiosk(kiosk: NewKiosk): Promise<Kiosk>;
  /**
   * Atomically turns a pending, unexpired, unrevoked enrollment code into a
   * device credential; undefined when the code is unknown, used, expired or revoked.
   */
  redeemEnrollment(codeHash: string, credentialHash: string, now: Date): Promise<Kiosk | undefined>;
  /** The kiosk whose credential this is, revoked or not: the caller decides. */
  findKioskByCredential(credentialHash: string): Promise<Kiosk | undefined>;
  /** In order of creation. */
  listKiosks(): Promise<Kiosk[]>;
  /** Sets revokedAt (keeping the first one). Undefined when no such kiosk. */
  revokeKiosk(kioskId: string, at: Date): Promise<Kiosk | undefined>;

  createInvitations(batch: NewInvitationBatch): Promise<InvitationBatch>;
  /** Whether a code of this survey is still unused, without spending it. */
  invitationStatus(surveyId: string, codeHash: string): Promise<'unused' | 'spent' | 'unknown'>;
  /** Atomic: of any number of concurrent calls with one code, one gets 'spent'. */
  spendInvitation(surveyId: string, codeHash: string): Promise<SpendResult>;
  /** Gives a code back when the response it was spent for could not be stored. */
  unspendInvitation(surveyId: string, codeHash: string): Promise<void>;
  /** This survey's batches, in order of creation, with how many codes are spent. */
  listInvitationBatches(surveyId: string): Promise<InvitationBatch[]>;
}

/**
 * The enrollment half of an AuthStore: every call of `store` run through `guarded`, which
 * checks that the auth store is still open. Both auth stores mix it in, so the forwarding
 * is written once.
 */
export function guardEnrollmentStore(store: EnrollmentStore, guarded: <T>(call: () => Promise<T>) => Promise<T>): EnrollmentStore {
  return {
    createKiosk: (...args) => guarded(() => store.createKiosk(...args)),
    redeemEnrollment: (...args) => guarded(() => store.redeemEnrollment(...args)),
    findKioskByCredential: (...args) => guarded(() => store.findKioskByCredential(...args)),
    listKiosks: () => guarded(() => store.listKiosks()),
    revokeKiosk: (...args) => guarded(() => store.revokeKiosk(...args)),
    createInvitations: (...args) => guarded(() => store.createInvitations(...args)),
    invitationStatus: (...args) => guarded(() => store.invitationStatus(...args)),
    spendInvitation: (...args) => guarded(() => store.spendInvitation(...args)),
    unspendInvitation: (...args) => guarded(() => store.unspendInvitation(...args)),
    listInvitationBatches: (...args) => guarded(() => store.listInvitationBatches(...args)),
  };
}
