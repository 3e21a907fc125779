/**
 * Per-cell moments of an answer for the comparisons of 効果検証: respondents, weight, (weighted)
 * mean and the sums of squared (weighted) residuals that the Welch, HC1 and survey-design
 * variances are made of. Two passes (means first), so the residuals do not cancel.
 *
 * `y[row]` is NaN for a respondent outside the comparison (no answer); `cell[row]` is the cell
 * (0 … cells − 1), −1 for none (no date, no pilot group).
 */
export interface CellMoments {
  /** Respondents (unweighted). */
  n: number;
  /** Σw (= n unweighted). */
  weight: number;
  /** Σwy / Σw. */
  mean: number;
  /** Σ(y − mean)², for the sample variance and HC1. */
  squares: number;
  /** Σ(w(y − mean))², for the survey design's variance (= squares unweighted). */
  weightedSquares: number;
  /** Respondents with y = 1 (unweighted): for a share, those who gave the answer, which the small-group rule looks at too. */
  ones: number;
}

export function cellMoments(y: ArrayLike<number>, cell: ArrayLike<number>, cells: number, weights: ArrayLike<number> | null): CellMoments[] {
  const n = new Float64Array(cells);
  const weight = new Float64Array(cells);
  const total = new Float64Array(cells);
  const ones = new Float64Array(cells);
  const rows = y.length;
  for (let row = 0; row < rows; row++) {
    const c = cell[row];
    const value = y[row];
    if (c < 0 || value !== value) continue;
    const w = weights ? weights[row] : 1;
    n[c] += 1;
    weight[c] += w;
    total[c] += w * value;
    if (value === 1) ones[c] += 1;
  }
  const mean = Array.from(total, (sum, c) => (weight[c] > 0 ? sum / weight[c] : Number.NaN));
  const squares = new Float64Array(cells);
  const weightedSquares = new Float64Array(cells);
  for (let row = 0; row < rows; row++) {
    const c = cell[row];
    const value = y[row];
    if (c < 0 || value !== value) continue;
    const w = weights ? weights[row] : 1;
    const residual = value - mean[c];
    squares[c] += residual * residual;
    weightedSquares[c] += w * w * residual * residual;
  }
  return Array.from(n, (count, c) => ({ n: count, weight: weight[c], mean: mean[c], squares: squares[c], weightedSquares: weightedSquares[c], ones: ones[c] }));
}
