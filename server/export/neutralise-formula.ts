import type { CellValue } from './build-export-columns.ts';
import { xmlSafeText } from './xml-safe-text.ts';

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula, so a free-text
 * answer like `=HYPERLINK(…)` would run on an analyst's machine
 * (https://owasp.org/www-community/attacks/CSV_Injection). Such text gets an
 * apostrophe before the trigger, which makes it plain text. Numbers are left
 * alone: -3 is a number, not a formula.
 *
 * Where a cell *starts* is not ours to decide: LibreOffice and Excel in many
 * locales split CSV on ";" or a tab (so `ok;=1+8` becomes a cell `=1+8`), some
 * importers split on "|", and they skip leading blanks and line breaks. So a
 * trigger is neutralised at the start, and after any separator or line break,
 * blanks in between allowed.
 */
const FORMULA_TRIGGER = /(^|[,;|\t\r\n])([\s]*)([=+\-@])/g;
/** A leading tab or line break is stripped by some importers and read as a separator by others. */
const LEADING_BLANK = /^[\t\r\n]/;

export function neutraliseFormula(value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  const inner = value.replace(FORMULA_TRIGGER, "$1$2'$3");
  return LEADING_BLANK.test(inner) ? `'${inner}` : inner;
}

/**
 * Characters no export cell should carry:
 * - what XML 1.0 forbids (server/export/xml-safe-text.ts): C0 controls other than tab and line
 *   breaks, NUL first, U+FFFE, U+FFFF and lone surrogates. One would corrupt the whole XLSX file;
 *   in CSV the controls truncate the cell in some readers, and CSV and XLSX keep the same text;
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
 *   make a cell display differently from what it holds ("Trojan Source",
 *   https://trojansource.codes/, CVE-2021-42574). These are written as a visible `<U+202E>`,
 *   so an analyst sees that the respondent sent one.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

export function cleanControlCharacters(text: string): string {
  return xmlSafeText(text).replace(BIDI_CONTROL, (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase()}>`);
}

/** Every CSV and XLSX cell goes through this: controls cleaned, then formulas neutralised. */
export function safeExportCell(value: CellValue): CellValue {
  return typeof value === 'string' ? neutraliseFormula(cleanControlCharacters(value)) : value;
}
