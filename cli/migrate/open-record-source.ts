/** Opens a location to read every record from, survey by survey for stores, in file order for JSONL. */
import { existsSync } from 'node:fs';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { ResponseStore } from '../../server/store/response-store.ts';
import { CliError } from '../cli-error.ts';
import { openLocationStore } from './open-location-store.ts';
import { readJsonlLines } from './read-jsonl-records.ts';
import type { StoreLocation } from './parse-store-location.ts';

/**
 * One record of the source, or a JSONL line that is none (with what is wrong, and its surveyId when it names
 * one). `where` names it for a message: `FILE:LINE`, or the store and the response id.
 */
export type SourceItem =
  | { record: ResponseRecord; where: () => string }
  | { record?: undefined; where: () => string; problem: string; surveyId: string | undefined };

export interface RecordSource {
  /** Every record, streamed: memory stays bounded whatever the count. */
  records(): AsyncIterable<SourceItem>;
  close(): Promise<void>;
}

/** `label` names the source in messages (the store's location, its password hidden). */
export async function openRecordSource(location: StoreLocation, label: string): Promise<RecordSource> {
  if (location.kind === 'jsonl') {
    const { file } = location;
    if (!existsSync(file)) throw new CliError(`--from jsonl:${file}: no such file`);
    return { records: () => jsonlItems(file), close: async () => {} };
  }
  // Opening would create an empty store; a missing source is a mistake to report instead.
  if (location.kind === 'sqlite' && !existsSync(location.file)) throw new CliError(`--from sqlite: no response store at ${location.file}`);
  const store = await openLocationStore(location);
  return { records: () => eachSurvey(store, label), close: () => store.close() };
}

async function* jsonlItems(file: string): AsyncGenerator<SourceItem> {
  for await (const item of readJsonlLines(file)) {
    const where = () => `${file}:${item.line}`;
    yield item.record === undefined ? { where, problem: item.problem, surveyId: item.surveyId } : { record: item.record, where };
  }
}

async function* eachSurvey(store: ResponseStore, label: string): AsyncGenerator<SourceItem> {
  for (const surveyId of await store.listSurveyIds()) {
    for await (const record of store.list({ surveyId })) yield { record, where: () => `${label}: response ${record.id}` };
  }
}
