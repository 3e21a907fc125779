import { describe, expect, it } from 'vitest';
import { sampleBinomial } from '../../../analysis/stats/sample-binomial.ts';
import { createSeededRandom } from '../../../analysis/stats/seeded-random.ts';
import { chiSquareSurvival } from '../../../analysis/stats/chi-square-survival.ts';
import { logGamma } from '../../../analysis/stats/log-gamma.ts';

function binomialProbability(k: number, n: number, p: number): number {
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** Pearson goodness of fit of `draws` samples against Binomial(n, p), pooling outcomes with expected count < 5. */
function goodnessOfFit(n: number, p: number, draws: number, seed: number): number {
  const random = createSeededRandom(seed);
  const observed = new Map<number, number>();
  for (let i = 0; i < draws; i++) {
    const k = sampleBinomial(random, n, p);
    if (!(Number.isInteger(k) && k >= 0 && k <= n)) throw new Error(`draw ${k} is outside 0…${n}`);
    observed.set(k, (observed.get(k) ?? 0) + 1);
  }
  let chiSquare = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let k = 0; k <= n; k++) {
    pooledObserved += observed.get(k) ?? 0;
    pooledExpected += draws * binomialProbability(k, n, p);
    if (pooledExpected >= 5) {
      chiSquare += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
      bins += 1;
      pooledObserved = 0;
      pooledExpected = 0;
    }
  }
  chiSquare += pooledExpected > 0 ? (pooledObserved - pooledExpected) ** 2 / pooledExpected : pooledObserved;
  return chiSquareSurvival(chiSquare, bins);
}

describe('sampleBinomial', () => {
  // Each case is a fixed-seed draw, so the outcome is deterministic; a wrong sampler shows as p ≪ 0.001.
  it.each([
    ['small mean, walk from 0', 40, 0.1],
    ['large mean, transformed rejection', 1000, 0.3],
    ['mean just over the switch to rejection', 100, 0.1],
    ['a bootstrap pattern share', 200_000, 1 / 325],
    ['p = ½', 51, 0.5],
    ['p > ½ mirrors', 500, 0.85],
    ['a million trials', 1_000_000, 0.004],
    ['tiny probability', 10_000, 1e-4],
  ])('follows Binomial(n, p): %s (n = %d, p = %d)', (_, n, p) => {
    expect(goodnessOfFit(n, p, 20_000, 11)).toBeGreaterThan(0.001);
  });

  // Transformed rejection accepts most draws in a box and the rest against the exact probability ratio: a
  // slip in either shows with many draws near the switch from inversion (mean 10) and at small p.
  it.each([
    [21, 0.5],
    [30, 0.35],
    [2000, 0.01],
    [1_000_000, 0.5],
  ])('follows Binomial(%d, %d) over 200,000 draws', (n, p) => {
    expect(goodnessOfFit(n, p, 200_000, 23)).toBeGreaterThan(0.001);
  });

  it('has the right mean and variance for a million trials', () => {
    const random = createSeededRandom(5);
    const n = 1_000_000;
    const p = 0.37;
    const draws = Array.from({ length: 4000 }, () => sampleBinomial(random, n, p));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws.length - 1);
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(mean - n * p)).toBeLessThan((4 * sd) / Math.sqrt(draws.length));
    expect(variance / (sd * sd)).toBeGreaterThan(0.9);
    expect(variance / (sd * sd)).toBeLessThan(1.1);
  });

  it('handles the edges exactly', () => {
    const random = createSeededRandom(1);
    expect(sampleBinomial(random, 0, 0.5)).toBe(0);
    expect(sampleBinomial(random, 10, 0)).toBe(0);
    expect(sampleBinomial(random, 10, 1)).toBe(10);
  });

  it('rejects bad trials and probabilities, quoting them', () => {
    const random = createSeededRandom(1);
    expect(() => sampleBinomial(random, -1, 0.5)).toThrow('got -1');
    expect(() => sampleBinomial(random, 10, 1.5)).toThrow('got 1.5');
    expect(() => sampleBinomial(random, 10, Number.NaN)).toThrow('got NaN');
  });
});
