/**
 * The regularized incomplete beta function I_x(a, b), for the F distribution's tail (Welch's
 * one-way test, analysis/stats/welch-anova.ts). Numerical Recipes §6.4: the continued fraction
 * (modified Lentz), applied to I_x(a, b) when x < (a + 1)/(a + b + 2) and to 1 − I_{1−x}(b, a)
 * otherwise, where it converges fast; the prefactor xᵃ(1−x)ᵇ/(a·B(a, b)) in log space. Tested
 * against R's pbeta and pf (test/reference/generate-welch-reference.R).
 */
import { logGamma } from './log-gamma.ts';

const EPSILON = 2.220446049250313e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
    throw new RangeError(`regularizedBeta: needs 0 ≤ x ≤ 1 and a, b > 0, got x = ${x}, a = ${a}, b = ${b}`);
  }
  if (x === 0 || x === 1) return x;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * continuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * continuedFraction(1 - x, b, a)) / b;
}

/** P(F > f) for F with (d1, d2) degrees of freedom: R's pf(f, d1, d2, lower.tail = FALSE). */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (!(d1 > 0) || !(d2 > 0)) throw new RangeError(`fSurvival: needs d1, d2 > 0, got ${d1}, ${d2}`);
  if (!(f > 0)) return 1;
  if (f === Infinity) return 0;
  // The upper tail directly (never 1 − a number close to 1): I_{d2/(d2 + d1 f)}(d2/2, d1/2).
  return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new RangeError(`regularizedBeta: no convergence for x = ${x}, a = ${a}, b = ${b}`);
}
