/**
 * Issue 23, "Start-up", over HTTP: while the live tables are built from the store, /healthz answers and says
 * `building` per survey, a respondent's POST is stored and answered 201 at once (collection never waits for a
 * table), and a dashboard read of the survey waits BUILD_WAIT_MS, then answers 503 `table_building` with
 * Retry-After. Once the build is over, the report holds the stored responses and the one posted meanwhile.
 *
 * The build is held back by a gate: the app gets the real SQLite store with its readStoredAfter waiting on a
 * promise this test resolves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefinitionCatalog } from '../../../analysis/definitions/definition-catalog.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { HealthStatus } from '../../../contracts/health.ts';
import type { Report } from '../../../contracts/report.ts';
import { createApp } from '../../../server/app.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import { BUILD_WAIT_MS, BUILDING_RETRY_AFTER_S } from '../../../server/live-table/live-tables.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import { SHIPPED_DEFINITIONS } from '../auth/start-secure-app.ts';

const SURVEY = 'ward-office-exit';
const SEEDED = 400;

let dir: string;
let definitions: DefinitionCatalog;
let authStore: AuthStore;
let tokens: { analyst: string; admin: string };
let store: ResponseStore;
let credential: string;

interface GatedApp {
  url: string;
  /** Lets the tables' reads of the store through. */
  open: () => void;
  close: () => Promise<void>;
}

/** The real store, but every readStoredAfter waits until `open` is called; everything else goes straight through. */
function gated(real: ResponseStore): { store: ResponseStore; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    open,
    store: {
      insert: (response) => real.insert(response),
      get: (id) => real.get(id),
      getBySubmissionId: (submissionId) => real.getBySubmissionId(submissionId),
      list: (query) => real.list(query),
      count: (query) => real.count(query),
      listSurveyIds: () => real.listSurveyIds(),
      importRecords: (records) => real.importRecords(records),
      readStoredAfter: async (cursor, limit) => {
        await gate;
        return real.readStoredAfter!(cursor, limit);
      },
      close: () => real.close(),
    },
  };
}

async function startGated(): Promise<GatedApp> {
  const { store: gatedStore, open } = gated(store);
  const app = createApp({ store: gatedStore, definitions, authStore, clientDir: join(dir, 'no-client-build'), definitionsDir: SHIPPED_DEFINITIONS });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open,
    close: async () => {
      open(); // a build left waiting would read a closed store
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'live-table-startup-'));
  definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS);
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  tokens = {
    analyst: (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret,
    admin: (await createApiToken(authStore, { name: 'admin-automation', role: 'admin' })).secret,
  };
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  await store.importRecords([...synthesizeResponses(definitions.get(SURVEY)!, { count: SEEDED, seed: 31 })]);
});

afterAll(async () => {
  await store?.close();
  await authStore?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const health = async (url: string) => {
  const response = await fetch(`${url}/healthz`);
  expect(response.status).toBe(200);
  return (await response.json()) as HealthStatus;
};
const report = (url: string, query = '') => fetch(`${url}/api/surveys/${SURVEY}/report?${query}`, { headers: { authorization: `Bearer ${tokens.analyst}` } });

async function enrollChuo(url: string): Promise<string> {
  const created = await fetch(`${url}/api/kiosks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
    body: JSON.stringify({ kioskId: 'chuo-01', ward: 'chuo', surveyId: SURVEY }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { code } = (await created.json()) as { code: string };
  const redeemed = await fetch(`${url}/api/kiosks/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  expect(redeemed.status).toBe(201);
  return ((await redeemed.json()) as { credential: string }).credential;
}

async function untilReady(url: string): Promise<HealthStatus> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await health(url);
    if (Object.values(status.tables!).every((table) => table.state === 'ready')) return status;
    if (Date.now() > deadline) throw new Error(`not ready after 30 s: ${JSON.stringify(status.tables)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('while the live tables are built', () => {
  it('/healthz says building, a response is stored at once, the report answers 503 with Retry-After; then the report holds it', async () => {
    const app = await startGated();
    try {
      // Every shipped survey has a table, each building.
      const building = await health(app.url);
      expect(Object.keys(building.tables!).sort()).toEqual(definitions.list().map(({ id }) => id).sort());
      for (const [id, table] of Object.entries(building.tables!)) expect(table, id).toEqual({ state: 'building', rows: 0 });

      // Collection never waits for a table.
      credential ??= await enrollChuo(app.url);
      const [record] = [...synthesizeResponses(definitions.get(SURVEY)!, { count: 1, seed: 32 })];
      const { surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } = record;
      const posted = await fetch(`${app.url}/api/surveys/${SURVEY}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-credential': credential },
        body: JSON.stringify({ surveyVersion, submissionId, channel, meta, startedAt, completedAt, data }),
      });
      expect(posted.status).toBe(201);
      expect(await store.count({ surveyId: SURVEY })).toBe(SEEDED + 1);

      // A view waits a moment for the build, then is told to come back.
      const asked = Date.now();
      const refused = await report(app.url, 'locale=ja');
      expect(Date.now() - asked).toBeGreaterThanOrEqual(BUILD_WAIT_MS - 50);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe(String(BUILDING_RETRY_AFTER_S));
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('table_building');
      expect((await health(app.url)).tables![SURVEY].state).toBe('building');

      app.open();
      const ready = await untilReady(app.url);
      expect(ready.tables![SURVEY]).toEqual({ state: 'ready', rows: SEEDED + 1 });
      const answered = await report(app.url, 'locale=ja');
      expect(answered.status).toBe(200);
      expect(((await answered.json()) as Report).responses).toBe(SEEDED + 1);
      // The response posted meanwhile is the kiosk's: the chuo view has it too.
      let chuo = 0;
      for await (const stored of store.list({ surveyId: SURVEY })) if (stored.meta.ward === 'chuo') chuo++;
      expect(((await (await report(app.url, 'ward=chuo')).json()) as Report).responses).toBe(chuo);
    } finally {
      await app.close();
    }
  });

  it('a view asked for in the last moments of the build waits for it rather than answering 503', async () => {
    const app = await startGated();
    try {
      expect((await health(app.url)).tables![SURVEY].state).toBe('building');
      const asked = report(app.url, 'locale=ja');
      await new Promise((resolve) => setTimeout(resolve, BUILD_WAIT_MS / 10));
      app.open();
      const answered = await asked;
      expect(answered.status).toBe(200);
      expect(((await answered.json()) as Report).responses).toBe(await store.count({ surveyId: SURVEY }));
    } finally {
      await app.close();
    }
  });
});
