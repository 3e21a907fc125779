/**
 * This tablet's enrollment: the device credential the server issued when staff
 * redeemed a one-time code (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 * Kept in localStorage, which survives reloads and restarts of a kiosk browser;
 * the server decides the kiosk id and ward of every response sent with it.
 */
import { isWardCode, type WardCode } from '../../contracts/wards.ts';

export const KIOSK_CREDENTIAL_HEADER = 'x-kiosk-credential';
const STORAGE_KEY = 'kiosk-enrollment';

/** Why the server no longer takes this tablet's credential, as its error code says. */
export type EnrollmentRefusalCode = 'kiosk_revoked' | 'kiosk_not_enrolled';

export interface KioskEnrollment {
  kioskId: string;
  ward: WardCode;
  credential: string;
  /**
   * Set once the server refused the credential (revoked by an admin, or unknown
   * to it): the kiosk then shows staff a notice instead of the survey, even
   * after a reload while offline, until the tablet is enrolled again.
   */
  refusal?: { code: EnrollmentRefusalCode; at: string };
}

export function readKioskEnrollment(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): KioskEnrollment | undefined {
  try {
    const value = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<KioskEnrollment> | null;
    if (value && typeof value.kioskId === 'string' && isWardCode(value.ward) && typeof value.credential === 'string') {
      const enrollment: KioskEnrollment = { kioskId: value.kioskId, ward: value.ward, credential: value.credential };
      const { refusal } = value;
      if (refusal && isRefusalCode(refusal.code) && typeof refusal.at === 'string') enrollment.refusal = { code: refusal.code, at: refusal.at };
      return enrollment;
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

export function isRefusalCode(code: unknown): code is EnrollmentRefusalCode {
  return code === 'kiosk_revoked' || code === 'kiosk_not_enrolled';
}

/**
 * Notes that the server refused this credential. Only the enrollment that sent
 * it is marked: an answer to an older credential never marks a tablet that has
 * been enrolled again since.
 */
export function markEnrollmentRefused(credential: string, code: EnrollmentRefusalCode, at = new Date()): void {
  const storage = safeLocalStorage();
  const current = readKioskEnrollment(storage);
  if (!storage || !current || current.credential !== credential || current.refusal?.code === code) return;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ ...current, refusal: { code, at: at.toISOString() } }));
  } catch {
    // Storage full or disabled: the notice still shows until the page is reloaded.
  }
  window.dispatchEvent(new Event(ENROLLMENT_CHANGED_EVENT));
}

/** The server knows this credential again (an unknown one came back after a restore): the notice goes. */
export function clearEnrollmentRefusal(credential: string): void {
  const storage = safeLocalStorage();
  const current = readKioskEnrollment(storage);
  if (!storage || !current || current.credential !== credential || !current.refusal) return;
  const { refusal: _gone, ...rest } = current;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(rest));
  } catch {
    return;
  }
  window.dispatchEvent(new Event(ENROLLMENT_CHANGED_EVENT));
}

/** The refusal a server answer names, if it is one of the two about this tablet's credential. */
export function refusalIn(status: number, body: unknown): EnrollmentRefusalCode | undefined {
  if (status !== 401 && status !== 403 && status !== 404) return undefined;
  const error = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown } }).error : undefined;
  return isRefusalCode(error?.code) ? error.code : undefined;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
