import { describe, expect, it } from 'vitest';
import { chiSquareTest } from '../../../analysis/stats/chi-square-test.ts';
import { cramersV } from '../../../analysis/stats/cramers-v.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Case {
  name: string;
  table: number[][];
  statistic: number;
  df: number;
  p: number;
  n: number;
  rows: number;
  cols: number;
  cramersV: number;
}
const { cases } = readReferenceFixture<{ cases: Case[] }>('chi-square-test.json');

describe('chiSquareTest', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    'matches scipy chi2_contingency(correction=False) and association(cramer): %s',
    (_, c) => {
      const result = chiSquareTest(c.table);
      expect({ df: result.df, n: result.n, rows: result.rows, cols: result.cols }).toEqual({
        df: c.df,
        n: c.n,
        rows: c.rows,
        cols: c.cols,
      });
      if (c.statistic === 0) expect(result.statistic).toBeLessThan(1e-12);
      else expectClose(result.statistic, c.statistic, 1e-9, 'χ²');
      expectClose(result.p, c.p, 1e-9, 'p');
      const v = cramersV(result.statistic, result.n, result.rows, result.cols);
      if (c.cramersV === 0) expect(v).toBeLessThan(1e-6);
      else expectClose(v, c.cramersV, 1e-9, 'V');
    },
  );

  it('computes a 2×2 table by hand: n(ad − bc)²/(r₁r₂c₁c₂) = 1573/84', () => {
    const result = chiSquareTest([
      [10, 20],
      [30, 5],
    ]);
    expectClose(result.statistic, (65 * 550 ** 2) / (30 * 35 * 40 * 25), 1e-14);
    expectClose(result.statistic, 1573 / 84, 1e-14);
    expect(result.df).toBe(1);
    expectClose(cramersV(result.statistic, 65, 2, 2), Math.sqrt(1573 / 84 / 65), 1e-14);
  });

  it('drops empty rows and columns before counting degrees of freedom', () => {
    const withEmpty = chiSquareTest([
      [12, 0, 41],
      [0, 0, 0],
      [40, 0, 15],
    ]);
    const without = chiSquareTest([
      [12, 41],
      [40, 15],
    ]);
    expect(withEmpty).toEqual(without);
    expect(without.df).toBe(1);
  });

  it('gives statistic 0, df 0, p 1 when all answers fall in one row or column', () => {
    expect(chiSquareTest([[3, 0, 9]])).toEqual({ statistic: 0, df: 0, p: 1, n: 12, rows: 1, cols: 2 });
  });

  it('rejects an empty table, ragged rows and negative counts, quoting them', () => {
    expect(() => chiSquareTest([])).toThrow('non-empty table, got []');
    expect(() => chiSquareTest([[0, 0], [0, 0]])).toThrow('no observations: [[0,0],[0,0]]');
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow('row 1 has 1 cells, row 0 has 2: [3]');
    expect(() => chiSquareTest([[1, -2], [3, 4]])).toThrow('cell [0][1] must be a finite count ≥ 0, got -2');
  });
});

describe('cramersV', () => {
  it('is 0 for a one-row table with χ² = 0 and refuses anything else there', () => {
    expect(cramersV(0, 12, 1, 2)).toBe(0);
    expect(() => cramersV(1, 12, 1, 2)).toThrow('a 1 × 2 table cannot have χ² = 1');
  });

  it('uses the smaller dimension: V = √(χ²/(n·(min(r,c) − 1)))', () => {
    expectClose(cramersV(30, 100, 3, 5), Math.sqrt(30 / 200), 1e-15);
  });
});
