/**
 * Code shares by group, against R (test/reference/generate-text-codes-reference.R: chisq.test per code on the
 * groups × has/has-not table, $stdres, p.adjust "holm"), on the comments' groups and codes R drew and wrote to the
 * fixture.
 */
import { describe, expect, it } from 'vitest';
import { crossTabulateCodes } from '../../../analysis/text/cross-tabulate-codes.ts';
import { markResidual } from '../../../analysis/stats/adjusted-residuals.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface ExpectedCode {
  shares: Array<number | null>;
  counts: number[];
  statistic?: number;
  df?: number;
  p?: number;
  pAdjusted?: number;
  cramersV?: number;
  residuals?: number[];
}
interface Case {
  name: string;
  minGroupSize: number;
  groupCount: number;
  testedGroups: number[];
  group: number[];
  coded: number[][];
  codes: ExpectedCode[];
}

const { cases } = readReferenceFixture<{ cases: Case[] }>('text-codes.json');

describe('crossTabulateCodes against R', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const labels = Array.from({ length: c.groupCount }, (_, g) => `group ${g}`);
    const result = crossTabulateCodes({ coded: c.coded, groups: { codes: c.group, labels }, commentCount: c.group.length, minGroupSize: c.minGroupSize });
    let residualsCompared = 0;
    c.codes.forEach((expected, k) => {
      const test = result.tests[k];
      if (expected.p === undefined) {
        expect(test, `code ${k} cannot be tested`).toBeNull();
      } else {
        expect(test).not.toBeNull();
        expectClose(test!.statistic, expected.statistic!, 1e-9, `code ${k} statistic`);
        expect(test!.df).toBe(expected.df);
        expectClose(test!.p, expected.p, 1e-7, `code ${k} p`);
        expectClose(test!.pAdjusted, expected.pAdjusted!, 1e-7, `code ${k} Holm p`);
        expectClose(test!.cramersV, expected.cramersV!, 1e-9, `code ${k} V`);
      }
      result.groups.forEach((group, g) => {
        const cell = group.cells[k];
        if (cell.suppressed) {
          // Hidden only by the cross-tabs' rule: a small group, or a small count (or the one that would give it away).
          expect(group.suppressed !== undefined || expected.counts[g] < c.minGroupSize || cell.suppressed === 'complementary').toBe(true);
          return;
        }
        expect(cell.count).toBe(expected.counts[g]);
        expectClose(cell.share!, expected.shares[g]!, 1e-12, `code ${k} group ${g} share`);
        const tested = c.testedGroups.indexOf(g);
        if (expected.residuals && tested >= 0) {
          expectClose(cell.residual!, expected.residuals[tested], 1e-9, `code ${k} group ${g} residual`);
          expect(cell.mark).toBe(markResidual(expected.residuals[tested]));
          residualsCompared++;
        }
      });
    });
    // The comparison above is not empty: in "a small group" only group 0 is shown on its own (1 is merged with 2).
    expect(residualsCompared).toBeGreaterThanOrEqual(c.name === 'a small group' ? 2 : 8);
  });

  it('hides a group under the minimum size, merged with the next-smallest as the cross-tabs do', () => {
    const c = cases.find((x) => x.name === 'a small group')!;
    const result = crossTabulateCodes({ coded: c.coded, groups: { codes: c.group, labels: ['a', 'b', 'c'] }, commentCount: c.group.length, minGroupSize: c.minGroupSize });
    expect(result.groups[2]).toMatchObject({ label: 'c', n: null, suppressed: 'small' });
    expect(result.merged?.members).toContain(2);
  });
});
