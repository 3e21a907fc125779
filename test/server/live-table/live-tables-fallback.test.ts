/**
 * A live table that cannot be built (here: the store's follow cursor fails) never stops the dashboard: /healthz
 * says `failed`, and every view is read from the store as without live tables, with the same answer.
 */
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { HealthStatus } from '../../../contracts/health.ts';
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

async function listen(appStore: ResponseStore, liveTables: boolean): Promise<string> {
  return listenOnStore(servers, { store: appStore, authStore, dir, liveTables });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'live-fallback-'));
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  await store.importRecords([...synthesizeResponses(loadDefinition(readShipped(SURVEY), SURVEY), { count: 300, seed: 4 })]);
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  token = (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret;
});

afterAll(() => closeAll(servers, [store, authStore], dir));

describe('a live table that fails to build', () => {
  it('is reported failed, and every view is read from the store with the same answer', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // Every method of the real store, but a follow cursor that fails (a fault in the table code would look alike).
      const broken = Object.create(store, { readStoredAfter: { value: async () => Promise.reject(new Error('disk says no')) } }) as ResponseStore;
      const failing = await listen(broken, true);
      const plain = await listen(store, false);
      const health = async () => (await (await fetch(`${failing}/healthz`)).json()) as HealthStatus;
      for (let tries = 0; (await health()).tables?.[SURVEY].state === 'building' && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await health()).tables?.[SURVEY].state).toBe('failed');
      expect(errors.mock.calls.map((call) => String(call[0])).join('\n')).toContain('could not be built, so dashboard views read the store: disk says no');
      for (const path of ['report?ward=kita', 'timeline?by=ward', 'comments?limit=5']) {
        const [a, b] = await Promise.all(
          [failing, plain].map(async (base) => {
            const response = await fetch(`${base}/api/surveys/${SURVEY}/${path}`, { headers: { authorization: `Bearer ${token}` } });
            return { status: response.status, body: await response.text() };
          }),
        );
        expect(a.status, path).toBe(200);
        expect(path.startsWith('comments') ? JSON.parse(a.body).comments : a.body).toEqual(path.startsWith('comments') ? JSON.parse(b.body).comments : b.body);
      }
    } finally {
      errors.mockRestore();
    }
  });
});
