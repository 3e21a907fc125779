import { describe, expect, it } from 'vitest';
import { sampleMultinomial } from '../../../analysis/stats/sample-multinomial.ts';
import { createSeededRandom } from '../../../analysis/stats/seeded-random.ts';

describe('sampleMultinomial', () => {
  it('has the multinomial means, variances and covariance (20 000 seeded draws)', () => {
    const weights = [50, 30, 0, 15, 5];
    const draws = 200;
    const shares = weights.map((w) => w / 100);
    const random = createSeededRandom(8);
    const samples = Array.from({ length: 20_000 }, () => Array.from(sampleMultinomial(random, draws, weights)));
    expect(samples.every((counts) => counts.reduce((a, b) => a + b, 0) === draws)).toBe(true);
    expect(samples.every((counts) => counts[2] === 0)).toBe(true);
    const mean = (i: number) => samples.reduce((s, c) => s + c[i], 0) / samples.length;
    shares.forEach((share, i) => {
      if (share === 0) return;
      const m = mean(i);
      const variance = samples.reduce((s, c) => s + (c[i] - m) ** 2, 0) / (samples.length - 1);
      const expectedVariance = draws * share * (1 - share);
      expect(Math.abs(m - draws * share), `mean ${i}`).toBeLessThan(4 * Math.sqrt(expectedVariance / samples.length));
      expect(variance / expectedVariance, `variance ${i}`).toBeGreaterThan(0.95);
      expect(variance / expectedVariance, `variance ${i}`).toBeLessThan(1.05);
    });
    // Cov(X₀, X₁) = −n·p₀·p₁
    const m0 = mean(0);
    const m1 = mean(1);
    const covariance = samples.reduce((s, c) => s + (c[0] - m0) * (c[1] - m1), 0) / (samples.length - 1);
    expect(covariance / (-draws * shares[0] * shares[1])).toBeGreaterThan(0.93);
    expect(covariance / (-draws * shares[0] * shares[1])).toBeLessThan(1.07);
  });

  it('puts every draw on the only category with weight', () => {
    expect(Array.from(sampleMultinomial(createSeededRandom(1), 7, [0, 3, 0]))).toEqual([0, 7, 0]);
  });

  it('rejects negative weights and fractional draws, quoting them', () => {
    const random = createSeededRandom(1);
    expect(() => sampleMultinomial(random, 5, [1, -1])).toThrow('weight 1 must be a finite number ≥ 0, got -1');
    expect(() => sampleMultinomial(random, 2.5, [1])).toThrow('got 2.5');
    expect(() => sampleMultinomial(random, 3, [0, 0])).toThrow('positive total weight');
  });
});
