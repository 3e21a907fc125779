/**
 * One draw from Binomial(trials, probability), exact in distribution (up to double rounding
 * of the probabilities), consuming exactly one uniform number.
 *
 * Inversion: u is compared with the cumulative probabilities, walking from 0 when the mean is
 * small (cost ≈ mean), else outward from the mode alternately down and up (cost ≈ standard
 * deviation; Kemp's "chop-down from the mode"). The mode's probability comes from Loader's
 * saddle-point form (the one R's dbinom uses), accurate to ~1e-15 even for millions of trials.
 */
import { describeValue } from './describe-value.ts';
import { stirlingError } from './log-gamma.ts';
import type { RandomSource } from './seeded-random.ts';

// Below this mean, walking up from 0 (≈ mean steps) beats the search from the mode (≈ 2·sd steps + setup).
const SMALL_MEAN = 10;

export function sampleBinomial(random: RandomSource, trials: number, probability: number): number {
  if (!Number.isSafeInteger(trials) || trials < 0) {
    throw new RangeError(`sampleBinomial needs a whole number of trials ≥ 0, got ${describeValue(trials)}`);
  }
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`sampleBinomial needs a probability in [0, 1], got ${describeValue(probability)}`);
  }
  if (trials === 0 || probability === 0) return 0;
  if (probability === 1) return trials;
  if (probability > 0.5) return trials - drawAtMostHalf(random, trials, 1 - probability);
  return drawAtMostHalf(random, trials, probability);
}

function drawAtMostHalf(random: RandomSource, n: number, p: number): number {
  const q = 1 - p;
  let u = random();
  if (n * p < SMALL_MEAN) {
    const oddsRatio = p / q;
    let mass = Math.exp(n * Math.log1p(-p));
    let k = 0;
    while (u >= mass && k < n) {
      u -= mass;
      mass *= ((n - k) / (k + 1)) * oddsRatio;
      k += 1;
    }
    return k;
  }
  const mode = Math.floor((n + 1) * p);
  const modeMass = binomialMass(mode, n, p);
  if (u < modeMass) return mode;
  u -= modeMass;
  let below = mode;
  let above = mode;
  let belowMass = modeMass;
  let aboveMass = modeMass;
  const upRatio = p / q;
  const downRatio = q / p;
  while (below > 0 || above < n) {
    if (above < n) {
      aboveMass *= ((n - above) / (above + 1)) * upRatio;
      above += 1;
      if (u < aboveMass) return above;
      u -= aboveMass;
    }
    if (below > 0) {
      belowMass *= (below / (n - below + 1)) * downRatio;
      below -= 1;
      if (u < belowMass) return below;
      u -= belowMass;
    }
    if (aboveMass === 0 && belowMass === 0) break;
  }
  return mode; // only reachable through rounding: the leftover mass is below 1e-15
}

/** P(X = k) for X ~ Binomial(n, p), 0 < k < n (Loader 2000, "Fast and accurate computation of binomial probabilities"). */
function binomialMass(k: number, n: number, p: number): number {
  const q = 1 - p;
  const logMass =
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    deviance(k, n * p) -
    deviance(n - k, n * q);
  return Math.exp(logMass) * Math.sqrt(n / (2 * Math.PI * k * (n - k)));
}

/** x·ln(x/m) + m − x without cancellation when x ≈ m (Loader's bd0). */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return sum;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}
