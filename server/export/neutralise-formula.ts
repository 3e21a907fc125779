import type { CellValue } from './build-export-columns.ts';

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR that they
 * strip first) as a formula, so a free-text answer like `=HYPERLINK(…)` would
 * run on an analyst's machine. Such text cells get a leading apostrophe, which
 * makes them plain text (https://owasp.org/www-community/attacks/CSV_Injection).
 * Numbers are left alone: -3 is a number, not a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: CellValue): CellValue {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
