/**
 * Messages in the reader's language first (issue 29): the invitation gate and
 * the kiosk's enrollment show the server's message as it is, so a Japanese
 * browser gets Japanese first and the English in brackets; an English one,
 * or a client that names no language, the other way round. And a kiosk is
 * refused for a survey that needs invitation codes: it could never send an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

let app: SecureApp;
beforeAll(async () => {
  // The shipped staff-workstyle needs an invitation code per answer.
  app = await startSecureApp();
});
afterAll(async () => {
  await app.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
}

describe('bilingual messages, the reader’s language first', () => {
  it('an unknown invitation code: Japanese first for a Japanese browser, English first for an English one or none', async () => {
    const check = (headers: Record<string, string>) => post('/api/surveys/staff-workstyle/invitations/check', { code: 'AAAA-BBBB-CCCC' }, headers);
    const ja = await check({ 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
    expect(ja.status).toBe(403);
    expect(ja.body.error).toEqual({
      code: 'invitation_unknown',
      message: '招待コードが正しくありません（This invitation code is not valid for this survey; check it for typing mistakes）',
    });
    const en = await check({ 'accept-language': 'en-GB,en;q=0.9,ja;q=0.5' });
    expect(en.body.error.message).toBe('This invitation code is not valid for this survey; check it for typing mistakes (招待コードが正しくありません)');
    // A script's request (no language, or any): the API's English first, as before.
    expect((await check({ 'accept-language': '*' })).body.error.message).toBe(en.body.error.message);
  });

  it('an invalid enrollment code on a Japanese tablet says so in Japanese first', async () => {
    const refused = await post('/api/kiosks/enroll', { code: 'AAAA-BBBB-CCCC' }, { 'accept-language': 'ja' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('enrollment_refused');
    expect(refused.body.error.message).toMatch(/^登録コードが無効です。.*管理画面で新しいコードを発行してください（This enrollment code is not valid: .*）$/);
    const english = await post('/api/kiosks/enroll', { code: 'AAAA-BBBB-CCCC' }, { 'accept-language': 'en' });
    expect(english.body.error.message).toMatch(/^This enrollment code is not valid: .* \(登録コードが無効です。.*\)$/);
  });
});

describe('kiosks for every survey that can run on one', () => {
  it('a kiosk is created for the visitor and the citizen survey, and refused for the invitation-only staff survey', async () => {
    const admin = { ...bearer(app.tokens.admin) };
    expect((await post('/api/kiosks', { kioskId: 'kita-exit', ward: 'kita', surveyId: 'ward-office-exit' }, admin)).status).toBe(201);
    expect((await post('/api/kiosks', { kioskId: 'kita-citizen', ward: 'kita', surveyId: 'citizen-needs' }, admin)).status).toBe(201);
    const staff = await post('/api/kiosks', { kioskId: 'kita-staff', ward: 'kita', surveyId: 'staff-workstyle' }, admin);
    expect(staff.status).toBe(409);
    expect(staff.body.error.code).toBe('survey_needs_invitations');
    // Nothing was created for it.
    const kiosks = (await (await fetch(`${app.url}/api/kiosks`, { headers: admin })).json()) as Array<{ kioskId: string }>;
    expect(kiosks.map((kiosk) => kiosk.kioskId).sort()).toEqual(['kita-citizen', 'kita-exit']);
  });
});
