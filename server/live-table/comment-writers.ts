/**
 * The comments of a live view (issue 23): the table keeps no texts, only which rows wrote one, so the records of
 * just those rows are read from the store by id. A dashboard's comment page then reads the writers of the selection
 * (typically a tenth of it) instead of every response the selection holds.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { CommentColumn } from '../../analysis/table/response-table.ts';
import type { LiveTable } from './live-table.ts';

/** The table's comment columns of `questions` (data keys), or null when one is not a column of it. */
export function commentColumnsOf(live: LiveTable, questions: readonly string[]): CommentColumn[] | null {
  const columns: CommentColumn[] = [];
  for (const name of questions) {
    const column = live.table.byName.get(name);
    if (!column || column.kind !== 'comment' || column.source.from !== 'data' || column.source.key !== name) return null;
    columns.push(column);
  }
  return columns;
}

/** What is kept of a writer's record: its id and receipt (a comment's place in the list), `meta` and `data` cut. */
export type WriterRecord = Pick<ResponseRecord, 'id' | 'receivedAt' | 'meta' | 'data'>;

/**
 * The stored records of the view's rows (viewRows) that wrote in any of `columns`, in the view's order, with
 * `data` cut to `dataKeys` (the comments and the segments the caller reads) and `meta` to `metaKeys`. Each is read
 * from the store once per process and kept, so the next page, search or filter of the same survey reads memory,
 * not the store: a stored response never changes. Only what the comments view reads is kept: measured at a million
 * responses of ward-office-exit, 140,000 writers took 700 bytes each as whole records.
 */
export async function writerRecords(
  live: LiveTable,
  rows: Int32Array,
  columns: readonly CommentColumn[],
  readRecord: (id: string) => Promise<ResponseRecord | undefined>,
  dataKeys: readonly string[],
  metaKeys: readonly string[],
): Promise<WriterRecord[]> {
  // A list, not a stream: after the first read every record is in memory, and a promise per record of a large
  // selection cost more than the comments page itself (issue 23, bench:dashboard at a million).
  const kept = keptFor(live, [dataKeys, metaKeys]);
  const writers: WriterRecord[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (!columns.some((column) => column.answered[row] === 1)) continue;
    let record = kept.get(row);
    if (!record) {
      const stored = await readRecord(live.ids[row]);
      // Nothing deletes a stored response; were one gone, its comment is simply not shown.
      if (!stored) continue;
      // The id string the table already holds, not the record's copy of it: one less string per writer kept.
      record = { id: live.ids[row], receivedAt: stored.receivedAt, meta: cut(stored.meta, metaKeys) as ResponseRecord['meta'], data: cut(stored.data, dataKeys) };
      kept.set(row, record);
    }
    writers.push(record);
  }
  return writers;
}

function cut(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(object, key)).map((key) => [key, object[key]]));
}

const keptRecords = new WeakMap<LiveTable, Map<string, Map<number, WriterRecord>>>();

function keptFor(live: LiveTable, keys: ReadonlyArray<readonly string[]>): Map<number, WriterRecord> {
  let byKeys = keptRecords.get(live);
  if (!byKeys) keptRecords.set(live, (byKeys = new Map()));
  const signature = JSON.stringify(keys);
  let kept = byKeys.get(signature);
  if (!kept) byKeys.set(signature, (kept = new Map()));
  return kept;
}
