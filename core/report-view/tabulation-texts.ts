/**
 * The words of the 集計表 (調査概要, 単純集計, クロス集計) in both languages: one dictionary for the
 * xlsx workbook (server/report/write-report-workbook.ts) and the Markdown and HTML reports
 * (describe-report.ts), so a mark, a hidden cell or a test line reads the same in all three.
 */
import type { CrosstabTest, MeansByGroup } from '../../contracts/report.ts';
import { defineTexts } from '../i18n/define-texts.ts';
import type { Locale } from '../i18n/locale.ts';
import { formatNumber, formatP } from '../i18n/number-format.ts';

export const tabulationTexts = defineTexts({
  ja: {
    overview: '調査概要',
    gt: '単純集計',
    crosstabPrefix: 'クロス集計',
    survey: '調査',
    versions: '調査票の版',
    responses: '集計対象の回答数',
    period: '回答期間',
    byChannel: '回答方法別の件数',
    kiosks: 'タブレットの回答',
    kioskEnrolled: '登録済み端末',
    kioskUnenrolled: '未登録の端末（区・端末名なし）',
    byWard: '区別の件数',
    responseRate: '回収率',
    channelNames: { kiosk: '区役所のタブレット', online: 'インターネット' } as Record<string, string>,
    completion: '回答にかかった時間',
    completionValue: '中央値 {median}分（半数が {q1}〜{q3}分、{n}件）',
    method: '調査方法',
    // The fact a reader of the printed report needs (which channels answers came through), not advice to the definition's author.
    methodFromChannels: (names: string[]) => `${names.join('と')}で回答を受け付けました。`,
    population: '母数',
    weighting: '重み付け',
    weightingNone: 'なし（単純集計）',
    weightingRaked: 'レイキング（変数: {variables}、有効回答数 {effectiveN}）',
    minGroupSize: '表示する最小の回答者数',
    question: '設問',
    answered: '回答者数',
    noAnswer: '無回答',
    count: '件数',
    share: '割合',
    mean: '平均',
    topTwo: '上位2つの割合',
    sd: '標準偏差',
    min: '最小',
    q1: '第1四分位',
    median: '中央値',
    q3: '第3四分位',
    max: '最大',
    meanRank: '平均順位',
    rank: '{rank}位',
    group: '区分',
    n: '回答者数',
    test: 'χ² = {statistic}、自由度 {df}、p {p}（Holm補正後 {pAdjusted}）、Cramér の V = {v}',
    testRaoScott: 'Rao–Scott 補正 χ² = {statistic}、自由度 {df}、p {p}（Holm補正後 {pAdjusted}）、Cramér の V = {v}、デザイン効果 {deff}',
    noTest: '検定なし（比較できる区分または選択肢が2つ未満）',
    meansPrefix: '平均値の比較',
    testWelch: 'Welch の一元配置分散分析 F = {statistic}、自由度 ({df1}, {df2})、p {p}（Holm補正後 {pAdjusted}）',
    testKruskal: 'Kruskal–Wallis 検定 H = {statistic}、自由度 {df1}、p {p}（Holm補正後 {pAdjusted}）',
    noMeansTest: '検定なし（{min}人以上の区分が2つ未満、区分内の回答がすべて同じ、または重み付き集計）',
    meansScaleNote: '順序のある尺度のため、平均は参考値とし、検定は順位にもとづく Kruskal–Wallis 検定です。',
    meansScalesNote: '尺度（評価・満足度など）の平均は、選択肢の点数を等間隔とみなした参考値です。尺度の検定は順位にもとづきます。',
    hidden: '＊',
    hiddenNote: '＊ 回答者が{min}人未満の区分（およびそれを逆算から守るための区分）は表示していません。',
    total: '全体',
    fewer: 'その他（少数）',
    fewerNote: 'その他（少数）：回答者が{min}人未満の選択肢を、逆算できないよう他の選択肢と合わせた人数です（{members}）。',
    suppressionHeading: '少人数の秘匿のルール',
    // The one statement of the rule every surface shows or links to; docs/analysis.md ("Suppression") says the same.
    suppressionRule:
      '回答者を特定できないよう、1〜{min_1}人の数はどこにも表示しません（＊）。表示した合計から引き算で求められないよう、必要最小限のほかの数も＊にします（できるだけ小さい数を選びます）。単純集計では、＊にした選択肢をまとめて「その他（少数）」として示し、棒は100%まで届きます。0人は誰も特定しないため表示します。検定は{min}人未満の区分を除いて行います。',
    marksNote: '▲▲／▽▽: 調整済み残差が ±2.58 以上（1%水準で多い／少ない）、▲／▽: ±1.96 以上（5%水準）。',
    notSummarised: '集計対象外: {reason}',
    chosenNote: '複数回答の割合は回答者数に対する割合のため、合計は100%になりません。',
    hiddenLegend: '＊ 少人数のため表示していない数。',
    fewerGroupNote: 'その他（少数）：回答者が{min}人未満の区分を合わせた行です（{members}）。それぞれの区分の数は＊にしています。',
    freeText: '自由記述のため、ここでは回答者数のみ示します。記入内容の抜粋は「自由記述」の章にあります。',
    textColumnNote: '記述式の列のため、回答者数のみ示します。',
    noSummaryYet: '{type} 形式の設問は、まだ集計に対応していません。',
    attachment: '署名・添付ファイルはレポートに含めません（ファイルは個人情報を含むエクスポートで取り出せます）。',
  },
  en: {
    overview: 'Overview',
    gt: 'Summary',
    crosstabPrefix: 'By',
    survey: 'Survey',
    versions: 'Questionnaire versions',
    responses: 'Responses analysed',
    period: 'Fieldwork period',
    byChannel: 'Responses by channel',
    kiosks: 'Kiosk responses',
    kioskEnrolled: 'enrolled tablets',
    kioskUnenrolled: 'tablets not enrolled (no ward or tablet name)',
    byWard: 'Responses by ward',
    responseRate: 'Response rate',
    channelNames: { kiosk: 'ward-office tablets', online: 'the web' } as Record<string, string>,
    completion: 'Time to answer',
    completionValue: 'median {median} min (half took {q1}–{q3} min; {n} responses)',
    method: 'Method',
    methodFromChannels: (names: string[]) => `Answers were taken on ${names.join(' and on ')}.`,
    population: 'Population',
    weighting: 'Weighting',
    weightingNone: 'none (unweighted)',
    weightingRaked: 'raking (variables: {variables}, effective n {effectiveN})',
    minGroupSize: 'Smallest group shown',
    question: 'Question',
    answered: 'Answered',
    noAnswer: 'No answer',
    count: 'Count',
    share: 'Share',
    mean: 'Mean',
    topTwo: 'Top two',
    sd: 'SD',
    min: 'Min',
    q1: 'Q1',
    median: 'Median',
    q3: 'Q3',
    max: 'Max',
    meanRank: 'Mean rank',
    rank: 'Rank {rank}',
    group: 'Group',
    n: 'n',
    test: 'χ² = {statistic}, df {df}, p {p} (Holm {pAdjusted}), Cramér’s V = {v}',
    testRaoScott: 'Rao–Scott χ² = {statistic}, df {df}, p {p} (Holm {pAdjusted}), Cramér’s V = {v}, design effect {deff}',
    noTest: 'no test (fewer than two groups or answers to compare)',
    meansPrefix: 'Means by',
    testWelch: 'Welch’s one-way ANOVA F = {statistic}, df ({df1}, {df2}), p {p} (Holm {pAdjusted})',
    testKruskal: 'Kruskal–Wallis H = {statistic}, df {df1}, p {p} (Holm {pAdjusted})',
    noMeansTest: 'no test (fewer than two groups of {min} or more, answers all alike within a group, or a weighted report)',
    meansScaleNote: 'An ordered scale: the mean is a guide, and the test (Kruskal–Wallis) compares ranks.',
    meansScalesNote: 'The mean of a scale (ratings, satisfaction) treats its points as equally spaced and is a guide; a scale’s test compares ranks.',
    hidden: '*',
    hiddenNote: '* Groups with fewer than {min} respondents (and the group hidden so they cannot be worked out) are not shown.',
    total: 'All',
    fewer: 'Other (few)',
    fewerNote: 'Other (few): answers given by fewer than {min} respondents, added to other answers so none can be worked out ({members}).',
    suppressionHeading: 'How small numbers are hidden',
    suppressionRule:
      'So that no respondent can be singled out, no number of 1 to {min_1} people is shown anywhere (*). As few other numbers as needed, the smallest possible, are hidden too, so that none can be worked out by subtracting from a shown total. In single-answer summaries the hidden answers are shown together as "Other (few)", so the bars still reach 100%. Zero is shown: it singles nobody out. Tests leave out groups of fewer than {min}.',
    marksNote: '▲▲/▽▽: adjusted residual ≥ +2.58 / ≤ −2.58 (more / fewer than expected at the 1% level); ▲/▽: ±1.96 (5% level).',
    notSummarised: 'not summarised: {reason}',
    chosenNote: 'Shares of multiple-answer questions are of those who answered, so they do not add up to 100%.',
    hiddenLegend: '* Not shown: too few respondents.',
    fewerGroupNote: 'Other (few): the groups of fewer than {min} respondents together ({members}); each group’s own numbers are hidden (*).',
    freeText: 'Free text: only the number who answered is shown here; a sample of the answers is in the comments section.',
    textColumnNote: 'A column of written answers: only the number who answered is shown.',
    noSummaryYet: '{type} answers have no summary yet.',
    attachment: 'Signatures and attached files are never in a report (they come out as files with an export that includes personal data).',
  },
});

/** Fills `{name}` placeholders of a tabulation text. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** The test line under a cross-tab: statistic, df, p, Holm-adjusted p and Cramér's V. */
export function describeCrosstabTest(test: CrosstabTest | null | undefined, locale: Locale): string {
  const t = tabulationTexts(locale);
  if (!test) return t.noTest;
  return fillText(test.method === 'rao-scott' ? t.testRaoScott : t.test, {
    statistic: formatNumber(test.statistic, locale, 2),
    df: test.df,
    p: relation(formatP(test.p, locale)),
    pAdjusted: formatP(test.pAdjusted, locale),
    v: formatNumber(test.cramersV, locale, 3),
    deff: formatNumber(test.designEffect ?? 1, locale, 2),
  });
}

/** The test line under a comparison of means: Welch's F or Kruskal–Wallis H, df, p and Holm-adjusted p. */
export function describeMeansTest(test: MeansByGroup['test'], minGroupSize: number, locale: Locale): string {
  const t = tabulationTexts(locale);
  if (!test) return fillText(t.noMeansTest, { min: minGroupSize });
  return fillText(test.method === 'welch' ? t.testWelch : t.testKruskal, {
    statistic: formatNumber(test.statistic, locale, 2),
    df1: formatNumber(test.df1, locale, 0),
    df2: test.df2 === null ? '' : formatNumber(test.df2, locale, 1),
    p: relation(formatP(test.p, locale)),
    pAdjusted: formatP(test.pAdjusted, locale),
  });
}

/** "= 0.012" or "< 0.001": formatP writes the comparison itself for the smallest p-values. */
function relation(p: string): string {
  return p.startsWith('<') ? p : `= ${p}`;
}
