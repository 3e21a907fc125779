/**
 * The answers of the kiosk-enrollment and invitation routes (server/routes/kiosks.ts,
 * server/routes/invitations.ts), read by the admin page and the tablet
 * (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 */
import type { WardCode } from './wards.ts';

export interface Kiosk {
  /** The id the server writes into meta.kioskId of every response from this tablet; unique. */
  kioskId: string;
  /** The ward the server writes into meta.ward; the tablet cannot change it. */
  ward: WardCode;
  createdAt: string;
  /** Until the tablet redeems its one-time code; absent once enrolled. */
  enrollExpiresAt?: string;
  enrolledAt?: string;
  revokedAt?: string;
}

/** POST /api/kiosks: the one-time code, its link and the link as a QR image (a data URL). */
export interface NewEnrollment {
  kiosk: Kiosk;
  code: string;
  url: string;
  qr: string;
}

/** POST /api/kiosks/enroll: the device credential, shown to the tablet once. */
export interface EnrolledKiosk {
  kioskId: string;
  ward: WardCode;
  credential: string;
}

export interface InvitationBatch {
  id: string;
  surveyId: string;
  /** Optional label to hand a batch to one workplace; never stored with a response. */
  workplace?: string;
  createdAt: string;
  count: number;
  spent: number;
}

/**
 * A batch as the API shows it: `spent` rounded down to a multiple of `spentStep`, the survey's
 * minimum group size, so the count never tells who answered when (issue 20, finding 7).
 */
export interface InvitationBatchAnswer extends InvitationBatch {
  spentStep: number;
}

/** POST /api/surveys/:id/invitations: the only answer that holds the codes in the clear. */
export interface GeneratedInvitations {
  batch: InvitationBatchAnswer;
  codes: Array<{ code: string; url: string; qr: string }>;
  /** For mail merge: code, url, workplace (UTF-8 with BOM). */
  csv: string;
}
