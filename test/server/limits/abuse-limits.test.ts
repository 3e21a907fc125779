/**
 * The abuse limits through the real app (docs/decisions/0063-abuse-limits-per-kiosk-and-address.md),
 * with the production defaults and a fake clock that replays an hour in a moment.
 * Every request here comes from 127.0.0.1: one address, like ten tablets behind a ward office's NAT.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { DEFAULT_ABUSE_LIMITS } from '../../../server/limits/abuse-limits.ts';
import { ADMIN, ANALYST, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { enrollKiosk, type EnrolledKiosk } from '../enrollment/enroll-kiosk.ts';

let app: SecureApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const SURVEY = 'ward-office-exit';
const KIOSKS = Array.from({ length: 10 }, (_, i) => `chuo-${String(i + 1).padStart(2, '0')}`);

/** A kiosk submission; an enrolled kiosk sends its credential, an unenrolled one only names itself. */
function submit(target: SecureApp, kiosk: string | EnrolledKiosk, headers: Record<string, string> = {}, data?: Record<string, unknown>) {
  const kioskId = typeof kiosk === 'string' ? kiosk : kiosk.kioskId;
  const submission = validSubmission(SURVEY, { meta: { ward: 'chuo', locale: 'ja', kioskId }, ...(data && { data }) });
  if (typeof kiosk !== 'string') headers = { 'x-kiosk-credential': kiosk.credential, ...headers };
  return fetch(`${target.url}/api/surveys/${SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(submission),
  });
}

function login(target: SecureApp, name: string, password: string) {
  return fetch(`${target.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
}

describe('submissions: per enrolled kiosk, and generously per address', () => {
  it('ten kiosks behind one address at a busy pace for an hour: no 429, everything stored', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    const kiosks = await Promise.all(KIOSKS.map((kioskId) => enrollKiosk(app!, kioskId)));
    // A busy office: every tablet completes a survey every 30 s, all at the same moments.
    const statuses = new Map<number, number>();
    for (let tick = 0; tick < 120; tick++) {
      const answers = await Promise.all(kiosks.map((kiosk) => submit(app!, kiosk)));
      for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      app.clock.ms += 30_000;
    }
    expect(Object.fromEntries(statuses)).toEqual({ 201: 1_200 });
    expect(await app.store.count({ surveyId: SURVEY })).toBe(1_200);
  });

  it('a tablet back online flushes a backlog of 60 at once and is not refused', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    const kiosk = await enrollKiosk(app, 'kita-03', 'kita');
    const answers = await Promise.all(Array.from({ length: 60 }, () => submit(app!, kiosk)));
    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(201));
  });

  it('one runaway kiosk gets 429 with Retry-After; the other nine keep working', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    const kiosks = await Promise.all(KIOSKS.map((kioskId) => enrollKiosk(app!, kioskId)));
    const chuo07 = kiosks.find((kiosk) => kiosk.kioskId === 'chuo-07')!;
    const runaway = [];
    for (let i = 0; i < 100; i++) runaway.push((await submit(app, chuo07)).status);
    expect(runaway.filter((s) => s === 201)).toHaveLength(DEFAULT_ABUSE_LIMITS.submitPerKiosk.capacity);
    expect(runaway.slice(DEFAULT_ABUSE_LIMITS.submitPerKiosk.capacity)).toEqual(Array(100 - DEFAULT_ABUSE_LIMITS.submitPerKiosk.capacity).fill(429));

    const refused = await submit(app, chuo07);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: 'Too many submissions from kiosk "chuo-07"; retry in 2 s' } });

    const others = await Promise.all(kiosks.filter((k) => k !== chuo07).map((kiosk) => submit(app!, kiosk)));
    expect(others.map((a) => a.status)).toEqual(Array(9).fill(201));

    app.clock.ms += 2_000; // its bucket refills: it may send again at the sustained pace
    expect((await submit(app, chuo07)).status).toBe(201);
  });

  it('invalid posts from an enrolled kiosk, or with its kiosk id in the body or X-Kiosk-Id, do not drain its limit', async () => {
    app = await startSecureApp({ abuseLimits: { ...DEFAULT_ABUSE_LIMITS, submitPerKiosk: { capacity: 2, refillPerSecond: 0.01 } } });
    const kiosk = await enrollKiosk(app, 'chuo-01');
    // The attack: a stranger names the victim's id, 60 times, in the body and in the old header.
    const forged = [];
    for (let i = 0; i < 60; i++) forged.push((await submit(app, 'chuo-01', { 'x-kiosk-id': 'chuo-01' })).status);
    expect(forged).toEqual(Array(60).fill(201)); // stored as an unenrolled kiosk, limited per address only
    // The tablet itself sending garbage: 422, and no token taken.
    const invalid = [];
    for (let i = 0; i < 10; i++) invalid.push((await submit(app, kiosk, {}, { purpose: 'not a choice' })).status);
    expect(invalid).toEqual(Array(10).fill(422));
    // Its two valid submissions still go through; only the third is over its limit.
    expect([(await submit(app, kiosk)).status, (await submit(app, kiosk)).status, (await submit(app, kiosk)).status]).toEqual([201, 201, 429]);
  });

  it('garbage from an enrolled kiosk itself (unparseable JSON, wrong shape, unknown survey) costs its submission limit nothing', async () => {
    app = await startSecureApp({ abuseLimits: { ...DEFAULT_ABUSE_LIMITS, submitPerKiosk: { capacity: 2, refillPerSecond: 0.01 } } });
    const kiosk = await enrollKiosk(app, 'chuo-01');
    const raw = (survey: string, body: string) =>
      fetch(`${app!.url}/api/surveys/${survey}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-credential': kiosk.credential }, body });
    const garbage = [];
    for (let i = 0; i < 5; i++) {
      garbage.push((await raw(SURVEY, '{"submissionId": ')).status, (await raw(SURVEY, '{}')).status, (await raw('no-such-survey', JSON.stringify(validSubmission(SURVEY)))).status);
    }
    expect(garbage).toEqual(Array(5).fill([400, 422, 404]).flat());
    expect([(await submit(app, kiosk)).status, (await submit(app, kiosk)).status, (await submit(app, kiosk)).status]).toEqual([201, 201, 429]);
  });

  it('an enrolled kiosk\'s own garbage is bounded by its own bucket of refusals, which no stranger can touch', async () => {
    app = await startSecureApp({ abuseLimits: { ...DEFAULT_ABUSE_LIMITS, refusedPerKiosk: { capacity: 3, refillPerSecond: 0.01 } } });
    const kiosk = await enrollKiosk(app, 'chuo-01');
    const neighbour = await enrollKiosk(app, 'chuo-02');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await submit(app, kiosk, {}, { purpose: 'not a choice' })).status);
    expect(statuses).toEqual([422, 422, 422, 429, 429]);
    const refused = await submit(app, kiosk);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.message).toBe('Too many refused submissions from kiosk "chuo-01"; retry in 100 s');
    expect((await submit(app, neighbour)).status).toBe(201);
    expect((await submit(app, 'chuo-01')).status).toBe(201); // an unenrolled device, on the address's budget
  });

  it('rotating kiosk ids does not escape the per-address limit', async () => {
    app = await startSecureApp({ abuseLimits: { ...DEFAULT_ABUSE_LIMITS, submitPerAddress: { capacity: 30, refillPerSecond: 1 } } });
    const statuses = [];
    for (let i = 0; i < 35; i++) statuses.push((await submit(app, `fake-${i}`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(201));
    expect(statuses.slice(30)).toEqual(Array(5).fill(429));
  });

  it('with a trusted proxy, the limit follows the client address it reports', async () => {
    app = await startSecureApp({ abuseLimits: { ...DEFAULT_ABUSE_LIMITS, submitPerAddress: { capacity: 3, refillPerSecond: 0.01 } }, trustProxy: ['loopback'] });
    const from = (address: string) => submit(app!, 'x', { 'x-forwarded-for': address });
    expect([(await from('10.0.0.1')).status, (await from('10.0.0.1')).status, (await from('10.0.0.1')).status, (await from('10.0.0.1')).status]).toEqual([201, 201, 201, 429]);
    expect((await from('10.0.0.2')).status).toBe(201);
  });
});

describe('a stranger on the office\'s address cannot turn the limits against its kiosks (issue 20)', () => {
  it('1,100 posts of {} from the office address: the address is out of budget, the enrolled kiosk still gets 201', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    const kiosk = await enrollKiosk(app, 'chuo-01');
    const statuses = new Map<number, number>();
    for (let round = 0; round < 22; round++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => fetch(`${app!.url}/api/surveys/${SURVEY}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })),
      );
      for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 422: DEFAULT_ABUSE_LIMITS.submitPerAddress.capacity, 429: 1_100 - DEFAULT_ABUSE_LIMITS.submitPerAddress.capacity });
    expect((await submit(app, 'chuo-01')).status).toBe(429); // an unenrolled device behind that address waits
    expect((await submit(app, kiosk)).status).toBe(201);
  });

  it('requests carrying a valid kiosk credential are not charged to the address; unknown and revoked credentials are', async () => {
    app = await startSecureApp({ abuseLimits: { ...DEFAULT_ABUSE_LIMITS, submitPerAddress: { capacity: 4, refillPerSecond: 0.01 } } });
    const kiosk = await enrollKiosk(app, 'chuo-01');
    const revoked = await enrollKiosk(app, 'chuo-02');
    const revoking = await fetch(`${app.url}/api/kiosks/chuo-02/revoke`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.admin}` }, body: '{}' });
    expect(revoking.status).toBe(200);
    const enrolled = [];
    for (let i = 0; i < 10; i++) enrolled.push((await submit(app, kiosk)).status);
    expect(enrolled).toEqual(Array(10).fill(201));
    const unknown = { kioskId: 'chuo-03', ward: 'chuo', credential: 'stk_kiosk_made-up' };
    expect([(await submit(app, unknown)).status, (await submit(app, revoked)).status]).toEqual([401, 403]);
    expect([(await submit(app, 'x')).status, (await submit(app, 'x')).status, (await submit(app, 'x')).status]).toEqual([201, 201, 429]);
    expect((await submit(app, unknown)).status).toBe(429);
    expect((await submit(app, kiosk)).status).toBe(201);
  });
});

describe('login attempts: per account and per address', () => {
  it('a burst of wrong passwords for one account gets 429 — then even the right password waits', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(app, ANALYST.name, `guess ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const refused = await login(app, ANALYST.name, ANALYST.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect((await login(app, ADMIN.name, ADMIN.password)).status).toBe(200);
    app.clock.ms += 60_000;
    expect((await login(app, ANALYST.name, ANALYST.password)).status).toBe(200);
  });

  it('counts account names case-insensitively', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    const statuses = [];
    for (const name of ['Sato.Analyst', 'SATO.ANALYST', 'sato.analyst', 'sato.ANALYST', 'Sato.analyst', 'sato.analysT']) statuses.push((await login(app, name, 'guess')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('one address trying many account names gets 429', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    const statuses = [];
    for (let i = 0; i < DEFAULT_ABUSE_LIMITS.loginPerAddress.capacity + 2; i++) statuses.push((await login(app, `user${i}`, 'guess')).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(DEFAULT_ABUSE_LIMITS.loginPerAddress.capacity);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });

  it('failures from one address never lock the user out from another (issue 13)', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS, trustProxy: ['loopback'] });
    const from = (address: string, password: string) =>
      fetch(`${app!.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ name: ANALYST.name, password }),
      });
    const attacker = [];
    for (let i = 0; i < 8; i++) attacker.push((await from('203.0.113.9', `guess ${i}`)).status);
    expect(attacker).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const refused = await from('203.0.113.9', ANALYST.password);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: `Too many failed logins for "${ANALYST.name}" from address 203.0.113.9; retry in 60 s` },
    });
    // The real analyst, at the office PC, at the same moment:
    expect((await from('10.1.2.3', ANALYST.password)).status).toBe(200);
    // ...and even after mistyping a few times there.
    expect([(await from('10.1.2.3', 'typo')).status, (await from('10.1.2.3', ANALYST.password)).status]).toEqual([401, 200]);
  });

  it('the wait doubles with every further failure, up to an hour, and a day of quiet forgets them', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    for (let i = 0; i < 4; i++) expect((await login(app, ANALYST.name, 'wrong')).status).toBe(401);
    const waits = [];
    for (let i = 0; i < 9; i++) {
      expect((await login(app, ANALYST.name, 'wrong')).status).toBe(401); // let in once the wait is over...
      const refused = await login(app, ANALYST.name, 'wrong');
      expect(refused.status).toBe(429); // ...and refused until the next one is
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      app.clock.ms += wait * 1000;
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    app.clock.ms += 86_400_000;
    for (let i = 0; i < 4; i++) expect((await login(app, ANALYST.name, 'wrong')).status).toBe(401);
    expect((await login(app, ANALYST.name, ANALYST.password)).status).toBe(200);
  });

  it('the right password forgives the failures from that address', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await login(app, ANALYST.name, 'typo')).status).toBe(401);
      expect((await login(app, ANALYST.name, ANALYST.password)).status).toBe(200);
    }
  });

  it('successful logins do not use up the budget', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS });
    for (let i = 0; i < 10; i++) expect((await login(app, ANALYST.name, ANALYST.password)).status).toBe(200);
  });
});
