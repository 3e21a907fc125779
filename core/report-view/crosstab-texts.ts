/**
 * The words around a クロス集計 table, one dictionary for everywhere it is shown: the 集計表
 * workbook (server/report/write-report-workbook.ts), the cross-tab CSV
 * (server/report/write-crosstab-csv.ts) and the dashboard's cross-tab view, so the test line,
 * the marks' legend and the note on hidden groups read the same in all three.
 */
import type { CrosstabTest } from '../../contracts/report.ts';
import { defineTexts } from '../i18n/define-texts.ts';
import type { Locale } from '../i18n/locale.ts';
import { formatNumber, formatP } from '../i18n/number-format.ts';

export const crosstabTexts = defineTexts({
  ja: {
    group: '区分',
    n: '回答者数',
    test: 'χ² = {statistic}、自由度 {df}、p = {p}（Holm補正後 {pAdjusted}）、Cramér の V = {v}',
    testRaoScott: 'Rao–Scott 補正 χ² = {statistic}、自由度 {df}、p = {p}（Holm補正後 {pAdjusted}）、Cramér の V = {v}、デザイン効果 {deff}',
    noTest: '検定なし（比較できる区分または選択肢が2つ未満）',
    hidden: '＊',
    hiddenNote: '＊ 回答者が{min}人未満の区分（およびそれを逆算から守るための区分）は表示していません。',
    marksNote: '▲▲／▽▽: 調整済み残差が ±2.58 以上（1%水準で多い／少ない）、▲／▽: ±1.96 以上（5%水準）。',
    chosenNote: '複数回答の割合は回答者数に対する割合のため、合計は100%になりません。',
  },
  en: {
    group: 'Group',
    n: 'n',
    test: 'χ² = {statistic}, df {df}, p = {p} (Holm {pAdjusted}), Cramér’s V = {v}',
    testRaoScott: 'Rao–Scott χ² = {statistic}, df {df}, p = {p} (Holm {pAdjusted}), Cramér’s V = {v}, design effect {deff}',
    noTest: 'no test (fewer than two groups or answers to compare)',
    hidden: '*',
    hiddenNote: '* Groups with fewer than {min} respondents (and the group hidden so they cannot be worked out) are not shown.',
    marksNote: '▲▲/▽▽: adjusted residual ≥ +2.58 / ≤ −2.58 (more / fewer than expected at the 1% level); ▲/▽: ±1.96 (5% level).',
    chosenNote: 'Shares of multiple-answer questions are of those who answered, so they do not add up to 100%.',
  },
});

/** `{name}` placeholders of a text filled in. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** A cross-tab's test in one line: "χ² = 12.34、自由度 2、p = 0.002（Holm補正後 0.010）、Cramér の V = 0.210". */
export function describeCrosstabTest(test: CrosstabTest | null | undefined, locale: Locale): string {
  const t = crosstabTexts(locale);
  if (!test) return t.noTest;
  // "p = < 0.001" reads as "p < 0.001".
  return fillText(test.method === 'rao-scott' ? t.testRaoScott : t.test, {
    statistic: formatNumber(test.statistic, locale, 2),
    df: test.df,
    p: formatP(test.p, locale),
    pAdjusted: formatP(test.pAdjusted, locale),
    v: formatNumber(test.cramersV, locale, 3),
    deff: formatNumber(test.designEffect ?? 1, locale, 2),
  }).replace('= <', '<');
}

/** "満足度 — 公園": a cross-tab's question and, for a matrix, its row. */
export function crosstabTitle(crosstab: { label: string; rowLabel?: string }): string {
  return crosstab.rowLabel ? `${crosstab.label} — ${crosstab.rowLabel}` : crosstab.label;
}
