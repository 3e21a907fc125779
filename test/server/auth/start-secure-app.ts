/**
 * The real app on a loopback port with real SQLite files for responses and
 * accounts, the shipped survey definitions, an analyst and an admin (password
 * and API token each), and a fake clock for sessions and rate limits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppOptions } from '../../../server/app.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { createUser } from '../../../server/auth/create-user.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';

export const SHIPPED_DEFINITIONS = join(import.meta.dirname, '..', '..', '..', 'survey-definitions');
export const ANALYST = { name: 'sato.analyst', password: 'analyst password 1' };
export const ADMIN = { name: 'ito.admin', password: 'admin password 12' };

export interface SecureApp {
  url: string;
  app: Express;
  dir: string;
  store: ResponseStore;
  authStore: AuthStore;
  clock: { ms: number; now: () => number };
  tokens: { analyst: string; admin: string };
  /** Logs in and returns the Cookie header value to send. */
  login: (user: { name: string; password: string }) => Promise<string>;
  close: () => Promise<void>;
}

export async function startSecureApp(options: Pick<AppOptions, 'abuseLimits' | 'trustProxy' | 'clientDir' | 'publicUrl'> & { definitionsDir?: string } = {}): Promise<SecureApp> {
  const dir = await mkdtemp(join(tmpdir(), 'secure-app-'));
  const definitions = await loadDefinitionCatalogFromDir(options.definitionsDir ?? SHIPPED_DEFINITIONS);
  const store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  const authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  await createUser(authStore, { ...ANALYST, role: 'analyst' });
  await createUser(authStore, { ...ADMIN, role: 'admin' });
  const tokens = {
    analyst: (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret,
    admin: (await createApiToken(authStore, { name: 'admin-automation', role: 'admin' })).secret,
  };
  const clock = { ms: Date.parse('2025-06-02T00:00:00Z'), now: () => clock.ms };
  const app = createApp({
    store,
    definitions,
    authStore,
    now: clock.now,
    clientDir: options.clientDir ?? join(dir, 'no-client-build'),
    abuseLimits: options.abuseLimits,
    trustProxy: options.trustProxy,
    publicUrl: options.publicUrl,
    auditLogPath: join(dir, 'audit.jsonl'),
    definitionsDir: options.definitionsDir ?? SHIPPED_DEFINITIONS,
    weightsDir: join(dir, 'weights'),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    dir,
    store,
    authStore,
    clock,
    tokens,
    login: async ({ name, password }) => {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      if (response.status !== 200) throw new Error(`login as ${name} answered ${response.status}: ${await response.text()}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0];
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await authStore.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
