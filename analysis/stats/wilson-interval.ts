/**
 * Wilson score interval for a proportion (Wilson 1927; statsmodels
 * proportion_confint(method="wilson") gives the same numbers).
 *
 * `successes` and `n` may be non-integer: for weighted data pass the weighted share
 * times the effective sample size, and the effective sample size (Kish) as `n`.
 *
 * n = 0 throws: a share of nobody is undefined and the caller should not print one
 * (it is also what suppression hides). The bounds are computed in a cancellation-free
 * form: lower = 2s²/n ÷ (A + B), upper = (A + B) ÷ 2(n + z²), with A = 2s + z² and
 * B = z·√(z² + 4s(n − s)/n), so a small lower bound keeps its relative accuracy.
 */

/** The 0.975 quantile of the standard normal distribution: a two-sided 95% interval. */
export const Z_975 = 1.959963984540054;

// A weighted share times effective N can overshoot n by a rounding error; accept that much.
const ROUNDING_SLACK = 1e-12;

export function wilsonInterval(successes: number, n: number, z: number = Z_975): [number, number] {
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new RangeError(`wilsonInterval needs a finite n > 0, got n = ${n}`);
  }
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`wilsonInterval needs a finite z > 0, got z = ${z}`);
  if (!(successes >= -n * ROUNDING_SLACK && successes <= n * (1 + ROUNDING_SLACK))) {
    throw new RangeError(`wilsonInterval needs 0 ≤ successes ≤ n, got successes = ${successes}, n = ${n}`);
  }
  const s = Math.min(Math.max(successes, 0), n);
  const zSquared = z * z;
  const a = 2 * s + zSquared;
  const b = z * Math.sqrt(zSquared + (4 * s * (n - s)) / n);
  const lower = s === 0 ? 0 : (2 * s * s) / n / (a + b);
  const upper = s === n ? 1 : Math.min(1, (a + b) / (2 * (n + zSquared)));
  return [lower, upper];
}
