/**
 * A hand-made report with everything issue 26 adds to the contract (cells hidden one by one, a group
 * whose size is hidden, the 全体 row, 「その他（少数）」, ranks truncated to the question's depth,
 * Suppression.label), built in Japanese over a definition that has English texts too. No cohort
 * question and no --by, as the citizen survey: the dashboard then compares age bands.
 */
import type { Crosstab, Effect, EffectComparison, Report, TextAnalysis } from '../../../contracts/report.ts';
import { defineSurvey } from '../../analysis/report/define-survey.ts';

export const LONG_OPTION = '戸籍・住民票の写しの取得';

export function handMadeDefinition() {
  return defineSurvey({
    minGroupSize: 5,
    elements: [
      {
        type: 'radiogroup',
        name: 'ageBand',
        title: { ja: 'あなたの年代', en: 'Your age group' },
        choices: [
          { value: 'under_20', text: { ja: '20歳未満', en: 'Under 20' } },
          { value: '20s', text: { ja: '20代', en: '20s' } },
          { value: '30s', text: { ja: '30代', en: '30s' } },
        ],
        analysis: { role: 'segment' },
      },
      {
        type: 'radiogroup',
        name: 'counterReasons',
        title: { ja: '窓口に来た理由', en: 'Why you came to the counter' },
        choices: [
          { value: 'koseki', text: { ja: LONG_OPTION, en: 'Family register or residence certificate' } },
          { value: 'tax', text: { ja: '税の証明', en: 'Tax certificate' } },
          { value: 'child', text: { ja: '子育て', en: 'Childcare' } },
          { value: 'care', text: { ja: '介護', en: 'Care' } },
        ],
        analysis: { role: 'attitude' },
      },
      {
        type: 'ranking',
        name: 'priorities',
        title: { ja: '優先してほしい取組', en: 'Priorities' },
        choices: [
          { value: 'online', text: { ja: 'オンライン手続の拡大', en: 'More online procedures' } },
          { value: 'wait', text: { ja: '待ち時間の短縮', en: 'Shorter waits' } },
          { value: 'hours', text: { ja: '開庁時間の延長', en: 'Longer hours' } },
        ],
        analysis: { role: 'need' },
      },
      { type: 'comment', name: 'comment', title: { ja: 'ご意見', en: 'Comments' }, analysis: { role: 'comment' } },
    ],
  });
}

const ages = [
  { value: 'under_20', label: '20歳未満' },
  { value: '20s', label: '20代' },
  { value: '30s', label: '30代' },
];
const reasons = [
  { value: 'koseki', label: LONG_OPTION },
  { value: 'tax', label: '税の証明' },
  { value: 'child', label: '子育て' },
  { value: 'care', label: '介護' },
];
const cell = (value: string, count: number | null, share: number | null, mark: '' | '▲' | '▽' = '') =>
  ({ value, count, share, residual: null, mark, ...(count === null ? { suppressed: 'small' as const } : {}) });

export function crosstabByAge(): Crosstab {
  return {
    question: 'counterReasons',
    label: '窓口に来た理由',
    by: 'ageBand',
    byLabel: 'あなたの年代',
    kind: 'single',
    values: reasons,
    total: { n: 100, cells: [cell('koseki', 50, 0.5), cell('tax', 30, 0.3), cell('child', 17, 0.17), cell('care', 3, 0.03)] },
    groups: [
      // Its size is hidden; its empty answer still reads 0, the others ＊.
      { ...ages[0], n: null, suppressed: 'small', cells: [cell('koseki', null, null), cell('tax', 0, null), cell('child', null, null), cell('care', 0, null)] },
      { ...ages[1], n: 40, cells: [cell('koseki', 28, 0.7, '▲'), cell('tax', 6, 0.15), cell('child', 6, 0.15), cell('care', 0, 0)] },
      { ...ages[2], n: 57, cells: [cell('koseki', 19, 0.3333), cell('tax', 24, 0.421, '▲'), cell('child', 11, 0.193), cell('care', null, null)] },
    ],
    test: { statistic: 21.5, df: 6, p: 0.0015, pAdjusted: 0.003, cramersV: 0.331, method: 'pearson' },
  };
}

export function handMadeReport(): Report {
  return {
    survey: { id: 'test-survey', versions: [1], title: { ja: 'テスト調査' } },
    responses: 100,
    minGroupSize: 5,
    seed: 1,
    weighting: null,
    needs: [
      {
        question: 'priorities',
        label: '優先してほしい取組',
        kind: 'ranking',
        answered: 90,
        items: [
          { value: 'online', label: 'オンライン手続の拡大', count: 70, share: 0.78, ci95: [0.68, 0.85], rank: 1, meanRank: 1.4, borda: 2.1, top3Probability: 1 },
          { value: 'wait', label: '待ち時間の短縮', count: 60, share: 0.67, ci95: [0.56, 0.75], rank: 2, meanRank: 1.9, borda: 1.6, top3Probability: 1 },
        ],
      },
    ],
    ipa: [],
    gaps: { by: null, label: null, groups: [], items: [], untested: [] },
    comments: [{ question: 'comment', label: 'ご意見', answered: 12, sample: ['早くしてほしい'] }],
    suppressed: [
      { where: 'crosstabs.counterReasons.ageBand=under_20', reason: 'fewer than 5 respondents in this group', rule: 'small' },
      { where: 'summaries.counterReasons=care', label: '窓口に来た理由: 介護', reason: 'fewer than 5 respondents gave this answer', rule: 'small' },
    ],
    summaries: [
      {
        question: 'ageBand',
        label: 'あなたの年代',
        type: 'radiogroup',
        answered: 100,
        noAnswer: 0,
        ordered: false,
        items: [
          { value: 'under_20', label: '20歳未満', count: null, share: null, suppressed: 'small' },
          { value: '20s', label: '20代', count: 40, share: 0.4 },
          { value: '30s', label: '30代', count: 57, share: 0.57 },
        ],
        fewer: { values: ['under_20'], count: 3, share: 0.03 },
      },
      {
        question: 'counterReasons',
        label: '窓口に来た理由',
        type: 'radiogroup',
        answered: 100,
        noAnswer: 0,
        ordered: false,
        items: [
          { value: 'koseki', label: LONG_OPTION, count: 50, share: 0.5 },
          { value: 'tax', label: '税の証明', count: 30, share: 0.3 },
          { value: 'child', label: '子育て', count: null, share: null, suppressed: 'complementary' },
          { value: 'care', label: '介護', count: null, share: null, suppressed: 'small' },
        ],
        fewer: { values: ['child', 'care'], count: 20, share: 0.2 },
      },
      {
        question: 'priorities',
        label: '優先してほしい取組',
        type: 'ranking',
        answered: 90,
        noAnswer: 10,
        ordered: false,
        // Up to two could be ranked: the lead truncates shares to the question's depth.
        ranks: [
          { value: 'online', label: 'オンライン手続の拡大', ranked: 70, shares: [0.5, 0.28], meanRank: 1.4 },
          { value: 'wait', label: '待ち時間の短縮', ranked: 60, shares: [0.3, 0.37], meanRank: 1.9 },
          { value: 'hours', label: '開庁時間の延長', ranked: 50, shares: [0.2, 0.35], meanRank: 2.1 },
        ],
      },
      { question: 'comment', label: 'ご意見', type: 'comment', answered: 12, noAnswer: 88, ordered: false, notSummarised: 'free text: counted here, read in the comments' },
    ],
    crosstabs: [crosstabByAge()],
    breakdowns: [{ by: 'ageBand', label: 'あなたの年代', source: 'segment', groups: ages }],
  };
}

/** Long Japanese names, as the ward-office survey's purposes and reasons are. */
export const LONG_GROUPS = ['戸籍・住民票の写しの取得', '保健福祉（高齢者・障がいのある方の福祉など）', '健康・子ども（子育て・母子保健など）', '国民健康保険・国民年金の手続', '税の証明書の取得や納税の相談'];
const LONG_OPTIONS = [
  'オンライン手続（自宅などから申請できる）',
  '窓口予約（来庁日時を事前に予約できる）',
  '書かない窓口（申請書を手書きしなくてよい）',
  'ワンストップ窓口（一つの窓口で関連する手続が済む）',
  '呼出しシステム（順番をスマートフォンで確認できる）',
  'チャット相談',
  'オンライン相談（ビデオ通話）',
  '出張窓口（まちづくりセンターや商業施設などへの出張）',
  'キャッシュレス決済（手数料の支払い）',
  '開庁時間の延長（夜間・休日）',
  '庁舎内の案内表示のわかりやすさ',
  '外国語での対応',
];

/** A cross-tab as wide as the widest a ward office asks for: twelve long options by five long group names. */
export function wideCrosstab(): Crosstab {
  const values = LONG_OPTIONS.map((label, index) => ({ value: `o${index}`, label }));
  const cells = (seed: number) =>
    values.map((value, index) => cell(value.value, 10 + ((seed * 7 + index * 3) % 40), (10 + ((seed * 7 + index * 3) % 40)) / 100, index % 4 === seed % 4 ? '▲' : ''));
  return {
    question: 'wanted',
    label: '区役所の窓口サービスについて、今後特に力を入れてほしいもの',
    by: 'purpose',
    byLabel: '本日の主な来庁目的',
    kind: 'multiple',
    values,
    total: { n: 500, cells: cells(9) },
    groups: LONG_GROUPS.map((label, index) => ({ value: `g${index}`, label, n: 100, cells: cells(index) })),
    test: null,
    optionTests: values.map(() => null),
  };
}

/**
 * A matrixdropdown as the contract summarises it since issue 25: once per cell column, 「設問 — 列」,
 * a choice column with `items`, a number column with `numeric` (one row hidden, one nobody
 * answered) and a text column with only `answered`; in Japanese, over a definition that says the
 * columns in English too.
 */
export function matrixDropdownElement() {
  return {
    type: 'matrixdropdown',
    name: 'visits',
    title: { ja: '窓口ごとの利用', en: 'Use of each counter' },
    rows: [
      { value: 'koseki', text: { ja: '戸籍', en: 'Family register' } },
      { value: 'tax', text: { ja: '税', en: 'Tax' } },
      { value: 'care', text: { ja: '介護', en: 'Care' } },
    ],
    columns: [
      { name: 'often', title: { ja: '利用頻度', en: 'How often' }, cellType: 'dropdown', choices: [{ value: 'month', text: { ja: '毎月', en: 'Monthly' } }, { value: 'year', text: { ja: '毎年', en: 'Yearly' } }] },
      { name: 'minutes', title: { ja: '待ち時間（分）', en: 'Wait (minutes)' }, cellType: 'text', inputType: 'number' },
      { name: 'why', title: { ja: '理由', en: 'Why' }, cellType: 'text' },
      { name: 'ways', title: { ja: '手段', en: 'How' }, cellType: 'checkbox', choices: [{ value: 'walk', text: { ja: '徒歩', en: 'On foot' } }, { value: 'bus', text: { ja: 'バス', en: 'Bus' } }] },
    ],
  };
}

export function matrixDropdownSummaries(): NonNullable<Report['summaries']> {
  const base = { question: 'visits', type: 'matrixdropdown', noAnswer: 10, ordered: false } as const;
  return [
    {
      ...base,
      label: '窓口ごとの利用 — 利用頻度',
      column: 'often',
      cellType: 'dropdown',
      answered: 90,
      rows: [
        { row: 'koseki', label: '戸籍', answered: 60, items: [{ value: 'month', label: '毎月', count: 20, share: 0.3333 }, { value: 'year', label: '毎年', count: 40, share: 0.6667 }] },
        { row: 'tax', label: '税', answered: 50, items: [{ value: 'month', label: '毎月', count: 10, share: 0.2 }, { value: 'year', label: '毎年', count: 40, share: 0.8 }] },
      ],
    },
    {
      ...base,
      label: '窓口ごとの利用 — 待ち時間（分）',
      column: 'minutes',
      cellType: 'text',
      answered: 80,
      ordered: true,
      rows: [
        { row: 'koseki', label: '戸籍', answered: 60, items: [], numeric: { mean: 12.5, sd: 4.25, min: 0, q1: 10, median: 12, q3: 15, max: 45 } },
        { row: 'tax', label: '税', answered: null, items: [], numeric: null, suppressed: true },
        { row: 'care', label: '介護', answered: 0, items: [], numeric: null },
      ],
    },
    {
      ...base,
      label: '窓口ごとの利用 — 理由',
      column: 'why',
      cellType: 'text',
      answered: 40,
      rows: [
        { row: 'koseki', label: '戸籍', answered: 30, items: [] },
        { row: 'tax', label: '税', answered: null, items: [], suppressed: true },
      ],
    },
    {
      ...base,
      label: '窓口ごとの利用 — 手段',
      column: 'ways',
      cellType: 'checkbox',
      answered: 70,
      rows: [{ row: 'koseki', label: '戸籍', answered: 60, items: [{ value: 'walk', label: '徒歩', count: 45, share: 0.75 }, { value: 'bus', label: 'バス', count: 30, share: 0.5 }] }],
    },
  ];
}

/** 平均値の比較 by age band: a number answer with Welch's test and a hidden group. */
export function meansByAge(): NonNullable<Report['means']> {
  return [
    {
      question: 'waitMinutes',
      label: '待ち時間（分）',
      by: 'ageBand',
      byLabel: 'あなたの年代',
      scale: false,
      groups: [
        { ...ages[0], n: null, mean: null, sd: null, median: null, suppressed: 'small' },
        { ...ages[1], n: 40, mean: 11.25, sd: 3.5, median: 11 },
        { ...ages[2], n: 57, mean: 14.5, sd: 5.25, median: 14 },
      ],
      total: { n: 100, mean: 13.1, sd: 4.9, median: 13 },
      test: { method: 'welch', statistic: 12.34, df1: 1, df2: 94.2, p: 0.0007, pAdjusted: 0.0014 },
    },
  ];
}

/** 効果検証 (issue 28): a split at 2026-04-01 with the age band 20代 as the pilot group. */
export function handMadeComparison(pilot = true): EffectComparison {
  return {
    time: 'completedAt',
    date: '2026-04-01',
    at: '2026-03-31T15:00:00.000Z',
    timeZone: 'Asia/Tokyo',
    before: 60,
    after: 40,
    undated: 2,
    pilot: pilot ? { variable: 'ageBand', label: 'あなたの年代', values: [{ value: '20s', label: '20代' }] } : null,
    weighted: false,
    methods: { shareChange: '割合の差', meanChange: '平均の差', did: pilot ? 'OLS' : null },
    preTrend: pilot ? { from: '2025-12-01T00:00:00.000Z', at: '2026-01-30T00:00:00.000Z', to: '2026-03-31T15:00:00.000Z' } : null,
    warnings: ['「窓口に来た理由: 税の証明」は試行前から…'],
  };
}

const estimate = (value: number, halfWidth: number, pAdjusted: number) => ({ estimate: value, low: value - halfWidth, high: value + halfWidth, p: pAdjusted / 2, pAdjusted });

/** Four figures: a marked share, an unmarked one whose pre-trend warns, a hidden one and a mean without a DiD. */
export function handMadeEffects(): Effect[] {
  return [
    {
      question: 'counterReasons',
      label: '窓口に来た理由',
      option: 'koseki',
      optionLabel: LONG_OPTION,
      measure: 'share',
      before: { n: 60, value: 0.55 },
      after: { n: 40, value: 0.45 },
      change: estimate(-0.1, 0.04, 0.01),
      did: { ...estimate(-0.12, 0.05, 0.03), pilot: { before: { n: 30, value: 0.5 }, after: { n: 20, value: 0.35 } }, control: { before: { n: 30, value: 0.6 }, after: { n: 20, value: 0.57 } }, preTrend: { estimate: 0.01, p: 0.6 } },
    },
    {
      question: 'counterReasons',
      label: '窓口に来た理由',
      option: 'tax',
      optionLabel: '税の証明',
      measure: 'share',
      before: { n: 60, value: 0.3 },
      after: { n: 40, value: 0.32 },
      change: estimate(0.02, 0.05, 0.4),
      // The pre-trend differs: a warning, in the reader's language.
      did: { ...estimate(0.2, 0.15, 0.2), pilot: { before: { n: 30, value: 0.3 }, after: { n: 20, value: 0.4 } }, control: { before: { n: 30, value: 0.3 }, after: { n: 20, value: 0.3 } }, preTrend: { estimate: 0.15, p: 0.01 } },
    },
    {
      question: 'counterReasons',
      label: '窓口に来た理由',
      option: 'care',
      optionLabel: '介護',
      measure: 'share',
      before: { n: null, value: null },
      after: { n: null, value: null },
      change: null,
      did: null,
      hidden: { change: ['after'], did: ['pilot.after', 'control.after'] },
    },
    {
      question: 'ageBand',
      label: 'あなたの年代',
      measure: 'mean',
      before: { n: 60, value: 2.1 },
      after: { n: 40, value: 2.4 },
      change: estimate(0.3, 0.2, 0.04),
      did: null,
    },
  ];
}


/** 自由記述 (issue 27): 200 comments, 40 words, a network of eight, two codes by age band with 30代 hidden. */
const textWords = ['駐車場', '書類', '待ち時間', '窓口', '予約', '職員', '案内', '手続'];

export function handMadeText(): TextAnalysis {
  const many = Array.from({ length: 40 }, (_, i) => ({ word: i < textWords.length ? textWords[i] : `語${i}`, pos: 'noun' as const, count: 80 - i, share: (80 - i) / 200 }));
  return {
    question: 'comment',
    label: 'ご意見',
    comments: { n: 200, withWords: 190 },
    hidden: false,
    words: many,
    byGroup: {
      groups: [
        { label: '20代', n: 120 },
        { label: '30代', n: null, suppressed: 'small' },
      ],
      rows: many.map((word) => ({ word: word.word, cells: [{ count: 10, share: 10 / 120 }, { count: null, share: null }] })),
    },
    network: {
      nodes: textWords.map((word, i) => ({ word, count: 80 - 8 * i, community: i % 3 })),
      edges: [
        { source: 0, target: 1, count: 30, jaccard: 0.6 },
        { source: 0, target: 2, count: 20, jaccard: 0.3 },
        { source: 3, target: 4, count: 25, jaccard: 0.5 },
        { source: 5, target: 6, count: 10, jaccard: 0.2 },
      ],
      rule: { candidateWords: 60, maxEdges: 60, minCooccurrence: 3, communities: 'louvain' },
    },
    codes: [
      { code: '待ち時間', count: 60, share: 0.3 },
      { code: '紙文化', count: 40, share: 0.2 },
    ],
    codeCrosstabs: {
      groups: [
        { label: '20代', n: 120, cells: [{ count: 50, share: 50 / 120, residual: 3, mark: '▲▲' }, { count: 20, share: 20 / 120, residual: -1, mark: '' }] },
        { label: '30代', n: null, suppressed: 'small', cells: [{ count: null, share: null, residual: null, mark: '' }, { count: null, share: null, residual: null, mark: '' }] },
      ],
      merged: null,
      total: { n: 200, cells: [{ count: 60, share: 0.3, residual: null, mark: '' }, { count: 40, share: 0.2, residual: null, mark: '' }] },
      tests: [{ statistic: 9.5, df: 1, p: 0.002, pAdjusted: 0.004, cramersV: 0.22 }, null],
    },
    by: 'ageBand',
    byLabel: 'あなたの年代',
  };
}

