/**
 * Welch's two-sample t-test of a difference of means, as R's t.test(after, before, var.equal =
 * FALSE): estimate = x̄₁ − x̄₂, se = √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite
 * df = se⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)), the 95% interval estimate ± qt(0.975, df)·se
 * and p = 2·pt(−|t|, df). Null when a group has fewer than two answers or every answer is the same
 * in both (se = 0: R stops with "data are essentially constant").
 */
import { tQuantile } from '../stats/t-quantile.ts';
import { tTwoSidedP } from '../stats/t-two-sided-p.ts';

export interface Moments {
  n: number;
  mean: number;
  /** Sample variance, divisor n − 1. */
  variance: number;
}

export interface TestedDifference {
  estimate: number;
  low: number;
  high: number;
  p: number;
  df: number;
  se: number;
}

export function welchTTest(first: Moments, second: Moments): TestedDifference | null {
  if (first.n < 2 || second.n < 2) return null;
  const v1 = first.variance / first.n;
  const v2 = second.variance / second.n;
  const se = Math.sqrt(v1 + v2);
  if (!(se > 0)) return null;
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (first.n - 1) + v2 ** 2 / (second.n - 1));
  const estimate = first.mean - second.mean;
  const half = tQuantile(0.975, df) * se;
  return { estimate, low: estimate - half, high: estimate + half, p: tTwoSidedP(estimate / se, df), df, se };
}
