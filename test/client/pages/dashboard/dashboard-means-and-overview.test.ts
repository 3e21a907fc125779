/**
 * Issue 25 on the dashboard, from hand-made reports rendered with react-dom/server:
 * - the cross-tab view shows the comparison of means (describeMeans: 全体 first, hidden groups ＊,
 *   the test line) under a cross-tab of the same question by the same breakdown, and a number
 *   question, which has no cross-tab, is picked like any other and shows its means alone;
 * - every single-answer question is offered as a breakdown, the report's own first;
 * - 調査概要 under the title: a one-line glance, every fact and the wards on request;
 * - 非表示 counts the tables that hide something, not their hidden cells (issue 26);
 * - channel names are core's, the one home every report and the workbook use.
 * The layout in a browser is test/e2e/dashboard-means-and-overview.test.ts's.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Crosstab, MeansByGroup, QuestionSummary, Report } from '../../../../contracts/report.ts';
import { tabulationTexts } from '../../../../core/report-view/tabulation-texts.ts';
import { breakdownOptions, crosstabChoices, CrosstabView } from '../../../../client/pages/dashboard/crosstab-view.tsx';
import { channelName } from '../../../../client/pages/dashboard/channel-name.ts';
import { dashboardTexts } from '../../../../client/pages/dashboard/dashboard-texts.ts';
import { countHidingTables } from '../../../../client/pages/dashboard/hidden-tables.ts';
import { OverviewFacts, wardsAcross } from '../../../../client/pages/dashboard/overview-facts.tsx';

const cell = (value: string, count: number | null, share: number | null) => ({ value, count, share, residual: null, mark: '' as const });

/** 満足度 (an ordered scale) by 年代: a cross-tab and its means; 70代 is too small and hidden in both. */
const satisfaction: Crosstab = {
  question: 'satisfaction',
  label: '満足度',
  by: 'age',
  byLabel: '年代',
  kind: 'single',
  values: [
    { value: 1, label: '不満' },
    { value: 2, label: '満足' },
  ],
  groups: [
    { value: 'young', label: '20代', n: 40, cells: [cell('1', 10, 0.25), cell('2', 30, 0.75)].map((c, k) => ({ ...c, value: k + 1 })) },
    { value: 'old', label: '70代', n: null, suppressed: 'small', cells: [cell('1', null, null), cell('2', null, null)].map((c, k) => ({ ...c, value: k + 1 })) },
  ],
  total: { n: 43, cells: [cell('1', 12, 12 / 43), cell('2', 31, 31 / 43)].map((c, k) => ({ ...c, value: k + 1 })) },
  test: null,
};

const meansOf = (question: string, label: string, scale: boolean): MeansByGroup => ({
  question,
  label,
  by: 'age',
  byLabel: '年代',
  scale,
  groups: [
    { value: 'young', label: '20代', n: 40, mean: 1.75, sd: 0.44, median: 2 },
    { value: 'old', label: '70代', n: null, mean: null, sd: null, median: null, suppressed: 'small' },
  ],
  total: { n: 43, mean: 1.72, sd: 0.45, median: 2 },
  test: scale ? { method: 'kruskal', statistic: 3.21, df1: 1, df2: null, p: 0.073, pAdjusted: 0.146 } : { method: 'welch', statistic: 4.5, df1: 1, df2: 12.3, p: 0.054, pAdjusted: 0.108 },
});

const summary = (question: string, label: string, type: string, extra: Partial<QuestionSummary> = {}): QuestionSummary => ({ question, label, type, answered: 43, noAnswer: 0, ordered: false, ...extra });

/** Survey order: 年代, 利用方法 (single, not a breakdown), 待ち時間 (a number), 満足度, 困りごと (checkbox). */
const report = {
  minGroupSize: 5,
  responses: 43,
  suppressed: [],
  summaries: [
    summary('age', '年代を教えてください。', 'radiogroup', { items: [] }),
    summary('use', '主な利用方法', 'radiogroup', { items: [] }),
    summary('waitMinutes', '待ち時間（分）', 'text', { numeric: { mean: 12, sd: 3, min: 0, q1: 10, median: 12, q3: 14, max: 30 } }),
    summary('satisfaction', '満足度', 'rating', { items: [], ordered: true }),
    summary('troubles', '困りごと', 'checkbox', { items: [] }),
  ],
  breakdowns: [{ by: 'age', label: '年代を教えてください。', source: 'cohort', groups: [] }],
  crosstabs: [satisfaction],
  means: [meansOf('satisfaction', '満足度', true), meansOf('waitMinutes', '待ち時間（分）', false)],
} as unknown as Report;

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);
const textOf = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** The rows of the table marked `testId` in `markup`, as cell texts. */
function tableRows(markup: string, testId: string): string[][] {
  const table = new RegExp(`<table[^>]*data-testid="${testId}"[^>]*>(.*?)</table>`, 's').exec(markup);
  if (!table) return [];
  return [...table[1].matchAll(/<tr\b[^>]*>(.*?)<\/tr>/gs)].map((row) => [...row[1].matchAll(/<t[hd]\b[^>]*>(.*?)<\/t[hd]>/gs)].map((item) => textOf(item[1])));
}
const view = (locale: 'ja' | 'en', extra: Partial<Report> = {}) =>
  html(createElement(CrosstabView, { report: { ...report, ...extra }, surveyId: 's', query: '', locale, texts: dashboardTexts(locale) }));

describe('the comparison of means in the cross-tab view', () => {
  it('is the question picker’s: cross-tabs with their means, and a number question (means alone), in survey order', () => {
    const choices = crosstabChoices(report, 'age');
    expect(choices.map((choice) => [choice.key, !!choice.crosstab, !!choice.means])).toEqual([
      ['waitMinutes', false, true],
      ['satisfaction', true, true],
    ]);
    // By a breakdown the report does not have, there is nothing (the page fetches it).
    expect(crosstabChoices(report, 'use')).toEqual([]);
  });

  it('shows the means table under the cross-tab, 全体 first, a hidden group ＊, with the Kruskal–Wallis line and the scale note', () => {
    // The first choice is the number question; a report without it opens on the scale's cross-tab.
    const markup = view('ja', { means: [meansOf('satisfaction', '満足度', true)] });
    expect(markup).toContain('data-testid="crosstab-table"');
    const words = tabulationTexts('ja');
    expect(tableRows(markup, 'means-table')).toEqual([
      [words.group, words.n, words.mean, words.sd, words.median],
      ['全体', '43', '1.72', '0.45', '2.00'],
      ['20代', '40', '1.75', '0.44', '2.00'],
      ['70代', '＊', '＊', '＊', '＊'],
    ]);
    const text = textOf(markup);
    expect(text).toContain('Kruskal–Wallis 検定 H = 3.21、自由度 1、p = 0.073（Holm補正後 0.146）');
    expect(text).toContain(words.meansScaleNote);
    expect(text).toContain(words.meansPrefix);
    // The cross-tab's table comes before the means.
    expect(markup.indexOf('data-testid="crosstab-table"')).toBeLessThan(markup.indexOf('data-testid="means-table"'));
  });

  it('shows a number question’s means as the view itself, with Welch’s test, and no cross-tab CSV', () => {
    const markup = view('en');
    expect(markup).not.toContain('data-testid="crosstab-table"');
    expect(markup).not.toContain('data-testid="crosstab-csv"');
    expect(textOf(/<h2[^>]*>(.*?)<\/h2>/s.exec(markup)![1])).toBe('待ち時間（分）');
    expect(tableRows(markup, 'means-table')[1]).toEqual(['All', '43', '1.72', '0.45', '2.00']);
    expect(textOf(markup)).toContain('Welch’s one-way ANOVA F = 4.50, df (1, 12.3), p = 0.054 (Holm 0.108)');
    expect(textOf(markup)).not.toContain(tabulationTexts('en').meansScaleNote);
    // What the table is, said over it (core's "Means by", completed).
    expect(textOf(/<h3[^>]*>(.*?)<\/h3>/s.exec(markup)![1])).toBe(`${tabulationTexts('en').meansPrefix} group`);
  });

  it('has no means section when the report has none for the question', () => {
    expect(view('ja', { means: [] })).not.toContain('data-testid="means"');
  });
});

describe('the breakdown picker', () => {
  it('offers the report’s breakdowns, then every other single-answer question (not numbers, checkboxes or the breakdowns again)', () => {
    const options = breakdownOptions(report);
    expect(options.own.map((option) => option.by)).toEqual(['age']);
    expect(options.other.map((option) => option.by)).toEqual(['use', 'satisfaction']);
    const markup = view('ja');
    const picker = /<select id="crosstab-by"[^>]*>(.*?)<\/select>/s.exec(markup)![1];
    expect([...picker.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1])).toEqual(['age', 'use', 'satisfaction']);
    expect(picker).toContain(`label="${dashboardTexts('ja').otherQuestions}"`);
  });

  it('keeps a question added on request among the other questions, where the analyst picked it', () => {
    const added = { ...report, breakdowns: [...report.breakdowns!, { by: 'use', label: '主な利用方法', source: 'option', groups: [] }] } as Report;
    expect(breakdownOptions(added)).toEqual(breakdownOptions(report));
  });
});

describe('調査概要 under the title', () => {
  const overview: Report['overview'] = {
    period: { from: '2025-06-01', to: '2025-06-30' },
    byChannel: [
      { value: 'kiosk', n: 1200 },
      { value: 'online', n: 300 },
    ],
    kiosks: null,
    byWard: [
      { value: 'chuo', label: '中央区', n: 700 },
      { value: 'kita', label: '北区', n: null },
    ],
    completionMinutes: { n: 1500, q1: 4, median: 6.5, q3: 9 },
    method: null,
    responseRate: 0.25,
    population: 6000,
  };
  const render = (locale: 'ja' | 'en') => html(createElement(OverviewFacts, { report: { ...report, overview } as Report, locale }));

  it('shows period, channels, time to answer and response rate in one line, in core’s words', () => {
    for (const locale of ['ja', 'en'] as const) {
      const words = tabulationTexts(locale);
      const line = /<summary>(.*?)<\/summary>/s.exec(render(locale))![1];
      const labels = [...line.matchAll(/class="overview-facts__label">(.*?)<\/span>/g)].map((match) => textOf(match[1]));
      expect(labels, locale).toEqual([words.period, words.byChannel, words.completion, words.responseRate]);
      // The rest waits behind the summary: the population is not in the line.
      expect(textOf(line)).not.toContain(words.population);
    }
    const ja = textOf(render('ja'));
    expect(ja).toContain('2025-06-01 – 2025-06-30');
    expect(ja).toContain('区役所のタブレット 1,200、インターネット 300');
    expect(ja).toContain('中央値 6.5分');
    expect(ja).toContain('25.0%');
  });

  it('lists every fact and the wards across, a hidden ward ＊ with the legend, inside a closed <details>', () => {
    const markup = render('ja');
    expect(markup).toMatch(/^<details class="overview-facts"(?![^>]*open)/);
    expect(textOf(markup)).toContain(tabulationTexts('ja').population);
    expect(tableRows(markup, 'overview-ward-table')).toEqual([
      ['区別の件数', '中央区', '北区'],
      ['回答者数', '700', '＊'],
    ]);
    expect(textOf(markup)).toContain(tabulationTexts('ja').hiddenLegend);
  });

  it('is left out for a report without an overview', () => {
    expect(html(createElement(OverviewFacts, { report: { ...report, overview: undefined, summaries: [] } as Report, locale: 'ja' }))).toBe('');
  });

  it('turns a ward table with populations across: one row per measure', () => {
    const table = { columns: ['区', 'n', '母数', '回収率'], numeric: [false, true, true, true], rows: [['中央区', '700', '2,000', '35.00%'], ['北区', '＊', '1,000', '＊']], hides: true };
    expect(wardsAcross(table)).toEqual({
      columns: ['区', '中央区', '北区'],
      numeric: [false, true, true],
      rows: [
        ['n', '700', '＊'],
        ['母数', '2,000', '1,000'],
        ['回収率', '35.00%', '＊'],
      ],
      hides: true,
    });
  });
});

describe('非表示 counted as tables', () => {
  it('counts each cross-tab, means table and question once, however many of its cells are hidden', () => {
    const hidden = [
      // One cross-tab of a matrix row by ward: three hidden cells.
      'crosstabs.importance.short_waiting.ward=chuo/1',
      'crosstabs.importance.short_waiting.ward=chuo/2',
      'crosstabs.importance.short_waiting.ward=kita/1',
      // The same row by age: another table.
      'crosstabs.importance.short_waiting.ageBand=20s/1',
      // One 単純集計 of a matrix: two rows hide answers, one table.
      'summaries.importance.short_waiting=2',
      'summaries.importance.one_stop=1',
      // 調査概要: channels and kiosks, one table.
      'overview.byChannel.kiosk',
      'overview.kiosks.unenrolled',
      // Means, the timeline (two series), needs.
      'means.importance.short_waiting.ward=kiyota',
      'timeline.channel=kiosk',
      'timeline.channel=online',
      'needs.improvementRanking',
    ].map((where) => ({ where }));
    expect(countHidingTables(hidden)).toBe(7);
    expect(countHidingTables([])).toBe(0);
  });
});

describe('channel names', () => {
  it('are core’s tabulation texts (a label standing alone capitalised in English)', () => {
    expect(channelName('kiosk', 'ja')).toBe(tabulationTexts('ja').channelNames.kiosk);
    expect(channelName('online', 'ja')).toBe(tabulationTexts('ja').channelNames.online);
    const en = tabulationTexts('en').channelNames.online;
    expect(channelName('online', 'en')).toBe(en.charAt(0).toUpperCase() + en.slice(1));
    expect(channelName('fax', 'en')).toBe('Fax');
    // The dashboard keeps no channel names of its own.
    expect(Object.keys(dashboardTexts('ja'))).not.toContain('channels');
  });
});
