import { resolve } from 'node:path';
import type { AuthStore } from '../server/auth/auth-store.ts';
import { openSelectedAuthStore } from '../server/auth/open-selected-auth-store.ts';
import { parseServerEnv } from '../server/env.ts';
import { selectStore } from '../server/store/open-response-store.ts';
import { CliError } from './cli-error.ts';

/**
 * The accounts store the server uses with the same environment (DATA_DIR/auth.sqlite, or MongoDB
 * with STORE=mongodb), so `user add` and `token create` act on what `npm start` reads.
 */
export async function openConfiguredAuthStore(env: Record<string, string | undefined> = process.env): Promise<AuthStore> {
  let parsed;
  try {
    parsed = parseServerEnv(env);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return openSelectedAuthStore(selectStore(parsed, resolve(parsed.DATA_DIR)));
}
