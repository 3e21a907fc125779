/**
 * Reads a weighting margins CSV for `survey-toolkit report --weights` (and `--population-by`): the
 * parsing is analysis/weighting/parse-margins-csv.ts, shared with the server's margins per survey
 * (server/weights/); here the file is read and a bad line becomes a CliError naming `FILE:LINE`.
 * The file's name and SHA-256 go into the report (`weighting.source`), as the server's do.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { MarginsCsvError, parseMarginsCsv as parseMargins, type MarginsFile } from '../../analysis/weighting/parse-margins-csv.ts';
import { CliError } from '../cli-error.ts';

export type { MarginsFile };

export interface ReadMarginsFile extends MarginsFile {
  /** The file's name (without its folder) and the SHA-256 of its bytes, hex. */
  source: { file: string; sha256: string };
}

export async function readMarginsCsv(file: string): Promise<ReadMarginsFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the weights file (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
  }
  const parsed = parseMarginsCsv(bytes.toString('utf8'), file);
  return { ...parsed, source: { file: basename(file), sha256: createHash('sha256').update(bytes).digest('hex') } };
}

/** parseMarginsCsv of analysis/, its errors as CliError (the same one line). */
export function parseMarginsCsv(text: string, file: string): MarginsFile {
  try {
    return parseMargins(text, file);
  } catch (error) {
    if (error instanceof MarginsCsvError) throw new CliError(error.message);
    throw error;
  }
}
