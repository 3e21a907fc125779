/**
 * Where `migrate` reads or writes records: `sqlite:DIR_OR_FILE`, `jsonl:FILE`,
 * or a MongoDB connection string.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_RESPONSES_FILE } from '../../server/store/open-response-store.ts';
import { CliError } from '../cli-error.ts';

export type StoreLocation =
  | { kind: 'sqlite'; file: string }
  | { kind: 'jsonl'; file: string }
  | { kind: 'mongodb'; uri: string };

export const STORE_LOCATION_FORMS = 'sqlite:DIR (the server\'s DATA_DIR) or sqlite:FILE.sqlite, jsonl:FILE, or mongodb://…';

/** `option` names the flag in error messages (`--from`, `--to`). */
export function parseStoreLocation(text: string, option: string): StoreLocation {
  if (/^mongodb(\+srv)?:\/\/./.test(text)) return { kind: 'mongodb', uri: text };
  const [, scheme, path] = /^(sqlite|jsonl):(.+)$/.exec(text) ?? [];
  if (scheme === 'jsonl') return { kind: 'jsonl', file: path };
  if (scheme === 'sqlite') {
    // A directory means the server's DATA_DIR, so `sqlite:./data` is the store `npm start` uses.
    const isDirectory = existsSync(path) ? statSync(path).isDirectory() : !/\.(sqlite3?|db)$/i.test(path);
    return { kind: 'sqlite', file: isDirectory ? join(path, SQLITE_RESPONSES_FILE) : path };
  }
  throw new CliError(`${option} ${JSON.stringify(text)}: must be ${STORE_LOCATION_FORMS}`, 2);
}
