import { describe, expect, it } from 'vitest';
import { kruskalWallis, kruskalWallisFromCounts } from '../../../analysis/stats/kruskal-wallis.ts';
import { epsilonSquared } from '../../../analysis/stats/epsilon-squared.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Case {
  name: string;
  groups: number[][];
  statistic: number;
  p: number;
  df: number;
  n: number;
  epsilonSquared: number;
  exactStatistic: number;
  exactP: number;
}
const { cases } = readReferenceFixture<{ cases: Case[] }>('kruskal-wallis.json');

describe('kruskalWallis', () => {
  it.each(cases.map((c) => [c.name, c] as const))('matches scipy.stats.kruskal: %s', (_, c) => {
    const result = kruskalWallis(c.groups);
    expect(result.df).toBe(c.df);
    expect(result.n).toBe(c.n);
    expectClose(result.statistic, c.statistic, 1e-9, 'H');
    expectClose(result.p, c.p, 1e-9, 'p');
    expectClose(epsilonSquared(result.statistic, result.n), c.epsilonSquared, 1e-9, 'ε²');
    // Against exact rational H (fractions) and its 60-digit p: tighter than scipy's own rounding.
    expectClose(result.statistic, c.exactStatistic, 1e-12, 'exact H');
    expectClose(result.p, c.exactP, 1e-11, 'exact p');
  });

  it('computes a 3-group case without ties by hand: H = 32/7, p = e^(−16/7)', () => {
    const result = kruskalWallis([[1, 2], [3, 4], [5, 6]]);
    expectClose(result.statistic, 32 / 7, 1e-14);
    expectClose(result.p, Math.exp(-16 / 7), 1e-13);
    expect({ df: result.df, n: result.n }).toEqual({ df: 2, n: 6 });
  });

  it('applies the tie correction by hand: H = (18/7)/(1 − 48/210) = 10/3', () => {
    const result = kruskalWallis([[1, 1], [1, 2], [2, 2]]);
    expectClose(result.statistic, 10 / 3, 1e-14);
    expectClose(result.p, Math.exp(-5 / 3), 1e-13);
  });

  it('does not depend on the order of observations within groups', () => {
    const a = kruskalWallis([[5, 1, 3, 3], [2, 2, 4], [1, 5]]);
    const b = kruskalWallis([[3, 3, 1, 5], [4, 2, 2], [5, 1]]);
    expect(b).toEqual(a);
  });

  it('returns statistic 0 and p 1 when every observation is the same (scipy raises)', () => {
    expect(kruskalWallis([[3, 3], [3], [3, 3, 3]])).toEqual({ statistic: 0, df: 2, p: 1, n: 6 });
  });

  it('rejects empty groups, fewer than two groups and non-numbers, quoting them', () => {
    expect(() => kruskalWallis([[1, 2], []])).toThrow('group 1 has no observations');
    expect(() => kruskalWallis([[1, 2]])).toThrow('at least two groups, got 1');
    expect(() => kruskalWallis([[1, Number.NaN], [2]])).toThrow('group 0, observation 1 is not a finite number');
    expect(() => kruskalWallis([[1, '2' as unknown as number], [2]])).toThrow('"2"');
  });
});

describe('kruskalWallisFromCounts', () => {
  it('equals kruskalWallis on the same data given as a group × level table', () => {
    for (const c of cases.filter((c) => c.name.startsWith('likert'))) {
      const counts = c.groups.map((group) => [1, 2, 3, 4, 5].map((level) => group.filter((v) => v === level).length));
      const fromCounts = kruskalWallisFromCounts(counts);
      expectClose(fromCounts.statistic, c.statistic, 1e-9, `${c.name} H`);
      expectClose(fromCounts.p, c.p, 1e-9, `${c.name} p`);
    }
  });

  it('ignores levels nobody chose', () => {
    expect(kruskalWallisFromCounts([[2, 0, 1], [0, 0, 3]])).toEqual(kruskalWallisFromCounts([[2, 1], [0, 3]]));
  });

  it('rejects fractional counts and empty groups', () => {
    expect(() => kruskalWallisFromCounts([[1.5, 2], [1, 1]])).toThrow('count [0][0] must be a whole number ≥ 0, got 1.5');
    expect(() => kruskalWallisFromCounts([[1, 2], [0, 0]])).toThrow('group 1 has no observations');
  });
});

describe('epsilonSquared', () => {
  it('is H·(n+1)/(n²−1) = H/(n−1)', () => {
    expect(epsilonSquared(0, 10)).toBe(0);
    expectClose(epsilonSquared(4.5, 10), 4.5 / 9, 1e-15);
  });

  it('rejects a negative H or n ≤ 1', () => {
    expect(() => epsilonSquared(-1, 10)).toThrow('H = -1');
    expect(() => epsilonSquared(1, 1)).toThrow('n = 1');
  });
});
