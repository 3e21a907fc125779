import { describeValue } from '../stats/describe-value.ts';

/**
 * Kish's effective sample size, (Σw)² / Σw²: how many unweighted respondents would give the
 * same precision. Equals n for equal weights and shrinks as weights get more unequal.
 * Scale-free, so raked weights summing to the population give the same value as normalised ones.
 */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i];
    if (typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`effectiveSampleSize: weight ${i} must be a finite number ≥ 0, got ${describeValue(weight)}`);
    }
    sum += weight;
    sumOfSquares += weight * weight;
  }
  if (!(sum > 0)) throw new RangeError(`effectiveSampleSize needs at least one positive weight (got ${weights.length} weights)`);
  return (sum * sum) / sumOfSquares;
}
