/**
 * This tablet's enrollment: the device credential the server issued when staff
 * redeemed a one-time code (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 * Kept in localStorage, which survives reloads and restarts of a kiosk browser;
 * the server decides the kiosk id and ward of every response sent with it.
 */
import { isWardCode, type WardCode } from '../../contracts/wards.ts';

export const KIOSK_CREDENTIAL_HEADER = 'x-kiosk-credential';
const STORAGE_KEY = 'kiosk-enrollment';

export interface KioskEnrollment {
  kioskId: string;
  ward: WardCode;
  credential: string;
}

export function readKioskEnrollment(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): KioskEnrollment | undefined {
  try {
    const value = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<KioskEnrollment> | null;
    if (value && typeof value.kioskId === 'string' && isWardCode(value.ward) && typeof value.credential === 'string') {
      return { kioskId: value.kioskId, ward: value.ward, credential: value.credential };
    }
  } catch {
    // Not ours or unreadable: this tablet is not enrolled.
  }
  return undefined;
}

/** Fired on window when this tablet is enrolled, so the page shows its new kiosk id and ward. */
export const ENROLLMENT_CHANGED_EVENT = 'kiosk-enrollment-changed';

/** The server's refusal, in its own words (bilingual), for staff to read on the tablet. */
export class EnrollmentError extends Error {
  override name = 'EnrollmentError';
}

/** Trades a one-time code for this tablet's credential and keeps it. */
export async function enrollThisTablet(code: string): Promise<KioskEnrollment> {
  let response: Response;
  try {
    response = await fetch('/api/kiosks/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
    });
  } catch {
    throw new EnrollmentError('サーバーに接続できません。ネットワークを確認してください。 / Cannot reach the server; check the network.');
  }
  const body = (await response.json().catch(() => null)) as (KioskEnrollment & { error?: { message: string } }) | null;
  if (response.status !== 201 || !body || body.error) {
    throw new EnrollmentError(body?.error?.message ?? `HTTP ${response.status}`);
  }
  const enrollment = { kioskId: body.kioskId, ward: body.ward, credential: body.credential };
  const storage = safeLocalStorage();
  if (!storage) throw new EnrollmentError('この端末のブラウザーは設定を保存できません。 / This browser cannot keep the credential (storage disabled).');
  storage.setItem(STORAGE_KEY, JSON.stringify(enrollment));
  window.dispatchEvent(new Event(ENROLLMENT_CHANGED_EVENT));
  return enrollment;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
