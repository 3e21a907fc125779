/**
 * Reads a weighting margins CSV: a header `question,value,population` (any column order), then
 * one margin per line, e.g. shared/reference/sapporo-ward-population-2021.csv. Quoted fields
 * (RFC 4180) are accepted; blank lines are skipped. A bad line throws CliError naming
 * `FILE:LINE` and quoting what is wrong. Each margin keeps its line for later messages.
 */
import { readFile } from 'node:fs/promises';
import type { Margin } from '../../analysis/weighting/rake.ts';
import { CliError } from '../cli-error.ts';

export interface MarginsFile {
  margins: Margin[];
  /** lines[i]: the CSV line of margins[i]. */
  lines: number[];
}

const COLUMNS = ['question', 'value', 'population'] as const;

export async function readMarginsCsv(file: string): Promise<MarginsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the weights file (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
  }
  return parseMarginsCsv(text.replace(/^\uFEFF/, ''), file);
}

export function parseMarginsCsv(text: string, file: string): MarginsFile {
  const rows = text.split(/\r?\n/);
  let header: string[] | undefined;
  let columnOf: Record<(typeof COLUMNS)[number], number> | undefined;
  const margins: Margin[] = [];
  const lines: number[] = [];
  rows.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = splitCsvLine(raw, `${file}:${line}`);
    if (!header) {
      header = fields.map((field) => field.trim());
      const missing = COLUMNS.filter((column) => !header!.includes(column));
      if (missing.length > 0) {
        throw new CliError(`${file}:${line}: the header must name the columns question,value,population; got ${JSON.stringify(raw)}`);
      }
      columnOf = { question: header.indexOf('question'), value: header.indexOf('value'), population: header.indexOf('population') };
      return;
    }
    if (fields.length !== header.length) {
      throw new CliError(`${file}:${line}: expected ${header.length} fields like the header, got ${fields.length}: ${JSON.stringify(raw)}`);
    }
    const question = fields[columnOf!.question].trim();
    const value = fields[columnOf!.value].trim();
    const populationText = fields[columnOf!.population].trim();
    if (question === '' || value === '') throw new CliError(`${file}:${line}: question and value must not be empty: ${JSON.stringify(raw)}`);
    const population = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(populationText) ? Number(populationText) : NaN;
    if (!(population > 0) || !Number.isFinite(population)) {
      throw new CliError(`${file}:${line}: population must be a number > 0, got ${JSON.stringify(populationText)}`);
    }
    margins.push({ question, value, population });
    lines.push(line);
  });
  if (!header) throw new CliError(`${file}: empty; expected a header question,value,population and one line per margin`);
  if (margins.length === 0) throw new CliError(`${file}: no margins below the header`);
  return { margins, lines };
}

/** One CSV record on one line; a quote left open is an error (margins never span lines). */
function splitCsvLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new CliError(`${where}: a quoted field is not closed: ${JSON.stringify(line)}`);
  fields.push(field);
  return fields;
}
