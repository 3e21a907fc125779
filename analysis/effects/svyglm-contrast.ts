/**
 * A contrast of weighted cell means from survey::svyglm(y ~ after, design) or
 * svyglm(y ~ after * pilot, design) on the design svydesign(ids = ~1, weights = ~w) of every
 * analysed response, subset to the respondents compared (the one the report's Rao–Scott tests use).
 *
 * Saturated models again (see ols-hc1.ts): the coefficients are contrasts of the weighted cell means
 * m_c = Σwy/Σw. svyglm's sandwich (svy.varcoef → svyrecvar) gives each respondent the influence
 * w·e/W_c on its cell's mean, and a one-stage design without strata sums their squares times
 * N/(N − 1), N the design's size (the subset keeps its rows, with zero weight outside). The interval
 * and p use t on the design's residual df (respondents compared − 1) + 1 − k, as summary() and
 * confint() of an svyglm do.
 */
import { tQuantile } from '../stats/t-quantile.ts';
import { tTwoSidedP } from '../stats/t-two-sided-p.ts';
import type { CellMoments } from './cell-moments.ts';
import type { TestedDifference } from './welch-t-test.ts';

export function svyglmContrast(cells: ReadonlyArray<CellMoments>, signs: ReadonlyArray<number>, designSize: number): TestedDifference | null {
  const k = cells.length;
  const n = cells.reduce((sum, cell) => sum + cell.n, 0);
  const df = n - k;
  if (df < 1 || designSize < 2 || cells.some((cell) => !(cell.weight > 0))) return null;
  const influence = cells.reduce((sum, cell, c) => sum + (signs[c] * signs[c] * cell.weightedSquares) / (cell.weight * cell.weight), 0);
  const se = Math.sqrt((designSize / (designSize - 1)) * influence);
  if (!(se > 0)) return null;
  const estimate = cells.reduce((sum, cell, c) => sum + signs[c] * cell.mean, 0);
  const half = tQuantile(0.975, df) * se;
  return { estimate, low: estimate - half, high: estimate + half, p: tTwoSidedP(estimate / se, df), df, se };
}
