/**
 * Issue 25 in the rendered report's description: a matrixdropdown summarised once per cell column
 * (choices, numbers, text), and 平均値の比較 as its own numbered part after the cross-tabs, grouped
 * by breakdown, in the reader's language.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { describeSummaryChart } from '../../../core/report-view/describe-charts.ts';
import { describeReport } from '../../../core/report-view/describe-report.ts';
import { describeSummary } from '../../../core/report-view/describe-tabulation.ts';
import { tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { defineSurvey } from '../../analysis/report/define-survey.ts';
import { handMadeDefinition, handMadeReport, matrixDropdownElement, matrixDropdownSummaries, meansByAge } from './hand-made-report.ts';

const definition = defineSurvey({
  minGroupSize: 5,
  elements: [
    ...(handMadeDefinition().json.pages as Array<{ elements: unknown[] }>)[0].elements,
    matrixDropdownElement(),
    { type: 'text', inputType: 'number', name: 'waitMinutes', title: { ja: '待ち時間（分）', en: 'Waiting time (minutes)' } },
  ],
});

function reportWithColumnsAndMeans(): Report {
  const report = handMadeReport();
  return { ...report, summaries: [...report.summaries!, ...matrixDropdownSummaries()], means: meansByAge() };
}

const [often, minutes, why, ways] = matrixDropdownSummaries();
const report = reportWithColumnsAndMeans();
const t = tabulationTexts('ja');

describe('a matrixdropdown column in 単純集計 (issue 25)', () => {
  it('tabulates a column of numbers as row × 回答者数, mean, sd, min, quartiles and max; a hidden row ＊, an unanswered one —', () => {
    const section = describeSummary(minutes, report, 'ja');
    expect(section.heading).toBe('窓口ごとの利用 — 待ち時間（分）');
    expect(section.table!.columns).toEqual(['', t.answered, t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max]);
    expect(section.table!.numeric).toEqual([false, true, true, true, true, true, true, true, true]);
    expect(section.table!.rows).toEqual([
      ['戸籍', '60', '12.50', '4.25', '0.00', '10.00', '12.00', '15.00', '45.00'],
      ['税', '＊', '＊', '＊', '＊', '＊', '＊', '＊', '＊'],
      ['介護', '0', '—', '—', '—', '—', '—', '—', '—'],
    ]);
    expect(section.table!.hides).toBe(true);
    // No stacked bars of nothing.
    expect(section.chart).toBeUndefined();
  });

  it('counts a column of text per row and says why it shows only that', () => {
    const section = describeSummary(why, report, 'ja');
    expect(section.table!.columns).toEqual(['', t.answered]);
    expect(section.table!.rows).toEqual([
      ['戸籍', '30'],
      ['税', '＊'],
    ]);
    expect(section.footnotes).toContain(t.textColumnNote);
    expect(section.chart).toBeUndefined();
  });

  it('tabulates a column of choices as a matrix, and a column of checkboxes with the note that shares do not add up', () => {
    const choice = describeSummary(often, report, 'ja');
    expect(choice.table!.columns).toEqual(['', t.answered, '毎月', '毎年']);
    expect(choice.table!.rows[0]).toEqual(['戸籍', '60', '33.3%', '66.7%']);
    expect(choice.chart?.kind).toBe('stacked');
    const checkbox = describeSummary(ways, report, 'ja');
    expect(checkbox.table!.rows[0]).toEqual(['戸籍', '60', '75.0%', '50.0%']);
    expect(checkbox.footnotes).toContain(t.chosenNote);
    // 75 % + 50 % cannot be one 100 % bar.
    expect(describeSummaryChart(ways, 'ja')).toBeUndefined();
  });

  it('gives each column its own section in 単純集計, named 「設問 — 列」 in the reader’s language', () => {
    const ja = describeReport(report, [definition], { locale: 'ja' });
    const headings = ja.summaries.sections.map((section) => section.heading);
    expect(headings.filter((heading) => heading.startsWith('窓口ごとの利用'))).toEqual([often.label, minutes.label, why.label, ways.label]);
    const en = describeReport(report, [definition], { locale: 'en' });
    expect(en.summaries.sections.map((section) => section.heading).filter((heading) => heading.startsWith('Use of each counter'))).toEqual([
      'Use of each counter — How often',
      'Use of each counter — Wait (minutes)',
      'Use of each counter — Why',
      'Use of each counter — How',
    ]);
    expect(en.summaries.sections.find((section) => section.heading.endsWith('Wait (minutes)'))!.table!.columns).toEqual(['', 'Answered', 'Mean', 'SD', 'Min', 'Q1', 'Median', 'Q3', 'Max']);
  });
});

describe('平均値の比較 in the rendered report (issue 25)', () => {
  const ja = describeReport(report, [definition], { locale: 'ja' });
  const en = describeReport(report, [definition], { locale: 'en' });

  it('is part 5, after the cross-tabs, and the parts after it are numbered on', () => {
    expect(ja.crosstabs.heading).toBe('4. クロス集計');
    expect(ja.means.heading).toBe('5. 平均値の比較');
    expect([ja.needs.heading, ja.ipa.heading, ja.gaps.heading, ja.comments.heading, ja.suppressed.heading].map((heading) => heading.split('.')[0])).toEqual(['6', '7', '8', '9', '10']);
    expect(en.means.heading).toBe('5. Means by group');
  });

  it('groups the comparisons by breakdown, each a table of 全体 and the groups with the test under it', () => {
    expect(ja.means.groups.map((group) => group.heading)).toEqual(['表側: あなたの年代']);
    const [section] = ja.means.groups[0].sections;
    expect(section.heading).toBe('待ち時間（分）');
    expect(section.table!.rows).toEqual([
      ['全体', '100', '13.10', '4.90', '13.00'],
      ['20歳未満', '＊', '＊', '＊', '＊'],
      ['20代', '40', '11.25', '3.50', '11.00'],
      ['30代', '57', '14.50', '5.25', '14.00'],
    ]);
    expect(section.footnotes![0]).toMatch(/^Welch の一元配置分散分析 F = 12\.34/);
    expect(ja.means.intro).toContain('Holm');
    expect(ja.means.intro).toContain('5人以上');
  });

  it('names the question, breakdown and groups in English in the English report', () => {
    expect(en.means.groups[0].heading).toBe('By: Your age group');
    const [section] = en.means.groups[0].sections;
    expect(section.heading).toBe('Waiting time (minutes)');
    expect(section.table!.rows.map((row) => row[0])).toEqual(['All', 'Under 20', '20s', '30s']);
  });

  it('says why the part is empty when there is nothing to compare, and that weighted means are not tested', () => {
    const none = describeReport(handMadeReport(), [definition], { locale: 'ja' });
    expect(none.means.groups).toEqual([]);
    expect(none.means.intro).toContain('ありません');
    const weighted = describeReport({ ...report, weighting: { method: 'raking', iterations: 5, effectiveN: 80, variables: ['ageBand'], dropped: 0 } }, [definition], { locale: 'ja' });
    expect(weighted.means.intro).toContain('検定はしていません');
    expect(ja.means.intro).not.toContain('検定はしていません');
  });
});

describe('平均値の比較 of ordered scales (issue 25)', () => {
  it('says once, in the part’s introduction, what a scale’s mean is worth, not under every table', () => {
    const scale = { ...meansByAge()[0], question: 'counterReasons', label: '窓口に来た理由', scale: true };
    const view = describeReport({ ...report, means: [scale, { ...scale, question: 'priorities' }] }, [definition], { locale: 'ja' });
    expect(view.means.intro).toContain(t.meansScalesNote);
    expect(view.means.groups[0].sections.flatMap((section) => section.footnotes ?? [])).not.toContain(t.meansScaleNote);
    // A report of number answers only has nothing to say about scales.
    expect(describeReport(report, [definition], { locale: 'ja' }).means.intro).not.toContain(t.meansScalesNote);
  });
});
