import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteAuthStore } from '../../server/auth/sqlite-auth-store.ts';
import type { AuthStore } from '../../server/auth/auth-store.ts';
import { runAuthStoreContract } from './auth-store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'auth-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
const fileOf = new WeakMap<AuthStore, string>();

runAuthStoreContract({
  name: 'sqlite',
  newStore: async () => {
    const file = join(dir, `auth-${++counter}.sqlite`);
    const store = await openSqliteAuthStore(file);
    fileOf.set(store, file);
    return store;
  },
  reopen: (store) => openSqliteAuthStore(fileOf.get(store)!),
});
