/**
 * The 効果検証 view's own words (issue 28), Japanese first: its controls and plots. What the view shares
 * with the printed report — the table's columns, the ◆ legend, why a figure is hidden, what a DiD
 * assumes — is core/report-view/describe-effects.ts's `effectsTexts`, said once for both.
 */
import { defineTexts } from '../../../../core/i18n/define-texts.ts';

export const effectsTexts = defineTexts({
  ja: {
    title: '効果検証（導入前後の比較）',
    splitDate: '導入日',
    pilotVariable: '試行グループ',
    noPilot: 'なし（前後比較のみ）',
    pilotValues: '試行する値',
    choosePilotValues: '試行グループの値を1つ以上選んでください。',
    periods: (before: string, after: string, undated: string, at: string) => `導入前 ${before}件・導入後 ${after}件（${at} 日本時間で区切り${undated !== '0' ? `、日時なし ${undated}件` : ''}）`,
    pilotLine: (label: string, values: string) => `試行グループ: ${label} = ${values}（それ以外が対照グループ）`,
    weighted: '重み付けあり（レイキングの重みによる回帰）',
    unweighted: '重み付けなし',
    forestShares: '割合の変化（ポイント）',
    forestMeans: '平均の変化',
    forestDid: 'DiD: 試行グループの変化 − 対照グループの変化',
    forestChange: '導入後 − 導入前',
    forestNote: '点は推定値、線は95%信頼区間。大きい順。◆ は調整済み p < 0.05（Holm 法）',
    showAll: (count: number) => `すべて表示（${count}）`,
    showTop: (count: number) => `上位${count}件のみ表示`,
    tableTitle: 'すべての指標',
    points: 'ポイント',
    warningsTitle: '事前トレンドの警告',
    warningsNote: '導入前の期間を半分に分けた DiD が p < 0.05 の指標です。平行トレンドの仮定が疑わしいため、DiD は慎重に読んでください（指標が多いと、偶然でも約20件に1件は警告されます）。',
    preTrendSkipped: (reason: string) => `事前トレンドの確認はしていません: ${reason}`,
    noEffects: 'この条件では比較できる指標がありません。',
    loading: '効果検証を計算中…',
    chooseDate: '導入日を選んでください。',
  },
  en: {
    title: 'Effect evaluation (before and after)',
    splitDate: 'Start date',
    pilotVariable: 'Pilot group',
    noPilot: 'None (before/after only)',
    pilotValues: 'Pilot values',
    choosePilotValues: 'Choose at least one value for the pilot group.',
    periods: (before, after, undated, at) => `${before} before, ${after} after (split at ${at}, Japan time${undated !== '0' ? `; ${undated} without a date` : ''})`,
    pilotLine: (label, values) => `Pilot group: ${label} = ${values} (the rest are the control group)`,
    weighted: 'Weighted (regression on the raking weights)',
    unweighted: 'Unweighted',
    forestShares: 'Change in shares (points)',
    forestMeans: 'Change in means',
    forestDid: 'DiD: change in the pilot group − change in the control group',
    forestChange: 'after − before',
    forestNote: 'Dots: estimates; lines: 95% intervals. Largest first. ◆ adjusted p < 0.05 (Holm).',
    showAll: (count) => `Show all (${count})`,
    showTop: (count) => `Show the top ${count}`,
    tableTitle: 'Every figure',
    points: 'pt',
    warningsTitle: 'Pre-trend warnings',
    warningsNote:
      'These figures’ DiD between the two halves of the before period has p < 0.05: parallel trends are doubtful there, so read their DiD with care (with many figures about one in twenty warns by chance).',
    preTrendSkipped: (reason) => `No pre-trend check: ${reason}`,
    noEffects: 'Nothing can be compared with these filters.',
    loading: 'Computing the effects…',
    chooseDate: 'Choose the start date.',
  },
});

export type EffectsTexts = ReturnType<typeof effectsTexts>;
