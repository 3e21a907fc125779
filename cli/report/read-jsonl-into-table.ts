/**
 * Reads a whole JSONL file of stored records into one response table. A large file is cut into
 * stretches at line starts, one per core: this thread reads the first, worker threads the others; the parts are joined
 * in file order (concatTables), so the table — comment sample included — is the same as one
 * pass would give (docs/decisions/0040-columnar-streaming-report.md). A bad line stops the read
 * with `FILE:LINE: what is wrong`, naming the first bad line in the file.
 */
import { open, stat } from 'node:fs/promises';
import { concatTables } from '../../analysis/table/concat-tables.ts';
import type { AnswerCounter } from '../../analysis/table/count-answers.ts';
import { createResponseTable } from '../../analysis/table/create-response-table.ts';
import type { ResponseTable, TableColumn, TableSpec } from '../../analysis/table/response-table.ts';
import { CliError } from '../cli-error.ts';
import type { SerializedTable, WorkerMessage } from './jsonl-worker.ts';
import { LineError, readJsonlRange, type ByteRange } from './read-jsonl-range.ts';
import { readerCount, readerScript, startReaderThread, type ReaderThreads } from './start-reader-threads.ts';

export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

export async function readJsonlIntoTable(
  file: string,
  spec: TableSpec,
  options: {
    threads?: number;
    onProgress?: ReadProgress;
    /** Threads started earlier (startReaderThreads); they decide how many threads read. Closed by the caller. */
    readers?: ReaderThreads;
    /** Counts the answers as they are read, each thread its stretch, merged here (analysis/table/count-answers.ts). */
    counter?: AnswerCounter;
    /** Called when this thread has read its own stretch, before waiting for the others (phase-clock.ts). */
    onOwnStretchRead?: () => void;
  } = {},
): Promise<ResponseTable> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the responses (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
  }
  const threads = options.readers ? options.readers.threads.length + 1 : readerCount(size, options.threads);
  if (threads <= 1) {
    const table = createResponseTable(spec);
    try {
      await readJsonlRange(file, table, { start: 0, end: size }, { onProgress: (bytes) => options.onProgress?.(bytes, size), counter: options.counter });
    } catch (error) {
      if (error instanceof LineError) throw new CliError(`${file}:${error.line}: ${error.message}`);
      throw error;
    }
    return table;
  }

  const ranges = await splitAtLines(file, size, threads);
  let bytesDone = 0;
  const progress = (bytes: number) => {
    bytesDone += bytes;
    options.onProgress?.(bytesDone, size);
  };
  // Workers take the later stretches; this thread reads the first meanwhile (one worker's start-up saved).
  const script = options.readers ? undefined : await readerScript();
  const readers = options.readers?.threads ?? ranges.slice(1).map(() => startReaderThread(script!));
  const pairs = options.counter ? [...options.counter.pairs] : null;
  const workers = ranges.slice(1).map((range, k) => readers[k].read({ file, spec, range, pairs }, progress));
  const first = createResponseTable(spec);
  let firstResult: Exclude<WorkerMessage, { type: 'progress' | 'done' }> | { type: 'done'; lines: number };
  try {
    let reported = 0;
    const lines = await readJsonlRange(file, first, ranges[0], {
      onProgress(bytes) {
        progress(bytes - reported);
        reported = bytes;
      },
      counter: options.counter,
    });
    firstResult = { type: 'done', lines };
  } catch (error) {
    if (!(error instanceof LineError)) throw error;
    firstResult = { type: 'line-error', line: error.line, message: error.message };
  }
  options.onOwnStretchRead?.();
  const results = [firstResult, ...(await Promise.all(workers))];
  // The first bad line in file order: its number is the lines of the stretches before it plus its own.
  let linesBefore = 0;
  const offsets: number[] = [];
  for (const result of results) {
    if (result.type === 'failed') throw new Error(`a reader thread failed: ${result.message}`);
    if (result.type === 'line-error') throw new CliError(`${file}:${linesBefore + result.line}: ${result.message}`);
    offsets.push(linesBefore);
    linesBefore += result.lines;
  }
  const done = results.slice(1) as Array<Extract<WorkerMessage, { type: 'done' }>>;
  // This thread counted its own stretch into the counter; the others' counts follow in file order. A thread counts
  // exactly when this one does (it was given pairs only then), so its counts are there whenever they are merged.
  const counter = options.counter;
  if (counter) for (const result of done) counter.merge(result.counts!);
  const parts = [first, ...done.map((result) => deserialize(spec, result.table))];
  return concatTables(parts, offsets);
}

/** `count` stretches of about equal size, each starting at a line start. */
async function splitAtLines(file: string, size: number, count: number): Promise<ByteRange[]> {
  const handle = await open(file, 'r');
  try {
    const starts = [0];
    const window = Buffer.allocUnsafe(64 * 1024);
    for (let k = 1; k < count; k++) {
      let position = Math.max(Math.floor((size * k) / count), starts[starts.length - 1] + 1) - 1;
      let start = size;
      while (position < size) {
        const { bytesRead } = await handle.read(window, 0, window.length, position);
        const newline = window.subarray(0, bytesRead).indexOf(10);
        if (newline >= 0) {
          start = position + newline + 1;
          break;
        }
        position += bytesRead;
        if (bytesRead === 0) break;
      }
      starts.push(Math.min(start, size));
    }
    return starts.map((start, k) => ({ start, end: k + 1 < starts.length ? starts[k + 1] : size }));
  } finally {
    await handle.close();
  }
}

function deserialize(spec: TableSpec, serialized: SerializedTable): ResponseTable {
  const shell = createResponseTable(spec, 0);
  const columns: TableColumn[] = shell.columns.map((column, c) => {
    const data = serialized.columns[c];
    if (column.kind === 'single') return { ...column, codes: (data as { codes: Int16Array }).codes };
    if (column.kind === 'number') return { ...column, numbers: (data as { numbers: Float64Array }).numbers };
    if (column.kind === 'comment') {
      // Every text (text analysis) when the spec keeps them: copied by the message, as the sample is.
      const { answered, sample, texts } = data as { answered: Uint8Array; sample: typeof column.sample; texts?: typeof column.texts };
      return { ...column, answered, sample, ...(column.texts ? { texts: texts! } : {}) };
    }
    const { answered, cells } = data as { answered: Uint8Array; cells: Uint8Array[] };
    return { ...column, answered, cells };
  });
  return {
    spec,
    rowCount: serialized.rowCount,
    capacity: serialized.version.length,
    version: serialized.version,
    origin: serialized.origin,
    completedAt: serialized.completedAt,
    startedAt: serialized.startedAt,
    channel: serialized.channel,
    kiosk: serialized.kiosk,
    columns,
    byName: new Map(columns.map((column) => [column.name, column])),
  };
}
