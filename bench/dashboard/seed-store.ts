/**
 * bench:dashboard's stores: N synthetic responses of each benchmarked survey in a real SQLite store file
 * (`responses.sqlite` in a DATA_DIR), written through the store's own `importRecords` in batches, the surveys'
 * batches interleaved as their answers would arrive. Streams: the synthesizer is a generator and one batch per
 * survey is in memory at a time, so a million responses take the same memory as a thousand.
 *
 * A seeded DATA_DIR is kept under the cache folder, named by the surveys, N, the seed and a hash of the
 * definitions, and reused by later runs; it is written under a temporary name and renamed when complete, so an
 * interrupted seeding is never reused.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { Submission } from '../../contracts/submission.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { SQLITE_RESPONSES_FILE } from '../../server/store/open-response-store.ts';
import { validatorFor } from '../../server/validation/validate-response.ts';

/** Records per importRecords call (one transaction each). */
const BATCH = 4000;
/** The first records of each survey are checked with the server's validator, as `survey-toolkit seed` checks all. */
const VALIDATED = 500;
/** Fieldwork: a year, so period filters select a part of it. */
export const FIELDWORK_START = '2025-04-01';
export const FIELDWORK_DAYS = 365;
const SEED = 1;

export interface SeededStore {
  /** The DATA_DIR holding responses.sqlite (and the auth store the bench adds its token to). */
  dataDir: string;
  reused: boolean;
  seconds: number;
}

/** The definitions' contents decide the records, so they are part of the cache key. */
export async function definitionsKey(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) hash.update(await readFile(file));
  return hash.digest('hex').slice(0, 10);
}

export async function seededStore(
  cacheDir: string,
  definitions: SurveyDefinition[],
  count: number,
  key: string,
  log: (line: string) => void,
): Promise<SeededStore> {
  const name = `${definitions.map((d) => `${d.id}-v${d.version}`).join('+')}-${count}-seed${SEED}-${key}`;
  const dataDir = join(cacheDir, name);
  if (existsSync(join(dataDir, SQLITE_RESPONSES_FILE))) {
    log(`reusing the seeded store ${dataDir} (${count.toLocaleString('en-US')} responses of each survey)`);
    return { dataDir, reused: true, seconds: 0 };
  }
  const partial = `${dataDir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const started = performance.now();
  const store = await openSqliteResponseStore(join(partial, SQLITE_RESPONSES_FILE));
  try {
    const sources = definitions.map((definition) => ({
      definition,
      records: synthesizeResponses(definition, { count, seed: SEED, startDate: FIELDWORK_START, days: FIELDWORK_DAYS }),
      taken: 0,
      done: false,
    }));
    let stored = 0;
    let lastLog = performance.now();
    while (sources.some((source) => !source.done)) {
      for (const source of sources) {
        if (source.done) continue;
        const batch: ResponseRecord[] = [];
        while (batch.length < BATCH) {
          const next = source.records.next();
          if (next.done) {
            source.done = true;
            break;
          }
          if (source.taken < VALIDATED) checkValid(source.definition, next.value, source.taken + 1);
          source.taken += 1;
          batch.push(next.value);
        }
        if (batch.length === 0) continue;
        const results = await store.importRecords(batch);
        const duplicates = results.filter((result) => result.duplicate).length;
        if (duplicates > 0) throw new Error(`${duplicates} synthetic ${source.definition.id} records were duplicates of stored ones`);
        stored += batch.length;
      }
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  seeded ${stored.toLocaleString('en-US')} of ${(count * definitions.length).toLocaleString('en-US')}…`);
      }
    }
  } finally {
    await store.close();
  }
  await rename(partial, dataDir);
  const seconds = (performance.now() - started) / 1000;
  log(`seeded ${count.toLocaleString('en-US')} responses of each survey into ${dataDir} in ${seconds.toFixed(1)} s`);
  return { dataDir, reused: false, seconds };
}

function checkValid(definition: SurveyDefinition, record: ResponseRecord, index: number): void {
  const { surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } = record;
  const refused = validatorFor(definition)({ surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } as Submission);
  if (refused.length > 0) {
    throw new Error(`synthetic ${definition.id} record ${index} would be refused by the server (${refused[0].question}: ${refused[0].message})`);
  }
}
