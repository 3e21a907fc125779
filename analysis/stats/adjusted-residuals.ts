/**
 * Adjusted standardized residuals of a contingency table (Haberman 1973):
 * (O − E) / √(E · (1 − rowTotal/n) · (1 − colTotal/n)), which are N(0, 1) under independence.
 * The same numbers as R's `chisq.test(table)$stdres`; Japanese tabulation reports mark cells at
 * |r| ≥ 1.96 and ≥ 2.58 (docs/analysis.md, "Cross-tabulations").
 *
 * A cell whose row or column is empty, or whose row or column holds every observation, has no
 * defined residual (R gives NaN): it is null here.
 */
import { describeValue } from './describe-value.ts';

export function adjustedResiduals(table: ReadonlyArray<ReadonlyArray<number>>): Array<Array<number | null>> {
  const width = table[0]?.length ?? 0;
  table.forEach((row, i) => {
    if (row.length !== width) throw new RangeError(`adjustedResiduals: row ${i} has ${row.length} cells, row 0 has ${width}`);
    row.forEach((cell, j) => {
      if (!(cell >= 0) || !Number.isFinite(cell)) {
        throw new RangeError(`adjustedResiduals: cell [${i}][${j}] must be a finite count ≥ 0, got ${describeValue(cell)}`);
      }
    });
  });
  const rowTotals = table.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const colTotals = Array.from({ length: width }, (_, j) => table.reduce((sum, row) => sum + row[j], 0));
  const n = rowTotals.reduce((sum, total) => sum + total, 0);
  return table.map((row, i) =>
    row.map((observed, j) => {
      const expected = (rowTotals[i] * colTotals[j]) / n;
      const variance = expected * (1 - rowTotals[i] / n) * (1 - colTotals[j] / n);
      return variance > 0 && Number.isFinite(variance) ? (observed - expected) / Math.sqrt(variance) : null;
    }),
  );
}

/** The significance mark of a residual: ▲/▽ at |r| ≥ 1.96 (5 %), ▲▲/▽▽ at |r| ≥ 2.58 (1 %), else ''. */
export type ResidualMark = '▲▲' | '▲' | '▽' | '▽▽' | '';

export function markResidual(residual: number | null): ResidualMark {
  if (residual === null) return '';
  if (residual >= 2.58) return '▲▲';
  if (residual >= 1.96) return '▲';
  if (residual <= -2.58) return '▽▽';
  if (residual <= -1.96) return '▽';
  return '';
}
