/**
 * Pearson's χ² test of independence on a contingency table, without continuity correction
 * (scipy.stats.chi2_contingency(table, correction=False); R chisq.test(correct=FALSE)).
 *
 * Rows and columns whose total is 0 are dropped first: they carry no observations, and
 * their expected counts of 0 would make the statistic undefined (scipy raises on them).
 * `rows`/`cols` are the dimensions after dropping, the ones Cramér's V needs.
 * When fewer than two rows or columns remain, every observation is in one row or column,
 * observed equals expected: statistic 0, df 0, p 1, as scipy does for that degenerate case.
 * A table with no observations at all is an error.
 */
import { describeValue } from './describe-value.ts';
import { chiSquareSurvival } from './chi-square-survival.ts';

export interface ChiSquareTestResult {
  statistic: number;
  df: number;
  p: number;
  /** Total count. */
  n: number;
  /** Rows and columns kept (non-zero totals). */
  rows: number;
  cols: number;
}

export function chiSquareTest(table: ReadonlyArray<ReadonlyArray<number>>): ChiSquareTestResult {
  if (!Array.isArray(table) || table.length === 0) {
    throw new RangeError(`chiSquareTest needs a non-empty table, got ${describeValue(table)}`);
  }
  const width = table[0]?.length ?? 0;
  table.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new RangeError(`chiSquareTest: row ${i} has ${row?.length} cells, row 0 has ${width}: ${describeValue(row)}`);
    }
    row.forEach((cell, j) => {
      if (typeof cell !== 'number' || !(cell >= 0) || !Number.isFinite(cell)) {
        throw new RangeError(`chiSquareTest: cell [${i}][${j}] must be a finite count ≥ 0, got ${describeValue(cell)}`);
      }
    });
  });

  const rowTotals = table.map((row) => row.reduce((sum: number, cell: number) => sum + cell, 0));
  const colTotals = Array.from({ length: width }, (_, j) => table.reduce((sum, row) => sum + row[j], 0));
  const keptRows = rowTotals.flatMap((total, i) => (total > 0 ? [i] : []));
  const keptCols = colTotals.flatMap((total, j) => (total > 0 ? [j] : []));
  const n = rowTotals.reduce((sum, total) => sum + total, 0);
  if (!(n > 0)) throw new RangeError(`chiSquareTest: the table has no observations: ${describeValue(table)}`);

  const rows = keptRows.length;
  const cols = keptCols.length;
  if (rows < 2 || cols < 2) return { statistic: 0, df: 0, p: 1, n, rows, cols };

  let statistic = 0;
  for (const i of keptRows) {
    for (const j of keptCols) {
      const expected = (rowTotals[i] * colTotals[j]) / n;
      const difference = table[i][j] - expected;
      statistic += (difference * difference) / expected;
    }
  }
  const df = (rows - 1) * (cols - 1);
  return { statistic, df, p: chiSquareSurvival(statistic, df), n, rows, cols };
}
