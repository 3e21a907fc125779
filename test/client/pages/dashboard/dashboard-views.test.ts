/**
 * The dashboard's tables as HTML (react-dom/server), from hand-made reports that hide what the
 * analysis hides (issue 26): hidden cells are ＊ and never a number, a cross-tab has its 全体 row,
 * a single-answer question's hidden answers are one 「その他（少数）」 row, a ranking has no rank
 * column nobody could give, the generation-gap table compares the same answer across groups, and
 * a card that hides something states the rule. Layout is the browser tests' (test/e2e/dashboard-views.test.ts).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Crosstab, GapItem, Gaps, QuestionSummary, Report } from '../../../../contracts/report.ts';
import { createReportLabels } from '../../../../core/report-view/report-labels.ts';
import { createLabelIndex } from '../../../../core/definitions/create-label-index.ts';
import { describeCrosstabChart, describeCrosstabOptionsChart, describeSummaryChart, rankPositions, type BarChart, type StackedChart } from '../../../../core/report-view/describe-charts.ts';
import { CrosstabTable, CrosstabView, crosstabHides, shouldTranspose } from '../../../../client/pages/dashboard/crosstab-view.tsx';
import { QuestionView, notSummarisedText } from '../../../../client/pages/dashboard/question-view.tsx';
import { GapsTable } from '../../../../client/pages/dashboard/charts/gaps-chart.tsx';
import { hiddenBecause, SuppressedNote } from '../../../../client/pages/dashboard/chart-card.tsx';
import { CommentsPanel } from '../../../../client/pages/dashboard/comments-panel.tsx';
import { dashboardTexts } from '../../../../client/pages/dashboard/dashboard-texts.ts';

const cell = (value: string, count: number | null, share: number | null, mark: Crosstab['groups'][number]['cells'][number]['mark'] = '') => ({
  value,
  count,
  share,
  residual: null,
  mark,
  ...(count === null ? { suppressed: 'small' as const } : {}),
});

/** Three groups; 70代 is too small (n null) and keeps its cells: 0 shown, the rest hidden. */
const crosstab: Crosstab = {
  question: 'channel',
  label: '主な利用方法',
  by: 'age',
  byLabel: '年代',
  kind: 'single',
  values: [
    { value: 'counter', label: '窓口' },
    { value: 'online', label: 'オンライン' },
    { value: 'phone', label: '電話' },
  ],
  groups: [
    { value: 'young', label: '20代', n: 40, cells: [cell('counter', 10, 0.25), cell('online', 27, 0.675, '▲'), cell('phone', 3, 0.075)] },
    { value: 'mid', label: '50代', n: 50, cells: [cell('counter', 30, 0.6, '▲▲'), cell('online', 15, 0.3), cell('phone', 5, 0.1)] },
    { value: 'old', label: '70代', n: null, suppressed: 'small', cells: [cell('counter', null, null), cell('online', 0, null), cell('phone', null, null)] },
  ],
  total: { n: 93, cells: [cell('counter', 42, 42 / 93), cell('online', 42, 42 / 93), cell('phone', 9, 9 / 93)] },
  test: null,
};

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);
/** Text of static markup: tags out, React's few entities decoded. */
function textOf(markup: string): string {
  return markup
    .replace(/<br\/?>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** The cells' texts of each table row in `markup` (no DOM in these tests: React's static markup is regular enough). */
function rows(markup: string): string[][] {
  return [...markup.matchAll(/<tr\b[^>]*>(.*?)<\/tr>/gs)].map((row) => [...row[1].matchAll(/<t[hd]\b[^>]*>(.*?)<\/t[hd]>/gs)].map((item) => textOf(item[1])));
}

describe('the cross-tab table', () => {
  it('has a 全体 row first, hidden cells as ＊, and a hidden group’s empty cells as 0', () => {
    const table = rows(html(createElement(CrosstabTable, { crosstab, locale: 'ja' })));
    expect(table[0]).toEqual(['年代', '回答者数', '窓口', 'オンライン', '電話']);
    expect(table[1]).toEqual(['全体', '93', '45.2%', '45.2%', '9.7%']);
    expect(table[2]).toEqual(['20代', '40', '25.0%', '67.5% ▲', '7.5%']);
    expect(table[4]).toEqual(['70代', '＊', '＊', '0', '＊']);
    expect(crosstabHides(crosstab)).toBe(true);
  });

  it('in English the hidden mark is *, and 全体 reads All', () => {
    const table = rows(html(createElement(CrosstabTable, { crosstab, locale: 'en' })));
    expect(table[1][0]).toBe('All');
    expect(table[4]).toEqual(['70代', '*', '*', '0', '*']);
  });

  it('transposed: answers as rows, 全体 and the groups (with n) as columns', () => {
    const table = rows(html(createElement(CrosstabTable, { crosstab, locale: 'ja', transposed: true })));
    expect(table[0]).toEqual(['主な利用方法', '全体回答者数 = 93', '20代回答者数 = 40', '50代回答者数 = 50', '70代回答者数 = ＊']);
    expect(table[2]).toEqual(['オンライン', '45.2%', '67.5% ▲', '30.0%', '0']);
  });

  it('is transposed by default only when there are more answers than groups (and 全体)', () => {
    expect(shouldTranspose(crosstab)).toBe(false);
    const wide = { ...crosstab, values: Array.from({ length: 12 }, (_, k) => ({ value: `o${k}`, label: `o${k}` })) };
    expect(shouldTranspose(wide)).toBe(true);
  });

  it('names the groups its 「その他（少数）」 row adds up', () => {
    const withFewer: Crosstab = {
      ...crosstab,
      groups: [...crosstab.groups, { value: '(fewer)', label: 'その他（少数）', n: 12, members: ['old'], cells: [cell('counter', 6, 0.5), cell('online', 6, 0.5), cell('phone', 0, 0)] }],
    };
    const markup = html(createElement(CrosstabView, { report: { minGroupSize: 5, crosstabs: [withFewer], breakdowns: [{ by: 'age', label: '年代', source: 'cohort', groups: [] }] } as unknown as Report, surveyId: 's', query: '', locale: 'ja', texts: dashboardTexts('ja') }));
    expect(markup).toContain('data-testid="fewer-note"');
    expect(markup).toContain('（70代）');
    expect(rows(markup).at(-1)).toEqual(['その他（少数）', '12', '50.0%', '50.0%', '0.0%']);
  });

  it('a cross-tab with nothing hidden has no ＊ legend', () => {
    const shown = { ...crosstab, groups: crosstab.groups.slice(0, 2) };
    expect(crosstabHides(shown)).toBe(false);
  });
});

describe('the cross-tab charts', () => {
  it('put 全体 first among the stacked bars when asked to', () => {
    const chart = describeCrosstabChart(crosstab, 'ja', { total: true }) as StackedChart;
    expect(chart.groups[0]).toBe('全体 (n=93)');
    expect(chart.groups).toHaveLength(4);
    expect(chart.hidden).toEqual([false, false, false, true]);
    expect((describeCrosstabChart(crosstab, 'ja') as StackedChart).groups).toHaveLength(3);
  });

  it('close a bar with hidden cells with one ＊ segment, so it reaches 100% and says why', () => {
    const hiding: Crosstab = { ...crosstab, groups: [crosstab.groups[0], { ...crosstab.groups[1], cells: [cell('counter', 30, 0.6), cell('online', 17, 0.34), cell('phone', null, null)] }] };
    const chart = describeCrosstabChart(hiding, 'ja', { total: true, ordered: true }) as StackedChart;
    const hidden = chart.segments.at(-1)!;
    expect(hidden.label).toBe('＊ 非表示');
    expect(hidden.bars[2]![0]).toBeCloseTo(0.94, 12);
    expect(hidden.bars[2]![1]).toBeCloseTo(1, 12);
    // A complete bar has an empty ＊ segment and no tooltip for it.
    expect(hidden.bars[1]![1] - hidden.bars[1]![0]).toBeCloseTo(0, 12);
    expect(hidden.tooltips[1]).toBeNull();
    expect(chart.segments.map((segment) => segment.label).slice(0, 3)).toEqual(['窓口', 'オンライン', '電話']);
    // Nothing hidden: no ＊ segment.
    const complete = describeCrosstabChart({ ...crosstab, groups: crosstab.groups.slice(0, 2) }, 'ja', { total: true }) as StackedChart;
    expect(complete.segments).toHaveLength(3);
  });

  it('draw a checkbox cross-tab as dots per option, 全体 first, hidden shares left out', () => {
    const multiple: Crosstab = { ...crosstab, kind: 'multiple' };
    expect(describeCrosstabChart(multiple, 'ja')).toBeUndefined();
    const chart = describeCrosstabOptionsChart(multiple, 'ja')!;
    expect(chart.kind).toBe('dots');
    expect(chart.labels).toEqual(['窓口', 'オンライン', '電話']);
    expect(chart.series.map((series) => series.label)).toEqual(['全体 (n=93)', '20代 (n=40)', '50代 (n=50)', '70代（非表示）']);
    expect(chart.series[1].values).toEqual([0.25, 0.675, 0.075]);
    expect(chart.series[3].values).toEqual([null, null, null]);
    expect(chart.series[0].total).toBe(true);
    // English legends and axes have no Japanese brackets.
    expect(describeCrosstabOptionsChart(multiple, 'en')!.series[3].label).toBe('70代 (hidden)');
    expect((describeCrosstabChart(crosstab, 'en') as StackedChart).groups[2]).toBe('70代 (hidden)');
  });
});

const summary = (fields: Partial<QuestionSummary>): QuestionSummary => ({ question: 'q', label: '質問', type: 'radiogroup', answered: 100, noAnswer: 0, ordered: false, ...fields });

function questionMarkup(entry: QuestionSummary, locale: 'ja' | 'en' = 'ja'): string {
  const report = { minGroupSize: 5, summaries: [entry] } as Report;
  return html(createElement(QuestionView, { report, locale, texts: dashboardTexts(locale) }));
}

describe('the question view', () => {
  const single = summary({
    items: [
      { value: 'a', label: 'A', count: 60, share: 0.6 },
      { value: 'b', label: 'B', count: 37, share: 0.37 },
      { value: 'c', label: 'C', count: null, share: null, suppressed: 'small' },
      { value: 'd', label: 'D', count: null, share: null, suppressed: 'complementary' },
    ],
    fewer: { values: ['c', 'd'], count: 3, share: 0.03 },
  });

  it('adds the hidden answers up as one 「その他（少数）」 row and bar, so the bars reach 100%', () => {
    const markup = questionMarkup(single);
    expect(rows(markup).slice(1)).toEqual([
      ['A', '60', '60.0%'],
      ['B', '37', '37.0%'],
      ['C', '＊', '＊'],
      ['D', '＊', '＊'],
      ['その他（少数）', '3', '3.0%'],
    ]);
    expect(markup).toContain('data-testid="hidden-legend"');
    expect(markup).toContain('少人数の秘匿のルール');
    expect(markup).toContain('1〜4人の数はどこにも表示しません');
    expect(markup).toContain('（C、D）');
    const chart = describeSummaryChart(single, 'ja') as BarChart;
    expect(chart.labels).toEqual(['A', 'B', 'その他（少数）']);
    expect(chart.values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(chart.colors![2]).not.toBe(chart.colors![0]);
  });

  it('a question that hides nothing has no ＊ legend', () => {
    const markup = questionMarkup(summary({ items: [{ value: 'a', label: 'A', count: 100, share: 1 }] }));
    expect(markup).not.toContain('hidden-legend');
  });

  it('a matrix row’s hidden answers are a 「その他（少数）」 column and segment', () => {
    const matrix = summary({
      type: 'matrix',
      ordered: true,
      rows: [
        { row: 'r1', label: '行1', answered: 100, items: [{ value: 2, label: '良い', count: 97, share: 0.97 }, { value: 1, label: '悪い', count: null, share: null, suppressed: 'small' }], fewer: { values: [1], count: 3, share: 0.03 } },
        { row: 'r2', label: '行2', answered: 100, items: [{ value: 2, label: '良い', count: 50, share: 0.5 }, { value: 1, label: '悪い', count: 50, share: 0.5 }] },
      ],
    });
    const table = rows(questionMarkup(matrix));
    expect(table[0]).toContain('その他（少数）');
    expect(table[1].slice(0, 5)).toEqual(['行1', '100', '97.0%', '＊', '3.0%']);
    expect(table[2].slice(0, 5)).toEqual(['行2', '100', '50.0%', '50.0%', '—']);
    const chart = describeSummaryChart(matrix, 'ja') as StackedChart;
    expect(chart.segments.map((segment) => segment.label)).toEqual(['良い', '悪い', 'その他（少数）']);
    expect(chart.segments[2].bars[0]).toEqual([0.97, 1]);
  });

  it('draws no rank column beyond the ranks anybody gave', () => {
    const ranking = summary({
      type: 'ranking',
      ranks: [
        { value: 'x', label: 'X', ranked: 50, shares: [0.5, 0.2, 0.1, 0, 0, 0], meanRank: 1.5 },
        { value: 'y', label: 'Y', ranked: 40, shares: [0.3, 0.4, 0.2, 0, 0, 0], meanRank: 1.9 },
      ],
    });
    expect(rankPositions(ranking.ranks!)).toBe(3);
    expect(rows(questionMarkup(ranking))[0]).toEqual(['項目', '1位', '2位', '3位', '平均順位']);
    expect((describeSummaryChart(ranking, 'ja') as StackedChart).segments).toHaveLength(3);
    // The analysis's shares decide: a depth it gives is kept even where every share is 0 but the last.
    expect(rankPositions([{ shares: [0.5, 0, 0.1] }])).toBe(3);
  });

  it('says why a free-text question has no table in the dashboard’s words, not the analysis’s', () => {
    const texts = dashboardTexts('ja');
    const comment = summary({ type: 'comment', notSummarised: 'free text: counted here, read in the comments' });
    const markup = questionMarkup(comment);
    expect(markup).toContain(texts.notSummarisedFreeText);
    expect(markup).not.toContain('free text');
    expect(notSummarisedText('a new type', 'signaturepad', texts)).toBe(texts.notSummarisedOther);
    expect(questionMarkup(comment, 'en')).toContain(dashboardTexts('en').notSummarisedFreeText);
  });
});

describe('the generation-gap table', () => {
  const labels = createReportLabels(createLabelIndex([]), 'en');
  const gap: GapItem = {
    question: 'teleworkUse',
    label: 'Telework',
    test: 'chi2',
    statistic: 30,
    df: 2,
    p: 0.001,
    pAdjusted: 0.002,
    effect: { name: 'cramersV', value: 0.2 },
    groups: [
      { value: 'young', label: 'Young', n: 100, distribution: [{ value: 'yes', label: 'Yes', count: 66, share: 0.66 }, { value: 'maybe', label: 'Possibly', count: 34, share: 0.34 }] },
      { value: 'old', label: 'Veteran', n: 100, distribution: [{ value: 'yes', label: 'Yes', count: 30, share: 0.3 }, { value: 'maybe', label: 'Possibly', count: 70, share: 0.7 }] },
      { value: 'mid', label: 'Mid', n: null, distribution: null, suppressed: true },
    ],
  };
  const gaps: Gaps = { by: 'cohort', label: 'Cohort', groups: gap.groups.map(({ value, label, n }) => ({ value, label, n })), items: [gap], untested: [] };

  it('compares the same answer across groups: one row per answer', () => {
    const table = rows(html(createElement(GapsTable, { gaps, locale: 'en', texts: dashboardTexts('en'), labels })));
    expect(table[1]).toEqual(['teleworkUse', "Cramér's V 0.200", '0.002', 'Yes', '66.0%', '30.0%', '—']);
    expect(table[2]).toEqual(['Possibly', '34.0%', '70.0%', '—']);
  });
});

describe('the notes on what is hidden', () => {
  it('name each entry and its reason in the page’s language, and state the rule', () => {
    const texts = dashboardTexts('ja');
    const markup = html(
      createElement(SuppressedNote, {
        suppressed: [
          { where: 'timeline.channel=kiosk', reason: 'fewer than 5 responses' },
          { where: 'timeline.channel=online', reason: 'hidden so that a smaller group cannot be derived from the total' },
          { where: 'crosstabs.q.by=x', reason: 'fewer than 5 respondents in this group', rule: 'small', label: '利用方法 × 年代: 70代' },
        ],
        minGroupSize: 5,
        texts,
        locale: 'ja',
        nameHidden: (entry) => (entry.where.startsWith('timeline') ? `回答数の推移: ${entry.where.split('=')[1]}` : undefined),
      }),
    );
    expect(markup).toContain('回答数の推移: kiosk — 回答者が5人未満');
    expect(markup).toContain('回答数の推移: online — 少人数の区分が合計から逆算されないよう非表示');
    expect(markup).toContain('利用方法 × 年代: 70代 — 回答者が5人未満');
    expect(markup).not.toMatch(/fewer than|hidden so/);
    expect(markup).toContain('少人数の秘匿のルール');
    expect(hiddenBecause({ where: 'timeline.channel=', reason: 'the selection has fewer than 5 responses' })).toBe('selection');
    // The timeline adds small series up instead of dropping them: said so, not "hidden".
    expect(hiddenBecause({ where: 'timeline.channel=kiosk', reason: 'fewer than 5 responses: counted with others' })).toBe('smallMerged');
    expect(hiddenBecause({ where: 'timeline.channel=online', reason: 'counted with a smaller series so that it cannot be worked out from the total' })).toBe('merged');
  });
});

describe('the comments panel', () => {
  it('counts exactly the comments it lists', () => {
    const comments = { total: 294, comments: Array.from({ length: 20 }, (_, k) => ({ question: 'comment', text: `意見${k}`, codes: [], segments: {} })), nextCursor: null, suppressed: [] };
    const markup = html(createElement(CommentsPanel, { comments, locale: 'ja', texts: dashboardTexts('ja'), questionTitle: () => '', minGroupSize: 5, showQuestion: false, wide: true }));
    expect(textOf(/data-testid="comments-count"[^>]*>(.*?)<\/p>/s.exec(markup)![1])).toBe('新しい順に20件（全294件）');
    const list = /<ul[^>]*data-testid="comment-list"[^>]*>(.*?)<\/ul>/s.exec(markup)![1];
    expect(list.match(/<li\b/g)).toHaveLength(20);
  });
});
