/**
 * The real app on loopback over a given store, with or without live tables, for the tests that ask the same
 * question of both (the live table and the store path must answer alike); `more` sets the app's other options. The server joins `servers`, which the
 * test closes at its end.
 */
import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, type AppOptions } from '../../../server/app.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { SHIPPED_DEFINITIONS } from '../auth/start-secure-app.ts';

export async function listenOnStore(
  servers: Server[],
  options: { store: ResponseStore; authStore: AuthStore; dir: string; liveTables: boolean; more?: Partial<AppOptions> },
): Promise<string> {
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS);
  const { store, authStore, dir, liveTables, more } = options;
  const app = createApp({ store, definitions, authStore, clientDir: join(dir, 'no-client-build'), definitionsDir: SHIPPED_DEFINITIONS, liveTables, ...more });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Ends what such a test started, in the order that leaves nothing behind: each server (its open connections
 * first, so close does not wait for keep-alive sockets), then the stores, then the test's folder.
 */
export async function closeAll(servers: Server[], stores: Array<{ close(): Promise<void> } | undefined>, dir: string | undefined): Promise<void> {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const store of stores) await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}
