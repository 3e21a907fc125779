/**
 * A contrast of cell means from an OLS fit with HC1 standard errors, as R's
 * coeftest(fit, vcov = vcovHC(fit, type = "HC1")) and coefci(fit, vcov = …) (sandwich, lmtest).
 *
 * The model y ~ after * pilot has one parameter per cell of (before, after) × (control, pilot):
 * it is saturated, so its fitted values are the cell means and the interaction coefficient is
 * (m_pilot,after − m_pilot,before) − (m_control,after − m_control,before). HC estimators are
 * equivariant under a change of parameters (X → XA), so the interaction's HC0 variance is that
 * of the contrast of the cell means, whose HC0 variances are Σe²/n_c² and covariances zero; HC1
 * multiplies by n/(n − k) for k parameters. t on the residual df n − k, as lm's.
 */
import { tQuantile } from '../stats/t-quantile.ts';
import { tTwoSidedP } from '../stats/t-two-sided-p.ts';
import type { CellMoments } from './cell-moments.ts';
import type { TestedDifference } from './welch-t-test.ts';

/** `signs[c]`: the contrast's coefficient of cell c's mean (±1, 0). Every cell must have respondents. */
export function olsHc1Contrast(cells: ReadonlyArray<CellMoments>, signs: ReadonlyArray<number>): TestedDifference | null {
  const k = cells.length;
  const n = cells.reduce((sum, cell) => sum + cell.n, 0);
  const df = n - k;
  if (df < 1 || cells.some((cell) => cell.n < 1)) return null;
  const hc0 = cells.reduce((sum, cell, c) => sum + (signs[c] * signs[c] * cell.squares) / (cell.n * cell.n), 0);
  const se = Math.sqrt((n / df) * hc0);
  if (!(se > 0)) return null;
  const estimate = cells.reduce((sum, cell, c) => sum + signs[c] * cell.mean, 0);
  const half = tQuantile(0.975, df) * se;
  return { estimate, low: estimate - half, high: estimate + half, p: tTwoSidedP(estimate / se, df), df, se };
}
