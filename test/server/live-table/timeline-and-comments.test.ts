/**
 * /timeline and /comments from the live table (issue 23) answer exactly what they answered from the store: two
 * apps on one SQLite file, one with live tables and one without (`liveTables: false`), asked the same questions.
 * The records include imports out of receivedAt order, comments with personal data, and one stored record the
 * analysis cannot read (the store path still counts it, so the live path must too).
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
let dir: string;
let store: ResponseStore;
let authStore: AuthStore;
let token: string;
const servers: Server[] = [];
let live: string;
let fromStore: string;

async function listen(liveTables: boolean): Promise<string> {
  return listenOnStore(servers, { store, authStore, dir, liveTables });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'live-timeline-comments-'));
  const definition = loadDefinition(readShipped(SURVEY), SURVEY);
  const records = [...synthesizeResponses(definition, { count: 900, seed: 21 })];
  records.forEach((record, k) => {
    if (k % 9 === 4) record.receivedAt = new Date(Date.parse(record.receivedAt) - 3 * 86_400_000).toISOString();
  });
  const kiosk = records.find((record) => record.channel === 'kiosk' && record.meta.ward === 'kita')!;
  const unreadable = { ...kiosk, id: 'unreadable-1', submissionId: 'unreadable-1', data: { ...kiosk.data, ageBand: '120s', comment: '駐車場が狭い。電話 011-222-3333' }, receivedAt: '2025-06-20T01:00:00.000Z' };
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  await store.importRecords(records);
  await store.importRecords([unreadable]);
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  token = (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret;
  live = await listen(true);
  fromStore = await listen(false);
}, 60_000);

afterAll(() => closeAll(servers, [store, authStore], dir));

async function get(base: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}/api/surveys/${SURVEY}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.text() };
}

/** Both apps' answers to `path`, which must be 200 and equal. */
async function same(path: string): Promise<string> {
  const [a, b] = await Promise.all([get(live, path), get(fromStore, path)]);
  expect(b.status, `${path} from the store: ${b.body.slice(0, 200)}`).toBe(200);
  expect(a.status, `${path} from the live table: ${a.body.slice(0, 200)}`).toBe(200);
  expect(a.body, path).toBe(b.body);
  return a.body;
}

describe('the timeline from the live table', () => {
  for (const path of ['timeline', 'timeline?by=ward', 'timeline?by=ageBand&ward=kita,chuo', 'timeline?channel=kiosk&ageBand=70_plus', 'timeline?from=2025-06-10&to=2025-07-01&by=ward']) {
    it(`answers ${path} as the store does`, async () => {
      expect(JSON.parse(await same(path)).total).toBeGreaterThan(0);
    });
  }
});

describe('the comments from the live table', () => {
  /** A page without its cursor, which each process seals with its own nonce. */
  const withoutCursor = (body: string) => JSON.stringify({ ...(JSON.parse(body) as CommentList), nextCursor: null });

  for (const query of ['limit=15', 'limit=10&ward=kita', 'q=駐車場', 'word=待ち時間', 'code=駐車場&ageBand=30s,40s', 'kwic=窓口', 'format=csv&ward=chuo']) {
    it(`answers ${query} as the store does`, async () => {
      const [a, b] = await Promise.all([get(live, `comments?${query}`), get(fromStore, `comments?${query}`)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(query.startsWith('kwic') || query.startsWith('format') ? a.body : withoutCursor(a.body)).toBe(query.startsWith('kwic') || query.startsWith('format') ? b.body : withoutCursor(b.body));
      expect(a.body.length).toBeGreaterThan(50);
    });
  }

  it('pages through every comment of a selection alike, with the unreadable record, masked', async () => {
    const pages = async (base: string) => {
      const texts: string[] = [];
      let cursor: string | null = null;
      do {
        const { body } = await get(base, `comments?ward=kita&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        const page = JSON.parse(body) as CommentList;
        texts.push(...page.comments.map((comment) => comment.text));
        cursor = page.nextCursor;
      } while (cursor);
      return texts;
    };
    const [a, b] = await Promise.all([pages(live), pages(fromStore)]);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(8);
    expect(a.some((text) => text.startsWith('駐車場が狭い。') && !text.includes('3333'))).toBe(true);
  });
});
