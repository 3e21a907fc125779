import { describe, expect, it } from 'vitest';
import { crossTabulate, type CrossTabulateInput } from '../../../analysis/crosstabs/cross-tabulate.ts';
import { adjustedResiduals, markResidual } from '../../../analysis/stats/adjusted-residuals.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Expected {
  statistic: number;
  df: number;
  p: number;
  residuals: Array<Array<number | null>>;
  shares: Array<Array<number | null>>;
}
type Case = {
  name: string;
  groupCount: number;
  minGroupSize: number;
  by: number[];
  weights: number[] | null;
  testedGroups: number[];
} & (
  | ({ kind: 'single'; valueCount: number; codes: number[]; testedValues: number[] } & Expected)
  | { kind: 'multiple'; answered: number[]; chosen: number[][]; options: Expected[] }
);

const { cases } = readReferenceFixture<{ cases: Case[] }>('crosstab.json');

function inputOf(c: Case): CrossTabulateInput {
  return {
    answer:
      c.kind === 'single'
        ? { kind: 'single', codes: c.codes, valueCount: c.valueCount }
        : { kind: 'multiple', answered: c.answered, chosen: c.chosen },
    by: { codes: c.by, groupCount: c.groupCount },
    rowCount: c.by.length,
    weights: c.weights,
    minGroupSize: c.minGroupSize,
  };
}

describe('crossTabulate against R (chisq.test, svytable, svychisq)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = crossTabulate(inputOf(c));
      const tests = c.kind === 'single' ? [{ expected: c as Expected, test: result.test, column: (v: number) => v }] : [];
      if (c.kind === 'multiple') {
        c.options.forEach((expected, option) => tests.push({ expected, test: result.optionTests![option], column: () => option }));
      }
      for (const { expected, test, column } of tests) {
        expect(test).not.toBeNull();
        expectClose(test!.statistic, expected.statistic, 1e-9, 'statistic');
        expect(test!.df).toBe(expected.df);
        expectClose(test!.p, expected.p, 1e-6, 'p');
        c.testedGroups.forEach((group, g) => {
          const cells = result.groups[group].cells;
          const values = c.kind === 'single' ? c.testedValues : [0];
          values.forEach((value, v) => {
            const r = expected.residuals[g][v];
            const share = expected.shares[g][v];
            const cell = cells[column(value)];
            expectClose(cell.residual!, r!, 1e-9, `${c.name} residual [${group}][${value}]`);
            expectClose(cell.share!, share!, 1e-9, `${c.name} share [${group}][${value}]`);
            expect(cell.mark).toBe(markResidual(r));
          });
        });
      }
    });
  }

  it('returns every group, a small one untested and without residuals, and gives an empty value no residual', () => {
    const c = cases.find((x) => x.name === 'small group and empty value unweighted')!;
    const result = crossTabulate(inputOf(c));
    expect(result.groups[3].n).toBe(3);
    expect(result.groups[3].cells.every((cell) => cell.residual === null && cell.mark === '')).toBe(true);
    expect(result.groups[0].cells[2]).toEqual({ count: 0, weight: 0, share: 0, residual: null, mark: '' });
  });
});

describe('crossTabulate against scipy (chi2_contingency, contingency.association)', () => {
  const scipy = readReferenceFixture<{ cases: Array<{ name: string; option: number | null; statistic: number; p: number; df: number; cramersV: number }> }>(
    'crosstab-scipy.json',
  );
  for (const expected of scipy.cases) {
    it(`${expected.name}${expected.option === null ? '' : `, option ${expected.option}`}`, () => {
      const result = crossTabulate(inputOf(cases.find((c) => c.name === expected.name)!));
      const test = expected.option === null ? result.test! : result.optionTests![expected.option]!;
      expectClose(test.statistic, expected.statistic, 1e-9, 'statistic');
      expectClose(test.p, expected.p, 1e-6, 'p');
      expect(test.df).toBe(expected.df);
      expectClose(test.cramersV, expected.cramersV, 1e-9, 'cramersV');
    });
  }
});

describe('crossTabulate on small literal tables', () => {
  const single = (codes: number[], by: number[], extra: Partial<CrossTabulateInput> = {}) =>
    crossTabulate({ answer: { kind: 'single', codes, valueCount: 2 }, by: { codes: by, groupCount: 2 }, rowCount: codes.length, minGroupSize: 1, ...extra });

  it('counts, shares and leaves out rows without an answer or a group', () => {
    const result = single([0, 0, 1, 1, -1, 0], [0, 0, 1, 1, 0, -1]);
    expect(result.groups.map((g) => g.n)).toEqual([2, 2]);
    expect(result.groups[0].cells!.map((cell) => [cell.count, cell.share])).toEqual([[2, 1], [0, 0]]);
  });

  it('keeps only the masked rows', () => {
    const result = single([0, 0, 1, 1], [0, 1, 0, 1], { mask: [1, 1, 0, 0] });
    expect(result.groups.map((g) => g.n)).toEqual([1, 1]);
    expect(result.test).toBeNull(); // one value left: nothing to test
  });

  it('weights shares but not counts', () => {
    const result = single([0, 1, 0, 1], [0, 0, 1, 1], { weights: [3, 1, 1, 1] });
    expect(result.groups[0].cells!.map((cell) => [cell.count, cell.share])).toEqual([[1, 0.75], [1, 0.25]]);
  });

  it('quotes a code outside the values', () => {
    expect(() => single([0, 7], [0, 1])).toThrow(/row 1 has value code 7, but there are 2 values/);
  });
});

describe('adjustedResiduals and marks', () => {
  it('match the 2 × 2 closed form (O − E)/√(E(1 − r/n)(1 − c/n))', () => {
    // [[10, 20], [30, 5]]: E11 = 30·40/65, r1 = 30, c1 = 40.
    const e = (30 * 40) / 65;
    const expected = (10 - e) / Math.sqrt(e * (1 - 30 / 65) * (1 - 40 / 65));
    expectClose(adjustedResiduals([[10, 20], [30, 5]])[0][0]!, expected, 1e-12);
  });

  it('mark at 1.96 and 2.58 both ways', () => {
    expect([2.58, 2.0, 1.95, -1.96, -2.6, null].map(markResidual)).toEqual(['▲▲', '▲', '', '▽', '▽▽', '']);
  });
});
