/**
 * 平均値の比較 (issue 25): group means of a number answer and of a rating by a breakdown, with
 * Welch's test and Kruskal–Wallis, against R (test/reference/generate-means-reference.R).
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { describeCounts } from '../../../analysis/stats/describe-counts.ts';
import { describeNumbers } from '../../../analysis/stats/describe-numbers.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';
import { defineSurvey, record } from './define-survey.ts';

interface Stats {
  n: number;
  mean: number;
  sd: number;
  median: number;
}
interface Fixture {
  respondents: Array<{ age: string; wait: number | null; sat: number | null }>;
  wait: { groups: Record<string, Stats>; total: Stats; test: { statistic: number; df1: number; df2: number; p: number } };
  satSummary: { mean: number; sd: number; quantiles: number[] };
  sat: { groups: Record<string, Stats>; total: Stats; test: { statistic: number; df1: number; p: number } };
}
const fixture = readReferenceFixture<Fixture>('means-by-group.json');

const definition = defineSurvey({
  minGroupSize: 5,
  elements: [
    { type: 'radiogroup', name: 'age', title: { ja: '年代', en: 'Age' }, choices: ['young', 'mid', 'old', 'teen'], analysis: { role: 'segment' } },
    { type: 'text', inputType: 'number', name: 'wait', title: { ja: '待ち時間（分）', en: 'Minutes waited' } },
    { type: 'rating', name: 'sat', title: { ja: '満足度', en: 'Satisfaction' }, rateMin: 1, rateMax: 5 },
  ],
});
const records = fixture.respondents.map((r) =>
  record({ age: r.age, ...(r.wait !== null ? { wait: r.wait } : {}), ...(r.sat !== null ? { sat: r.sat } : {}) }),
);

function expectStats(actual: { n: number | null; mean: number | null; sd: number | null; median: number | null }, expected: Stats, label: string) {
  expect(actual.n, label).toBe(expected.n);
  expectClose(actual.mean!, expected.mean, 1e-12, `${label} mean`);
  expectClose(actual.sd!, expected.sd, 1e-12, `${label} sd`);
  expectClose(actual.median!, expected.median, 1e-12, `${label} median`);
}

describe('means by group against R', () => {
  const report = buildReport({ definitions: [definition], records });
  const wait = report.means!.find((m) => m.question === 'wait' && m.by === 'age')!;
  const sat = report.means!.find((m) => m.question === 'sat' && m.by === 'age')!;

  it('gives each group\'s mean, sd and median of a number answer, and Welch\'s test (oneway.test)', () => {
    // mid, the smallest other group, is hidden with the teens; it is still tested.
    for (const [age, expected] of Object.entries(fixture.wait.groups)) if (age !== 'mid') expectStats(wait.groups.find((g) => g.value === age)!, expected, `wait ${age}`);
    expectStats(wait.total, fixture.wait.total, 'wait total');
    expect(wait.scale).toBe(false);
    expect(wait.test!.method).toBe('welch');
    expectClose(wait.test!.statistic, fixture.wait.test.statistic, 1e-10, 'F');
    expectClose(wait.test!.df2!, fixture.wait.test.df2, 1e-10, 'df2');
    expectClose(wait.test!.p, fixture.wait.test.p, 1e-8, 'p');
  });

  it('gives a rating\'s group means and Kruskal–Wallis (kruskal.test)', () => {
    for (const [age, expected] of Object.entries(fixture.sat.groups)) if (age !== 'mid') expectStats(sat.groups.find((g) => g.value === age)!, expected, `sat ${age}`);
    expectStats(sat.total, fixture.sat.total, 'sat total');
    expect(sat.test!.method).toBe('kruskal');
    expectClose(sat.test!.statistic, fixture.sat.test.statistic, 1e-10, 'H');
    expectClose(sat.test!.p, fixture.sat.test.p, 1e-8, 'p');
  });

  it('hides the 2 teens, and the next-smallest group with them, and adjusts p by Holm over the section', () => {
    const teen = wait.groups.find((g) => g.value === 'teen')!;
    expect(teen).toMatchObject({ n: null, mean: null, suppressed: 'small' });
    expect(wait.groups.filter((g) => g.suppressed === 'complementary').map((g) => g.value)).toEqual(['mid']);
    const ps = report.means!.map((m) => m.test?.p).filter((p): p is number => p !== undefined);
    expect(ps.length).toBeGreaterThanOrEqual(2);
    for (const m of report.means!) if (m.test) expect(m.test.pAdjusted).toBeGreaterThanOrEqual(m.test.p);
    expect(report.suppressed.some((s) => s.where === 'means.wait.age=teen')).toBe(true);
  });
});

describe('a rating summarised as numbers (issue 25)', () => {
  it('has mean, sd, min, quartiles and max as R (quantile type 7), beside its items', () => {
    const report = buildReport({ definitions: [definition], records });
    const sat = report.summaries!.find((s) => s.question === 'sat')!;
    expect(sat.items).toHaveLength(5);
    const { mean, sd, min, q1, median, q3, max } = sat.numeric!;
    expectClose(mean, fixture.satSummary.mean, 1e-12, 'mean');
    expectClose(sd!, fixture.satSummary.sd, 1e-12, 'sd');
    expect([min, q1, median, q3, max]).toEqual(fixture.satSummary.quantiles);
  });
});

describe('describeCounts', () => {
  it('gives what describeNumbers gives on the answers written out', () => {
    const points = [1, 2, 3, 4, 5];
    expect(describeCounts(points, [0, 0, 0, 0, 0])).toBeNull();
    for (const counts of [[3, 0, 7, 2, 1], [0, 0, 1, 0, 0], [1, 1, 0, 0, 0], [5, 4, 3, 2, 10], [0, 2, 0, 0, 1]]) {
      const answers = counts.flatMap((c, i) => Array<number>(c).fill(points[i]));
      const expected = describeNumbers(answers);
      const actual = describeCounts(points, counts)!;
      expect(actual.mean).toBeCloseTo(expected.mean, 12);
      expect([actual.min, actual.q1, actual.median, actual.q3, actual.max]).toEqual([expected.min, expected.q1, expected.median, expected.q3, expected.max]);
      if (answers.length > 1) expect(actual.sd).toBeCloseTo(expected.sd!, 12);
    }
  });
});
