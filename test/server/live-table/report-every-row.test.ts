/**
 * The live report cache keys a view by what it selects when it selects every row (server/routes/report.ts): a filter
 * that keeps every response (a period wider than the fieldwork) is answered with the report of no filter. Proven
 * here by its answer, which must be the store path's for the same filter, and by a new response, after which the
 * filtered and the unfiltered reports both count it.
 */
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { readShipped } from '../../analysis/definitions/shipped-definition-files.ts';
import { closeAll, listenOnStore } from './listen-on-store.ts';

const SURVEY = 'ward-office-exit';
const definition = loadDefinition(readShipped(SURVEY), SURVEY);
let dir: string;
let store: ResponseStore;
let authStore: AuthStore;
let token: string;
const servers: Server[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'live-every-row-'));
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  await store.importRecords([...synthesizeResponses(definition, { count: 400, seed: 8 })]);
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  token = (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret;
});

afterAll(() => closeAll(servers, [store, authStore], dir));

async function report(base: string, query: string): Promise<{ responses: number; body: string }> {
  const response = await fetch(`${base}/api/surveys/${SURVEY}/report?${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, query).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  delete body.generatedAt;
  return { responses: body.responses as number, body: JSON.stringify(body) };
}

describe('a filter that keeps every row', () => {
  it('is reported as no filter is, exactly as the store path reports it, and follows new responses', async () => {
    const live = await listenOnStore(servers, { store, authStore, dir, liveTables: true });
    const plain = await listenOnStore(servers, { store, authStore, dir, liveTables: false });
    const wide = 'from=2000-01-01&to=2099-12-31&locale=ja';
    const everyone = await report(live, 'locale=ja');
    const filtered = await report(live, wide);
    expect(filtered.responses).toBe(400);
    expect(filtered.body).toBe(everyone.body);
    expect(filtered.body).toBe((await report(plain, wide)).body);
    // A filter that keeps fewer is its own report.
    expect((await report(live, 'ward=kita&locale=ja')).responses).toBeLessThan(400);

    const [extra] = [...synthesizeResponses(definition, { count: 1, seed: 81 })];
    await store.importRecords([{ ...extra, id: 'late-1', submissionId: 'late-1', receivedAt: new Date().toISOString() }]);
    const after = await report(live, wide);
    expect(after.responses).toBe(401);
    expect(after.body).toBe((await report(live, 'locale=ja')).body);
    expect(after.body).toBe((await report(plain, wide)).body);
  });
});
