/**
 * Worker thread: reads one stretch of a JSONL file into a table of the given spec and sends
 * the table's arrays back (transferred, not copied). See read-jsonl-into-table.ts.
 * It is started before its work is known (start-reader-threads.ts): the file, spec and stretch come as the first
 * message, once this thread's modules are loaded.
 */
import { parentPort } from 'node:worker_threads';
import { createAnswerCounter, type CountedPair, type PartialCounts } from '../../analysis/table/count-answers.ts';
import { createResponseTable } from '../../analysis/table/create-response-table.ts';
import type { TableSpec } from '../../analysis/table/response-table.ts';
import { LineError, readJsonlRange, type ByteRange } from './read-jsonl-range.ts';

export interface WorkerInput {
  file: string;
  spec: TableSpec;
  range: ByteRange;
  /** What to count while reading (analysis/table/count-answers.ts); null when the report counts nothing this way (weighted). */
  pairs: CountedPair[] | null;
}

export type WorkerMessage =
  | { type: 'progress'; bytes: number }
  | { type: 'done'; lines: number; table: SerializedTable; counts: PartialCounts | null }
  | { type: 'line-error'; line: number; message: string }
  | { type: 'failed'; message: string };

export interface SerializedTable {
  rowCount: number;
  version: Int32Array;
  origin: Int32Array;
  completedAt: Float64Array;
  startedAt: Float64Array;
  channel: Uint8Array;
  kiosk: Uint8Array;
  columns: Array<
    | { codes: Int16Array }
    | { numbers: Float64Array }
    | { answered: Uint8Array; cells: Uint8Array[] }
    | { answered: Uint8Array; sample: Array<{ row: number; key: number; text: string }>; texts?: { rows: number[]; texts: string[] } }
  >;
}

const port = parentPort!;
port.once('message', (input: WorkerInput) => void read(input));

async function read({ file, spec, range, pairs }: WorkerInput): Promise<void> {
  const table = createResponseTable(spec, 64 * 1024);
  try {
    let reported = 0;
    const counter = pairs === null ? undefined : createAnswerCounter(spec, pairs);
    const lines = await readJsonlRange(file, table, range, {
      onProgress(bytes) {
        port.postMessage({ type: 'progress', bytes: bytes - reported } satisfies WorkerMessage);
        reported = bytes;
      },
      counter,
    });
    port.postMessage({ type: 'progress', bytes: range.end - range.start - reported } satisfies WorkerMessage);
    const columns: SerializedTable['columns'] = table.columns.map((column) =>
      column.kind === 'single'
        ? { codes: column.codes }
        : column.kind === 'number'
          ? { numbers: column.numbers }
          : column.kind === 'comment'
            ? { answered: column.answered, sample: column.sample, ...(column.texts ? { texts: column.texts } : {}) }
            : { answered: column.answered, cells: column.cells },
    );
    const serialized: SerializedTable = {
      rowCount: table.rowCount,
      version: table.version,
      origin: table.origin,
      completedAt: table.completedAt,
      startedAt: table.startedAt,
      channel: table.channel,
      kiosk: table.kiosk,
      columns,
    };
    const transfer = [table.version.buffer, table.origin.buffer, table.completedAt.buffer, table.startedAt.buffer, table.channel.buffer, table.kiosk.buffer];
    for (const column of table.columns) {
      if (column.kind === 'single') transfer.push(column.codes.buffer);
      else if (column.kind === 'number') transfer.push(column.numbers.buffer);
      else {
        transfer.push(column.answered.buffer);
        if (column.kind !== 'comment') for (const cells of column.cells) transfer.push(cells.buffer);
      }
    }
    const counts = counter?.partial() ?? null;
    if (counts !== null) for (const sums of counts.sums) transfer.push(sums.buffer);
    port.postMessage({ type: 'done', lines, table: serialized, counts } satisfies WorkerMessage, transfer as ArrayBuffer[]);
  } catch (error) {
    if (error instanceof LineError) port.postMessage({ type: 'line-error', line: error.line, message: error.message } satisfies WorkerMessage);
    else port.postMessage({ type: 'failed', message: (error as Error).stack ?? String(error) } satisfies WorkerMessage);
  }
}
