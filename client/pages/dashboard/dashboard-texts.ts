/**
 * The dashboard's own words, Japanese first with an English switch. Labels of
 * questions and answers are not here: they come from the survey definition
 * (index-definition-texts.ts).
 */
export type DashboardLocale = 'ja' | 'en';

export const DASHBOARD_LOCALES: readonly DashboardLocale[] = ['ja', 'en'];

const JA = {
  appName: 'アンケート分析',
  survey: 'アンケート',
  chooseSurvey: 'アンケートを選んでください',
  audiences: { visitor: '来庁者', citizen: '市民', staff: '職員' } as Record<'visitor' | 'citizen' | 'staff', string>,
  loggedInAs: (name: string) => `${name} としてログイン中`,
  logOut: 'ログアウト',
  loading: '読み込み中…',
  updating: '更新中…',
  loadFailed: 'データを読み込めませんでした',
  retry: '再読み込み',
  filters: '絞り込み',
  period: '期間',
  from: '開始日',
  to: '終了日',
  channel: 'チャネル',
  all: 'すべて',
  channels: { kiosk: 'キオスク（来庁者）', online: 'オンライン' } as Record<string, string>,
  clearFilters: '条件をクリア',
  moreFilters: (count: number) => `その他の条件（${count}）`,
  selectedCount: (count: number) => `${count}件選択中`,
  responses: '回答数',
  weighting: '重み付け',
  unweighted: 'なし（単純集計）',
  weighted: (effectiveN: string) => `レイキング（有効 n = ${effectiveN}）`,
  minGroup: '最小集計単位',
  people: (count: string) => `${count}人`,
  hiddenGroups: '非表示の区分',
  downloads: 'ダウンロード',
  htmlReport: 'HTMLレポート',
  csv: 'CSV',
  xlsx: 'Excel',
  downloadHint: '現在の絞り込み条件で出力します',
  showTable: '表で見る',
  showChart: 'グラフで見る',
  timelineTitle: '回答数の推移',
  timelineBy: '内訳',
  byChannel: 'チャネル別',
  byWard: '区別',
  perPeriod: { day: '日別の回答数', week: '週別の回答数（月曜始まり）', month: '月別の回答数' } as Record<'day' | 'week' | 'month', string>,
  periodNames: { day: '日付', week: '週の初日', month: '月' } as Record<'day' | 'week' | 'month', string>,
  total: '合計',
  needsTitle: 'ニーズの順位',
  needsSubtitleChoice: '選んだ人の割合と95%信頼区間',
  needsSubtitleRanking: '上位3位以内に選んだ人の割合と95%信頼区間',
  share: '割合',
  ci: '95%信頼区間',
  count: '人数',
  rank: '順位',
  meanRank: '平均順位',
  top3: '上位3位に入る確率',
  item: '項目',
  ipaTitle: '重要度 × 満足度',
  ipaSubtitle: '線は項目平均の平均。左上ほど「重要なのに満足度が低い」',
  importance: '重要度',
  satisfaction: '満足度',
  gap: '差（重要度−満足度）',
  quadrant: '区分',
  quadrants: {
    concentrate: '重点改善',
    keep: '維持',
    low: '優先度低',
    overkill: '過剰',
  } as Record<string, string>,
  gapsTitle: '区分による違い（世代間ギャップ）',
  gapsSubtitle: '効果量の大きい順。調整済み p は Holm 法',
  compareBy: '比較する区分',
  chooseCompare: '比較する区分を選んでください。',
  effect: '効果量',
  effectNames: { epsilonSquared: 'ε²', cramersV: 'Cramér の V' } as Record<string, string>,
  pAdjusted: '調整済み p',
  testNames: { kruskal: 'Kruskal–Wallis', chi2: 'χ²' } as Record<string, string>,
  chosen: '選択した人',
  notChosen: '選択しなかった人',
  showAllItems: (count: number) => `すべての項目を表示（${count}）`,
  showTopItems: (count: number) => `上位${count}項目のみ表示`,
  noGaps: 'この条件では比較できる区分がありません。',
  commentsTitle: '最近の自由記述',
  commentsSubtitle: (shown: number, total: string) => `新しい順に${shown}件（全${total}件）`,
  noComments: '自由記述はありません。',
  noData: 'この条件に当てはまる回答はありません。',
  suppressedNote: (min: number) => `回答者が${min}人未満の区分は、個人が特定されないよう表示していません。`,
  suppressedCount: (count: number) => `非表示 ${count}件`,
  hiddenGroup: '非表示',
  suppressedReason: (reason: string) => reason,
  noSurvey: 'このアンケートは見つかりません。',
} ;

export type DashboardTexts = typeof JA;

const EN: DashboardTexts = {
  appName: 'Survey analysis',
  survey: 'Survey',
  chooseSurvey: 'Choose a survey',
  audiences: { visitor: 'Visitors', citizen: 'Residents', staff: 'Staff' },
  loggedInAs: (name) => `Logged in as ${name}`,
  logOut: 'Log out',
  loading: 'Loading…',
  updating: 'Updating…',
  loadFailed: 'Could not load the data',
  retry: 'Reload',
  filters: 'Filters',
  period: 'Period',
  from: 'From',
  to: 'To',
  channel: 'Channel',
  all: 'All',
  channels: { kiosk: 'Kiosk (visitors)', online: 'Online' },
  clearFilters: 'Clear filters',
  moreFilters: (count) => `More filters (${count})`,
  selectedCount: (count) => `${count} set`,
  responses: 'Responses',
  weighting: 'Weighting',
  unweighted: 'None (unweighted)',
  weighted: (effectiveN) => `Raking (effective n = ${effectiveN})`,
  minGroup: 'Smallest group shown',
  people: (count) => `${count} people`,
  hiddenGroups: 'Hidden groups',
  downloads: 'Download',
  htmlReport: 'HTML report',
  csv: 'CSV',
  xlsx: 'Excel',
  downloadHint: 'With the current filters',
  showTable: 'Show table',
  showChart: 'Show chart',
  timelineTitle: 'Responses over time',
  timelineBy: 'Split by',
  byChannel: 'Channel',
  byWard: 'Ward',
  perPeriod: { day: 'Responses per day', week: 'Responses per week (from Monday)', month: 'Responses per month' },
  periodNames: { day: 'Day', week: 'Week of', month: 'Month' },
  total: 'Total',
  needsTitle: 'Needs ranking',
  needsSubtitleChoice: 'Share of respondents who chose each, with 95% CI',
  needsSubtitleRanking: 'Share who ranked each in their top 3, with 95% CI',
  share: 'Share',
  ci: '95% CI',
  count: 'Count',
  rank: 'Rank',
  meanRank: 'Mean rank',
  top3: 'P(top 3)',
  item: 'Item',
  ipaTitle: 'Importance × satisfaction',
  ipaSubtitle: 'Lines at the mean of item means; top left: important but unsatisfying',
  importance: 'Importance',
  satisfaction: 'Satisfaction',
  gap: 'Gap (importance − satisfaction)',
  quadrant: 'Quadrant',
  quadrants: { concentrate: 'Concentrate here', keep: 'Keep up', low: 'Low priority', overkill: 'Possible overkill' },
  gapsTitle: 'Differences between groups (generation gap)',
  gapsSubtitle: 'Largest effect first; p adjusted by Holm',
  compareBy: 'Compare by',
  chooseCompare: 'Choose what to compare by.',
  effect: 'Effect size',
  effectNames: { epsilonSquared: 'ε²', cramersV: "Cramér's V" },
  pAdjusted: 'Adjusted p',
  testNames: { kruskal: 'Kruskal–Wallis', chi2: 'χ²' },
  chosen: 'Chose it',
  notChosen: 'Did not',
  showAllItems: (count) => `Show all items (${count})`,
  showTopItems: (count) => `Show the top ${count} only`,
  noGaps: 'No groups to compare under these filters.',
  commentsTitle: 'Recent comments',
  commentsSubtitle: (shown, total) => `Newest ${shown} of ${total}`,
  noComments: 'No comments.',
  noData: 'No responses match these filters.',
  suppressedNote: (min) => `Groups with fewer than ${min} respondents are hidden so that nobody can be identified.`,
  suppressedCount: (count) => `${count} hidden`,
  hiddenGroup: 'hidden',
  suppressedReason: (reason) => reason,
  noSurvey: 'There is no such survey.',
};

export function dashboardTexts(locale: DashboardLocale): DashboardTexts {
  return locale === 'en' ? EN : JA;
}

/** Numbers as analysts read them: grouped counts, shares in %, p in a fixed style. */
export function formatCount(value: number, locale: DashboardLocale): string {
  return value.toLocaleString(locale === 'en' ? 'en-GB' : 'ja-JP');
}

export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** p as in journals: three decimals, and "< .001" below that. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}
