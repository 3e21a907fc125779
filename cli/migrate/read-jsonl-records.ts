/**
 * Streams the records of a JSONL file (one stored record per line, as
 * exports write and `report --input` reads), one line in memory at a time.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { CliError } from '../cli-error.ts';
import { parseRecordLine } from './parse-record-line.ts';

/** Blank lines are skipped; a bad line stops the stream with `FILE:LINE: what is wrong`. */
export async function* readJsonlRecords(file: string): AsyncGenerator<ResponseRecord> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
      if (text.trim() === '') continue;
      try {
        yield parseRecordLine(text);
      } catch (error) {
        throw new CliError(`${file}:${lineNumber}: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`${file}: no such file`);
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
}
