/**
 * P(X ≥ x) for X ~ χ²(df): the upper tail, as scipy.stats.chi2.sf(x, df).
 * Computed directly as Q(df/2, x/2), so tiny p-values (1e-30, 1e-200) keep their
 * relative accuracy instead of rounding to 0 via 1 − cdf. Underflows to 0 below ~1e-308.
 */
import { regularizedGammaQ } from './regularized-gamma.ts';

export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`chiSquareSurvival needs finite degrees of freedom > 0, got df = ${df}`);
  }
  if (Number.isNaN(x)) throw new RangeError(`chiSquareSurvival needs a number, got x = ${x}`);
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
