/**
 * One cross-tab as CSV (server/report/write-crosstab-csv.ts): hidden groups as ＊ with the note,
 * the test line, labels through the export guard, and the lookup's messages.
 */
import { describe, expect, it } from 'vitest';
import type { Crosstab, Report } from '../../../contracts/report.ts';
import { findCrosstab, writeCrosstabCsv } from '../../../server/report/write-crosstab-csv.ts';
import { parseCsv } from '../../e2e/support/parse-csv.ts';

const crosstab: Crosstab = {
  question: 'mode',
  label: '交通手段',
  by: 'ageBand',
  byLabel: '年代',
  kind: 'single',
  values: [
    { value: 'bus', label: 'バス' },
    { value: 'car', label: '=HYPERLINK("x")' },
  ],
  groups: [
    { value: 'young', label: '若年', n: 40, cells: [
      { value: 'bus', count: 30, share: 0.75, residual: 3.1, mark: '▲▲' },
      { value: 'car', count: 10, share: 0.25, residual: -3.1, mark: '▽▽' },
    ] },
    { value: 'old', label: '高齢', n: 30, cells: [
      { value: 'bus', count: null, share: null, residual: null, mark: '', suppressed: 'small' },
      { value: 'car', count: null, share: null, residual: null, mark: '', suppressed: 'complementary' },
    ] },
    { value: 'tiny', label: '少数', n: null, cells: [
      { value: 'bus', count: null, share: null, residual: null, mark: '', suppressed: 'small' },
      { value: 'car', count: 0, share: null, residual: null, mark: '' },
    ], suppressed: 'small' },
  ],
  total: { n: 73, cells: [
    { value: 'bus', count: 54, share: 0.7397, residual: null, mark: '' },
    { value: 'car', count: 19, share: 0.2603, residual: null, mark: '' },
  ] },
  test: { statistic: 9.61, df: 1, p: 0.0004, pAdjusted: 0.0123, cramersV: 0.31, method: 'pearson' },
};
const report = { minGroupSize: 10, crosstabs: [crosstab], breakdowns: [{ by: 'ageBand', label: '年代', source: 'cohort', groups: [] }] } as unknown as Report;

describe('writeCrosstabCsv', () => {
  it('writes the table with 全体, marks, ＊ for every hidden number, the test and the notes, after a BOM', () => {
    const csv = writeCrosstabCsv(report, crosstab, 'ja');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['交通手段']);
    expect(rows[1]).toEqual(['区分：年代']);
    expect(rows[2]).toEqual(['重み付け：なし（単純集計）']);
    expect(rows[3]).toEqual(['区分', '回答者数', 'バス (%)', 'バス ▲▽', `'=HYPERLINK("x") (%)`, `'=HYPERLINK("x") ▲▽`]);
    expect(rows[4]).toEqual(['全体', '73', '74', '', '26', '']);
    expect(rows[5]).toEqual(['若年', '40', '75', '▲▲', '25', '▽▽']);
    expect(rows[6]).toEqual(['高齢', '30', '＊', '', '＊', '']);
    expect(rows[7]).toEqual(['少数', '＊', '＊', '', '0', '']);
    const text = rows.map((row) => row.join(',')).join('\n');
    expect(text).toContain('χ² = 9.61、自由度 1、p < 0.001（Holm補正後 0.012）、Cramér の V = 0.310');
    expect(text).toContain('＊ 秘匿');
    expect(text).toContain('1〜9人の数はどこにも表示しません');
    expect(text).toContain('▲▲／▽▽');
  });

  it('says in its header that it is weighted, to which margins file: its name and SHA-256 (issue 30)', () => {
    const sha256 = 'ab'.repeat(32);
    const weighted = { ...report, weighting: { method: 'raking', iterations: 4, effectiveN: 61.25, variables: ['ward'], dropped: 0, source: { file: 'ward-office-exit.csv', sha256 } } } as Report;
    const ja = parseCsv(writeCrosstabCsv(weighted, crosstab, 'ja').slice(1));
    expect(ja.slice(2, 4)).toEqual([['重み付け：レイキング（変数: ward、有効回答数 61.3）'], [`重み付けの母集団ファイル：ward-office-exit.csv（SHA-256: ${sha256}）`]]);
    expect(ja[4][0]).toBe('区分');
    const en = parseCsv(writeCrosstabCsv(weighted, crosstab, 'en').slice(1));
    expect(en.slice(2, 4)).toEqual([['Weighting: raking (variables: ward, effective n 61.3)'], [`Margins file: ward-office-exit.csv (SHA-256: ${sha256})`]]);
  });

  it('says which breakdowns and cross-tabs there are when asked for one that is not', () => {
    expect(findCrosstab(report, 'mode', 'ageBand')).toBe(crosstab);
    expect(findCrosstab(report, 'mode', 'ward')).toBe(`by must be one of the report's breakdowns (ageBand); got "ward"`);
    expect(findCrosstab(report, 'nope', 'ageBand')).toMatch(/^no cross-tab of "nope" by "ageBand"/);
  });
});
