/**
 * Parses a weighting margins CSV: a header `question,value,population` (any column order), then one
 * margin per line, e.g. test/fixtures/sapporo-ward-population-2021.csv. Quoted fields (RFC 4180) are
 * accepted; blank lines and a leading BOM are skipped. A bad line throws MarginsCsvError naming
 * `FILE:LINE` and quoting what is wrong. Each margin keeps its line, so a later check of the margins
 * against a survey (checkMargins, which names a margin by its index) can name the line too.
 *
 * Pure (no files): the CLI reads the file (cli/report/read-margins-csv.ts), the server reads
 * DATA_DIR/weights/<survey>.csv or an admin's upload (server/weights/).
 */
import type { Margin } from './rake.ts';

export interface MarginsFile {
  margins: Margin[];
  /** lines[i]: the CSV line of margins[i]. */
  lines: number[];
}

/** A margins file that cannot be read; the message starts with `FILE:LINE: ` (or `FILE: ` for the whole file). */
export class MarginsCsvError extends Error {
  constructor(
    message: string,
    /** The offending line, 1-based; undefined when the whole file is wrong (empty, no margins). */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'MarginsCsvError';
  }
}

const COLUMNS = ['question', 'value', 'population'] as const;

/** `file` is how messages name the file (a path, or an uploaded file's name). */
export function parseMarginsCsv(text: string, file: string): MarginsFile {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | undefined;
  let columnOf: Record<(typeof COLUMNS)[number], number> | undefined;
  const margins: Margin[] = [];
  const lines: number[] = [];
  const fail = (line: number, message: string): never => {
    throw new MarginsCsvError(`${file}:${line}: ${message}`, line);
  };
  rows.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = splitCsvLine(raw, (message) => fail(line, message));
    if (!header) {
      header = fields.map((field) => field.trim());
      const missing = COLUMNS.filter((column) => !header!.includes(column));
      if (missing.length > 0) fail(line, `the header must name the columns question,value,population; got ${JSON.stringify(raw)}`);
      columnOf = { question: header.indexOf('question'), value: header.indexOf('value'), population: header.indexOf('population') };
      return;
    }
    if (fields.length !== header.length) fail(line, `expected ${header.length} fields like the header, got ${fields.length}: ${JSON.stringify(raw)}`);
    const question = fields[columnOf!.question].trim();
    const value = fields[columnOf!.value].trim();
    const populationText = fields[columnOf!.population].trim();
    if (question === '' || value === '') fail(line, `question and value must not be empty: ${JSON.stringify(raw)}`);
    const population = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(populationText) ? Number(populationText) : NaN;
    if (!(population > 0) || !Number.isFinite(population)) fail(line, `population must be a number > 0, got ${JSON.stringify(populationText)}`);
    margins.push({ question, value, population });
    lines.push(line);
  });
  if (!header) throw new MarginsCsvError(`${file}: empty; expected a header question,value,population and one line per margin`);
  if (margins.length === 0) throw new MarginsCsvError(`${file}: no margins below the header`);
  return { margins, lines };
}

/** One CSV record on one line; a quote left open is an error (margins never span lines). */
function splitCsvLine(line: string, fail: (message: string) => never): string[] {
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
  if (quoted) fail(`a quoted field is not closed: ${JSON.stringify(line)}`);
  fields.push(field);
  return fields;
}
