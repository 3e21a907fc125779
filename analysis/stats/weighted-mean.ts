import { describeValue } from './describe-value.ts';

/**
 * Σ wᵢxᵢ / Σ wᵢ; without weights, the plain mean. Used for IPA importance/satisfaction means,
 * which the issue says weighting changes.
 */
export function weightedMean(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('weightedMean needs at least one value');
  if (weights !== undefined && weights.length !== values.length) {
    throw new RangeError(`weightedMean: ${weights.length} weights for ${values.length} values`);
  }
  let weightedSum = 0;
  let totalWeight = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const weight = weights === undefined ? 1 : weights[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`weightedMean: value ${i} is not a finite number: ${describeValue(value)}`);
    }
    if (typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`weightedMean: weight ${i} must be a finite number ≥ 0, got ${describeValue(weight)}`);
    }
    weightedSum += weight * value;
    totalWeight += weight;
  }
  if (!(totalWeight > 0)) throw new RangeError('weightedMean needs a positive total weight');
  return weightedSum / totalWeight;
}
