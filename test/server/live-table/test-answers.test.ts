/**
 * Test answers (issue 30, first slice): a submission with `meta.test: true` (a kiosk in test mode) is stored as
 * it came, and left out of the report, the timeline, the comments and the export unless the read says
 * `includeTest=1`; the export then has a `test` column. Two apps on one SQLite file, one with live tables and one
 * reading the store (`liveTables: false`), must answer alike, so the live table's test flags (StoredLine.test,
 * from SQLite's json_type) agree with the records' meta.
 */
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import type { CommentList } from '../../../contracts/comments.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { createApp } from '../../../server/app.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { readShipped } from '../../analysis/definitions/shipped-definition-files.ts';
import { SHIPPED_DEFINITIONS } from '../auth/start-secure-app.ts';
import { closeAll, listenOnStore } from './listen-on-store.ts';

const SURVEY = 'ward-office-exit';
const TEST_COMMENT = 'テストモードで入力した確認用のコメントです';
let dir: string;
let store: ResponseStore;
let authStore: AuthStore;
let token: string;
const servers: Server[] = [];
let live: string;
let fromStore: string;
let seeded: ResponseRecord[];
let testId: string;

async function listen(liveTables: boolean): Promise<string> {
  return listenOnStore(servers, { store, authStore, dir, liveTables });
}

function submissionFrom(record: ResponseRecord, meta: Record<string, unknown>) {
  const now = new Date();
  return {
    submissionId: crypto.randomUUID(),
    surveyVersion: record.surveyVersion,
    channel: 'kiosk',
    meta: { locale: 'ja', ward: 'kita', ...meta },
    startedAt: new Date(now.getTime() - 120_000).toISOString(),
    completedAt: now.toISOString(),
    data: { ...record.data, comment: TEST_COMMENT },
  };
}

async function post(base: string, body: unknown): Promise<{ status: number; body: { id?: string; error?: { message: string; details?: Array<{ question: string; message: string }> } } }> {
  const response = await fetch(`${base}/api/surveys/${SURVEY}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as never };
}

async function get(base: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}/api/surveys/${SURVEY}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.text() };
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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'test-answers-'));
  const definition = loadDefinition(readShipped(SURVEY), SURVEY);
  // Received now-ish, so the test answer POSTed below falls in the same span of days.
  seeded = [...synthesizeResponses(definition, { count: 120, seed: 30 })];
  seeded.forEach((record, k) => (record.receivedAt = new Date(Date.now() - (k + 1) * 3_600_000).toISOString()));
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  await store.importRecords(seeded);
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  token = (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret;
  live = await listen(true);
  fromStore = await listen(false);
  // Collected by the live app, so its live table is nudged by the insert.
  const accepted = await post(live, submissionFrom(seeded[0], { test: true }));
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  testId = accepted.body.id!;
  // The live table follows the store asynchronously: wait until it has the new row.
  for (let attempt = 0; ; attempt++) {
    const report = JSON.parse((await get(live, 'report?includeTest=1')).body) as { responses: number };
    if (report.responses === seeded.length + 1) break;
    if (attempt > 100) throw new Error(`the live table never saw the test answer (${report.responses} responses)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 60_000);

afterAll(() => closeAll(servers, [store, authStore], dir));

describe('collecting a test answer', () => {
  it('stores meta.test with the rest of meta', async () => {
    const stored = await store.get(testId);
    expect(stored?.meta).toMatchObject({ locale: 'ja', test: true });
    expect(stored?.data.comment).toBe(TEST_COMMENT);
  });

  for (const value of [false, 'true', 1, null]) {
    it(`refuses meta.test = ${JSON.stringify(value)} with 422 naming it`, async () => {
      const refused = await post(fromStore, submissionFrom(seeded[1], { test: value }));
      expect(refused.status).toBe(422);
      expect(refused.body.error?.details).toEqual([expect.objectContaining({ question: 'meta.test', message: expect.stringContaining('must be true') })]);
    });
  }

  it('reads a SQLite row as a test answer only when meta.test is JSON true', async () => {
    const lines = (await store.readStoredAfter!(null, 10_000)).records;
    expect(lines.filter((line) => line.test).map((line) => line.id)).toEqual([testId]);
  });
});

describe('left out by default, included with includeTest=1, from the live table as from the store', () => {
  it('the report', async () => {
    expect((JSON.parse(await same('report')) as { responses: number }).responses).toBe(seeded.length);
    expect((JSON.parse(await same('report?includeTest=0')) as { responses: number }).responses).toBe(seeded.length);
    expect((JSON.parse(await same('report?includeTest=1')) as { responses: number }).responses).toBe(seeded.length + 1);
    expect((JSON.parse(await same('report?includeTest=1&channel=kiosk&by=ward')) as { responses: number }).responses).toBe(
      seeded.filter((record) => record.channel === 'kiosk').length + 1,
    );
  });

  it('the timeline', async () => {
    expect((JSON.parse(await same('timeline')) as { total: number }).total).toBe(seeded.length);
    expect((JSON.parse(await same('timeline?includeTest=1')) as { total: number }).total).toBe(seeded.length + 1);
    expect((JSON.parse(await same('timeline?includeTest=1&by=channel&channel=kiosk')) as { total: number }).total).toBe(
      seeded.filter((record) => record.channel === 'kiosk').length + 1,
    );
  });

  it('the comments', async () => {
    const texts = (body: string) => (JSON.parse(body) as CommentList).comments.map((comment) => comment.text);
    // Newest first: the test answer, received last, opens the list that includes it. (A search matching only it
    // would show nothing either way: one respondent is below the small-group rule.)
    expect(texts(await same('comments?limit=5'))).not.toContain(TEST_COMMENT);
    expect(texts(await same('comments?limit=5&includeTest=1'))[0]).toBe(TEST_COMMENT);
    expect(await same('comments?format=csv')).not.toContain(TEST_COMMENT);
    expect(await same('comments?format=csv&includeTest=1')).toContain(TEST_COMMENT);
  });

  it('the export, with a test column only when it includes them', async () => {
    const rows = (body: string) => body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const plain = rows(await same('responses?format=csv&codes'));
    expect(plain[0].split(',')).not.toContain('test');
    expect(plain).toHaveLength(seeded.length + 1);
    expect(plain.some((row) => row.includes(testId))).toBe(false);

    const all = rows(await same('responses?format=csv&codes&includeTest=1'));
    expect(all).toHaveLength(seeded.length + 2);
    const header = all[0].split(',');
    const testColumn = header.indexOf('test');
    expect(testColumn).toBeGreaterThan(header.indexOf('kioskId'));
    const flags = all.slice(1).map((row) => [row.split(',')[0], row.split(',')[testColumn]]);
    expect(flags.filter(([, flag]) => flag === '1').map(([id]) => id)).toEqual([testId]);
    expect(flags.filter(([, flag]) => flag === '0')).toHaveLength(seeded.length);

    const labels = rows(await same('responses?format=csv&labels&locale=en&includeTest=1'))[0];
    expect(labels).toContain('Test answer');
    const codebook = await same('responses?format=codebook&locale=ja&includeTest=1');
    expect(codebook).toContain('テスト回答');

    const jsonl = rows(await same('responses?format=jsonl&includeTest=1')).map((line) => JSON.parse(line) as ResponseRecord);
    expect(jsonl.filter((record) => record.meta.test === true).map((record) => record.id)).toEqual([testId]);
    expect(rows(await same('responses?format=jsonl')).map((line) => (JSON.parse(line) as ResponseRecord).id)).not.toContain(testId);
  });

  it('refuses includeTest other than 1 or 0, naming it', async () => {
    const refused = await get(live, 'report?includeTest=yes');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('includeTest must be 1');
  });
});
