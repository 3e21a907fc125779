/**
 * Enrolled kiosks through the real HTTP server on loopback with real SQLite
 * (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { createEnrollment, enrollKiosk, redeem } from './enroll-kiosk.ts';

const SURVEY = 'ward-office-exit';
let app: SecureApp;
beforeEach(async () => {
  app = await startSecureApp();
});
afterEach(async () => {
  await app.close();
});

function submitAs(credential: string | undefined, meta: Record<string, unknown> = { ward: 'kita', locale: 'ja', kioskId: 'claimed-by-client' }) {
  const submission = validSubmission(SURVEY, { meta: meta as never });
  return {
    submission,
    response: fetch(`${app.url}/api/surveys/${SURVEY}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential && { 'x-kiosk-credential': credential }) },
      body: JSON.stringify(submission),
    }),
  };
}

function adminPost(path: string, body: unknown) {
  return fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(app.tokens.admin) }, body: JSON.stringify(body) });
}

describe('enrolling a kiosk', () => {
  it('gives the admin a one-time code with a kiosk link and QR code, and keeps only its hash', async () => {
    const { code, url, qr } = await createEnrollment(app, 'chuo-01', 'chuo');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(url).toBe(`${app.url}/kiosk/${SURVEY}?ward=chuo&enroll=${code}`);
    expect(qr).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/]+=*$/);
    const listed = await (await fetch(`${app.url}/api/kiosks`, { headers: bearer(app.tokens.admin) })).json();
    expect(listed).toEqual([{ kioskId: 'chuo-01', ward: 'chuo', createdAt: expect.any(String), enrollExpiresAt: '2025-06-03T00:00:00.000Z' }]);

    const db = new Database(join(app.dir, 'auth.sqlite'), { readonly: true });
    try {
      const dump = JSON.stringify(db.prepare('SELECT * FROM kiosks').all());
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replaceAll('-', ''));
    } finally {
      db.close();
    }
  });

  it('a code enrolls exactly one tablet, also when several redeem it at once', async () => {
    const { code } = await createEnrollment(app, 'chuo-02', 'chuo');
    const answers = await Promise.all(Array.from({ length: 8 }, () => redeem(app, code)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403, 403, 403, 403, 403, 403, 403]);
    const winner = await answers.find((answer) => answer.status === 201)!.json();
    expect(winner).toEqual({ kioskId: 'chuo-02', ward: 'chuo', credential: expect.stringMatching(/^stk_kiosk_[A-Za-z0-9_-]{43}$/) });
    const again = await redeem(app, code);
    expect(await again.json()).toEqual({ error: { code: 'enrollment_refused', message: expect.stringContaining('used already, expired (24 h) or revoked') } });
  });

  it('accepts the code as typed: lower case, without hyphens', async () => {
    const { code } = await createEnrollment(app, 'chuo-03', 'chuo');
    expect((await redeem(app, ` ${code.toLowerCase().replaceAll('-', '')} `)).status).toBe(201);
  });

  it('refuses an expired code', async () => {
    const { code } = await createEnrollment(app, 'chuo-04', 'chuo');
    app.clock.ms += 24 * 3_600_000 + 1;
    expect((await redeem(app, code)).status).toBe(403);
  });

  it('refuses bad input with a 422 or 409 and stores nothing', async () => {
    const bad = [
      [{ kioskId: 'chuo 01', ward: 'chuo', surveyId: SURVEY }, 422, 'kioskId'],
      [{ kioskId: 'chuo-01', ward: 'sapporo', surveyId: SURVEY }, 422, 'ward'],
      [{ kioskId: 'chuo-01', ward: 'chuo', surveyId: SURVEY, extra: 1 }, 422, 'extra'],
      [{ kioskId: 'chuo-01', ward: 'chuo', surveyId: 'no-such-survey' }, 404, 'no-such-survey'],
    ] as const;
    for (const [body, status, mentioned] of bad) {
      const answer = await adminPost('/api/kiosks', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect((await answer.json()).error.message).toContain(mentioned);
    }
    expect(await (await fetch(`${app.url}/api/kiosks`, { headers: bearer(app.tokens.admin) })).json()).toEqual([]);
    await createEnrollment(app, 'chuo-01', 'chuo');
    expect((await adminPost('/api/kiosks', { kioskId: 'chuo-01', ward: 'kita', surveyId: SURVEY })).status).toBe(409);
  });
});

describe('submissions from an enrolled kiosk', () => {
  it('are stored with the kiosk id and ward the server enrolled, whatever the tablet claims', async () => {
    const kiosk = await enrollKiosk(app, 'chuo-05', 'chuo');
    const { submission, response } = submitAs(kiosk.credential);
    expect((await response).status).toBe(201);
    const stored = await app.store.getBySubmissionId(submission.submissionId);
    expect(stored).toMatchObject({ channel: 'kiosk', meta: { ward: 'chuo', locale: 'ja', kioskId: 'chuo-05' } });
  });

  it('stop with a clear 403 once the admin revokes the tablet; nothing is stored', async () => {
    const kiosk = await enrollKiosk(app, 'chuo-06', 'chuo');
    const revoked = await adminPost('/api/kiosks/chuo-06/revoke', {});
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ kioskId: 'chuo-06', revokedAt: '2025-06-02T00:00:00.000Z' });

    const { submission, response } = submitAs(kiosk.credential);
    const refused = await response;
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: { code: 'kiosk_revoked', message: 'Kiosk "chuo-06" was revoked at 2025-06-02T00:00:00.000Z; it may no longer send responses (この端末の登録は取り消されました)' },
    });
    expect(await app.store.getBySubmissionId(submission.submissionId)).toBeUndefined();
    const me = await fetch(`${app.url}/api/kiosks/me`, { headers: { 'x-kiosk-credential': kiosk.credential } });
    expect(await me.json()).toMatchObject({ kioskId: 'chuo-06', revokedAt: expect.any(String) });
  });

  it('a revoked pending code can no longer enroll, and revoking an unknown kiosk is 404', async () => {
    const { code } = await createEnrollment(app, 'chuo-07', 'chuo');
    await adminPost('/api/kiosks/chuo-07/revoke', {});
    expect((await redeem(app, code)).status).toBe(403);
    expect((await adminPost('/api/kiosks/nobody/revoke', {})).status).toBe(404);
  });

  it('an unknown credential is 401, not silently an unenrolled kiosk', async () => {
    const { submission, response } = submitAs('stk_kiosk_made-up');
    const refused = await response;
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('kiosk_not_enrolled');
    expect(await app.store.getBySubmissionId(submission.submissionId)).toBeUndefined();
  });

  it('a tablet without a credential still submits, as an unenrolled kiosk: its answers and language kept, no kiosk id or ward (issue 20)', async () => {
    const { submission, response } = submitAs(undefined, { ward: 'kita', locale: 'ja', kioskId: 'kita-01' });
    expect((await response).status).toBe(201);
    expect(await app.store.getBySubmissionId(submission.submissionId)).toMatchObject({ channel: 'kiosk', meta: { locale: 'ja' }, data: submission.data });
    expect((await app.store.getBySubmissionId(submission.submissionId))?.meta).toEqual({ locale: 'ja' });
  });
});
