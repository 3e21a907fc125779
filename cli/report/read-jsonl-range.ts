/**
 * Streams part of a JSONL file of stored records into a response table: fixed-size chunks of
 * bytes, split at newlines, each line handed to the byte scanner
 * (analysis/table/create-jsonl-appender.ts). Memory stays at one chunk plus the table's columns,
 * whatever the file size. Used for the whole file, or by a worker thread for its stretch.
 */
import { open } from 'node:fs/promises';
import { createJsonlAppender } from '../../analysis/table/create-jsonl-appender.ts';
import { RecordError } from '../../analysis/table/record-error.ts';
import type { ResponseTable } from '../../analysis/table/response-table.ts';
import type { AnswerCounter } from '../../analysis/table/count-answers.ts';

const CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * Rows counted at a time (analysis/table/count-answers.ts): few enough that the columns' newest rows are still in
 * the cache (a few hundred kB for the shipped surveys), many enough that each count's loop runs long.
 */
const COUNT_ROWS = 2048;

/** A line that cannot be analysed; `line` counts from the start of the range (1 = its first line). */
export class LineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'LineError';
  }
}

export interface ByteRange {
  start: number;
  end: number;
}

export interface ReadRangeOptions {
  onProgress?: (bytes: number, lines: number) => void;
  /** Counts the rows as they are read (every COUNT_ROWS rows and at the end). */
  counter?: AnswerCounter;
}

/** Reads the lines in [range.start, range.end) (both at line starts); returns how many lines it read. */
export async function readJsonlRange(file: string, table: ResponseTable, range: ByteRange, options: ReadRangeOptions = {}): Promise<number> {
  const { onProgress, counter } = options;
  const handle = await open(file, 'r');
  try {
    const append = createJsonlAppender(table);
    let counted = table.rowCount;
    let buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(range.end - range.start, 1)));
    let filled = 0;
    let position = range.start;
    let lineNumber = 0;
    for (;;) {
      if (filled === buffer.length) {
        // One line longer than the buffer: make room for it.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      // File offset of buffer[0].
      const chunkPosition = position - filled;
      const wanted = Math.min(buffer.length - filled, range.end - position);
      const { bytesRead } = wanted > 0 ? await handle.read(buffer, filled, wanted, position) : { bytesRead: 0 };
      position += bytesRead;
      filled += bytesRead;
      const atEnd = bytesRead === 0;
      // A plain Uint8Array, so the scanner's byte reads see one kind of array.
      const view = new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
      let start = 0;
      for (;;) {
        let end = buffer.indexOf(10, start); // memchr; the view is for the scanner
        if (end < 0 || end >= filled) {
          if (!atEnd || start >= filled) break;
          end = filled; // last line without a newline
        }
        lineNumber += 1;
        let from = start;
        if (lineNumber === 1 && range.start === 0 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) from = 3; // BOM
        let to = end;
        if (to > from && view[to - 1] === 13) to -= 1; // CRLF
        if (!isBlank(view, from, to)) {
          try {
            append(view, from, to, lineNumber, chunkPosition + start); // sample id for a line without an id: its byte offset
          } catch (error) {
            if (error instanceof RecordError) throw new LineError(lineNumber, error.message);
            throw error;
          }
        }
        start = end + 1;
        if (counter && table.rowCount - counted >= COUNT_ROWS) {
          counter.add(table, counted, table.rowCount);
          counted = table.rowCount;
        }
      }
      if (atEnd) break;
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
      onProgress?.(position - range.start, lineNumber);
    }
    if (counter && table.rowCount > counted) counter.add(table, counted, table.rowCount);
    return lineNumber;
  } finally {
    await handle.close();
  }
}

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
