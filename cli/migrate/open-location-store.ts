/** The response store at a `migrate` location that is a store (not JSONL), opened through its own implementation. */
import { openMongoResponseStore } from '../../server/store/mongodb-response-store.ts';
import type { ResponseStore } from '../../server/store/response-store.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import type { StoreLocation } from './parse-store-location.ts';

export function openLocationStore(location: Exclude<StoreLocation, { kind: 'jsonl' }>): Promise<ResponseStore> {
  return location.kind === 'sqlite' ? openSqliteResponseStore(location.file) : openMongoResponseStore({ uri: location.uri });
}
