/**
 * 平均値の比較 as every report format prints it (issue 25): 全体 first, hidden groups as ＊, and the
 * test line naming Welch's F or Kruskal–Wallis H in the reader's language.
 */
import { describe, expect, it } from 'vitest';
import type { MeansByGroup, Report } from '../../../contracts/report.ts';
import { describeMeans, meansByBreakdown } from '../../../core/report-view/describe-tabulation.ts';

const means: MeansByGroup = {
  question: 'waitMinutes',
  label: '待ち時間（分）',
  by: 'ageGroup',
  byLabel: '年代',
  scale: false,
  groups: [
    { value: 'young', label: '39歳以下', n: 120, mean: 12.5, sd: 4.25, median: 12 },
    { value: 'old', label: '60歳以上', n: null, mean: null, sd: null, median: null, suppressed: 'small' },
  ],
  total: { n: 123, mean: 12.4, sd: 4.3, median: 12 },
  test: { method: 'welch', statistic: 3.456, df1: 2, df2: 71.83, p: 0.037, pAdjusted: 0.111 },
};
const report = { minGroupSize: 10, means: [means], breakdowns: [{ by: 'ageGroup', label: '年代', source: 'segment', groups: [] }] } as unknown as Report;

describe('describeMeans', () => {
  it('lists 全体 and the groups, a hidden group as ＊, with Welch’s test under it', () => {
    const section = describeMeans(means, report, 'ja');
    expect(section.heading).toBe('待ち時間（分）');
    expect(section.table!.rows).toEqual([
      ['全体', '123', '12.40', '4.30', '12.00'],
      ['39歳以下', '120', '12.50', '4.25', '12.00'],
      ['60歳以上', '＊', '＊', '＊', '＊'],
    ]);
    expect(section.table!.hides).toBe(true);
    expect(section.footnotes).toEqual(['Welch の一元配置分散分析 F = 3.46、自由度 (2, 71.8)、p = 0.037（Holm補正後 0.111）']);
  });

  it('names Kruskal–Wallis for a scale and says why there is no test, in English', () => {
    const scale = { ...means, scale: true, test: { method: 'kruskal' as const, statistic: 7.5, df1: 2, df2: null, p: 0.0235, pAdjusted: 0.047 } };
    expect(describeMeans(scale, report, 'en').footnotes).toEqual([
      'Kruskal–Wallis H = 7.50, df 2, p = 0.024 (Holm 0.047)',
      'An ordered scale: the mean is a guide, and the test (Kruskal–Wallis) compares ranks.',
    ]);
    expect(describeMeans({ ...means, test: null }, report, 'en').footnotes?.[0]).toMatch(/^no test \(fewer than two groups of 10 or more/);
  });

  it('groups the comparisons by breakdown, leaving out a breakdown without any', () => {
    expect(meansByBreakdown(report).map((entry) => [entry.breakdown.by, entry.means.length])).toEqual([['ageGroup', 1]]);
    expect(meansByBreakdown({ ...report, means: [] })).toEqual([]);
  });
});
