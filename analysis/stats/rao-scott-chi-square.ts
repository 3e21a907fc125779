/**
 * Pearson's χ² test of independence on weighted survey data, with the first-order Rao–Scott
 * adjustment (Rao & Scott 1981), exactly as R's
 * `svychisq(~row + col, svydesign(ids = ~1, weights = ~w, data), statistic = "Chisq")`:
 *
 * - `statistic` is Pearson's X² on the weighted table rescaled to the number of respondents
 *   (R's `svytable(…, Ntotal = n)`), the value R prints;
 * - `designEffect` is the mean generalized design effect δ̄ = tr(Δ)/df, with
 *   Δ = (Cᵀ D⁻¹ C / n)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C), C the interaction contrasts of the r × c cells,
 *   D = diag(p̂) and V the linearization variance of the cell proportions p̂;
 * - `p` is P(χ²(df) ≥ X² / δ̄).
 *
 * Only what the design needs is passed in: per cell the sum of weights and of squared weights,
 * and the number of respondents. For a single-stage design without strata (ids = ~1),
 * V = n/(n−1) · Σᵢ wᵢ² (xᵢ − p̂)(xᵢ − p̂)ᵀ / (Σw)², whose sum runs over cells instead of people.
 * R source: https://github.com/cran/survey/blob/master/R/svychisq.R
 *
 * Empty rows and columns are dropped first (R's factor() has no level for them). With fewer
 * than two rows or columns left there is nothing to test: statistic 0, df 0, p 1.
 */
import { chiSquareSurvival } from './chi-square-survival.ts';
import { describeValue } from './describe-value.ts';
import { solveLinear } from './solve-linear.ts';

export interface RaoScottInput {
  /** Σ w of the respondents in each cell, rows × columns. */
  weights: ReadonlyArray<ReadonlyArray<number>>;
  /** Σ w² of the respondents in each cell, same shape. */
  squaredWeights: ReadonlyArray<ReadonlyArray<number>>;
  /** Respondents in the table (unweighted). */
  n: number;
}

export interface RaoScottResult {
  statistic: number;
  df: number;
  p: number;
  designEffect: number;
  /** Rows and columns kept (non-empty), for Cramér's V. */
  rows: number;
  cols: number;
  /** The weighted table rescaled to n, on which `statistic` is computed. */
  scaled: number[][];
}

export function raoScottChiSquare({ weights, squaredWeights, n }: RaoScottInput): RaoScottResult {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`raoScottChiSquare needs at least 2 respondents, got n = ${describeValue(n)}`);
  weights.forEach((row, i) =>
    row.forEach((w, j) => {
      const w2 = squaredWeights[i]?.[j];
      if (!(w >= 0) || !Number.isFinite(w) || !(w2 >= 0) || !Number.isFinite(w2)) {
        throw new RangeError(`raoScottChiSquare: cell [${i}][${j}] needs finite sums ≥ 0, got Σw = ${describeValue(w)}, Σw² = ${describeValue(w2)}`);
      }
    }),
  );
  const keptRows = weights.flatMap((row, i) => (row.some((w) => w > 0) ? [i] : []));
  const width = weights[0]?.length ?? 0;
  const keptCols = Array.from({ length: width }, (_, j) => j).filter((j) => weights.some((row) => row[j] > 0));
  const r = keptRows.length;
  const c = keptCols.length;
  const total = keptRows.reduce((sum, i) => sum + keptCols.reduce((s, j) => s + weights[i][j], 0), 0);
  if (!(total > 0)) throw new RangeError('raoScottChiSquare: the table has no weight');
  const scaled = keptRows.map((i) => keptCols.map((j) => (weights[i][j] / total) * n));
  if (r < 2 || c < 2) return { statistic: 0, df: 0, p: 1, designEffect: 1, rows: r, cols: c, scaled };

  // Pearson's X² on the rescaled table.
  const rowTotals = scaled.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = Array.from({ length: c }, (_, j) => scaled.reduce((s, row) => s + row[j], 0));
  let statistic = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const expected = (rowTotals[i] * colTotals[j]) / n;
      statistic += (scaled[i][j] - expected) ** 2 / expected;
    }
  }

  // Cells in one flat list (row-major); p̂ and Σw² per cell.
  const k = r * c;
  const df = (r - 1) * (c - 1);
  const p = new Float64Array(k);
  const s = new Float64Array(k);
  keptRows.forEach((i, a) =>
    keptCols.forEach((j, b) => {
      p[a * c + b] = weights[i][j] / total;
      s[a * c + b] = squaredWeights[i][j];
    }),
  );
  // C: the interaction contrasts (cell (a, b) indicators for a, b ≥ 1) with the additive
  // row + column model projected out. On the r × c grid that projection has a closed form:
  // e_ab − (row a)/c − (column b)/r + 1/(rc).
  const contrast = (cell: number, column: number): number => {
    const a = Math.floor(cell / c);
    const b = cell % c;
    const ca = 1 + Math.floor(column / (c - 1));
    const cb = 1 + (column % (c - 1));
    return (a === ca && b === cb ? 1 : 0) - (a === ca ? 1 / c : 0) - (b === cb ? 1 / r : 0) + 1 / (r * c);
  };
  // M = D⁻¹ C (rows of empty cells are 0, as R's iDmat).
  const m: number[][] = Array.from({ length: k }, (_, cell) =>
    Array.from({ length: df }, (_, column) => (p[cell] > 0 ? contrast(cell, column) / p[cell] : 0)),
  );
  const denom = square(df, (x, y) => {
    let sum = 0;
    for (let cell = 0; cell < k; cell++) sum += contrast(cell, x) * m[cell][y];
    return sum / n;
  });
  // Mᵀ V M with V = n/(n−1) [diag(s) − s p̂ᵀ − p̂ sᵀ + Σs · p̂ p̂ᵀ] / total².
  const u = Array.from({ length: df }, (_, x) => m.reduce((sum, row, cell) => sum + row[x] * s[cell], 0));
  const v = Array.from({ length: df }, (_, x) => m.reduce((sum, row, cell) => sum + row[x] * p[cell], 0));
  const sumS = s.reduce((sum, value) => sum + value, 0);
  const factor = n / (n - 1) / (total * total);
  const numer = square(df, (x, y) => {
    let sum = 0;
    for (let cell = 0; cell < k; cell++) sum += s[cell] * m[cell][x] * m[cell][y];
    return factor * (sum - u[x] * v[y] - v[x] * u[y] + sumS * v[x] * v[y]);
  });
  const delta = solveLinear(denom, numer);
  const designEffect = delta.reduce((sum, row, x) => sum + row[x], 0) / df;
  return { statistic, df, p: chiSquareSurvival(statistic / designEffect, df), designEffect, rows: r, cols: c, scaled };
}

function square(size: number, cell: (x: number, y: number) => number): number[][] {
  return Array.from({ length: size }, (_, x) => Array.from({ length: size }, (_, y) => cell(x, y)));
}
