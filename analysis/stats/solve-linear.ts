/**
 * A · X = B for a small dense square A (Gaussian elimination with partial pivoting).
 * Used for the Rao–Scott design effects, whose matrices are (r−1)(c−1) square.
 * A singular A throws: the caller decides what an undefined statistic means.
 */
export function solveLinear(a: ReadonlyArray<ReadonlyArray<number>>, b: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  const size = a.length;
  const m = a.map((row, i) => [...row, ...b[i]]);
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) pivot = row;
    const scale = Math.max(...m.map((row) => Math.abs(row[col])));
    if (!(Math.abs(m[pivot][col]) > 1e-12 * scale)) throw new RangeError(`solveLinear: the ${size} × ${size} matrix is singular`);
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let row = 0; row < size; row++) {
      if (row === col) continue;
      const factor = m[row][col] / m[col][col];
      if (factor === 0) continue;
      for (let k = col; k < width; k++) m[row][k] -= factor * m[col][k];
    }
  }
  return m.map((row, i) => row.slice(size).map((value) => value / m[i][i]));
}
