/**
 * One draw from Binomial(trials, probability), exact in distribution (up to double rounding of the
 * probabilities).
 *
 * - Mean below 10: inversion, walking the cumulative probabilities up from 0 (cost ≈ mean, one uniform).
 * - Otherwise: Hörmann's BTRS, transformed rejection with a squeeze (W. Hörmann, "The generation of
 *   binomial random variates", J. Statist. Comput. Simul. 46, 1993), as PyTorch and TensorFlow draw
 *   binomials: a candidate from a hat over the distribution, accepted at once in the box where the hat is
 *   tight (about 80% of draws at large means), else by comparing with the exact log-probability ratio
 *   f(k)/f(mode), whose Stirling tails come from stirlingError. Expected cost is constant in the trials:
 *   two uniforms per attempt, about 1.2 attempts. It replaced Kemp's inversion from the mode, whose cost
 *   grew with the standard deviation: the ranking bootstrap draws 1,000 × patterns binomials per report,
 *   and at a million respondents that was most of a dashboard view (issue 23; ADR 0098).
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
  if (n * p < SMALL_MEAN) {
    let u = random();
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
  return transformedRejection(random, n, p);
}

/** BTRS for n·p ≥ 10 and p ≤ ½ (Hörmann 1993, algorithm BTRS; the constants are the paper's). */
function transformedRejection(random: RandomSource, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const boxV = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const oddsRatio = p / q;
  const mode = Math.floor((n + 1) * p);
  // The mode's share of ln f(k)/f(mode): only the draws that miss the box need it, so it waits for the first.
  let modeTerm = Number.NaN;
  for (;;) {
    const u = random() - 0.5;
    let v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= boxV) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (Number.isNaN(modeTerm)) modeTerm = (mode + 0.5) * Math.log((mode + 1) / (oddsRatio * (n - mode + 1))) + stirlingError(mode + 1) + stirlingError(n - mode + 1);
    // ln f(k)/f(mode), with ln j! written as Stirling's formula plus its tail stirlingError(j + 1).
    const logRatio =
      modeTerm +
      (n + 1) * Math.log((n - mode + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((oddsRatio * (n - k + 1)) / (k + 1)) -
      stirlingError(k + 1) -
      stirlingError(n - k + 1);
    if (v <= logRatio) return k;
  }
}
