/**
 * A report turned into what a reader sees, language resolved and numbers formatted: headings,
 * notes, tables of strings, and the data of each chart. renderMarkdown and renderHtml both
 * format this one description, so the two reports always say the same thing.
 *
 * Strings here are plain text; each renderer escapes them for its own format.
 */
import type { AnswerValue, Breakdown, Crosstab, GapItem, Gaps, IpaSet, NeedsQuestion, Report, Suppression } from '../../contracts/report.ts';
import { createLabelIndex, type LabelIndex } from '../definitions/create-label-index.ts';
import { exactText, localizeText } from '../definitions/localize-text.ts';
import { listQuestions } from '../definitions/list-questions.ts';
import { mergeQuestions } from '../definitions/merge-questions.ts';
import type { DefinitionVersion, LocalizableText } from '../definitions/survey-definition.ts';
import { defineTexts } from '../i18n/define-texts.ts';
import { toLocale, type Locale } from '../i18n/locale.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../i18n/number-format.ts';
import { chartTexts } from './chart-texts.ts';
import {
  describeCrosstabChart,
  describeCrosstabOptionsChart,
  describeGapChart,
  describeGapStatistics,
  describeIpaChart,
  describeNeedsChart,
  divergingExtent,
  isChosenCell,
  isCompleteRanking,
  type ChartDescription,
} from './describe-charts.ts';
import { createReportLabels, type ReportLabels } from './report-labels.ts';
import { crosstabsByBreakdown, describeCrosstab, describeMeans, describeSummary, meansByBreakdown, overviewFacts, profileSummaries, wardTable } from './describe-tabulation.ts';
import { crosstabTitle } from './crosstab-title.ts';
import { describeEffects, type EffectsView } from './describe-effects.ts';
import { describeText, type TextView } from './describe-text.ts';
import { localizeReport } from './localize-report.ts';
import { fillText, tabulationTexts } from './tabulation-texts.ts';
import type { Section, Table } from './view-types.ts';

export type { Section, Table } from './view-types.ts';

export type { GapChart, IpaChart, NeedsChart, ChartDescription } from './describe-charts.ts';

export interface RenderOptions {
  /** The report's one language, "ja" (default) or "en": headings, words and the definitions' labels. */
  locale?: string;
}

export interface ReportView {
  language: string;
  title: string;
  subtitle: string;
  /** 調査概要: what the report has, and n by ward where the report has wards. */
  /** `hides`: a fact reads 「＊」 (a channel or the tablets too few to show). */
  overview: { heading: string; facts: Array<[string, string]>; hides?: boolean; wards?: Table };
  /** 回答者属性: the summaries of the breakdown questions. */
  profile: { heading: string; intro: string; sections: Section[] };
  /** 単純集計: every question. */
  summaries: { heading: string; intro: string; sections: Section[] };
  /** クロス集計: one group per breakdown, one section per cross-tab. */
  crosstabs: { heading: string; intro: string; groups: Array<{ heading: string; sections: Section[] }> };
  /** 平均値の比較 (issue 25): one group per breakdown, one section per number question or scale. */
  means: { heading: string; intro: string; groups: Array<{ heading: string; sections: Section[] }> };
  /** 効果検証 (issue 28): part 6 when the report has `effects`; the later parts then number one on. */
  effects?: EffectsView;
  needs: { heading: string; intro: string; sections: Section[] };
  ipa: { heading: string; intro: string; sections: Section[] };
  gaps: { heading: string; intro: string; groups?: Table; sections: Section[]; untested?: Table };
  /** `analysis` (issue 27): the question's words, network and codes, when the report has `text`. */
  comments: { heading: string; intro: string; sections: Array<{ heading: string; notes: string[]; texts: string[]; analysis?: TextView }> };
  /** 秘匿した集計: the one statement of the rule (the anchor every ＊ legend links to), then where it applied. */
  suppressed: { heading: string; intro: string; rule: { heading: string; text: string }; table?: Table };
  /** Under every table that hides something: what ＊ means, and the words of the link to the rule. */
  legend: { text: string; link: string };
  footer: string;
}

const reportTexts = defineTexts({
  ja: {
  ...chartTexts('ja'),
  reportTitle: '分析レポート',
  sectionNames: { crosstabs: 'クロス集計', means: '平均値の比較', effects: '効果検証', summaries: '単純集計', gaps: '世代間の差', needs: '改善ニーズ', ipa: 'IPA', comments: '自由記述', overview: '調査概要', timeline: '回答の推移' } as Record<string, string>,
  survey: '調査',
  versions: '定義の版',
  responses: '回答数',
  minGroupSize: '最小集計単位',
  weighting: '重み付け',
  unweighted: 'なし（単純集計）',
  raking: (variables: string, iterations: number, effectiveN: string, dropped: number) =>
    `レイキング（${variables}、${iterations} 回で収束、有効標本数 ${effectiveN}${dropped > 0 ? `、重み付け変数が無回答の ${dropped} 件を除外` : ''}）`,
  seed: '乱数シード',
  marginsFile: '重み付けの母集団ファイル',
  marginsSource: (file: string, sha256: string) => `${file}（SHA-256: ${sha256}）`,
  weightedSubtitle: (source?: { file: string; sha256: string }) => `重み付け集計（レイキング${source ? `、母集団ファイル ${source.file}、SHA-256: ${source.sha256}` : ''}）`,
  overviewHeading: '1. 調査概要',
  profileHeading: '2. 回答者属性',
  profileIntro: '集計の区分（クロス集計の表側）になる設問の回答。',
  summariesHeading: '3. 単純集計',
  summariesIntro: '割合＝その回答を選んだ回答者 ÷ 設問に回答した人数（重み付け時は加重）。件数は重み付けしない人数。',
  profileElsewhere: '回答者属性の設問は「2. 回答者属性」に掲載し、ここでは繰り返しません。',
  crosstabsHeading: '4. クロス集計',
  crosstabsIntro: '表側の区分ごとに、回答の割合（行％）。',
  crosstabsBy: (label: string) => `表側: ${label}`,
  noCrosstabs: 'クロス集計する区分がありません。--crosstab-by で設問を指定できます。',
  meansHeading: '5. 平均値の比較',
  meansIntro:
    '数値で答える設問と順序のある尺度（評価・満足度など）の平均を、表側の区分ごとに比べます。標準偏差は n − 1 で割った値。検定は、数値が Welch の一元配置分散分析、尺度が Kruskal–Wallis 検定（{min}人以上の区分どうし）。調整済み p はこの章の全検定に Holm 法を適用。',
  meansWeighted: '重み付け時は加重平均で、検定はしていません。',
  noMeans: '平均を比べる設問（数値で答える設問・順序のある尺度）と表側の区分の組がありません。',
  needsHeading: '6. 改善ニーズの順位',
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
  ipaHeading: '7. 重要度 × 満足度（IPA）',
  ipaIntro: '重要度・満足度は回答者の平均（重み付け時は加重平均）。破線は項目平均の平均で、四象限に分けます。',
  quadrant: '象限',
  hiddenItem: (min: number) => `秘匿（n < ${min}）`,
  noIpa: 'この調査には重要度と満足度の組がありません。',
  gapsHeading: '8. 世代間の差（属性による違い）',
  gapsIntro:
    '順序尺度は Kruskal–Wallis 検定（効果量 ε²）、選択式は χ² 検定（効果量 Cramér の V）。調整済み p はレポート内の全検定に Holm 法を適用。効果量の大きい順。重み付けはしていません。',
  noBy: '比較する属性（コホート設問・年代）がありません。--by で設問を指定できます。',
  fromCrosstabs: (label: string) =>
    `比較軸の指定（--by）がないため、ダッシュボードと同じく「${label}」で比べます。検定はクロス集計の χ² 検定（効果量 Cramér の V、調整済み p はクロス集計の全検定に Holm 法）。効果量の大きい順。`,
  answer: '回答',
  sameAnswer: '各回答を選んだ人の割合をグループ間で比べます（列＝グループ）。',
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
  commentsHeading: '9. 自由記述（抜粋）',
  commentsIntro: '無作為抽出（シード固定）した一部です。原文のまま表示しています。',
  written: (n: string) => `記入者 n = ${n}`,
  hiddenComments: (min: number) => `記入者が ${min} 人未満のため秘匿しています。`,
  noComments: '記入はありません。',
  // A section with nothing to show says why (issue 25), and what would fill it.
  noNeeds: 'この調査には "need" の役割を持つ設問（checkbox・ranking・tagbox）がありません。調査票の定義に analysis 注釈を付けると、改善ニーズの順位を示せます（survey-definitions.md「analysis」）。',
  noCommentQuestions: 'この調査には自由記述（"comment" の役割を持つ設問）も「その他」の記入欄もありません。',
  suppressedHeading: '10. 秘匿した集計',
  suppressedIntro: (min: number) => `このレポートで＊にした箇所（${min} 人未満、またはそれを差し引きで求められないようにしたもの）。`,
  hiddenCount: '＊の数',
  hiddenWhich: '＊にしたもの',
  smallShort: '少人数',
  complementaryShort: '逆算防止',
  nothingSuppressed: '秘匿した集計はありません。',
  where: '箇所',
  fewerThanTwoGroups: (min: number) => `回答者 ${min} 人以上のグループが 2 つ未満`,
  footer: 'survey-toolkit で作成した分析レポートです。各数値の定義は各章の冒頭と表の注に記載しています。',
  percent: '%',
  },
  en: {
  ...chartTexts('en'),
  reportTitle: 'analysis report',
  sectionNames: { crosstabs: 'Cross-tab', means: 'Means by group', effects: 'Effect evaluation', summaries: 'Summary', gaps: 'Group differences', needs: 'Needs', ipa: 'IPA', comments: 'Comments', overview: 'Overview', timeline: 'Timeline' },
  survey: 'Survey',
  versions: 'Definition versions',
  responses: 'Responses',
  minGroupSize: 'Minimum group size',
  weighting: 'Weighting',
  unweighted: 'none (unweighted)',
  raking: (variables, iterations, effectiveN, dropped) =>
    `raking to ${variables}, converged in ${iterations} iterations, effective n ${effectiveN}${dropped > 0 ? `; ${dropped} responses without a margin variable left out` : ''}`,
  seed: 'Random seed',
  marginsFile: 'Margins file',
  marginsSource: (file, sha256) => `${file} (SHA-256: ${sha256})`,
  weightedSubtitle: (source) => `Weighted (raking${source ? ` to the margins file ${source.file}, SHA-256: ${source.sha256}` : ''})`,
  overviewHeading: '1. Overview',
  profileHeading: '2. Respondents',
  profileIntro: 'Answers to the questions the cross-tabs break down by.',
  summariesHeading: '3. Summary of every question',
  summariesIntro: 'Share = respondents who gave the answer ÷ respondents who answered (weighted when weighting). Counts are unweighted.',
  profileElsewhere: 'The questions of "2. Respondents" are not repeated here.',
  crosstabsHeading: '4. Cross-tabulations',
  crosstabsIntro: 'Shares of each answer within each group (row percentages).',
  crosstabsBy: (label) => `By: ${label}`,
  noCrosstabs: 'No breakdowns to cross-tabulate; name one with --crosstab-by.',
  meansHeading: '5. Means by group',
  meansIntro:
    'The mean of each number answer and ordered scale (ratings, satisfaction) within each group. SD divides by n − 1. Tests: Welch’s one-way ANOVA for numbers, Kruskal–Wallis for scales (between groups of {min} or more). Adjusted p: Holm over every test of this section.',
  meansWeighted: 'Weighted reports show weighted means and no tests.',
  noMeans: 'No number question or ordered scale to compare across the breakdowns.',
  needsHeading: '6. Needs ranking',
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
  ipaHeading: '7. Importance × satisfaction (IPA)',
  ipaIntro: 'Importance and satisfaction are respondent means (weighted when weighting). Dashed lines: mean of the item means.',
  quadrant: 'Quadrant',
  hiddenItem: (min) => `hidden (n < ${min})`,
  noIpa: 'This survey has no importance–satisfaction pairs.',
  gapsHeading: '8. Differences between generations and groups',
  gapsIntro:
    'Scales: Kruskal–Wallis (effect ε²); choices: χ² (effect Cramér’s V). Adjusted p: Holm over every test in the report. Largest effect first. Unweighted.',
  noBy: 'No group question (cohort or age band) to compare; name one with --by.',
  fromCrosstabs: (label) =>
    `No --by was given, so, as on the dashboard, groups are compared by "${label}". Tests are the cross-tabs' χ² (effect Cramér’s V; adjusted p: Holm over every cross-tab test). Largest effect first.`,
  answer: 'Answer',
  sameAnswer: 'The share giving each answer, compared across groups (one column per group).',
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
  commentsHeading: '9. Free-text comments (sample)',
  commentsIntro: 'A seeded random sample, shown as written.',
  written: (n) => `written by n = ${n}`,
  hiddenComments: (min) => `Hidden: fewer than ${min} respondents wrote one.`,
  noComments: 'No comments.',
  noNeeds: 'This survey has no question with the "need" role (checkbox, ranking, tagbox). An "analysis" annotation in the definition would give the needs ranking (survey-definitions.md, "analysis").',
  noCommentQuestions: 'This survey has no free-text question with the "comment" role and no "other, please specify" box.',
  suppressedHeading: '10. Hidden figures',
  suppressedIntro: (min) => `Where this report shows * (fewer than ${min}, or hidden so that such a number cannot be worked out).`,
  hiddenCount: 'Numbers hidden',
  hiddenWhich: 'Which',
  smallShort: 'few',
  complementaryShort: 'protects another',
  nothingSuppressed: 'Nothing was hidden.',
  where: 'Where',
  fewerThanTwoGroups: (min) => `fewer than two groups with at least ${min} respondents`,
  footer: 'Made with survey-toolkit. Each section’s introduction and the notes under each table define its figures.',
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

export function describeReport(built: Report, definitions: ReadonlyArray<DefinitionVersion>, options: RenderOptions = {}): ReportView {
  const language = toLocale(options.locale);
  const words = reportTexts(language);
  const t = tabulationTexts(language);
  const { count, decimal } = numbersIn(language);
  const labels = createLabelIndex(definitions);
  const report = localizeReport(built, labels, language, (question, column) => columnTitle(definitions, question, column, language));
  // The analysis writes Suppression.label in the language it ran in; in another, the report names the place itself.
  const builtInLanguage = JSON.stringify(report.summaries?.map((summary) => summary.label)) === JSON.stringify(built.summaries?.map((summary) => summary.label));
  // One language throughout (issue 26): headings, tables and charts name everything in the report's language.
  const chartLabels = createReportLabels(labels, language);
  const titleOf = (name: string) => labels.question(name, language);
  const valueOf = (question: string, value: AnswerValue) => labels.value(question, value, language);
  const rowOf = (question: string, row: string) => labels.row(question, row, language);
  const newest = definitions.at(-1);
  const surveyTitle =
    report.survey.title[language] ?? (newest ? localizeText(newest.json.title, language, '') || undefined : undefined) ?? Object.values(report.survey.title)[0] ?? report.survey.id;

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
    // Which margins (issue 30): the file's name and hash, so a reader can tell two weightings apart.
    ...(report.weighting?.source ? [[words.marginsFile, words.marginsSource(report.weighting.source.file, report.weighting.source.sha256)] as [string, string]] : []),
    [words.seed, String(report.seed)],
  ];

  // The definition's method in the reader's language, when the report was built in another.
  const method = newest?.json.method !== undefined ? localizeText(newest.json.method, language, '') || null : (report.overview?.method ?? null);
  facts.push(...overviewFacts(report.overview ? { ...report, overview: { ...report.overview, method } } : report, language));
  const marks = t.marksNote;
  const profile = profileSummaries(report);
  // 回答者属性 shows the breakdown questions; 単純集計 does not repeat them (issue 26).
  const rest = (report.summaries ?? []).filter((summary) => !profile.includes(summary));
  const textOf = (question: string) => report.text?.find((entry) => entry.question === question);
  // 効果検証 is part 6 when the report has it; the parts after it number one on.
  const effects = describeEffects(report, language);
  const shift = effects ? 1 : 0;
  const numbered = (heading: string) => (shift ? heading.replace(/^(\d+)\./, (_, n: string) => `${Number(n) + shift}.`) : heading);
  const view: ReportView = {
    language,
    title: `${surveyTitle} ${words.reportTitle}`,
    // A weighted report says so at its top, with the margins file (issue 30); an unweighted one in 調査概要.
    subtitle: report.weighting ? words.weightedSubtitle(report.weighting.source) : '',
    overview: { heading: words.overviewHeading, facts, hides: facts.some(([, value]) => value.split(/[ 、,]/).includes(t.hidden)), wards: wardTable(report, language) },
    profile: {
      heading: words.profileHeading,
      intro: words.profileIntro,
      sections: profile.map((summary) => describeSummary(summary, report, language)),
    },
    summaries: {
      heading: words.summariesHeading,
      intro: profile.length > 0 ? `${words.summariesIntro} ${words.profileElsewhere}` : words.summariesIntro,
      sections: rest.map((summary) => describeSummary(summary, report, language)),
    },
    crosstabs: {
      heading: words.crosstabsHeading,
      intro: (report.crosstabs ?? []).length > 0 ? `${words.crosstabsIntro} ${marks}` : words.noCrosstabs,
      groups: crosstabsByBreakdown(report).map(({ breakdown, crosstabs }) => ({
        heading: words.crosstabsBy(breakdown.label),
        sections: crosstabs.map((crosstab) => ({ ...describeCrosstab(crosstab, report, language), chart: crosstabChart(crosstab, report, language) })),
      })),
    },
    means: {
      heading: words.meansHeading,
      // What a scale's mean is worth is said once here, not under each of its tables (the printed part repeated it dozens of times).
      intro:
        (report.means ?? []).length > 0
          ? [
              fillText(words.meansIntro, { min: report.minGroupSize }),
              ...(report.means ?? []).some((entry) => entry.scale) ? [t.meansScalesNote] : [],
              ...(report.weighting ? [words.meansWeighted] : []),
            ].join(language === 'ja' ? '' : ' ')
          : words.noMeans,
      groups: meansByBreakdown(report).map(({ breakdown, means }) => ({
        heading: words.crosstabsBy(breakdown.label),
        sections: means.map((entry) => {
          const section = describeMeans(entry, report, language);
          return { ...section, footnotes: section.footnotes?.filter((note) => note !== t.meansScaleNote) };
        }),
      })),
    },
    needs: {
      heading: words.needsHeading,
      intro: report.needs.length > 0 ? words.needsIntro : words.noNeeds,
      sections: report.needs.map((question) => describeNeeds(question, report, words, language, titleOf, valueOf, chartLabels)),
    },
    ipa: {
      heading: words.ipaHeading,
      intro: report.ipa.length > 0 ? words.ipaIntro : words.noIpa,
      sections: report.ipa.map((set) => describeIpa(set, report, words, language, chartLabels, report.ipa.length > 1 ? setName(definitions, set.set, language) : undefined)),
    },
    gaps: describeGaps(report, words, language, titleOf, valueOf, rowOf, chartLabels),
    comments: {
      heading: words.commentsHeading,
      intro: report.comments.length > 0 ? words.commentsIntro : words.noCommentQuestions,
      sections: report.comments.map((comment) => ({
        // An "other" text (<question>-Comment) is no question of the definition: its label says what it is.
        heading: titleOf(comment.question) === comment.question ? comment.label : titleOf(comment.question),
        notes: [
          comment.suppressed
            ? words.hiddenComments(report.minGroupSize)
            : comment.answered === 0
              ? words.noComments
              : words.written(count(comment.answered ?? 0)),
        ],
        texts: comment.sample,
        ...(textOf(comment.question) ? { analysis: describeText(textOf(comment.question)!, report, language) } : {}),
      })),
    },
    suppressed: {
      heading: words.suppressedHeading,
      intro: report.suppressed.length > 0 ? words.suppressedIntro(report.minGroupSize) : words.nothingSuppressed,
      rule: {
        heading: t.suppressionHeading,
        text: fillText(t.suppressionRule, { min: report.minGroupSize, min_1: report.minGroupSize - 1 }),
      },
      table: report.suppressed.length > 0 ? suppressionTable(report, labels, words, language, builtInLanguage) : undefined,
    },
    legend: { text: t.hiddenLegend, link: t.suppressionHeading },
    footer: words.footer,
  };
  if (!effects) return view;
  return {
    ...view,
    effects: { ...effects, heading: `${Number(/^(\d+)\./.exec(words.meansHeading)![1]) + 1}. ${effects.heading}` },
    needs: { ...view.needs, heading: numbered(view.needs.heading) },
    ipa: { ...view.ipa, heading: numbered(view.ipa.heading) },
    gaps: { ...view.gaps, heading: numbered(view.gaps.heading) },
    comments: { ...view.comments, heading: numbered(view.comments.heading) },
    suppressed: { ...view.suppressed, heading: numbered(view.suppressed.heading) },
  };
}

/** Where a number is hidden, for a reader: the analysis's own label, else one made from the report's names. */
export function suppressionLabel(s: Suppression, report: Report, labels: LabelIndex, words: Words, locale: Locale, useLabel = true): string {
  return (useLabel ? s.label : undefined) ?? readableWhere(s.where, report, labels, words, locale);
}

/**
 * One row per table that hides something, with how many numbers and which (a cross-tab can hide
 * hundreds of cells: listing each on its own row filled 18 printed pages). The cell is what follows
 * the label's last 「: 」 (table: cell); the reason is said in a word, the rule itself stands above.
 */
function suppressionTable(report: Report, labels: LabelIndex, words: Words, locale: Locale, useLabels: boolean): Table {
  const tables = new Map<string, string[]>();
  for (const entry of report.suppressed) {
    const label = suppressionLabel(entry, report, labels, words, locale, useLabels);
    const at = label.lastIndexOf(': ');
    const name = at > -1 ? label.slice(0, at) : label;
    const cell = at > -1 ? label.slice(at + 2) : '';
    const why = entry.rule === 'complementary' ? words.complementaryShort : words.smallShort;
    const list = tables.get(name) ?? [];
    list.push(cell ? (locale === 'ja' ? `${cell}（${why}）` : `${cell} (${why})`) : why);
    tables.set(name, list);
  }
  return {
    columns: [words.where, words.hiddenCount, words.hiddenWhich],
    numeric: [false, true, false],
    rows: [...tables].map(([name, cells]) => [name, formatCount(cells.length, locale), cells.join(locale === 'ja' ? '、' : '; ')]),
  };
}
/**
 * A machine key (`crosstabs.counterReasons.ageBand=under_20`, `summaries.q.row=2`, `gaps.groups.cohort=mid`)
 * in words: the part of the report, then each question, matrix row and answer by its label.
 */
export function readableWhere(where: string, report: Report, labels: LabelIndex, words: Words, locale: Locale): string {
  // A cross-tab's cell or group reads as the analysis's labels do: 「問 × 区分: 群 / 回答」.
  for (const crosstab of report.crosstabs ?? []) {
    const prefix = `crosstabs.${crosstab.question}${crosstab.row !== undefined ? `.${crosstab.row}` : ''}.${crosstab.by}=`;
    if (!where.startsWith(prefix)) continue;
    const [group, value] = where.slice(prefix.length).split('/');
    const t = tabulationTexts(locale);
    const found = crosstab.groups.find((candidate) => String(candidate.value) === group);
    const groupLabel = group === '(total)' ? t.total : found?.members ? t.fewer : (found?.label ?? group);
    const valueLabel = value === undefined ? undefined : (crosstab.values.find((candidate) => String(candidate.value) === value)?.label ?? value);
    return `${crosstabTitle(crosstab)} × ${crosstab.byLabel}: ${valueLabel === undefined ? groupLabel : `${groupLabel} / ${valueLabel}`}`;
  }
  const [part, ...rest] = where.split('.');
  const known = (name: string) =>
    report.summaries?.some((summary) => summary.question === name) ||
    report.breakdowns?.some((breakdown) => breakdown.by === name) ||
    labels.exactQuestion(name, locale) !== undefined ||
    labels.question(name, locale) !== name;
  const questionLabel = (name: string) =>
    shorten(report.summaries?.find((summary) => summary.question === name)?.label ?? report.breakdowns?.find((breakdown) => breakdown.by === name)?.label ?? labels.question(name, locale), locale === 'ja' ? 24 : 48);
  const answerLabel = (name: string, value: string) => {
    const summary = report.summaries?.find((candidate) => candidate.question === name);
    const fromSummary =
      summary?.items?.find((item) => String(item.value) === value)?.label ??
      summary?.rows?.flatMap((row) => row.items).find((item) => String(item.value) === value)?.label ??
      report.breakdowns?.find((breakdown) => breakdown.by === name)?.groups.find((group) => String(group.value) === value)?.label;
    return fromSummary ?? (labels.hasValue(name, value) ? labels.value(name, value, locale) : value);
  };
  const named: string[] = [];
  let question: string | undefined;
  for (const segment of rest) {
    const equals = segment.indexOf('=');
    if (equals > -1) {
      const name = segment.slice(0, equals);
      const value = segment.slice(equals + 1);
      // A cross-tab cell: `by=group/answer`, the answer being one of the question's.
      const slash = value.indexOf('/');
      if (known(name) && slash > -1 && question) {
        named.push(`${questionLabel(name)}: ${answerLabel(name, value.slice(0, slash))} / ${answerLabel(question, value.slice(slash + 1))}`);
      } else if (known(name)) {
        named.push(`${questionLabel(name)}: ${answerLabel(name, value)}`);
        question = name;
      } else if (question && labels.hasRow(question, name)) {
        named.push(`${labels.row(question, name, locale)}: ${answerLabel(question, value)}`);
      } else named.push(`${name}: ${value}`);
    } else if (known(segment)) {
      named.push(questionLabel(segment));
      question = segment;
    } else if (question && labels.hasRow(question, segment)) {
      named.push(labels.row(question, segment, locale));
    } else if (segment !== 'groups') named.push(segment);
  }
  const partName = words.sectionNames[part] ?? part;
  return [partName, ...named].join(' — ');
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

/**
 * A set of importance–satisfaction items named for a reader: the title of the question that asks
 * their importance (the set's key, `service`, is the analysis's), cut short.
 */
function setName(definitions: ReadonlyArray<DefinitionVersion>, set: string, locale: Locale): string {
  if (definitions.length === 0) return set;
  for (const question of mergeQuestions(definitions).values()) {
    if (question.analysis?.role === 'importance' && question.analysis.set === set && question.title !== undefined) return shorten(localizeText(question.title, locale, set), 40);
  }
  return set;
}

function describeIpa(set: IpaSet, report: Report, words: Words, locale: Locale, chartLabels: ReportLabels, name: string | undefined): Section {
  const { count, decimal } = numbersIn(locale);
  const itemLabel = (item: IpaSet['items'][number]) => chartLabels.ipaItem(set.set, item.item, item.label);
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
  return {
    // With one set the heading needs no name; with several, each is named by its importance question.
    heading: name ? `${words.importance} × ${words.satisfaction}: ${name}` : `${words.importance} × ${words.satisfaction}`,
    notes,
    table: { columns, numeric: [false, true, true, true, true, false], rows },
    chart: chart && { ...chart, note: notes.join(' · ') },
  };
}

/**
 * The breakdown the dashboard compares when nobody names one (client/pages/dashboard/dashboard-page.tsx):
 * the cohort question, else age bands. The report's breakdowns say which those are.
 */
export function dashboardComparison(report: Report): Breakdown | undefined {
  const breakdowns = report.breakdowns ?? [];
  return breakdowns.find((breakdown) => breakdown.source === 'cohort') ?? breakdowns.find((breakdown) => breakdown.by === 'ageBand');
}

/**
 * The gaps of a report built without a cohort question, from its cross-tabs by the dashboard's
 * breakdown: each single-answer cross-tab and each option of a multiple-answer one with its χ² test,
 * largest effect first. A group with a hidden cell has no distribution (it is hidden on the chart).
 */
function gapsFromCrosstabs(report: Report, breakdown: Breakdown): { gaps: Gaps; sources: Map<GapItem, Crosstab> } {
  const sources = new Map<GapItem, Crosstab>();
  // The 「その他（少数）」 row of a cross-tab is not a group to compare (it is not tested either).
  const crosstabs = (report.crosstabs ?? [])
    .filter((crosstab) => crosstab.by === breakdown.by)
    .map((crosstab) => ({ ...crosstab, groups: crosstab.groups.filter((group) => !group.members) }));
  const groupsOf = (crosstab: Crosstab, distribution: (group: Crosstab['groups'][number]) => GapItem['groups'][number]['distribution']) =>
    crosstab.groups.map((group) => ({
      value: group.value,
      label: group.label,
      n: group.n,
      distribution: group.n === null || group.cells.some((cell) => cell.share === null) ? null : distribution(group),
      ...(group.n === null ? { suppressed: true } : {}),
    }));
  const items: GapItem[] = [];
  for (const crosstab of crosstabs) {
    const base = { question: crosstab.question, label: crosstabTitle(crosstab), ...(crosstab.row !== undefined ? { item: crosstab.row } : {}) };
    if (crosstab.kind === 'single' && crosstab.test) {
      const test = crosstab.test;
      const item: GapItem = {
        ...base,
        test: 'chi2',
        statistic: test.statistic,
        df: test.df,
        p: test.p,
        pAdjusted: test.pAdjusted,
        effect: { name: 'cramersV', value: test.cramersV },
        groups: groupsOf(crosstab, (group) =>
          crosstab.values.map((value) => {
            const cell = group.cells.find((candidate) => candidate.value === value.value);
            return { value: value.value, label: value.label, count: cell?.count ?? 0, share: cell?.share ?? 0 };
          }),
        ),
      };
      items.push(item);
      sources.set(item, crosstab);
    } else if (crosstab.kind === 'multiple') {
      crosstab.optionTests?.forEach((test, index) => {
        if (!test) return;
        const option = crosstab.values[index];
        const item: GapItem = {
          ...base,
          option: option.value,
          test: 'chi2',
          statistic: test.statistic,
          df: test.df,
          p: test.p,
          pAdjusted: test.pAdjusted,
          effect: { name: 'cramersV', value: test.cramersV },
          groups: groupsOf(crosstab, (group) => {
            const cell = group.cells.find((candidate) => candidate.value === option.value);
            const share = cell?.share ?? 0;
            const n = group.n ?? 0;
            return [
              { value: true, label: option.label, count: cell?.count ?? 0, share },
              { value: false, label: option.label, count: n - (cell?.count ?? 0), share: 1 - share },
            ];
          }),
        };
        items.push(item);
        sources.set(item, crosstab);
      });
    }
  }
  items.sort((a, b) => b.effect.value - a.effect.value);
  const first = crosstabs[0];
  return {
    gaps: {
      by: breakdown.by,
      label: breakdown.label,
      groups: (first?.groups ?? breakdown.groups.map((group) => ({ ...group, n: null }))).map((group) => ({
        value: group.value,
        label: group.label,
        n: group.n,
        ...(group.n === null ? { suppressed: true } : {}),
      })),
      items,
      untested: [],
    },
    sources,
  };
}

function describeGaps(
  report: Report,
  words: Words,
  locale: Locale,
  titleOf: (name: string) => string,
  valueOf: (question: string, value: AnswerValue) => string,
  rowOf: (question: string, row: string) => string,
  chartLabels: ReportLabels,
): ReportView['gaps'] {
  const { count, decimal, percent, p: pValue } = numbersIn(locale);
  const t = tabulationTexts(locale);
  let gaps = report.gaps;
  let sources = new Map<GapItem, Crosstab>();
  let intro = words.gapsIntro;
  if (gaps.by === null) {
    // The dashboard shows gaps by its own default breakdown; the report says so and shows the same, from its cross-tabs.
    const breakdown = dashboardComparison(report);
    if (!breakdown || !(report.crosstabs ?? []).some((crosstab) => crosstab.by === breakdown.by)) {
      return { heading: words.gapsHeading, intro: words.noBy, sections: [] };
    }
    ({ gaps, sources } = gapsFromCrosstabs(report, breakdown));
    intro = words.fromCrosstabs(breakdown.label);
  }
  const by = gaps.by!;
  const groupName = (value: AnswerValue) => chartLabels.answer(by, value, gaps.groups.find((group) => group.value === value)?.label ?? String(value));
  const groups: Table = {
    columns: [words.group, 'n'],
    numeric: [false, true],
    rows: gaps.groups.map((group) => [groupName(group.value), group.n === null ? t.hidden : count(group.n)]),
    hides: gaps.groups.some((group) => group.n === null),
  };
  // A matrix row or checkbox option reads best by its own label, with its (long) question as context.
  // A checkbox option by its own name (its distribution's cells are only 選択した人 / 選択しなかった人).
  const optionName = (item: GapItem) =>
    chartLabels.answer(item.question, item.option!, sources.get(item)?.values.find((value) => value.value === item.option)?.label ?? String(item.option));
  // English takes about twice the letters to say as much.
  const context = (question: string) => shorten(titleOf(question), locale === 'ja' ? 32 : 64);
  const itemTitle = (item: GapItem) => {
    if (item.item !== undefined) return `${rowOf(item.question, item.item)} — ${context(item.question)}`;
    if (item.option !== undefined) return `${optionName(item)} — ${context(item.question)}`;
    return titleOf(item.question);
  };
  const effectName = (item: GapItem) => (item.effect.name === 'epsilonSquared' ? 'ε²' : 'V');
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
      item.groups.map((group) => `${groupName(group.value)}: ${group.n === null ? t.hidden : count(group.n)}`).join(locale === 'ja' ? '、' : '; '),
    ]),
  };
  if (table.rows.some((row) => row[7].includes(t.hidden))) table.hides = true;
  const sections: Section[] = [{ heading: words.comparedBy(titleOf(by)), notes: [], table }];
  const extent = divergingExtent(gaps);
  for (const item of gaps.items.slice(0, MAX_GAP_CHARTS)) {
    sections.push({
      heading: itemTitle(item),
      notes: [words.sameAnswer],
      chart: { ...describeGapChart(item, by, chartLabels, extent), note: describeGapStatistics(item, locale, words.pAdjusted) },
      table: sameAnswerTable(
        item,
        sources.get(item),
        groupName,
        (value, fallback) => (item.option !== undefined ? optionName(item) : chartLabels.answer(item.question, value, fallback)),
        words,
        t,
        count,
        percent,
      ),
    });
  }
  return {
    heading: words.gapsHeading,
    intro: `${intro} ${words.comparedBy(titleOf(by))}`,
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

/**
 * One gap item as a table that compares the same answer across groups (issue 26): a row per answer,
 * a column per group, the first row n. A checkbox option has one row, the share that chose it. Cells
 * come from the cross-tab when the item was made from one, so a hidden cell reads ＊.
 */
function sameAnswerTable(
  item: GapItem,
  crosstab: Crosstab | undefined,
  groupName: (value: AnswerValue) => string,
  answerName: (value: AnswerValue, fallback: string) => string,
  words: Words,
  t: ReturnType<typeof tabulationTexts>,
  count: (n: number) => string,
  percent: (share: number) => string,
): Table {
  const template = item.groups.find((group) => group.distribution)?.distribution ?? [];
  const answers = item.option !== undefined ? template.filter((cell) => isChosenCell(cell.value)) : template;
  const cellOf = (groupIndex: number, value: AnswerValue): string => {
    const group = item.groups[groupIndex];
    if (crosstab) {
      const cell = crosstab.groups[groupIndex]?.cells.find((candidate) => candidate.value === (item.option !== undefined ? item.option : value));
      if (!cell || cell.count === null) return t.hidden;
      if (cell.share === null) return cell.count === 0 ? percent(0) : t.hidden;
      return percent(cell.share);
    }
    if (group.distribution === null) return t.hidden;
    const cell = group.distribution.find((candidate) => candidate.value === value);
    if (cell && cell.share === null) return t.hidden;
    return cell ? percent(cell.share!) : '—';
  };
  const rows = [
    [t.n, ...item.groups.map((group) => (group.n === null ? t.hidden : count(group.n)))],
    ...answers.map((answer) => [
      answerName(answer.value, answer.label),
      ...item.groups.map((_, index) => cellOf(index, answer.value)),
    ]),
  ];
  const table: Table = {
    columns: [words.answer, ...item.groups.map((group) => groupName(group.value))],
    numeric: [false, ...item.groups.map(() => true)],
    rows,
  };
  if (rows.some((row) => row.includes(t.hidden))) table.hides = true;
  return table;
}

/**
 * A matrixdropdown column's title in the reader's language, from the newest definition that has the
 * question (the label index knows rows and choices, not cell columns); undefined when none says it exactly.
 */
function columnTitle(definitions: ReadonlyArray<DefinitionVersion>, question: string, column: string, locale: Locale): string | undefined {
  for (const definition of [...definitions].sort((a, b) => b.version - a.version)) {
    const found = listQuestions(definition.json).find((candidate) => candidate.name === question);
    if (!found) continue;
    const columns = Array.isArray(found.json.columns) ? (found.json.columns as Array<Record<string, unknown>>) : [];
    const entry = columns.find((candidate) => candidate?.name === column);
    if (!entry) return undefined;
    return entry.title === undefined ? column : exactText(entry.title as LocalizableText, locale);
  }
  return undefined;
}

/**
 * A cross-tab's chart as the dashboard draws it (client/pages/dashboard/crosstab-view.tsx): a
 * 100%-stacked bar per group with 全体 first, or for a checkbox a dot per group on each option's line.
 */
function crosstabChart(crosstab: Crosstab, report: Report, locale: Locale): ChartDescription | undefined {
  if (crosstab.kind === 'multiple') return describeCrosstabOptionsChart(crosstab, locale);
  const ordered = report.summaries?.find((summary) => summary.question === crosstab.question)?.ordered;
  return describeCrosstabChart(crosstab, locale, { total: true, ordered });
}

/** A long question title cut to a readable context. */
function shorten(text: string, length = 32): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
