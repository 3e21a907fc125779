/** Opens a location to read every record from, survey by survey for stores, in file order for JSONL. */
import { existsSync } from 'node:fs';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { openMongoResponseStore } from '../../server/store/mongodb-response-store.ts';
import { openSqliteRecordImport } from '../../server/store/open-sqlite-record-import.ts';
import { CliError } from '../cli-error.ts';
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
  if (location.kind === 'sqlite') {
    // Opening would create an empty store; a missing source is a mistake to report instead.
    if (!existsSync(location.file)) throw new CliError(`--from sqlite: no response store at ${location.file}`);
    const sqlite = await openSqliteRecordImport(location.file);
    return { records: () => eachSurvey(() => sqlite.listSurveyIds(), (surveyId) => sqlite.store.list({ surveyId })), close: () => sqlite.close() };
  }
  const mongo = await openMongoResponseStore({ uri: location.uri });
  return { records: () => eachSurvey(() => mongo.listSurveyIds(), (surveyId) => mongo.list({ surveyId })), close: () => mongo.close() };
}

async function* eachSurvey(
  listSurveyIds: () => Promise<string[]>,
  list: (surveyId: string) => AsyncIterable<ResponseRecord>,
): AsyncGenerator<ResponseRecord> {
  for (const surveyId of await listSurveyIds()) yield* list(surveyId);
}
