/**
 * One way to reach MongoDB for every store that uses it (responses, accounts):
 * the same database choice, write concern and one-line errors.
 */
import { MongoClient, type Db } from 'mongodb';
import { redactUri } from './redact-uri.ts';

/** Used when the connection string names no database. */
export const DEFAULT_MONGODB_DB_NAME = 'survey_toolkit';

const DEFAULT_WRITE_CONCERN = { w: 'majority', journal: true } as const;

export interface MongoConnectionOptions {
  /** `mongodb://…` or `mongodb+srv://…`; its options (replicaSet, w, tls, readPreference…) apply. */
  uri: string;
  /** Defaults to the database in the URI's path, else `survey_toolkit`. */
  dbName?: string;
  /** How long to look for a usable server before failing; the driver's default is 30 s. */
  serverSelectionTimeoutMS?: number;
}

/**
 * Connects, runs `prepare` (index creation), and resolves to the client and
 * database. Any failure closes the client and rejects with one line naming
 * `what`, the server (password hidden) and the database.
 */
export async function connectMongoDb(
  options: MongoConnectionOptions,
  what: string,
  prepare: (db: Db) => Promise<void>,
): Promise<{ client: MongoClient; db: Db }> {
  const dbName = options.dbName ?? databaseNameInUri(options.uri) ?? DEFAULT_MONGODB_DB_NAME;
  const fail = (error: unknown) =>
    new Error(`cannot open ${what} at ${redactUri(options.uri)} (database "${dbName}"): ${(error as Error).message}`, { cause: error });
  let client: MongoClient;
  try {
    // Retryable writes are the driver's default (retryWrites=true) and are left
    // to the URI, so a MongoDB-compatible service without them can opt out.
    client = new MongoClient(options.uri, {
      appName: 'survey-toolkit',
      ...(options.serverSelectionTimeoutMS !== undefined ? { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS } : {}),
    });
  } catch (error) {
    throw fail(error);
  }
  const db = databaseWithWriteConcern(client, dbName);
  try {
    await client.connect();
    await prepare(db);
  } catch (error) {
    await client.close().catch(() => {});
    throw fail(error);
  }
  return { client, db };
}

/**
 * A write concern in the connection string wins; otherwise `{w: "majority",
 * journal: true}`: a write is acknowledged once a majority of the replica set
 * has it in its on-disk journal, so it survives the primary failing the instant
 * after (https://www.mongodb.com/docs/manual/reference/write-concern/).
 */
export function databaseWithWriteConcern(client: MongoClient, dbName: string): Db {
  return client.db(dbName, client.options.writeConcern ? {} : { writeConcern: DEFAULT_WRITE_CONCERN });
}

/** The database named in the URI's path (`mongodb://host/NAME?…`), if any; the driver would say "test" when there is none. */
export function databaseNameInUri(uri: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}

