import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from '../../../analysis/stats/chi-square-survival.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

const { cases } = readReferenceFixture<{ cases: Array<{ x: number; df: number; expected: number; exact: number }> }>(
  'chi-square-survival.json',
);

describe('chiSquareSurvival', () => {
  it(`matches scipy.stats.chi2.sf to 1e-9 relative on ${cases.length} points, p down to 1e-300`, () => {
    for (const { x, df, expected } of cases) expectClose(chiSquareSurvival(x, df), expected, 1e-9, `chi2.sf(${x}, ${df})`);
  });

  it('is as accurate as 60-digit mpmath to 1e-12 relative', () => {
    for (const { x, df, exact } of cases) expectClose(chiSquareSurvival(x, df), exact, 1e-12, `exact sf(${x}, ${df})`);
  });

  it('equals e^(−x/2) for 2 degrees of freedom (hand-computed)', () => {
    for (const x of [0.001, 1, 5.991464547107979, 100, 1000]) {
      expectClose(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-14, `x = ${x}`);
    }
  });

  it('gives the textbook 5% critical values', () => {
    expectClose(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-12);
    expectClose(chiSquareSurvival(9.487729036781154, 4), 0.05, 1e-12);
  });

  it('is 1 at and below 0, and rejects bad degrees of freedom or x', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow('df = 0');
    expect(() => chiSquareSurvival(1, Number.POSITIVE_INFINITY)).toThrow('df = Infinity');
    expect(() => chiSquareSurvival(Number.NaN, 2)).toThrow('x = NaN');
  });
});
