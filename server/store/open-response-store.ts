/**
 * Opens the stores the configuration selects: SQLite under DATA_DIR by
 * default, or MongoDB when STORE=mongodb (docs/decisions/0070-deployment-topologies.md).
 * The server and the `migrate` command both open stores through here.
 */
import { join } from 'node:path';
import { redactUri } from './redact-uri.ts';
import type { ResponseStore } from './response-store.ts';
import { openSqliteResponseStore } from './sqlite-response-store.ts';

/** The SQLite store's file inside DATA_DIR. */
export const SQLITE_RESPONSES_FILE = 'responses.sqlite';

export type StoreSelection =
  | { store: 'sqlite'; dataDir: string }
  | { store: 'mongodb'; mongodbUri: string };

/** From the parsed environment (server/env.ts guarantees MONGODB_URI when STORE=mongodb). */
export function selectStore(env: { STORE: 'sqlite' | 'mongodb'; MONGODB_URI?: string }, dataDir: string): StoreSelection {
  if (env.STORE === 'sqlite') return { store: 'sqlite', dataDir };
  if (!env.MONGODB_URI) throw new Error('STORE=mongodb needs MONGODB_URI');
  return { store: 'mongodb', mongodbUri: env.MONGODB_URI };
}

export function openResponseStore(selection: StoreSelection): Promise<ResponseStore> {
  return selection.store === 'sqlite'
    ? openSqliteResponseStore(join(selection.dataDir, SQLITE_RESPONSES_FILE))
    : // The driver (a hundred-odd modules) only for a server on MongoDB: one on SQLite starts listening without it.
      import('./mongodb-response-store.ts').then(({ openMongoResponseStore }) => openMongoResponseStore({ uri: selection.mongodbUri }));
}

/** For the start-up line: where responses go, without a password. */
export function describeResponseStore(selection: StoreSelection): string {
  return selection.store === 'sqlite'
    ? `data in ${join(selection.dataDir, SQLITE_RESPONSES_FILE)}`
    : `data in MongoDB at ${redactUri(selection.mongodbUri)}`;
}
