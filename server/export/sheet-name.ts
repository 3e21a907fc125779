/**
 * Worksheet names Excel and LibreOffice accept: XML-safe text (xml-safe-text.ts), none of `\ / ? * [ ] :`
 * (Excel refuses the workbook otherwise), no apostrophe at either end, at most 31 characters, never
 * empty, and unique without regard to case. A long table's sheet is named after its question, which
 * a definition may spell with any of these.
 */
import { xmlSafeText } from './xml-safe-text.ts';

export const MAX_SHEET_NAME = 31;

/** `names` made valid and unique, in order; a clash gets ` (2)`, ` (3)`, … within the 31 characters. */
export function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = cleanName(name);
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = withSuffix(base, ` (${n})`);
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The name of the `number`th sheet of one table that did not fit one sheet: `回答 (2)`. */
export function continuedSheetName(name: string, number: number): string {
  return withSuffix(name, ` (${number})`);
}

function cleanName(name: string): string {
  const clean = xmlSafeText(name)
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  return cut(clean || 'sheet', MAX_SHEET_NAME);
}

function withSuffix(base: string, suffix: string): string {
  return cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
}

/** At most `max` UTF-16 units (Excel's count) without cutting a surrogate pair in two. */
function cut(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}
