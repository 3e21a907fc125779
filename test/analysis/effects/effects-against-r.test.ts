/**
 * 効果検証's figures against R (test/reference/generate-effects-reference.R → fixtures/effects.json):
 * on seeded responses, the change of a share (Newcomb's hybrid score interval, prop.test's p), of a
 * mean (t.test), the DiD (lm + vcovHC HC1 + coeftest/coefci) and both weighted (svyglm on the
 * design), to 1e-9 relative for estimates and intervals and 1e-6 for p-values.
 */
import { describe, expect, it } from 'vitest';
import { comparePeriods, type Estimate } from '../../../analysis/effects/compare-periods.ts';
import { newcombInterval } from '../../../analysis/effects/newcomb-interval.ts';
import { propTestP } from '../../../analysis/effects/prop-test-p.ts';
import { tQuantile } from '../../../analysis/stats/t-quantile.ts';
import { tTwoSidedP } from '../../../analysis/stats/t-two-sided-p.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

type Expected = { estimate: number; low: number; high: number; p: number };
interface Figures {
  y: 'share' | 'rating' | 'number';
  measure: 'share' | 'mean';
  change: Expected;
  did: Expected;
  weightedChange: Expected;
  weightedDid: Expected;
}
interface DataSet {
  n: number;
  after: Array<number | null>;
  pilot: Array<number | null>;
  share: Array<number | null>;
  rating: Array<number | null>;
  number: Array<number | null>;
  w: number[];
  figures: Figures[];
}
interface Fixture {
  sets: DataSet[];
  proportions: Array<{ x1: number; n1: number; x2: number; n2: number; low: number; high: number; p: number | null }>;
  tQuantile: { p: number[]; df: number[]; q: number[] };
  tTwoSidedP: { t: number[]; df: number[]; p: number[] };
}

const fixture = readReferenceFixture<Fixture>('effects.json');
// R's NA (null in the JSON) is "not in this comparison": −1 for a period or group, NaN for an answer.
const codes = (values: Array<number | null>) => Int8Array.from(values, (value) => (value === null ? -1 : value));
const answers = (values: Array<number | null>) => Float64Array.from(values, (value) => (value === null ? Number.NaN : value));

function expectEstimate(actual: Estimate | null | undefined, expected: Expected, label: string) {
  expect(actual, label).toBeTruthy();
  expectClose(actual!.estimate, expected.estimate, 1e-9, `${label} estimate`);
  expectClose(actual!.low, expected.low, 1e-9, `${label} low`);
  expectClose(actual!.high, expected.high, 1e-9, `${label} high`);
  expectClose(actual!.p, expected.p, 1e-6, `${label} p`);
}

describe('effects against R', () => {
  fixture.sets.forEach((set, index) => {
    for (const figures of set.figures) {
      it(`data set ${index + 1} (n = ${set.n}), ${figures.y}: change and DiD, unweighted and weighted`, () => {
        const input = { y: answers(set[figures.y]), period: codes(set.after), pilot: codes(set.pilot), measure: figures.measure, minGroupSize: 1 };
        const plain = comparePeriods({ ...input, weights: null });
        expectEstimate(plain.change, figures.change, 'change');
        expectEstimate(plain.did?.estimate, figures.did, 'DiD');
        const weighted = comparePeriods({ ...input, weights: Float64Array.from(set.w) });
        expectEstimate(weighted.change, figures.weightedChange, 'weighted change');
        expectEstimate(weighted.did?.estimate, figures.weightedDid, 'weighted DiD');
      });
    }
  });

  it("gives Newcomb's hybrid score interval and prop.test's p, at 0 and all chosen too", () => {
    for (const { x1, n1, x2, n2, low, high, p } of fixture.proportions) {
      const [l, h] = newcombInterval(x1, n1, x2, n2);
      expectClose(l, low, 1e-9, `low ${x1}/${n1} − ${x2}/${n2}`);
      expectClose(h, high, 1e-9, `high ${x1}/${n1} − ${x2}/${n2}`);
      const tested = propTestP(x1, n1, x2, n2);
      // R answers NaN when nobody (or everybody) chose it: no test.
      if (p === null) expect(tested).toBeNull();
      else expectClose(tested!, p, 1e-6, `p ${x1}/${n1} − ${x2}/${n2}`);
    }
  });

  it("gives Student's t quantiles and two-sided p as qt and pt", () => {
    fixture.tQuantile.q.forEach((q, i) => expectClose(tQuantile(fixture.tQuantile.p[i], fixture.tQuantile.df[i]), q, 1e-9, `qt(${fixture.tQuantile.p[i]}, ${fixture.tQuantile.df[i]})`));
    fixture.tTwoSidedP.p.forEach((p, i) => expectClose(tTwoSidedP(fixture.tTwoSidedP.t[i], fixture.tTwoSidedP.df[i]), p, 1e-9, `p(${fixture.tTwoSidedP.t[i]}, ${fixture.tTwoSidedP.df[i]})`));
  });
});
