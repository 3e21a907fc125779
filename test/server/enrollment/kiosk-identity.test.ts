/**
 * Only an enrolled kiosk's credential says which kiosk and ward a response comes from
 * (issue 20, finding 4; docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 * Through the real HTTP server on loopback with real SQLite files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { enrollKiosk } from './enroll-kiosk.ts';

const SURVEY = 'ward-office-exit';
let app: SecureApp;
beforeEach(async () => {
  app = await startSecureApp();
});
afterEach(async () => {
  await app.close();
});

function post(submission: Submission, credential?: string) {
  return fetch(`${app.url}/api/surveys/${SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credential && { 'x-kiosk-credential': credential }) },
    body: JSON.stringify(submission),
  });
}

/** A submission that names the enrolled kiosk k-chuo-1 and its ward, as a stranger's device would. */
function claimingKiosk(overrides: Partial<Submission> = {}): Submission {
  return validSubmission(SURVEY, { meta: { ward: 'chuo', locale: 'ja', kioskId: 'k-chuo-1' }, ...overrides });
}

/** The export in codes mode, as rows keyed by column. */
async function exportRows(): Promise<Array<Record<string, string>>> {
  const answer = await fetch(`${app.url}/api/surveys/${SURVEY}/responses?format=csv&codes`, { headers: bearer(app.tokens.analyst) });
  expect(answer.status).toBe(200);
  const [header, ...lines] = (await answer.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const keys = header.split(',');
  // The columns read here (submissionId, channel, kioskId, ward) come before any free text.
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, k) => [keys[k], cell])));
}

describe('a device without a credential cannot pose as an enrolled kiosk', () => {
  it('a body claiming kioskId "k-chuo-1" and ward "chuo" is stored without them; after the kiosk is revoked, still without them', async () => {
    const kiosk = await enrollKiosk(app, 'k-chuo-1', 'chuo');
    const real = validSubmission(SURVEY, { meta: { ward: 'kita', locale: 'ja' } }); // the server's ward wins
    expect((await post(real, kiosk.credential)).status).toBe(201);

    const forged = claimingKiosk();
    const answer = await post(forged);
    expect(answer.status).toBe(201); // the resident's answers are kept: only the claim is dropped
    expect(await app.store.getBySubmissionId(forged.submissionId)).toMatchObject({ channel: 'kiosk', meta: { locale: 'ja' } });
    expect((await app.store.getBySubmissionId(forged.submissionId))?.meta).toEqual({ locale: 'ja' });

    const revoked = await fetch(`${app.url}/api/kiosks/k-chuo-1/revoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(app.tokens.admin) }, body: '{}' });
    expect(revoked.status).toBe(200);
    const afterRevoke = claimingKiosk();
    expect((await post(afterRevoke)).status).toBe(201);
    expect((await app.store.getBySubmissionId(afterRevoke.submissionId))?.meta).toEqual({ locale: 'ja' });
    // The revoked credential itself is refused, and nothing of that submission is stored.
    const withRevokedCredential = claimingKiosk();
    const refused = await post(withRevokedCredential, kiosk.credential);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('kiosk_revoked');
    expect(await app.store.getBySubmissionId(withRevokedCredential.submissionId)).toBeUndefined();

    // The export tells them apart: only the enrolled kiosk's response has a kiosk id and a ward.
    const rows = new Map((await exportRows()).map((row) => [row.submissionId, row]));
    expect(rows.get(real.submissionId)).toMatchObject({ channel: 'kiosk', kioskId: 'k-chuo-1', ward: 'chuo' });
    expect(rows.get(forged.submissionId)).toMatchObject({ channel: 'kiosk', kioskId: '', ward: '' });
    expect(rows.get(afterRevoke.submissionId)).toMatchObject({ channel: 'kiosk', kioskId: '', ward: '' });
  });

  it('keeps the channel the device sent: an online answer naming a kiosk stays online, without kiosk id or ward', async () => {
    const online = claimingKiosk({ channel: 'online' });
    expect((await post(online)).status).toBe(201);
    expect(await app.store.getBySubmissionId(online.submissionId)).toMatchObject({ channel: 'online', meta: { locale: 'ja' } });
    expect((await app.store.getBySubmissionId(online.submissionId))?.meta).toEqual({ locale: 'ja' });
  });

  it('an enrolled kiosk\'s answers carry its enrolled id and ward, whatever the body claims', async () => {
    const kiosk = await enrollKiosk(app, 'k-kita-1', 'kita');
    const submission = claimingKiosk({ channel: 'online' });
    expect((await post(submission, kiosk.credential)).status).toBe(201);
    expect(await app.store.getBySubmissionId(submission.submissionId)).toMatchObject({ channel: 'kiosk', meta: { ward: 'kita', locale: 'ja', kioskId: 'k-kita-1' } });
  });

  it('the codebook says the kiosk id is only there for enrolled tablets', async () => {
    const answer = await fetch(`${app.url}/api/surveys/${SURVEY}/responses?format=codebook&locale=en`, { headers: bearer(app.tokens.analyst) });
    expect(answer.status).toBe(200);
    const kioskLine = (await answer.text()).split('\r\n').find((line) => line.startsWith('kioskId,'));
    expect(kioskLine).toContain('blank = not an enrolled tablet');
  });
});
