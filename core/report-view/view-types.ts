/**
 * The plain-text building blocks of a rendered report (describe-report.ts, describe-tabulation.ts);
 * each renderer escapes and lays them out in its own format.
 */
import type { ChartDescription } from './describe-charts.ts';

export interface Table {
  columns: string[];
  /** Right-aligned (numeric) columns. */
  numeric: boolean[];
  rows: string[][];
  /** Some cell reads 「＊」: the renderer puts the legend under it, linked to the one statement of the rule. */
  hides?: boolean;
  /** Leading columns a table printed in parts repeats in each (default 1, the row labels). */
  repeat?: number;
}

export interface Section {
  heading: string;
  notes: string[];
  table?: Table;
  chart?: ChartDescription;
  /** Under the table: a test line, the marks' legend, what 「＊」 means. */
  footnotes?: string[];
}
