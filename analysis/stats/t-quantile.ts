/**
 * The quantile of Student's t with `df` degrees of freedom (fractional allowed), as R's
 * qt(p, df), for confidence intervals (estimate ± qt(0.975, df) · se).
 *
 * Solves P(T > t) = 1 − p for t ≥ 0 by Newton's method on the upper tail (tTwoSidedP / 2, the
 * regularized incomplete beta), safeguarded by bisection, to the last bits of a double; the lower
 * half by symmetry. The density in the Newton step is computed in log space.
 */
import { logGamma } from './log-gamma.ts';
import { tTwoSidedP } from './t-two-sided-p.ts';

const MAX_ITERATIONS = 200;

export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`tQuantile: needs 0 < p < 1 and a finite df > 0, got p = ${p}, df = ${df}`);
  }
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  const target = 1 - p;
  const upper = (t: number) => tTwoSidedP(t, df) / 2;
  const logDensityConstant = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const density = (t: number) => Math.exp(logDensityConstant - ((df + 1) / 2) * Math.log1p((t * t) / df));
  // Bracket: upper(0) = 0.5 > target; double until the tail is below the target.
  let low = 0;
  let high = 1;
  while (upper(high) > target) {
    low = high;
    high *= 2;
    if (high > 1e300) return Infinity;
  }
  let t = (low + high) / 2;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const excess = upper(t) - target; // decreasing in t
    if (excess === 0) return t;
    if (excess > 0) low = t;
    else high = t;
    let next = t + excess / density(t);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= 4 * Number.EPSILON * Math.abs(t) || high - low <= 4 * Number.EPSILON * high) return next;
    t = next;
  }
  return t;
}
