/**
 * Which rows cannot be raked because they lack a margin variable, and which variables they lack.
 * The CLI reports these; with --drop-incomplete it filters them out before calling rake().
 */
import { isMissingMarginValue, type Margin, type RakeRow } from './rake.ts';

export interface IncompleteRow {
  /** Index into the rows given. */
  row: number;
  /** Margin variables (questions) the row has no value for, in margin order. */
  missing: string[];
}

export function findIncompleteRows(rows: ReadonlyArray<RakeRow>, margins: ReadonlyArray<Margin>): IncompleteRow[] {
  const questions = [...new Set(margins.map((margin) => margin.question))];
  const incomplete: IncompleteRow[] = [];
  rows.forEach((row, index) => {
    const missing = questions.filter((question) => isMissingMarginValue(row?.[question]));
    if (missing.length > 0) incomplete.push({ row: index, missing });
  });
  return incomplete;
}
