/**
 * A report turned into what a reader sees, language resolved and numbers formatted: headings,
 * notes, tables of strings, and the data of each chart. renderMarkdown and renderHtml both
 * format this one description, so the two reports always say the same thing.
 *
 * Strings here are plain text; each renderer escapes them for its own format.
 */
import type { AnswerValue, GapItem, IpaSet, NeedsQuestion, Report } from '../../contracts/report.ts';
import { both, createLabelIndex } from '../definitions/create-label-index.ts';
import type { DefinitionVersion } from '../definitions/survey-definition.ts';
import { defineTexts } from '../i18n/define-texts.ts';
import { toLocale, type Locale } from '../i18n/locale.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../i18n/number-format.ts';
import { chartTexts } from './chart-texts.ts';
import {
  describeGapChart,
  describeGapStatistics,
  describeIpaChart,
  describeNeedsChart,
  divergingExtent,
  isCompleteRanking,
  type ChartDescription,
} from './describe-charts.ts';
import { createReportLabels, type ReportLabels } from './report-labels.ts';
import { crosstabsByBreakdown, describeCrosstab, describeSummary, overviewFacts, profileSummaries, wardTable } from './describe-tabulation.ts';
import { tabulationTexts } from './tabulation-texts.ts';
import type { Section, Table } from './view-types.ts';

export type { Section, Table } from './view-types.ts';

export type { GapChart, IpaChart, NeedsChart, ChartDescription } from './describe-charts.ts';

export interface RenderOptions {
  /** Language of the headings and first labels: "ja" (default) or "en"; the other is shown beside it. */
  locale?: string;
}

export interface ReportView {
  language: string;
  title: string;
  subtitle: string;
  /** 調査概要: what the report has, and n by ward where the report has wards. */
  overview: { heading: string; facts: Array<[string, string]>; wards?: Table };
  /** 回答者属性: the summaries of the breakdown questions. */
  profile: { heading: string; intro: string; sections: Section[] };
  /** 単純集計: every question. */
  summaries: { heading: string; intro: string; sections: Section[] };
  /** クロス集計: one group per breakdown, one section per cross-tab. */
  crosstabs: { heading: string; intro: string; groups: Array<{ heading: string; sections: Section[] }> };
  needs: { heading: string; intro: string; sections: Section[] };
  ipa: { heading: string; intro: string; sections: Section[] };
  gaps: { heading: string; intro: string; groups?: Table; sections: Section[]; untested?: Table };
  comments: { heading: string; intro: string; sections: Array<{ heading: string; notes: string[]; texts: string[] }> };
  suppressed: { heading: string; intro: string; table?: Table };
  footer: string;
}

const reportTexts = defineTexts({
  ja: {
  ...chartTexts('ja'),
  reportTitle: '分析レポート',
  survey: '調査',
  versions: '定義の版',
  responses: '回答数',
  minGroupSize: '最小集計単位',
  weighting: '重み付け',
  unweighted: 'なし（単純集計）',
  raking: (variables: string, iterations: number, effectiveN: string, dropped: number) =>
    `レイキング（${variables}、${iterations} 回で収束、有効標本数 ${effectiveN}${dropped > 0 ? `、重み付け変数が無回答の ${dropped} 件を除外` : ''}）`,
  seed: '乱数シード',
  overviewHeading: '1. 調査概要',
  profileHeading: '2. 回答者属性',
  profileIntro: '集計の区分（クロス集計の表側）になる設問の回答。',
  summariesHeading: '3. 単純集計',
  summariesIntro: '割合＝その回答を選んだ回答者 ÷ 設問に回答した人数（重み付け時は加重）。件数は重み付けしない人数。',
  crosstabsHeading: '4. クロス集計',
  crosstabsIntro: '表側の区分ごとに、回答の割合（行％）。',
  crosstabsBy: (label: string) => `表側: ${label}`,
  noCrosstabs: 'クロス集計する区分がありません。--crosstab-by で設問を指定できます。',
  needsHeading: '5. 改善ニーズの順位',
  needsIntro:
    '割合＝その項目を選んだ回答者 ÷ 設問に回答した人数。誤差線は 95% 信頼区間（Wilson 法）。重み付け時は有効標本数で計算。',
  answered: (n: string) => `回答者 n = ${n}`,
  effectiveN: (n: string) => `有効標本数 ${n}`,
  hiddenQuestion: (min: number) => `回答者が ${min} 人未満のため秘匿しています。`,
  noAnswers: 'この設問への回答はありません。',
  rank: '順位',
  item: '項目',
  count: '選択数',
  rankingNote: '平均順位はその項目を順位付けした人の平均。ボルダ得点は (選択肢数 − 順位 + 1) の回答者平均（順位なし＝0）。上位3位確率はブートストラップ 1,000 回（シード固定）。',
  bordaChart: '全員が全項目を順位付けしているため、棒はボルダ得点です。',
  ipaHeading: '6. 重要度 × 満足度（IPA）',
  ipaIntro: '重要度・満足度は回答者の平均（重み付け時は加重平均）。破線は項目平均の平均で、四象限に分けます。',
  quadrant: '象限',
  hiddenItem: (min: number) => `秘匿（n < ${min}）`,
  noIpa: 'この調査には重要度と満足度の組がありません。',
  gapsHeading: '7. 世代間の差（属性による違い）',
  gapsIntro:
    '順序尺度は Kruskal–Wallis 検定（効果量 ε²）、選択式は χ² 検定（効果量 Cramér の V）。調整済み p はレポート内の全検定に Holm 法を適用。効果量の大きい順。重み付けはしていません。',
  noBy: '比較する属性（コホート設問）がありません。--by で設問を指定できます。',
  comparedBy: (label: string) => `比較軸: ${label}`,
  group: 'グループ',
  test: '検定',
  statistic: '統計量',
  df: '自由度',
  pAdjusted: '調整済み p（Holm）',
  effect: '効果量',
  groupsN: 'グループ別 n',
  kruskal: 'Kruskal–Wallis',
  chi2: 'χ²',
  untested: '検定できなかった項目',
  reason: '理由',
  means: '平均',
  commentsHeading: '8. 自由記述（抜粋）',
  commentsIntro: '無作為抽出（シード固定）した一部です。原文のまま表示しています。',
  written: (n: string) => `記入者 n = ${n}`,
  hiddenComments: (min: number) => `記入者が ${min} 人未満のため秘匿しています。`,
  noComments: '記入はありません。',
  suppressedHeading: '9. 秘匿した集計',
  suppressedIntro: (min: number) =>
    `${min} 人未満のグループは数値を表示せず、検定からも除いています。1 つだけ秘匿した内訳では、差し引きで分からないよう次に小さいグループも秘匿しています（そのグループは検定には含めています）。`,
  nothingSuppressed: '秘匿した集計はありません。',
  where: '箇所',
  small: (min: number) => `回答者が ${min} 人未満`,
  complementary: (protects: string) => `${protects} を差し引きで求められないよう秘匿（検定には含む）`,
  fewerThanTwoGroups: (min: number) => `回答者 ${min} 人以上のグループが 2 つ未満`,
  footer: 'survey-toolkit report で作成。数値の定義は docs/analysis.md を参照。',
  percent: '%',
  },
  en: {
  ...chartTexts('en'),
  reportTitle: 'analysis report',
  survey: 'Survey',
  versions: 'Definition versions',
  responses: 'Responses',
  minGroupSize: 'Minimum group size',
  weighting: 'Weighting',
  unweighted: 'none (unweighted)',
  raking: (variables, iterations, effectiveN, dropped) =>
    `raking to ${variables}, converged in ${iterations} iterations, effective n ${effectiveN}${dropped > 0 ? `; ${dropped} responses without a margin variable left out` : ''}`,
  seed: 'Random seed',
  overviewHeading: '1. Overview',
  profileHeading: '2. Respondents',
  profileIntro: 'Answers to the questions the cross-tabs break down by.',
  summariesHeading: '3. Summary of every question',
  summariesIntro: 'Share = respondents who gave the answer ÷ respondents who answered (weighted when weighting). Counts are unweighted.',
  crosstabsHeading: '4. Cross-tabulations',
  crosstabsIntro: 'Shares of each answer within each group (row percentages).',
  crosstabsBy: (label) => `By: ${label}`,
  noCrosstabs: 'No breakdowns to cross-tabulate; name one with --crosstab-by.',
  needsHeading: '5. Needs ranking',
  needsIntro:
    'Share = respondents who chose the item ÷ respondents who answered the question. Whiskers: 95% Wilson intervals (on the effective sample size when weighted).',
  answered: (n) => `answered n = ${n}`,
  effectiveN: (n) => `effective n ${n}`,
  hiddenQuestion: (min) => `Hidden: fewer than ${min} respondents answered.`,
  noAnswers: 'Nobody answered this question.',
  rank: 'Rank',
  item: 'Item',
  count: 'Chosen by',
  rankingNote:
    'Mean rank among those who ranked the item; Borda = mean of (choices − rank + 1), unranked 0; P(top 3) from 1,000 seeded bootstrap resamples.',
  bordaChart: 'Everyone ranked every item, so the bars show Borda scores.',
  ipaHeading: '6. Importance × satisfaction (IPA)',
  ipaIntro: 'Importance and satisfaction are respondent means (weighted when weighting). Dashed lines: mean of the item means.',
  quadrant: 'Quadrant',
  hiddenItem: (min) => `hidden (n < ${min})`,
  noIpa: 'This survey has no importance–satisfaction pairs.',
  gapsHeading: '7. Differences between generations and groups',
  gapsIntro:
    'Scales: Kruskal–Wallis (effect ε²); choices: χ² (effect Cramér’s V). Adjusted p: Holm over every test in the report. Largest effect first. Unweighted.',
  noBy: 'No group question (cohort) to compare; name one with --by.',
  comparedBy: (label) => `Compared by: ${label}`,
  group: 'Group',
  test: 'Test',
  statistic: 'Statistic',
  df: 'df',
  pAdjusted: 'Adjusted p (Holm)',
  effect: 'Effect size',
  groupsN: 'n by group',
  kruskal: 'Kruskal–Wallis',
  chi2: 'χ²',
  untested: 'Items not tested',
  reason: 'Reason',
  means: 'Mean',
  commentsHeading: '8. Free-text comments (sample)',
  commentsIntro: 'A seeded random sample, shown as written.',
  written: (n) => `written by n = ${n}`,
  hiddenComments: (min) => `Hidden: fewer than ${min} respondents wrote one.`,
  noComments: 'No comments.',
  suppressedHeading: '9. Hidden figures',
  suppressedIntro: (min) =>
    `Groups of fewer than ${min} are not shown and not tested. When only one group of a breakdown is hidden, the next-smallest is hidden too so it cannot be derived (that one is still tested).`,
  nothingSuppressed: 'Nothing was hidden.',
  where: 'Where',
  small: (min) => `fewer than ${min} respondents`,
  complementary: (protects) => `hidden so that ${protects} cannot be derived from the total (still tested)`,
  fewerThanTwoGroups: (min) => `fewer than two groups with at least ${min} respondents`,
  footer: 'Made with survey-toolkit report. Definitions of every figure: docs/analysis.md.',
  percent: '%',
  },
});

type Words = ReturnType<typeof reportTexts>;

/** Gap charts drawn; the table lists every item. */
const MAX_GAP_CHARTS = 16;

/** Numbers as the report's language writes them (core/i18n: one format per locale). */
interface Numbers {
  count(n: number): string;
  decimal(x: number, digits: number): string;
  percent(share: number): string;
  p(p: number): string;
}

function numbersIn(locale: Locale): Numbers {
  return {
    count: (n) => formatCount(n, locale),
    decimal: (x, digits) => formatNumber(x, locale, digits),
    percent: (share) => formatPercent(share, locale),
    p: (p) => formatP(p, locale),
  };
}

export function describeReport(report: Report, definitions: ReadonlyArray<DefinitionVersion>, options: RenderOptions = {}): ReportView {
  const language = toLocale(options.locale);
  const other: Locale = language === 'ja' ? 'en' : 'ja';
  const words = reportTexts(language);
  const { count, decimal } = numbersIn(language);
  const labels = createLabelIndex(definitions);
  // Charts are in the report's language only (they have no room for two); tables show both.
  const chartLabels = createReportLabels(labels, language);
  const titleOf = (name: string) => both(labels.question(name, language), labels.exactQuestion(name, other));
  const valueOf = (question: string, value: AnswerValue) => both(labels.value(question, value, language), labels.exactValue(question, value, other));
  const rowOf = (question: string, row: string) => both(labels.row(question, row, language), labels.exactRow(question, row, other));
  const surveyTitle = report.survey.title[language] ?? Object.values(report.survey.title)[0] ?? report.survey.id;
  const otherTitle = report.survey.title[other];

  const facts: Array<[string, string]> = [
    [words.survey, `${report.survey.id}`],
    [words.versions, report.survey.versions.length > 0 ? report.survey.versions.map((v) => `v${v}`).join(', ') : '—'],
    [words.responses, count(report.responses)],
    [words.minGroupSize, count(report.minGroupSize)],
    [
      words.weighting,
      report.weighting
        ? words.raking(
            report.weighting.variables.map((name) => `${name}（${shorten(labels.question(name, language), 20)}）`).join(', '),
            report.weighting.iterations,
            decimal(report.weighting.effectiveN, 1),
            report.weighting.dropped,
          )
        : words.unweighted,
    ],
    [words.seed, String(report.seed)],
  ];

  facts.push(...overviewFacts(report, language));
  const marks = tabulationTexts(language).marksNote;
  return {
    language,
    title: `${surveyTitle} ${words.reportTitle}`,
    subtitle: otherTitle && otherTitle !== surveyTitle ? `${otherTitle} — ${reportTexts(other).reportTitle}` : '',
    overview: { heading: words.overviewHeading, facts, wards: wardTable(report, language) },
    profile: {
      heading: words.profileHeading,
      intro: words.profileIntro,
      sections: profileSummaries(report).map((summary) => describeSummary(summary, report, language)),
    },
    summaries: {
      heading: words.summariesHeading,
      intro: words.summariesIntro,
      sections: (report.summaries ?? []).map((summary) => describeSummary(summary, report, language)),
    },
    crosstabs: {
      heading: words.crosstabsHeading,
      intro: (report.crosstabs ?? []).length > 0 ? `${words.crosstabsIntro} ${marks}` : words.noCrosstabs,
      groups: crosstabsByBreakdown(report).map(({ breakdown, crosstabs }) => ({
        heading: words.crosstabsBy(breakdown.label),
        sections: crosstabs.map((crosstab) => describeCrosstab(crosstab, report, language)),
      })),
    },
    needs: {
      heading: words.needsHeading,
      intro: words.needsIntro,
      sections: report.needs.map((question) => describeNeeds(question, report, words, language, titleOf, valueOf, chartLabels)),
    },
    ipa: {
      heading: words.ipaHeading,
      intro: report.ipa.length > 0 ? words.ipaIntro : words.noIpa,
      sections: report.ipa.map((set) => describeIpa(set, report, words, language, (item) => labels.exactAnyRow(item, other), chartLabels)),
    },
    gaps: describeGaps(report, words, language, titleOf, (name) => labels.question(name, language), valueOf, rowOf, chartLabels),
    comments: {
      heading: words.commentsHeading,
      intro: words.commentsIntro,
      sections: report.comments.map((comment) => ({
        heading: titleOf(comment.question),
        notes: [
          comment.suppressed
            ? words.hiddenComments(report.minGroupSize)
            : comment.answered === 0
              ? words.noComments
              : words.written(count(comment.answered ?? 0)),
        ],
        texts: comment.sample,
      })),
    },
    suppressed: {
      heading: words.suppressedHeading,
      intro: report.suppressed.length > 0 ? words.suppressedIntro(report.minGroupSize) : words.nothingSuppressed,
      table:
        report.suppressed.length > 0
          ? {
              columns: [words.where, words.reason],
              numeric: [false, false],
              rows: report.suppressed.map((s) => [
                s.where,
                s.rule === 'complementary' && s.protects ? words.complementary(s.protects) : words.small(report.minGroupSize),
              ]),
            }
          : undefined,
    },
    footer: words.footer,
  };
}

function describeNeeds(
  question: NeedsQuestion,
  report: Report,
  words: Words,
  locale: Locale,
  titleOf: (name: string) => string,
  valueOf: (question: string, value: AnswerValue) => string,
  chartLabels: ReportLabels,
): Section {
  const { count, decimal, percent } = numbersIn(locale);
  const heading = titleOf(question.question);
  if (question.suppressed) return { heading, notes: [words.hiddenQuestion(report.minGroupSize)] };
  if (question.answered === 0 || question.items.length === 0) return { heading, notes: [words.noAnswers] };
  const answered = words.answered(count(question.answered ?? 0));
  const effective = question.effectiveN != null ? `, ${words.effectiveN(decimal(question.effectiveN, 1))}` : '';
  const ranking = question.kind === 'ranking';
  const columns = [words.rank, words.item, words.count, words.share, words.ci];
  if (ranking) columns.push(words.meanRank, words.borda, words.top3);
  const rows = question.items.map((item) => {
    const row = [String(item.rank), valueOf(question.question, item.value), count(item.count), percent(item.share), `${percent(item.ci95[0])} – ${percent(item.ci95[1])}`];
    if (ranking) row.push(item.meanRank == null ? '—' : decimal(item.meanRank, 2), decimal(item.borda ?? 0, 2), percent(item.top3Probability ?? 0));
    return row;
  });
  const notes = [`${answered}${effective}`];
  if (ranking) notes.push(words.rankingNote);
  if (isCompleteRanking(question)) notes.push(words.bordaChart);
  return {
    heading,
    notes,
    table: { columns, numeric: columns.map((_, i) => i !== 1), rows },
    // The article's heading names the chart; the canvas repeats only n.
    chart: { ...describeNeedsChart(question, chartLabels), note: `${answered}${effective}` },
  };
}

function describeIpa(
  set: IpaSet,
  report: Report,
  words: Words,
  locale: Locale,
  translateItem: (item: string) => string | undefined,
  chartLabels: ReportLabels,
): Section {
  const { count, decimal } = numbersIn(locale);
  // The report carries an item's label in the primary language; the other comes from the matrix rows.
  const itemLabel = (item: IpaSet['items'][number]) => both(item.label, translateItem(item.item));
  const shown = set.items.filter((item) => item.importance !== null && item.satisfaction !== null);
  const hidden = set.items.filter((item) => item.suppressed);
  const ns = shown.map((item) => item.n ?? 0);
  const nNote = ns.length > 0 ? `n = ${count(Math.min(...ns))}${Math.min(...ns) !== Math.max(...ns) ? `–${count(Math.max(...ns))}` : ''}` : '';
  const notes = [nNote];
  if (hidden.length > 0) notes.push(`${words.hiddenItem(report.minGroupSize)}: ${hidden.map(itemLabel).join(', ')}`);
  const columns = [words.item, 'n', words.importance, words.satisfaction, words.gap, words.quadrant];
  const rows = set.items.map((item) =>
    item.importance === null || item.satisfaction === null
      ? [itemLabel(item), '—', '—', '—', '—', item.suppressed ? words.hiddenItem(report.minGroupSize) : '—']
      : [itemLabel(item), count(item.n ?? 0), decimal(item.importance, 2), decimal(item.satisfaction, 2), decimal(item.gap ?? 0, 2), words.quadrants[item.quadrant!]],
  );
  const chart = describeIpaChart(set, chartLabels);
  const hiddenNote = hidden.length > 0 ? [`${words.hiddenItem(report.minGroupSize)}: ${hidden.map((item) => chartLabels.ipaItem(set.set, item.item, item.label)).join(', ')}`] : [];
  return {
    heading: `${words.importance} × ${words.satisfaction}: ${set.set}`,
    notes,
    table: { columns, numeric: [false, true, true, true, true, false], rows },
    chart: chart && { ...chart, note: [nNote, ...hiddenNote].join(' · ') },
  };
}

function describeGaps(
  report: Report,
  words: Words,
  locale: Locale,
  titleOf: (name: string) => string,
  primaryTitleOf: (name: string) => string,
  valueOf: (question: string, value: AnswerValue) => string,
  rowOf: (question: string, row: string) => string,
  chartLabels: ReportLabels,
): ReportView['gaps'] {
  const { count, decimal, p: pValue } = numbersIn(locale);
  const { gaps } = report;
  if (gaps.by === null) return { heading: words.gapsHeading, intro: words.noBy, sections: [] };
  const by = gaps.by;
  const groupName = (value: AnswerValue) => valueOf(by, value);
  const groups: Table = {
    columns: [words.group, 'n'],
    numeric: [false, true],
    rows: gaps.groups.map((group) => [groupName(group.value), group.n === null ? words.hiddenGroup : count(group.n)]),
  };
  // A matrix row or checkbox option reads best by its own label, with its (long) question as context.
  const itemTitle = (item: GapItem) => {
    if (item.item !== undefined) return `${rowOf(item.question, item.item)} — ${shorten(primaryTitleOf(item.question))}`;
    if (item.option !== undefined) return `${valueOf(item.question, item.option)} — ${shorten(primaryTitleOf(item.question))}`;
    return titleOf(item.question);
  };
  const effectName = (item: GapItem) => (item.effect.name === 'epsilonSquared' ? 'ε²' : 'V');
  const sections: Section[] = [];
  const table: Table = {
    columns: [words.item, words.test, words.statistic, words.df, 'p', words.pAdjusted, words.effect, words.groupsN],
    numeric: [false, false, true, true, true, true, true, false],
    rows: gaps.items.map((item) => [
      itemTitle(item),
      item.test === 'kruskal' ? words.kruskal : words.chi2,
      decimal(item.statistic, 2),
      String(item.df),
      pValue(item.p),
      pValue(item.pAdjusted),
      `${effectName(item)} = ${decimal(item.effect.value, 3)}`,
      item.groups
        .map((group) => `${groupName(group.value)}: ${group.n === null ? words.hiddenGroup : `${count(group.n)}${group.mean != null ? ` (${words.means} ${decimal(group.mean, 2)})` : ''}`}`)
        .join('; '),
    ]),
  };
  sections.push({ heading: words.comparedBy(titleOf(by)), notes: [], table });
  const extent = divergingExtent(gaps);
  for (const item of gaps.items.slice(0, MAX_GAP_CHARTS)) {
    sections.push({
      heading: itemTitle(item),
      notes: [],
      chart: { ...describeGapChart(item, by, chartLabels, extent), note: describeGapStatistics(item, locale, words.pAdjusted) },
    });
  }
  return {
    heading: words.gapsHeading,
    intro: `${words.gapsIntro} ${words.comparedBy(titleOf(by))}`,
    groups,
    sections,
    untested:
      gaps.untested.length > 0
        ? {
            columns: [words.untested, words.reason],
            numeric: [false, false],
            rows: gaps.untested.map((entry) => [
              entry.item !== undefined
                ? `${titleOf(entry.question)}: ${rowOf(entry.question, entry.item)}`
                : entry.option !== undefined
                  ? `${titleOf(entry.question)}: ${valueOf(entry.question, entry.option)}`
                  : titleOf(entry.question),
              words.fewerThanTwoGroups(report.minGroupSize),
            ]),
          }
        : undefined,
  };
}

/** A long question title cut to a readable context. */
function shorten(text: string, length = 32): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
