/**
 * Streams the records of a JSONL file (one stored record per line, as
 * exports write and `report --input` reads), one line in memory at a time.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { CliError } from '../cli-error.ts';
import { parseRecordLine, RecordLineError } from './parse-record-line.ts';

/** One non-blank line: its record, or what is wrong with it (and its surveyId, when it names one). */
export type JsonlLine =
  | { line: number; record: ResponseRecord }
  | { line: number; record?: undefined; problem: string; surveyId: string | undefined };

/** Every non-blank line, a bad one included, so the caller decides whether to go on. */
export async function* readJsonlLines(file: string): AsyncGenerator<JsonlLine> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
      if (text.trim() === '') continue;
      let record: ResponseRecord;
      try {
        record = parseRecordLine(text);
      } catch (error) {
        if (!(error instanceof RecordLineError)) throw error;
        yield { line: lineNumber, problem: error.message, surveyId: error.surveyId };
        continue;
      }
      yield { line: lineNumber, record };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`${file}: no such file`);
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Blank lines are skipped; a bad line stops the stream with `FILE:LINE: what is wrong` (a JSONL target must be sound). */
export async function* readJsonlRecords(file: string): AsyncGenerator<ResponseRecord> {
  for await (const item of readJsonlLines(file)) {
    if (item.record === undefined) throw new CliError(`${file}:${item.line}: ${item.problem}`);
    yield item.record;
  }
}
