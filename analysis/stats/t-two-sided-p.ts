/**
 * The two-sided p-value of Student's t: P(|T| ≥ |t|) for T with `df` degrees of freedom, as R's
 * 2 * pt(-abs(t), df). Computed as the upper tail I_{df/(df + t²)}(df/2, 1/2) directly, so a tiny
 * p keeps its relative accuracy (never 1 − a number close to 1). `df` may be fractional (Welch).
 */
import { regularizedBeta } from './regularized-beta.ts';

export function tTwoSidedP(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) throw new RangeError(`tTwoSidedP: needs df > 0 and a number, got t = ${t}, df = ${df}`);
  if (!Number.isFinite(t)) return 0;
  if (t === 0) return 1;
  if (!Number.isFinite(df)) throw new RangeError(`tTwoSidedP: needs a finite df, got ${df}`);
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}
