/** Welch's one-way test and the F tail against R (test/reference/generate-welch-reference.R). */
import { describe, expect, it } from 'vitest';
import { fSurvival, regularizedBeta } from '../../../analysis/stats/regularized-beta.ts';
import { momentsOf, welchAnova } from '../../../analysis/stats/welch-anova.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Fixture {
  cases: Array<{ name: string; groups: number[][]; statistic: number; df1: number; df2: number; p: number }>;
  tails: Array<{ f: number; d1: number; d2: number; p: number }>;
  betas: Array<{ x: number; a: number; b: number; value: number }>;
}
const fixture = readReferenceFixture<Fixture>('welch-anova.json');

describe('welchAnova against R oneway.test(var.equal = FALSE)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const result = welchAnova(c.groups.map(momentsOf))!;
      expectClose(result.statistic, c.statistic, 1e-10, 'statistic');
      expectClose(result.df1, c.df1, 1e-12, 'df1');
      expectClose(result.df2, c.df2, 1e-10, 'df2');
      expectClose(result.p, c.p, 1e-8, 'p');
    });
  }

  it('is null with fewer than two groups of two, or a group whose answers are all the same', () => {
    expect(welchAnova([momentsOf([1, 2, 3])])).toBeNull();
    expect(welchAnova([momentsOf([1, 2, 3]), momentsOf([4])])).toBeNull();
    expect(welchAnova([momentsOf([1, 2, 3]), momentsOf([4, 4, 4])])).toBeNull();
  });
});

describe('the F tail and the incomplete beta against R pf and pbeta', () => {
  for (const t of fixture.tails) {
    it(`pf(${t.f}, ${t.d1}, ${t.d2}, lower.tail = FALSE)`, () => expectClose(fSurvival(t.f, t.d1, t.d2), t.p, 1e-10, 'p'));
  }
  for (const b of fixture.betas) {
    it(`pbeta(${b.x}, ${b.a}, ${b.b})`, () => expectClose(regularizedBeta(b.x, b.a, b.b), b.value, 1e-10, 'I'));
  }
  it('names bad input', () => {
    expect(() => regularizedBeta(1.5, 1, 1)).toThrow(/x = 1.5/);
    expect(() => fSurvival(1, 0, 3)).toThrow(/d1, d2 > 0, got 0, 3/);
  });
});
