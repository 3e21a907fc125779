/**
 * Weights for a response table by raking to population margins (rake.ts), for the needs shares
 * and IPA means (gap tests stay unweighted).
 *
 * Responses without an answer for a margin variable cannot be weighted: they are an error that
 * names them, or, with `dropIncomplete`, they are left out of the whole report and counted.
 * Raking sees one shared row object per combination of margin values, not one per respondent,
 * so a million respondents cost a million references, not a million objects.
 */
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { filterRows } from '../table/filter-rows.ts';
import type { ResponseTable, SingleColumn } from '../table/response-table.ts';
import { effectiveSampleSize } from './effective-sample-size.ts';
import { findIncompleteRows } from './find-incomplete-rows.ts';
import { rake, type Margin, type RakeRow } from './rake.ts';

export interface AppliedMargins {
  table: ResponseTable;
  weights: Float64Array;
  iterations: number;
  effectiveN: number;
  variables: string[];
  dropped: number;
}

/** How many offending rows an error names. */
const ROWS_NAMED = 5;

export function applyMargins(table: ResponseTable, margins: ReadonlyArray<Margin>, options: { dropIncomplete?: boolean } = {}): AppliedMargins {
  const variables = [...new Set(margins.map((margin) => margin.question))];
  const columnOf = (name: string) => {
    const column = table.byName.get(name);
    if (!column || column.kind !== 'single') throw new ReportInputError(`margin variable ${JSON.stringify(name)} was not read from the responses`);
    return column;
  };
  const columns = variables.map(columnOf);
  let rows = internRows(table, columns);
  const incomplete = findIncompleteRows(rows, margins);
  let dropped = 0;
  let weighted = table;
  if (incomplete.length > 0) {
    if (!options.dropIncomplete) {
      const lacking = [...new Set(incomplete.flatMap((row) => row.missing))].join(', ');
      const one = incomplete.length === 1;
      throw new ReportInputError(
        `${incomplete.length} response${one ? ' has' : 's have'} no answer for the margin variable ${lacking}, ` +
          `so ${one ? 'it' : 'they'} cannot be weighted; leave ${one ? 'it' : 'them'} out with --drop-incomplete`,
        { origins: incomplete.slice(0, ROWS_NAMED).map(({ row }) => table.origin[row]) },
      );
    }
    const keep = new Uint8Array(table.rowCount).fill(1);
    for (const { row } of incomplete) keep[row] = 0;
    weighted = filterRows(table, keep);
    dropped = incomplete.length;
    rows = internRows(weighted, variables.map((name) => weighted.byName.get(name) as SingleColumn));
  }
  if (weighted.rowCount === 0) throw new ReportInputError('no responses left to weight');
  checkCoverage(weighted, variables, margins);

  let result;
  try {
    result = rake(rows, margins);
  } catch (error) {
    throw new ReportInputError(`weighting failed: ${(error as Error).message}`);
  }
  const weights = Float64Array.from(result.weights);
  return { table: weighted, weights, iterations: result.iterations, effectiveN: effectiveSampleSize(weights), variables, dropped };
}

/** Rows for rake(): the same frozen object for every respondent with the same margin answers. */
function internRows(table: ResponseTable, columns: SingleColumn[]): RakeRow[] {
  const shared = new Map<number, RakeRow>();
  const rows = new Array<RakeRow>(table.rowCount);
  for (let row = 0; row < table.rowCount; row++) {
    let key = 0;
    for (const column of columns) key = key * (column.values.length + 1) + (column.codes[row] + 1);
    let object = shared.get(key);
    if (!object) {
      const entries: Record<string, string | undefined> = {};
      for (const column of columns) {
        const code = column.codes[row];
        entries[column.name] = code < 0 ? undefined : String(column.values[code]);
      }
      object = Object.freeze(entries);
      shared.set(key, object);
    }
    rows[row] = object;
  }
  return rows;
}

/** Every answer a respondent gave to a margin variable must have a margin, else no weight fits it. */
function checkCoverage(table: ResponseTable, variables: string[], margins: ReadonlyArray<Margin>): void {
  for (const name of variables) {
    const column = table.byName.get(name) as SingleColumn;
    const listed = new Set(margins.filter((margin) => margin.question === name).map((margin) => margin.value));
    const unlisted = column.values.map((value, code) => (listed.has(String(value)) ? -1 : code)).filter((code) => code >= 0);
    if (unlisted.length === 0) continue;
    const offending: number[] = [];
    let count = 0;
    for (let row = 0; row < table.rowCount; row++) {
      if (!unlisted.includes(column.codes[row])) continue;
      count += 1;
      if (offending.length < ROWS_NAMED) offending.push(row);
    }
    if (count > 0) {
      const values = [...new Set(offending.map((row) => String(column.values[column.codes[row]])))];
      throw new ReportInputError(
        `the margins for ${name} do not list ${values.map((value) => JSON.stringify(value)).join(', ')}, ` +
          `which ${count} response${count === 1 ? ' has' : 's have'}; every answer needs a population to be weighted`,
        { origins: offending.map((row) => table.origin[row]) },
      );
    }
  }
}
