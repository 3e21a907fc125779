/**
 * For tests that need a MongoDB server: MONGODB_URI names it. No server can be
 * installed on the project's own test machines, so without it these tests are
 * reported as skipped, with the reason in a test name, and never pass silently.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';

export const MONGODB_URI = process.env.MONGODB_URI || undefined;

export const MONGODB_SKIP_REASON = 'MONGODB_URI not set — MongoDB contract suite skipped';

/** A database name no other run or test uses (MongoDB allows 63 bytes). */
export function uniqueTestDbName(prefix: string): string {
  return `st_${prefix}_${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

export async function dropTestDatabase(uri: string, dbName: string): Promise<void> {
  const client = new MongoClient(uri);
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}

/**
 * The same connection string with `dbName` as its database (`mongodb://h/?x=1` → `mongodb://h/NAME?x=1`).
 * The path database is also where credentials are checked unless authSource says otherwise,
 * so when the URI has credentials that check stays where it was.
 */
export function uriWithDatabase(uri: string, dbName: string): string {
  const [, base, path = '', query = ''] = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(uri) ?? [];
  if (base === undefined) throw new Error(`not a MongoDB connection string: ${uri}`);
  const params = new URLSearchParams(query);
  if (base.includes('@') && !params.has('authSource')) params.set('authSource', path ? decodeURIComponent(path) : 'admin');
  const search = params.toString();
  return `${base}/${dbName}${search ? `?${search}` : ''}`;
}
