/** Opens a location to read every record from, survey by survey for stores, in file order for JSONL. */
import { existsSync } from 'node:fs';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { ResponseStore } from '../../server/store/response-store.ts';
import { CliError } from '../cli-error.ts';
import { openLocationStore } from './open-location-store.ts';
import { readJsonlRecords } from './read-jsonl-records.ts';
import type { StoreLocation } from './parse-store-location.ts';

export interface RecordSource {
  /** Every record, streamed: memory stays bounded whatever the count. */
  records(): AsyncIterable<ResponseRecord>;
  close(): Promise<void>;
}

export async function openRecordSource(location: StoreLocation): Promise<RecordSource> {
  if (location.kind === 'jsonl') {
    if (!existsSync(location.file)) throw new CliError(`--from jsonl:${location.file}: no such file`);
    return { records: () => readJsonlRecords(location.file), close: async () => {} };
  }
  // Opening would create an empty store; a missing source is a mistake to report instead.
  if (location.kind === 'sqlite' && !existsSync(location.file)) throw new CliError(`--from sqlite: no response store at ${location.file}`);
  const store = await openLocationStore(location);
  return { records: () => eachSurvey(store), close: () => store.close() };
}

async function* eachSurvey(store: ResponseStore): AsyncGenerator<ResponseRecord> {
  for (const surveyId of await store.listSurveyIds()) yield* store.list({ surveyId });
}
