/**
 * The real collection server for browser tests: createApp on a free loopback
 * port, a real SQLite file in a temp dir, the shipped survey definitions, and
 * the client built by buildClientOnce.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../../server/app.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';

export const SHIPPED_DEFINITIONS_DIR = resolve(import.meta.dirname, '../../../survey-definitions');

export interface CollectionServer {
  origin: string;
  store: ResponseStore;
  /** The SQLite file behind `store` (test/e2e/support/seed-responses.ts imports records into it). */
  responsesFile: string;
  /** The temp DATA_DIR: weights/<survey>.csv and audit.jsonl live there. */
  dataDir: string;
  /** Accounts: empty until a test creates one (the dashboard tests log in). */
  authStore: AuthStore;
  /** Every stored record of a survey, in order of receipt. */
  records(surveyId: string): Promise<ResponseRecord[]>;
  close(): Promise<void>;
}

export async function startCollectionServer(clientDir: string, definitionsDir = SHIPPED_DEFINITIONS_DIR): Promise<CollectionServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e2e-collection-'));
  const responsesFile = join(dataDir, 'responses.sqlite');
  const store = await openSqliteResponseStore(responsesFile);
  const authStore = await openSqliteAuthStore(join(dataDir, 'auth.sqlite'));
  const definitions = await loadDefinitionCatalogFromDir(definitionsDir);
  // Margins per survey and the audit log their uploads are recorded in (issue 30), under the temp DATA_DIR.
  const app = createApp({ store, definitions, clientDir, authStore, definitionsDir, weightsDir: join(dataDir, 'weights'), auditLogPath: join(dataDir, 'audit.jsonl'), testMarkingsPath: join(dataDir, 'test-markings.jsonl') });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    store,
    responsesFile,
    dataDir,
    authStore,
    async records(surveyId) {
      const records: ResponseRecord[] = [];
      for await (const record of store.list({ surveyId })) records.push(record);
      return records;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await authStore.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
