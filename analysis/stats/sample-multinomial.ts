/**
 * One draw from Multinomial(draws; weights / Σweights): how many of `draws` picks, with replacement,
 * land on each category. Exact, as a chain of conditional binomials: category i gets
 * Binomial(draws left, weightᵢ / weight left). Cost: one binomial draw per category until the draws
 * run out, so put the heaviest categories first.
 */
import { describeValue } from './describe-value.ts';
import { sampleBinomial } from './sample-binomial.ts';
import type { RandomSource } from './seeded-random.ts';

export function sampleMultinomial(
  random: RandomSource,
  draws: number,
  weights: ArrayLike<number>,
  into: Float64Array = new Float64Array(weights.length),
): Float64Array {
  if (!Number.isSafeInteger(draws) || draws < 0) {
    throw new RangeError(`sampleMultinomial needs a whole number of draws ≥ 0, got ${describeValue(draws)}`);
  }
  if (into.length !== weights.length) {
    throw new RangeError(`sampleMultinomial: output has ${into.length} slots for ${weights.length} categories`);
  }
  let weightLeft = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i];
    if (typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`sampleMultinomial: weight ${i} must be a finite number ≥ 0, got ${describeValue(weight)}`);
    }
    weightLeft += weight;
  }
  if (draws > 0 && !(weightLeft > 0)) throw new RangeError('sampleMultinomial needs a positive total weight');

  into.fill(0);
  let drawsLeft = draws;
  let last = weights.length - 1;
  while (last > 0 && weights[last] === 0) last -= 1;
  for (let i = 0; i <= last && drawsLeft > 0; i++) {
    // The last category with weight takes what is left (its conditional probability is 1 up to rounding).
    const drawn = i === last ? drawsLeft : sampleBinomial(random, drawsLeft, Math.min(1, weights[i] / weightLeft));
    into[i] = drawn;
    drawsLeft -= drawn;
    weightLeft -= weights[i];
  }
  return into;
}
