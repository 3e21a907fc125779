/**
 * Cramér's V for a Pearson χ² on an r × c table: √(χ² / (n·(min(r, c) − 1))), no bias correction.
 * Pass the dimensions of the table the χ² was computed on (after empty rows/columns were dropped,
 * see chiSquareTest's `rows`/`cols`). A table with a single row or column has no association to
 * measure: V = 0 when χ² = 0 there (what chiSquareTest returns for it); any other χ² is an error.
 */
export function cramersV(chiSquare: number, n: number, rows: number, cols: number): number {
  if (!(chiSquare >= 0) || !Number.isFinite(chiSquare)) {
    throw new RangeError(`cramersV needs a finite χ² ≥ 0, got ${chiSquare}`);
  }
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`cramersV needs n > 0, got n = ${n}`);
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`cramersV needs whole table dimensions ≥ 1, got ${rows} × ${cols}`);
  }
  const smaller = Math.min(rows, cols);
  if (smaller < 2) {
    if (chiSquare === 0) return 0;
    throw new RangeError(`cramersV: a ${rows} × ${cols} table cannot have χ² = ${chiSquare}`);
  }
  return Math.sqrt(chiSquare / (n * (smaller - 1)));
}
