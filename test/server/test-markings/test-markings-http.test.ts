/**
 * Test data marked by hand (issue 30, item 3) over loopback HTTP on a real SQLite file: an analyst marks a kiosk and
 * a period, or single responses, with a reason; the marked responses are then left out of the report, the timeline,
 * the comments and the export, exactly as meta.test answers are, and included with includeTest=1, where the export's
 * `test` column says 1. Unmarking restores them. Every marking and unmarking is in audit.jsonl (who, when, what,
 * why), the markings file only grows, and a request without a reason, with a bad period or an unknown id is refused
 * naming it. Two apps on one data folder, one with live tables and one reading the store, must answer alike: the
 * live table's row masks (kiosk per row from SQLite) and the store path's filter apply the same rule.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { CommentList } from '../../../contracts/comments.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import type { TestMarking, TestMarkingList } from '../../../contracts/test-markings.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { closeAll, listenOnStore } from '../live-table/listen-on-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import { SHIPPED_DEFINITIONS } from '../auth/start-secure-app.ts';

const SURVEY = 'ward-office-exit';
const KIOSK = 'kita-01';
const KIOSK_COMMENT = '開庁前に職員が端末を試したときのコメント';
const ID_COMMENT = '研修で見本として入力したコメント';
const HOUR = 3_600_000;
let dir: string;
let store: ResponseStore;
let authStore: AuthStore;
let analyst: string;
let admin: string;
const servers: Server[] = [];
let live: string;
let fromStore: string;
let records: ResponseRecord[];
/** The kiosk period marked below: [from, to) of receipt. */
let period: { from: string; to: string };
let inPeriod: string[];
let byId: string[];

async function listen(liveTables: boolean): Promise<string> {
  const more = { auditLogPath: join(dir, 'audit.jsonl'), testMarkingsPath: join(dir, 'test-markings.jsonl') };
  return listenOnStore(servers, { store, authStore, dir, liveTables, more });
}

async function get(base: string, path: string, token = analyst): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}/api/surveys/${SURVEY}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.text() };
}

async function post(path: string, body: unknown, token = analyst, base = live): Promise<{ status: number; body: TestMarking & { error?: { code: string; message: string } } }> {
  const response = await fetch(`${base}/api/surveys/${SURVEY}/test-markings${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** Both apps' answers to `path`, which must be 200 and equal (comments without their per-process cursor). */
async function same(path: string): Promise<string> {
  const [a, b] = await Promise.all([get(live, path), get(fromStore, path)]);
  expect(b.status, `${path} from the store: ${b.body.slice(0, 200)}`).toBe(200);
  expect(a.status, `${path} from the live table: ${a.body.slice(0, 200)}`).toBe(200);
  const comparable = (body: string) => (path.startsWith('comments') && !path.includes('format=') ? JSON.stringify({ ...(JSON.parse(body) as CommentList), nextCursor: null }) : body);
  expect(comparable(a.body), path).toBe(comparable(b.body));
  return a.body;
}

const responses = async (query = '') => (JSON.parse(await same(`report${query}`)) as { responses: number }).responses;
const timelineTotal = async (query = '') => (JSON.parse(await same(`timeline${query}`)) as { total: number }).total;
const csvRows = (body: string) => body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);

/** The export's ids, and with includeTest=1 those its `test` column flags. */
async function exported(includeTest: boolean): Promise<{ ids: string[]; flagged: string[] }> {
  const rows = csvRows(await same(`responses?format=csv&codes${includeTest ? '&includeTest=1' : ''}`));
  const header = rows[0].split(',');
  const column = header.indexOf('test');
  expect(column >= 0).toBe(includeTest);
  const cells = rows.slice(1).map((row) => row.split(','));
  return { ids: cells.map((cell) => cell[0]), flagged: cells.filter((cell) => cell[column] === '1').map((cell) => cell[0]) };
}

async function auditLines(): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(dir, 'audit.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'test-markings-'));
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS);
  records = [...synthesizeResponses(definitions.get(SURVEY)!, { count: 160, seed: 31 })];
  const now = Date.now();
  records.forEach((record, k) => {
    record.receivedAt = new Date(now - (k + 1) * HOUR).toISOString();
    if (record.channel === 'kiosk') record.meta = { ...record.meta, kioskId: k % 2 === 0 ? KIOSK : 'chuo-02' };
  });
  // The kiosk's answers received 10 to 60 hours ago were the staff's trial; their comments say so.
  period = { from: new Date(now - 60.5 * HOUR).toISOString(), to: new Date(now - 9.5 * HOUR).toISOString() };
  const marked = (record: ResponseRecord) => record.meta.kioskId === KIOSK && record.receivedAt >= period.from && record.receivedAt < period.to;
  inPeriod = records.filter(marked).map((record) => record.id);
  for (const record of records.filter(marked)) record.data = { ...record.data, comment: KIOSK_COMMENT };
  // Three answers a trainer entered on another kiosk, marked one by one.
  byId = records.filter((record) => record.meta.kioskId === 'chuo-02').slice(0, 3).map((record) => record.id);
  for (const record of records.filter((r) => byId.includes(r.id))) record.data = { ...record.data, comment: ID_COMMENT };
  expect(inPeriod.length).toBeGreaterThan(5);
  expect(byId).toHaveLength(3);
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  await store.importRecords(records);
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  analyst = (await createApiToken(authStore, { name: 'sato-analyst', role: 'analyst' })).secret;
  admin = (await createApiToken(authStore, { name: 'ito-admin', role: 'admin' })).secret;
  live = await listen(true);
  fromStore = await listen(false);
}, 60_000);

afterAll(() => closeAll(servers, [store, authStore], dir));

describe('refusing a marking it cannot take, naming why', () => {
  const cases: Array<[string, unknown, number, string]> = [
    ['no reason', { kioskId: KIOSK, from: '2026-01-01', to: '2026-01-02' }, 422, 'reason: is required'],
    ['a blank reason', { reason: '   ', responseIds: ['x'] }, 422, 'reason: is required'],
    ['nothing to mark', { reason: 'trial' }, 422, 'Say what to mark'],
    ['a kiosk without a period', { reason: 'trial', kioskId: KIOSK }, 422, 'from: is required with kioskId'],
    ['a period without a kiosk', { reason: 'trial', from: '2026-01-01', to: '2026-01-02' }, 422, 'kioskId: is required'],
    ['both at once', { reason: 'trial', kioskId: KIOSK, from: '2026-01-01', to: '2026-01-02', responseIds: ['x'] }, 422, 'not both'],
    ['a period that ends before it starts', { reason: 'trial', kioskId: KIOSK, from: '2026-01-03', to: '2026-01-02' }, 422, 'must be before to'],
    ['a day that does not exist', { reason: 'trial', kioskId: KIOSK, from: '2026-02-30', to: '2026-03-02' }, 422, '"2026-02-30"'],
    ['a kiosk id no tablet can have', { reason: 'trial', kioskId: 'kita 01', from: '2026-01-01', to: '2026-01-02' }, 422, 'kioskId'],
    ['an unknown response id', { reason: 'trial', responseIds: ['no-such-response'] }, 422, '"no-such-response"'],
    ['an unknown field', { reason: 'trial', responseIds: ['x'], note: 1 }, 422, 'note: unknown field'],
  ];
  for (const [what, body, status, message] of cases) {
    it(what, async () => {
      const refused = await post('', body);
      expect(refused.status).toBe(status);
      expect(refused.body.error?.message).toContain(message);
    });
  }

  it('an id of another survey', async () => {
    const other = [...synthesizeResponses((await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS)).get('staff-workstyle')!, { count: 1, seed: 1 })][0];
    await store.importRecords([other]);
    const refused = await post('', { reason: 'trial', responseIds: [other.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.message).toContain(JSON.stringify(other.id));
  });

  it('anonymous requests', async () => {
    const response = await fetch(`${live}/api/surveys/${SURVEY}/test-markings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reason":"x"}' });
    expect(response.status).toBe(401);
  });

  it('nothing refused was recorded', async () => {
    expect(await auditLines()).toEqual([]);
    expect((JSON.parse((await get(live, 'test-markings')).body) as TestMarkingList).markings).toEqual([]);
  });
});

describe('marking, then unmarking', () => {
  const total = () => records.length;
  let kioskMarking: TestMarking;
  let idMarking: TestMarking;

  it('starts with every response counted', async () => {
    expect(await responses()).toBe(total());
    expect(await timelineTotal()).toBe(total());
  });

  it('marks a kiosk and a period: 201, with how many stored responses it covers', async () => {
    const marked = await post('', { reason: '開庁前の動作確認', kioskId: KIOSK, ...period });
    expect(marked.status, JSON.stringify(marked.body)).toBe(201);
    kioskMarking = marked.body;
    expect(kioskMarking).toMatchObject({ surveyId: SURVEY, who: 'sato-analyst', via: 'token', reason: '開庁前の動作確認', responses: inPeriod.length });
    expect(kioskMarking.target).toEqual({ kind: 'kiosk', kioskId: KIOSK, from: period.from, to: period.to });
    expect(kioskMarking.unmarked).toBeUndefined();
  });

  it('leaves the kiosk period out of the report, timeline, comments and export; includeTest=1 brings them back, flagged', async () => {
    expect(await responses()).toBe(total() - inPeriod.length);
    expect(await responses('?includeTest=0&channel=kiosk')).toBe(records.filter((r) => r.channel === 'kiosk').length - inPeriod.length);
    expect(await responses('?includeTest=1')).toBe(total());
    expect(await timelineTotal()).toBe(total() - inPeriod.length);
    expect(await timelineTotal('?includeTest=1&by=channel')).toBe(total());
    expect(await same('comments?format=csv')).not.toContain(KIOSK_COMMENT);
    expect(await same('comments?format=csv&includeTest=1')).toContain(KIOSK_COMMENT);
    const list = JSON.parse(await same('comments?limit=100')) as CommentList;
    expect(list.comments.map((comment) => comment.text)).not.toContain(KIOSK_COMMENT);
    const plain = await exported(false);
    expect(plain.ids).toHaveLength(total() - inPeriod.length);
    expect(plain.ids.filter((id) => inPeriod.includes(id))).toEqual([]);
    const all = await exported(true);
    expect(all.ids).toHaveLength(total());
    expect([...all.flagged].sort()).toEqual([...inPeriod].sort());
  });

  it('marks single responses (an admin): left out with the kiosk period', async () => {
    const marked = await post('', { reason: '研修の見本入力', responseIds: [...byId, byId[0]] }, admin);
    expect(marked.status, JSON.stringify(marked.body)).toBe(201);
    idMarking = marked.body;
    expect(idMarking).toMatchObject({ who: 'ito-admin', target: { kind: 'responses', responseIds: byId }, responses: 3 });
    expect(await responses()).toBe(total() - inPeriod.length - 3);
    expect(await timelineTotal()).toBe(total() - inPeriod.length - 3);
    expect(await same('comments?format=csv')).not.toContain(ID_COMMENT);
    expect(await same('comments?format=csv&includeTest=1')).toContain(ID_COMMENT);
    const all = await exported(true);
    expect([...all.flagged].sort()).toEqual([...inPeriod, ...byId].sort());
  });

  it('lists the markings, newest first', async () => {
    const list = JSON.parse(await same('test-markings')) as TestMarkingList;
    expect(list.markings.map((marking) => marking.markingId)).toEqual([idMarking.markingId, kioskMarking.markingId]);
  });

  it('unmarks the kiosk period with a reason: its responses count again, the marking stays listed as withdrawn', async () => {
    const refused = await post(`/${kioskMarking.markingId}/unmark`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error?.message).toContain('reason: is required');

    const unmarked = await post(`/${kioskMarking.markingId}/unmark`, { reason: '本番の回答だった' }, analyst, fromStore);
    expect(unmarked.status, JSON.stringify(unmarked.body)).toBe(200);
    expect(unmarked.body.unmarked).toMatchObject({ who: 'sato-analyst', reason: '本番の回答だった' });
    expect(await responses()).toBe(total() - 3);
    expect(await timelineTotal()).toBe(total() - 3);
    expect(await same('comments?format=csv')).toContain(KIOSK_COMMENT);
    expect((await exported(false)).ids).toHaveLength(total() - 3);
    expect((await exported(true)).flagged.sort()).toEqual([...byId].sort());
    const list = JSON.parse(await same('test-markings')) as TestMarkingList;
    expect(list.markings.find((marking) => marking.markingId === kioskMarking.markingId)?.unmarked?.reason).toBe('本番の回答だった');
  });

  it('refuses to unmark twice (409) or a marking that does not exist (404)', async () => {
    const again = await post(`/${kioskMarking.markingId}/unmark`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain('already withdrawn by sato-analyst');
    const missing = await post('/no-such-marking/unmark', { reason: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toContain('"no-such-marking"');
  });

  it('unmarks the single responses: every response counts again', async () => {
    expect((await post(`/${idMarking.markingId}/unmark`, { reason: '見本ではなかった' }, admin)).status).toBe(200);
    expect(await responses()).toBe(total());
    expect(await timelineTotal()).toBe(total());
    expect((await exported(true)).flagged).toEqual([]);
  });

  it('recorded each marking and unmarking in audit.jsonl: who, when, what, why', async () => {
    const lines = await auditLines();
    expect(lines.map((line) => [line.action, line.who, line.markingId, line.reason])).toEqual([
      ['mark-test-answers', 'sato-analyst', kioskMarking.markingId, '開庁前の動作確認'],
      ['mark-test-answers', 'ito-admin', idMarking.markingId, '研修の見本入力'],
      ['unmark-test-answers', 'sato-analyst', kioskMarking.markingId, '本番の回答だった'],
      ['unmark-test-answers', 'ito-admin', idMarking.markingId, '見本ではなかった'],
    ]);
    expect(lines[0]).toMatchObject({ surveyId: SURVEY, via: 'token', target: { kind: 'kiosk', kioskId: KIOSK, ...period } });
    expect(lines[3]).toMatchObject({ target: { kind: 'responses', responseIds: byId } });
    for (const line of lines) expect(Date.parse(line.at as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('kept every act in the markings file, deleting nothing', async () => {
    const lines = (await readFile(join(dir, 'test-markings.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { action: string; markingId: string });
    expect(lines.map((line) => [line.action, line.markingId])).toEqual([
      ['mark', kioskMarking.markingId],
      ['mark', idMarking.markingId],
      ['unmark', kioskMarking.markingId],
      ['unmark', idMarking.markingId],
    ]);
  });
});
