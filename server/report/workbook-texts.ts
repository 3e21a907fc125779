/**
 * The words only the 集計表 workbook needs (目次, page footer, table headings), beside the shared
 * tabulation texts (core/report-view/tabulation-texts.ts), which stay the one place for words
 * every surface shows (全体, ＊, その他（少数）, the suppression rule, the channels' names).
 */
import { defineTexts } from '../../core/i18n/define-texts.ts';

export const workbookTexts = defineTexts({
  ja: {
    contents: '目次',
    sheet: 'シート',
    contentsOf: '内容',
    notes: '注記',
    answer: '選択肢',
    item: '項目',
    /** `Q01`: also what the 単純集計 puts before each question, so a sheet and its question share a number. */
    questionNumber: 'Q{number}',
    byHeading: '区分：{by}',
    rowByHeading: '{row}　区分：{by}',
    hiddenLegend: '＊ 秘匿：少人数のため表示していない数です（下記のルール）。',
    fewerMembers: '{row}：{members}',
    listSeparator: '、',
    // Excel's header codes: &P the page, &N the pages; a literal & is written &&.
    footerPage: '&P / &N ページ',
    crosstabsOf: 'クロス集計（{count}表）',
    // 平均値の比較 (issue 25): one sheet, grouped by breakdown as the printed report is.
    meansSheet: '平均値の比較',
    meansOf: '数値の設問・尺度の平均を区分ごとに比較（{count}表）',
    meansByHeading: '表側：{by}',
    // 効果検証 (issue 28): one sheet after 平均値の比較; the words of the printed part are core's (describe-effects.ts).
    effectsSheet: '効果検証',
    effectsOf: '導入前後の変化と差の差（DiD）（{count}指標）',
    effectsPoints: '割合の変化と DiD はポイント（%の差）、平均は設問の単位の数値です。◆ は調整済み p < 0.05（Holm 法）。',
    low: '下限',
    high: '上限',
    changeShort: '変化',
    didShort: 'DiD',
    // 自由記述 (issue 27): words and codes by group; the network is a picture, in the printed report.
    textSheet: '自由記述',
    textOf: 'よく使われた語と分類（コーディングルール）の区分別の割合（{count}問）',
    networkElsewhere: '語の共起ネットワークは図のため、HTML レポートの「自由記述」に掲載しています。',
    // Weighting (issue 30): the 目次 and a cross-tab's CSV say whether and to which margins file.
    factSeparator: '：',
    marginsFile: '重み付けの母集団ファイル',
    marginsSource: '{file}（SHA-256: {sha256}）',
  },
  en: {
    contents: 'Contents',
    sheet: 'Sheet',
    contentsOf: 'What it holds',
    notes: 'Notes',
    answer: 'Answer',
    item: 'Item',
    questionNumber: 'Q{number}',
    byHeading: 'Group: {by}',
    rowByHeading: '{row} — group: {by}',
    hiddenLegend: '* hidden: too few respondents to show this number (see the rule below).',
    fewerMembers: '{row}: {members}',
    listSeparator: ', ',
    footerPage: 'Page &P / &N',
    crosstabsOf: 'Cross-tabulations ({count} tables)',
    meansSheet: 'Means by group',
    meansOf: 'Means of number answers and scales by group ({count} tables)',
    meansByHeading: 'By: {by}',
    effectsSheet: 'Effect evaluation',
    effectsOf: 'Change before vs after and the difference in differences (DiD) ({count} figures)',
    effectsPoints: 'Changes and DiDs of shares are numbers of percentage points; of means, in the question’s units. ◆ adjusted p < 0.05 (Holm).',
    low: 'Low',
    high: 'High',
    changeShort: 'Change',
    didShort: 'DiD',
    textSheet: 'Comments',
    textOf: 'Most frequent words and coded shares by group ({count} questions)',
    networkElsewhere: 'The co-occurrence network is a picture: see 自由記述 (comments) in the HTML report.',
    factSeparator: ': ',
    marginsFile: 'Margins file',
    marginsSource: '{file} (SHA-256: {sha256})',
  },
});
