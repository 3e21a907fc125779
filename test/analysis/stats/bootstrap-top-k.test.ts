import { describe, expect, it } from 'vitest';
import { bootstrapTopKOfPatterns, bootstrapTopKProbability } from '../../../analysis/stats/bootstrap-top-k.ts';
import { createSeededRandom, randomInt } from '../../../analysis/stats/seeded-random.ts';
import { logGamma } from '../../../analysis/stats/log-gamma.ts';

function binomialUpperTail(atLeast: number, n: number, p: number): number {
  let sum = 0;
  for (let k = atLeast; k <= n; k++) {
    sum += Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }
  return sum;
}

/** A seeded synthetic survey: each respondent ranks 3 of `items`, leaning towards low item indices unless `lean` is false. */
function syntheticRankings(respondents: number, items: number, seed: number, lean = true): number[][] {
  const random = createSeededRandom(seed);
  return Array.from({ length: respondents }, () => {
    const chosen: number[] = [];
    while (chosen.length < 3) {
      const item = lean ? Math.min(randomInt(random, items), randomInt(random, items)) : randomInt(random, items);
      if (!chosen.includes(item)) chosen.push(item);
    }
    return chosen;
  });
}

describe('bootstrapTopKProbability', () => {
  it('gives the same numbers from respondents grouped by the caller (bootstrapTopKOfPatterns) as from each respondent', () => {
    const rankings = syntheticRankings(3000, 7, 4);
    const firstMet = new Map<string, { ranking: number[]; count: number }>();
    for (const ranking of rankings) {
      const key = ranking.join();
      const pattern = firstMet.get(key);
      if (pattern) pattern.count += 1;
      else firstMet.set(key, { ranking, count: 1 });
    }
    const patterns = { rankings: [...firstMet.values()].map((p) => p.ranking), counts: [...firstMet.values()].map((p) => p.count) };
    const options = { itemCount: 7, seed: 12, resamples: 500 };
    const expected = bootstrapTopKProbability(rankings, 3, options);
    expect(bootstrapTopKOfPatterns(patterns, 3, options)).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 10);
  });

  it('refuses grouped patterns whose counts do not fit, quoting them', () => {
    expect(() => bootstrapTopKOfPatterns({ rankings: [[0, 1]], counts: [0] }, 1, { itemCount: 2, seed: 1 })).toThrow('got 0');
    expect(() => bootstrapTopKOfPatterns({ rankings: [[0, 0]], counts: [2] }, 1, { itemCount: 2, seed: 1 })).toThrow('[0,0]');
  });

  it('is 1 for the top k and 0 for the rest when every respondent ranks alike', () => {
    const rankings = Array.from({ length: 50 }, () => [2, 0, 3]);
    expect(bootstrapTopKProbability(rankings, 2, { itemCount: 4, seed: 1 })).toEqual([1, 0, 1, 0]);
  });

  it('handles long rankings (keys that no longer fit in a number)', () => {
    const full = Array.from({ length: 25 }, (_, i) => 24 - i);
    const rankings = [...Array.from({ length: 30 }, () => full), ...Array.from({ length: 30 }, () => [...full].reverse())];
    const probabilities = bootstrapTopKProbability(rankings, 3, { itemCount: 25, seed: 2, resamples: 300 });
    // Only the two ends of the list can lead: items 0–2 or 22–24 (by Borda, the middle ties lose).
    expect(probabilities.slice(3, 22).every((p) => p === 0)).toBe(true);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 10);
  });

  it('breaks equal Borda totals by item order, as the report does', () => {
    // Two respondents with mirrored rankings: every resample either ties (item 0 wins) or not.
    const probabilities = bootstrapTopKProbability([[0, 1], [1, 0]], 1, { itemCount: 2, seed: 9, resamples: 4000 });
    // P(item 0 top) = P(tie) + P(both draws are [0,1]) = ½ + ¼.
    expect(Math.abs(probabilities[0] - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / 4000));
    expect(probabilities[0] + probabilities[1]).toBe(1);
  });

  it.each(['patterns', 'respondents'] as const)(
    'matches the exact resampling probability for two items (%s sampler)',
    (sampler) => {
      // 21 respondents, 12 put item 0 first. In a resample with a such respondents, item 0 scores
      // 2a + (21 − a) and item 1 scores 2(21 − a) + a: item 0 wins iff a ≥ 11 (no ties possible).
      const rankings = [...Array.from({ length: 12 }, () => [0, 1]), ...Array.from({ length: 9 }, () => [1, 0])];
      const resamples = 4000;
      const [first] = bootstrapTopKProbability(rankings, 1, { itemCount: 2, seed: 3, resamples, sampler });
      const exact = binomialUpperTail(11, 21, 12 / 21);
      expect(Math.abs(first - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / resamples));
    },
  );

  it('gives the same distribution with either sampler on a realistic ranking question', () => {
    const rankings = syntheticRankings(400, 8, 21);
    const options = { itemCount: 8, resamples: 3000 };
    const byPatterns = bootstrapTopKProbability(rankings, 3, { ...options, seed: 1, sampler: 'patterns' });
    const byRespondents = bootstrapTopKProbability(rankings, 3, { ...options, seed: 2, sampler: 'respondents' });
    byPatterns.forEach((p, item) => {
      const q = byRespondents[item];
      const se = Math.sqrt((p * (1 - p) + q * (1 - q)) / 3000) + 1e-9;
      expect(Math.abs(p - q), `item ${item}: ${p} vs ${q}`).toBeLessThan(4.5 * se);
    });
    // Exactly k items are in the top k in every resample.
    expect(byPatterns.reduce((s, p) => s + p, 0)).toBeCloseTo(3, 10);
  });

  it('is reproducible from its seed', () => {
    const rankings = syntheticRankings(300, 6, 4, false); // no clear winner, so resamples differ
    const run = (seed: number) => bootstrapTopKProbability(rankings, 3, { itemCount: 6, seed, resamples: 200 });
    expect(run(17)).toEqual(run(17));
    const first = run(17);
    expect(first.some((p) => p > 0 && p < 1)).toBe(true);
    expect(run(18)).not.toEqual(first);
  });

  it('counts unranked items as 0 and respects a custom score', () => {
    // Item 2 is never ranked; with "1 point for rank 1 only", item 1 (ranked first by 3 of 5) leads.
    const rankings = [[1, 0], [1, 0], [1], [0, 1], [0, 1]];
    const firstOnly = (rank: number) => (rank === 1 ? 1 : 0);
    const probabilities = bootstrapTopKProbability(rankings, 1, { itemCount: 3, seed: 1, score: firstOnly, resamples: 500 });
    expect(probabilities[2]).toBe(0);
    expect(probabilities[1]).toBeGreaterThan(probabilities[0]);
  });

  it('rejects rankings with repeated or unknown items, and bad options, quoting them', () => {
    expect(() => bootstrapTopKProbability([[0, 0]], 1, { itemCount: 2, seed: 1 })).toThrow(
      "respondent 0's ranking [0,0] must list distinct item indices 0…1",
    );
    expect(() => bootstrapTopKProbability([[0], [5]], 1, { itemCount: 2, seed: 1 })).toThrow("respondent 1's ranking [5]");
    expect(() => bootstrapTopKProbability([], 1, { itemCount: 2, seed: 1 })).toThrow('at least one respondent');
    expect(() => bootstrapTopKProbability([[0]], 0, { itemCount: 2, seed: 1 })).toThrow('k ≥ 1, got 0');
    expect(() => bootstrapTopKProbability([[0]], 1, { itemCount: 2, seed: 1.5 })).toThrow('seed, got 1.5');
  });
});
