import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AuthStore } from './auth-store.ts';
import { openSqliteAuthStore } from './sqlite-auth-store.ts';

/** The accounts database's file in DATA_DIR, beside responses.sqlite (docs/decisions/0061-auth-store-in-its-own-sqlite-file.md). */
export const AUTH_STORE_FILE = 'auth.sqlite';

/** Opens the auth store of DATA_DIR `dataDir`, creating the directory and the file if needed. */
export async function openAuthStoreInDataDir(dataDir: string): Promise<AuthStore> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  return openSqliteAuthStore(join(dir, AUTH_STORE_FILE));
}
