/**
 * The MongoDB AuthStore against the shared contract suite, on the server in
 * MONGODB_URI; without it the suite is reported as skipped, with the reason.
 */
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthStore } from '../../server/auth/auth-store.ts';
import { SESSIONS_COLLECTION, openMongoAuthStore } from '../../server/auth/mongodb-auth-store.ts';
import { MONGODB_URI, dropTestDatabase, uniqueTestDbName } from '../store/mongodb-test-database.ts';
import { runAuthStoreContract } from './auth-store.contract.ts';

if (!MONGODB_URI) it.skip('MONGODB_URI not set — MongoDB AuthStore contract suite skipped', () => {});

describe.skipIf(!MONGODB_URI)('MongoDB auth store at MONGODB_URI', () => {
  const uri = MONGODB_URI!;
  const dbNameOf = new WeakMap<AuthStore, string>();
  const created: string[] = [];
  afterAll(async () => {
    for (const dbName of created) await dropTestDatabase(uri, dbName);
  });

  runAuthStoreContract({
    name: 'MongoDB',
    newStore: async () => {
      const dbName = uniqueTestDbName('auth');
      created.push(dbName);
      const store = await openMongoAuthStore({ uri, dbName });
      dbNameOf.set(store, dbName);
      return store;
    },
    reopen: (store) => openMongoAuthStore({ uri, dbName: dbNameOf.get(store)! }),
  });

  it('lets the server expire sessions by itself through a TTL index on expiresAt', async () => {
    const dbName = uniqueTestDbName('auth');
    created.push(dbName);
    await (await openMongoAuthStore({ uri, dbName })).close();
    const client = new MongoClient(uri);
    try {
      const ttl = (await client.db(dbName).collection(SESSIONS_COLLECTION).indexes()).find((index) => index.name === 'expiresAtDate_ttl');
      expect(ttl).toMatchObject({ key: { expiresAtDate: 1 }, expireAfterSeconds: 0 });
    } finally {
      await client.close();
    }
  });
});
