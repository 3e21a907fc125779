/**
 * The real app on loopback over a given store, with or without live tables, for the tests that ask the same
 * question of both (the live table and the store path must answer alike). The server joins `servers`, which the
 * test closes at its end.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../../server/app.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { SHIPPED_DEFINITIONS } from '../auth/start-secure-app.ts';

export async function listenOnStore(servers: Server[], options: { store: ResponseStore; authStore: AuthStore; dir: string; liveTables: boolean }): Promise<string> {
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS);
  const { store, authStore, dir, liveTables } = options;
  const app = createApp({ store, definitions, authStore, clientDir: join(dir, 'no-client-build'), definitionsDir: SHIPPED_DEFINITIONS, liveTables });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
