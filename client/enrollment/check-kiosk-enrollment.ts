/**
 * Asks the server what it knows of this tablet's credential (GET /api/kiosks/me)
 * and notes a refusal, so a revoked tablet stops taking answers it can no
 * longer send (issue 20, finding 14). The kiosk asks at start, at each new
 * visitor, and every few minutes; each submission's answer is read the same way
 * (client/queue/post-submission.ts). No answer at all (offline, server down)
 * changes nothing: the tablet keeps collecting into its queue.
 */
import { clearEnrollmentRefusal, KIOSK_CREDENTIAL_HEADER, markEnrollmentRefused, readKioskEnrollment, refusalIn } from './kiosk-enrollment.ts';

const CHECK_TIMEOUT_MS = 10_000;

export async function checkKioskEnrollment(): Promise<void> {
  const enrollment = readKioskEnrollment();
  if (!enrollment) return;
  const { credential } = enrollment;
  let status: number;
  let body: unknown;
  try {
    const response = await fetch('/api/kiosks/me', {
      headers: { accept: 'application/json', [KIOSK_CREDENTIAL_HEADER]: credential },
      cache: 'no-store',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    status = response.status;
    body = await response.json().catch(() => null);
  } catch {
    return;
  }
  const refusal = refusalIn(status, body);
  if (refusal) return markEnrollmentRefused(credential, refusal);
  if (status !== 200) return;
  // The server answers with the kiosk as it knows it, revoked or not.
  if (typeof (body as { revokedAt?: unknown } | null)?.revokedAt === 'string') return markEnrollmentRefused(credential, 'kiosk_revoked');
  clearEnrollmentRefusal(credential);
}
