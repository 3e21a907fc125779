/**
 * Opens a location to write records to, idempotently: a record whose
 * submissionId the target already holds is skipped and reported as a
 * duplicate, so running the same migration twice writes nothing the second time;
 * or as a conflict when the target's record under that submissionId is another
 * response (server/store/submission-content.ts).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { InsertResult } from '../../server/store/response-store.ts';
import { submissionContentKey } from '../../server/store/submission-content.ts';
import { openLocationStore } from './open-location-store.ts';
import { readJsonlRecords } from './read-jsonl-records.ts';
import type { StoreLocation } from './parse-store-location.ts';

export interface RecordSink {
  /** Each record kept as it is (id and receivedAt included), or skipped as a duplicate. */
  importRecords(records: ResponseRecord[]): Promise<InsertResult[]>;
  close(): Promise<void>;
}

/** A store is its own sink: ResponseStore.importRecords keeps ids and skips known submissionIds. */
export async function openRecordSink(location: StoreLocation): Promise<RecordSink> {
  if (location.kind === 'jsonl') return openJsonlSink(location.file);
  if (location.kind === 'sqlite') await mkdir(dirname(location.file), { recursive: true });
  return openLocationStore(location);
}

/**
 * Appends to a JSONL file. The submissionIds already in it are read first
 * (checking every line), so only new records are appended.
 */
async function openJsonlSink(file: string): Promise<RecordSink> {
  const known = new Map<string, { id: string; content: string }>();
  const remember = (record: ResponseRecord) => known.set(record.submissionId, { id: record.id, content: submissionContentKey(record) });
  let needsNewline = false;
  if (existsSync(file)) {
    for await (const record of readJsonlRecords(file)) remember(record);
    needsNewline = !(await endsWithNewline(file));
  } else {
    await mkdir(dirname(file), { recursive: true });
  }
  const output = createWriteStream(file, { flags: 'a', encoding: 'utf8' });
  await once(output, 'open');
  if (needsNewline) output.write('\n');
  return {
    async importRecords(records) {
      const results: InsertResult[] = [];
      let chunk = '';
      for (const record of records) {
        const stored = known.get(record.submissionId);
        if (stored !== undefined) {
          const same = stored.content === submissionContentKey(record);
          results.push(same ? { id: stored.id, duplicate: true } : { id: stored.id, duplicate: true, conflict: true });
          continue;
        }
        remember(record);
        chunk += `${JSON.stringify(record)}\n`;
        results.push({ id: record.id, duplicate: false });
      }
      if (chunk && !output.write(chunk)) await once(output, 'drain');
      return results;
    },
    async close() {
      await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const handle = await open(file, 'r+');
      try {
        await handle.sync(); // on disk before "written" is printed
      } finally {
        await handle.close();
      }
    },
  };
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}
