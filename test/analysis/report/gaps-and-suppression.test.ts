import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { holmAdjust } from '../../../analysis/stats/holm-adjust.ts';
import { kruskalWallis } from '../../../analysis/stats/kruskal-wallis.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { defineSurvey, record } from './define-survey.ts';

const cohort = {
  type: 'radiogroup',
  name: 'cohort',
  title: { ja: '勤続年数', en: 'Years of service' },
  choices: [
    { value: 'junior', text: { ja: '若手', en: 'Junior' } },
    { value: 'mid', text: { ja: '中堅', en: 'Mid-career' } },
    { value: 'veteran', text: { ja: 'ベテラン', en: 'Veteran' } },
  ],
  analysis: { role: 'cohort' },
};
const likert = {
  type: 'matrix',
  name: 'practices',
  title: 'Practices',
  rows: ['telework'],
  columns: [5, 4, 3, 2, 1],
  analysis: { role: 'attitude' },
};
const likes = { type: 'radiogroup', name: 'likes', choices: ['yes', 'no'], analysis: { role: 'attitude' } };
const reasons = { type: 'checkbox', name: 'reasons', choices: ['paper', 'culture'], analysis: { role: 'attitude' } };

describe('gaps', () => {
  it('tests scales with Kruskal–Wallis and choices with χ², sorted by effect size, Holm over every test', () => {
    const definition = defineSurvey({ minGroupSize: 1, elements: [cohort, likert, likes, reasons] });
    // Junior: telework 5 4 4 5 3 4 …, likes yes 8 of 10; veteran: telework lower, likes yes 3 of 10.
    const junior = [5, 4, 4, 5, 3, 4, 5, 4, 4, 5].map((telework, i) =>
      record({ cohort: 'junior', practices: { telework }, likes: i < 8 ? 'yes' : 'no', reasons: i % 2 === 0 ? ['paper'] : ['paper', 'culture'] }),
    );
    const veteran = [2, 3, 3, 2, 1, 2, 3, 2, 2, 3].map((telework, i) =>
      record({ cohort: 'veteran', practices: { telework }, likes: i < 3 ? 'yes' : 'no', reasons: i % 2 === 0 ? ['paper'] : ['culture'] }),
    );
    const report = buildReport({ definitions: [definition], records: [...junior, ...veteran, record({ cohort: 'junior' })] });
    const { gaps } = report;
    expect(gaps.by).toBe('cohort');
    expect(gaps.groups).toEqual([
      { value: 'junior', label: '若手', n: 11 },
      { value: 'mid', label: '中堅', n: 0 },
      { value: 'veteran', label: 'ベテラン', n: 10 },
    ]);
    // One test per scale row, per radiogroup and per checkbox option.
    expect(gaps.items.map((item) => [item.question, item.item ?? item.option ?? null, item.test])).toEqual(
      expect.arrayContaining([
        ['practices', 'telework', 'kruskal'],
        ['likes', null, 'chi2'],
        ['reasons', 'paper', 'chi2'],
        ['reasons', 'culture', 'chi2'],
      ]),
    );
    expect(gaps.items).toHaveLength(4);
    // Sorted by effect size, largest first.
    const effects = gaps.items.map((item) => item.effect.value);
    expect(effects).toEqual([...effects].sort((a, b) => b - a));
    // pAdjusted is Holm over every test in the report.
    const adjusted = holmAdjust(gaps.items.map((item) => item.p));
    gaps.items.forEach((item, i) => expect(item.pAdjusted).toBe(adjusted[i]));

    // likes: the 2 × 2 table [[8, 2], [3, 7]] (the empty "mid" group drops out): scipy chi2_contingency(correction=False).
    const likesItem = gaps.items.find((item) => item.question === 'likes')!;
    expect(likesItem.df).toBe(1);
    expectClose(likesItem.statistic, 5.05050505050505, 1e-12);
    expectClose(likesItem.p, 0.024618761380815174, 1e-9);
    expect(likesItem.effect.name).toBe('cramersV');
    expectClose(likesItem.effect.value, 0.502518907629606, 1e-12);
    expect(likesItem.groups).toEqual([
      { value: 'junior', label: '若手', n: 10, distribution: [
        { value: 'yes', label: 'yes', count: 8, share: 0.8 },
        { value: 'no', label: 'no', count: 2, share: 0.2 },
      ] },
      { value: 'mid', label: '中堅', n: 0, distribution: null },
      { value: 'veteran', label: 'ベテラン', n: 10, distribution: [
        { value: 'yes', label: 'yes', count: 3, share: 0.3 },
        { value: 'no', label: 'no', count: 7, share: 0.7 },
      ] },
    ]);

    // telework: scipy.stats.kruskal([5,4,4,5,3,4,5,4,4,5], [2,3,3,2,1,2,3,2,2,3]); ε² = H(n+1)/(n²−1).
    const telework = gaps.items.find((item) => item.item === 'telework')!;
    const expected = kruskalWallis([[5, 4, 4, 5, 3, 4, 5, 4, 4, 5], [2, 3, 3, 2, 1, 2, 3, 2, 2, 3]]);
    expect(telework.statistic).toBe(expected.statistic);
    expect(telework.effect).toEqual({ name: 'epsilonSquared', value: (expected.statistic * 21) / (20 * 20 - 1) });
    expect(telework.groups[0]).toMatchObject({ value: 'junior', n: 10, mean: 4.3, median: 4 });
    expect(telework.groups[2]).toMatchObject({ value: 'veteran', n: 10, mean: 2.3, median: 2 });
    // A scale's distribution runs from the lowest value to the highest.
    expect(telework.groups[0].distribution!.map((cell) => cell.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('hides a small group and the next-smallest, tests the latter, and lists both', () => {
    const definition = defineSurvey({ minGroupSize: 5, elements: [cohort, likert] });
    const answers = (group: string, values: number[]) => values.map((telework) => record({ cohort: group, practices: { telework } }));
    const records = [
      ...answers('junior', [5, 4, 4, 5, 3, 4]), // 6: next-smallest, hidden to protect veteran
      ...answers('mid', [3, 3, 4, 2, 3, 3, 4, 3, 2]), // 9
      ...answers('veteran', [1, 2, 2]), // 3: under the threshold
    ];
    const report = buildReport({ definitions: [definition], records });
    const { gaps } = report;
    expect(gaps.groups).toEqual([
      { value: 'junior', label: '若手', n: null, suppressed: true },
      { value: 'mid', label: '中堅', n: 9 },
      { value: 'veteran', label: 'ベテラン', n: null, suppressed: true },
    ]);
    const [item] = gaps.items;
    // Tested: junior (hidden only to protect veteran) and mid; veteran left out.
    const expected = kruskalWallis([[5, 4, 4, 5, 3, 4], [3, 3, 4, 2, 3, 3, 4, 3, 2]]);
    expect(item.df).toBe(1);
    expect(item.statistic).toBe(expected.statistic);
    expect(item.p).toBe(expected.p);
    expect(item.groups).toEqual([
      { value: 'junior', label: '若手', n: null, mean: null, median: null, distribution: null, suppressed: true },
      expect.objectContaining({ value: 'mid', n: 9, mean: 27 / 9, median: 3 }),
      { value: 'veteran', label: 'ベテラン', n: null, mean: null, median: null, distribution: null, suppressed: true },
    ]);
    expect(report.suppressed.filter((entry) => entry.where.startsWith('gaps.'))).toEqual([
      {
        where: 'gaps.groups.cohort=junior',
        reason: 'hidden so that cohort=veteran cannot be derived from the total',
        rule: 'complementary',
        protects: 'gaps.groups.cohort=veteran',
      },
      { where: 'gaps.groups.cohort=veteran', reason: 'fewer than 5 respondents in this group', rule: 'small' },
      {
        where: 'gaps.practices.telework.cohort=junior',
        label: 'Practices × 勤続年数: 若手',
        reason: 'hidden so that cohort=veteran cannot be derived from the total',
        rule: 'complementary',
        protects: 'gaps.practices.telework.cohort=veteran',
      },
      { where: 'gaps.practices.telework.cohort=veteran', label: 'Practices × 勤続年数: ベテラン', reason: 'fewer than 5 respondents in this group', rule: 'small' },
    ]);
    // Nothing in the report reveals a hidden group's count.
    expect(JSON.stringify(report)).not.toMatch(/"n":\s*(3|6)\b/);
  });

  it('does not test an item with fewer than two groups at the threshold, and says so', () => {
    const definition = defineSurvey({ minGroupSize: 5, elements: [cohort, likert] });
    const records = [
      ...[5, 4, 4, 5, 3].map((telework) => record({ cohort: 'junior', practices: { telework } })),
      ...[1, 2].map((telework) => record({ cohort: 'mid', practices: { telework } })),
    ];
    const report = buildReport({ definitions: [definition], records });
    expect(report.gaps.items).toEqual([]);
    expect(report.gaps.untested).toEqual([
      { question: 'practices', item: 'telework', reason: 'fewer than two groups with at least 5 respondents answering' },
    ]);
  });

  it('compares the --by question instead of the cohort, and has no gaps without either', () => {
    const age = { type: 'radiogroup', name: 'age', choices: ['young', 'old'], analysis: { role: 'segment' } };
    const definition = defineSurvey({ minGroupSize: 1, elements: [age, likes] });
    const records = ['young', 'young', 'old', 'old'].map((group, i) => record({ age: group, likes: i % 2 ? 'yes' : 'no' }));
    expect(buildReport({ definitions: [definition], records }).gaps).toEqual({ by: null, label: null, groups: [], items: [], untested: [] });
    const byAge = buildReport({ definitions: [definition], records, options: { by: 'age' } }).gaps;
    expect(byAge.by).toBe('age');
    expect(byAge.items.map((item) => item.question)).toEqual(['likes']);
    expect(() => buildReport({ definitions: [definition], records, options: { by: 'agee' } })).toThrow(
      '--by "agee": no single-answer question or meta variable of that name (one of: age, likes, ward, channel)',
    );
  });
});
