/**
 * A revoked tablet learns it on its next contact with the server: the
 * enrollment check (GET /api/kiosks/me) and each submission's answer mark the
 * stored enrollment, which the kiosk page turns into a notice for staff.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkKioskEnrollment } from '../../../client/enrollment/check-kiosk-enrollment.ts';
import { readKioskEnrollment } from '../../../client/enrollment/kiosk-enrollment.ts';
import { memoryStorage } from '../../../client/pages/online/saved-progress.ts';
import { postSubmission } from '../../../client/queue/post-submission.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';

const ENROLLMENT = { kioskId: 'kita-07', ward: 'kita', credential: 'stk_kiosk_secret' };
let storage: Storage;
let changes: number;

function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })));
}

beforeEach(() => {
  storage = memoryStorage();
  storage.setItem('kiosk-enrollment', JSON.stringify(ENROLLMENT));
  const target = new EventTarget();
  changes = 0;
  target.addEventListener('kiosk-enrollment-changed', () => changes++);
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', target);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the enrollment check', () => {
  it('marks the tablet revoked when the server reports it revoked, either way it may say so', async () => {
    answer(200, { kioskId: 'kita-07', ward: 'kita', createdAt: '2026-01-01T00:00:00Z', revokedAt: '2026-01-02T00:00:00Z' });
    await checkKioskEnrollment();
    expect(readKioskEnrollment()?.refusal?.code).toBe('kiosk_revoked');
    expect(changes).toBe(1);
    expect(vi.mocked(fetch).mock.calls[0][1]?.headers).toMatchObject({ 'x-kiosk-credential': 'stk_kiosk_secret' });

    storage.setItem('kiosk-enrollment', JSON.stringify(ENROLLMENT));
    answer(403, { error: { code: 'kiosk_revoked', message: 'Kiosk "kita-07" was revoked' } });
    await checkKioskEnrollment();
    expect(readKioskEnrollment()?.refusal?.code).toBe('kiosk_revoked');
  });

  it('marks an unknown credential, and clears the mark once the server knows the tablet again', async () => {
    answer(404, { error: { code: 'kiosk_not_enrolled', message: 'This tablet is not enrolled' } });
    await checkKioskEnrollment();
    expect(readKioskEnrollment()?.refusal?.code).toBe('kiosk_not_enrolled');
    answer(200, { kioskId: 'kita-07', ward: 'kita', createdAt: '2026-01-01T00:00:00Z' });
    await checkKioskEnrollment();
    expect(readKioskEnrollment()?.refusal).toBeUndefined();
  });

  it('changes nothing when no answer comes, or one that is not about the tablet (server trouble)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await checkKioskEnrollment();
    answer(503, { error: { code: 'accounts_unavailable', message: 'no account store' } });
    await checkKioskEnrollment();
    answer(404, { error: { code: 'not_found', message: 'no such route' } });
    await checkKioskEnrollment();
    expect(readKioskEnrollment()).toEqual(ENROLLMENT);
    expect(changes).toBe(0);
  });
});

describe('a submission refused for the tablet', () => {
  it('marks the tablet revoked; an answer to an older credential never marks a tablet enrolled again since', async () => {
    answer(403, { error: { code: 'kiosk_revoked', message: 'Kiosk "kita-07" was revoked' } });
    const result = await postSubmission('ward-office-exit', validSubmission('ward-office-exit', { channel: 'kiosk' }));
    expect(result.status).toBe(403);
    expect(readKioskEnrollment()?.refusal?.code).toBe('kiosk_revoked');

    // Re-enrolled while a request with the old credential was under way.
    storage.setItem('kiosk-enrollment', JSON.stringify({ ...ENROLLMENT, credential: 'stk_kiosk_new' }));
    vi.stubGlobal('fetch', vi.fn(async () => {
      storage.setItem('kiosk-enrollment', JSON.stringify({ ...ENROLLMENT, kioskId: 'kita-08', credential: 'stk_kiosk_newer' }));
      return new Response(JSON.stringify({ error: { code: 'kiosk_revoked', message: 'revoked' } }), { status: 403 });
    }));
    await postSubmission('ward-office-exit', validSubmission('ward-office-exit', { channel: 'kiosk' }));
    expect(readKioskEnrollment()).toEqual({ ...ENROLLMENT, kioskId: 'kita-08', credential: 'stk_kiosk_newer' });
  });

  it('a refusal of the answer itself (422) or an online answer leaves the enrollment alone', async () => {
    answer(422, { error: { code: 'invalid_response', message: 'bad' } });
    await postSubmission('ward-office-exit', validSubmission('ward-office-exit', { channel: 'kiosk' }));
    answer(403, { error: { code: 'kiosk_revoked', message: 'revoked' } });
    await postSubmission('citizen-needs', validSubmission('citizen-needs', { channel: 'online' }));
    expect(readKioskEnrollment()).toEqual(ENROLLMENT);
  });
});
