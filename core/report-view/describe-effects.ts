/**
 * 効果検証 (issue 28) for the printed report and the workbook: the report's `effectComparison` and
 * `effects` in the reader's language. How the responses were split and grouped, the methods in
 * words, the pre-trend warnings, forest plots of the changes and the DiD (largest first, with 95%
 * intervals), one table of every figure with ◆ at Holm-adjusted p < 0.05 and ＊ with the reason where
 * a figure is hidden, and what a DiD assumes. The figures are defined in docs/analysis.md
 * ("効果検証"); the words here follow it. Pure.
 */
import type { Effect, EffectCell, EffectCellName, EffectComparison, EffectEstimate, Report } from '../../contracts/report.ts';
import { defineTexts } from '../i18n/define-texts.ts';
import type { Locale } from '../i18n/locale.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../i18n/number-format.ts';
import type { ForestPlot } from './layout-forest-plot.ts';
import { tabulationTexts } from './tabulation-texts.ts';
import type { Section, Table } from './view-types.ts';

/** Holm-adjusted p below this earns a ◆ (Holm over the report's change tests, and over its DiD tests). */
export const MARK_BELOW = 0.05;
/** Rows a printed forest plot shows: about half an A4 page; the table lists every figure. */
export const MAX_FOREST_ROWS = 25;
/** A pre-trend DiD with p below this is a warning (analysis/effects/build-effects.ts). */
const PRE_TREND_ALPHA = 0.05;

export const effectsTexts = defineTexts({
  ja: {
    heading: '効果検証',
    intro:
      '調査期間を導入日で「導入前」と「導入後」に分け、各設問の割合・平均がどれだけ変わったかを 95% 信頼区間とともに示します。試行グループを指定した場合は、試行グループの変化から対照グループの変化を引いた差の差（DiD）も示します。◆ は Holm 法で調整した p が 0.05 未満（変化は変化どうし、DiD は DiD どうしで調整）。',
    split: '区切り',
    splitValue: (date: string, at: string) => `${date} 0時（日本時間、${at}）より前を導入前、以降を導入後`,
    time: '区切りに使った時刻',
    timeValue: '回答を終えた時刻（completedAt、回答した端末の時刻）',
    periods: '回答数',
    periodsValue: (before: string, after: string, undated: string) => `導入前 ${before}件、導入後 ${after}件${undated !== '0' ? `（時刻のない ${undated}件はどちらにも含めない）` : ''}`,
    pilot: '試行グループ',
    pilotValue: (label: string, values: string) => `${label}が ${values} の回答者（それ以外の回答者が対照グループ、${label}に答えていない回答者は DiD に含めない）`,
    noPilot: 'なし（導入前後の比較のみ）',
    methods: '方法',
    shareChange: '割合の変化: 割合の差（Newcomb のハイブリッドスコア区間、χ² 検定）',
    meanChange: '平均の変化: 平均の差（Welch の t 検定）',
    did: 'DiD: 回答者ごとの最小二乗回帰 y ~ 導入後 × 試行 の交互作用（HC1 頑健標準誤差）',
    weightedChange: '変化: 重み付き回帰 y ~ 導入後（標本設計にもとづく標準誤差）',
    weightedDid: 'DiD: 重み付き回帰 y ~ 導入後 × 試行 の交互作用',
    weighting: '重み付け',
    weighted: 'あり（レイキングの重み）',
    unweighted: 'なし',
    preTrend: '試行前の傾向の確認',
    preTrendValue: (from: string, at: string, to: string) => `導入前の期間（${from}〜${to}）を ${at} で前半と後半に分け、その差の差を各指標で計算`,
    preTrendNothingBefore: '導入前の回答がないため、確かめていません',
    preTrendTooShort: '導入前の回答が3か月に満たないため、確かめていません',
    warningsHeading: '試行前の傾向の警告',
    warningsIntro:
      '導入前の期間の前半と後半で、試行グループと対照グループの動きがすでに違っていた指標です（p < 0.05）。平行トレンドの仮定が疑わしいため、これらの DiD は割り引いて読んでください。指標が多いと、偶然でもおよそ20件に1件は警告されます。',
    warning: (place: string, estimate: string, p: string) => `${place}（試行前の差の差 ${estimate}、p ${p}）`,
    noWarnings: '試行前の傾向が p < 0.05 で異なる指標はありません。',
    forestChange: (what: string) => `${what}の変化（導入後 − 導入前）`,
    forestDid: (what: string) => `${what}の差の差（DiD）: 試行グループの変化 − 対照グループの変化`,
    shares: '割合',
    means: '平均',
    axisShares: '変化（ポイント）',
    axisMeans: '変化（各設問の単位）',
    forestNote: '◇ は推定値、線は 95% 信頼区間。変化の大きい順。塗りつぶした ◆ は調整済み p < 0.05。',
    forestMeansNote: '平均はそれぞれの設問の単位（尺度の点数、数値の単位）で示します。',
    forestTop: (shown: string, all: string) => `変化の大きい ${shown}件を示します（全 ${all}件は下の表）。`,
    tableHeading: 'すべての指標',
    item: '項目',
    before: '導入前',
    after: '導入後',
    value: '値',
    change: '変化 [95%信頼区間]',
    pAdjusted: '調整済み p',
    didColumn: 'DiD [95%信頼区間]',
    preTrendP: '試行前の傾向 p',
    note: '注',
    tableNote: '割合の変化と DiD はポイント（%の差）、平均は設問の単位。',
    mark: '◆',
    markLegend: '◆ 調整済み p < 0.05（Holm 法）。',
    hiddenBecause: (cells: string, min: number) => `＊ ${cells}が${min}人未満（またはその答えの人が${min}人未満）のため表示していません`,
    notComputed: '— 全員または誰も選んでいないため計算できません',
    cellNames: {
      before: '導入前',
      after: '導入後',
      'pilot.before': '試行・導入前',
      'pilot.after': '試行・導入後',
      'control.before': '対照・導入前',
      'control.after': '対照・導入後',
    } as Record<EffectCellName, string>,
    join: '・',
    topTwo: '上位2つの割合',
    mean: '平均',
    assumptionsHeading: 'DiD の前提',
    assumptions:
      'DiD は二つのことを前提にしています。平行トレンド: 試行がなければ、試行グループの割合・平均は対照グループと同じように動いたはずであること（上の試行前の傾向の確認はこれに反する兆しを探しますが、証明はできません）。波及がないこと: 試行が対照の区に影響しないこと（試行区の窓口を利用する他区の住民、職員の異動、市全体の広報があると比較が弱まります）、また試行のために各グループの回答者の構成が変わらないこと。各期間の回答者は別の人なので、変化には回答者の顔ぶれの違いも含まれます。重み付けで補正できるのは、重み付けに使った区・年代などの構成だけです。',
    noFigures: '比較できる指標がありません。',
  },
  en: {
    heading: 'Effect evaluation',
    intro:
      'The responses are split at the start date into "before" and "after", and each share and mean is compared, with its 95% interval. With a pilot group, the difference in differences (DiD) is the pilot group’s change minus the control group’s. ◆: Holm-adjusted p < 0.05 (changes adjusted among changes, DiDs among DiDs).',
    split: 'Split',
    splitValue: (date, at) => `before midnight of ${date}, Japan time (${at}): before; from then on: after`,
    time: 'Time used',
    timeValue: 'when the respondent finished (completedAt, the answering device’s clock)',
    periods: 'Responses',
    periodsValue: (before, after, undated) => `${before} before, ${after} after${undated !== '0' ? ` (${undated} without a time are in neither)` : ''}`,
    pilot: 'Pilot group',
    pilotValue: (label, values) => `respondents whose ${label} is ${values} (the other respondents are the control group; those who did not answer it are in no DiD)`,
    noPilot: 'none (before and after only)',
    methods: 'Methods',
    shareChange: 'change in a share: difference of proportions (Newcomb’s hybrid score interval, χ² test)',
    meanChange: 'change in a mean: difference of means (Welch’s t-test)',
    did: 'DiD: the interaction in a least-squares fit y ~ after × pilot on the individual responses (HC1 robust standard errors)',
    weightedChange: 'change: survey-weighted regression y ~ after (design-based standard errors)',
    weightedDid: 'DiD: the interaction in a survey-weighted regression y ~ after × pilot',
    weighting: 'Weighting',
    weighted: 'yes (raking weights)',
    unweighted: 'none',
    preTrend: 'Pre-trend check',
    preTrendValue: (from, at, to) => `the before period (${from} to ${to}) halved at ${at}, and each figure’s DiD of the second half against the first`,
    preTrendNothingBefore: 'not made: no responses before the split',
    preTrendTooShort: 'not made: fewer than three months of responses before the split',
    warningsHeading: 'Pre-trend warnings',
    warningsIntro:
      'In these figures the pilot and control groups already moved apart within the before period (p < 0.05): the parallel-trends assumption is doubtful, so read their DiD with caution. With many figures, about one in twenty warns by chance alone.',
    warning: (place, estimate, p) => `${place} (pre-trend DiD ${estimate}, p ${p})`,
    noWarnings: 'No figure’s pre-trend differs at p < 0.05.',
    forestChange: (what) => `Change in ${what} (after − before)`,
    forestDid: (what) => `DiD of ${what}: the pilot group’s change − the control group’s`,
    shares: 'shares',
    means: 'means',
    axisShares: 'change (percentage points)',
    axisMeans: 'change (each question’s own units)',
    forestNote: '◇ estimates; lines: 95% intervals. Largest change first. Filled ◆: adjusted p < 0.05.',
    forestMeansNote: 'Each mean is in its question’s own units (scale points, or the number asked for).',
    forestTop: (shown, all) => `The ${shown} largest changes (the table below lists all ${all}).`,
    tableHeading: 'Every figure',
    item: 'Item',
    before: 'Before',
    after: 'After',
    value: 'value',
    change: 'Change [95% CI]',
    pAdjusted: 'Adjusted p',
    didColumn: 'DiD [95% CI]',
    preTrendP: 'Pre-trend p',
    note: 'Note',
    tableNote: 'Changes and DiDs of shares in percentage points; of means in the question’s units.',
    mark: '◆',
    markLegend: '◆ adjusted p < 0.05 (Holm).',
    hiddenBecause: (cells, min) => `* hidden: fewer than ${min} respondents (or fewer than ${min} giving the answer) in ${cells}`,
    notComputed: '— cannot be computed: everybody or nobody chose it',
    cellNames: {
      before: 'before',
      after: 'after',
      'pilot.before': 'pilot before',
      'pilot.after': 'pilot after',
      'control.before': 'control before',
      'control.after': 'control after',
    },
    join: ', ',
    topTwo: 'top two',
    mean: 'mean',
    assumptionsHeading: 'What a DiD assumes',
    assumptions:
      'A DiD rests on two assumptions. Parallel trends: without the pilot, the pilot group’s share or mean would have moved as the control group’s did (the pre-trend check above looks for signs against this, but cannot prove it). No spill-over: the pilot does not change the control wards (residents who use a pilot ward’s counter, staff moving between divisions and city-wide publicity weaken the comparison), and the groups’ make-up does not change because of it. Each period’s respondents are different people, so a change also reflects who answered; weighting corrects only for the margins weighted to (ward, age band).',
    noFigures: 'No figure could be compared.',
  },
});

type Words = ReturnType<typeof effectsTexts>;

export interface EffectsView {
  heading: string;
  intro: string;
  facts: Array<[string, string]>;
  /** Pre-trend warnings: present whenever the check was made (an empty list says so in words). */
  warnings?: { heading: string; intro: string; items: string[] };
  plots: Array<{ heading: string; notes: string[]; plot: ForestPlot }>;
  table: Section;
  assumptions?: { heading: string; text: string };
}

/**
 * A figure named in two parts: what is measured (the option, or a matrix row's top-two share or
 * mean) and the question it belongs to, cut to a readable context (the full titles are long:
 * printed whole, the ward-office survey's made every label three lines).
 */
export function effectParts(effect: Effect, locale: Locale): { what: string; question: string } {
  const words = effectsTexts(locale);
  const measure = effect.optionLabel ?? (effect.option !== undefined ? String(effect.option) : effect.topTwo ? words.topTwo : words.mean);
  const what = effect.rowLabel ? `${effect.rowLabel}: ${measure}` : measure;
  const title = shortTitle(effect.label);
  const room = locale === 'ja' ? 28 : 56;
  return { what, question: [...title].length > room ? `${[...title].slice(0, room - 1).join('')}…` : title };
}

/** "Question: option" (or "question — row: top two"), the question cut to a readable context. */
export function effectLabel(effect: Effect, locale: Locale): string {
  const { what, question } = effectParts(effect, locale);
  return effect.rowLabel ? `${question} — ${what}` : `${question}: ${what}`;
}

function shortTitle(title: string): string {
  return title.replace(/(を|は)?(一つ|ひとつ|すべて)?(教えてください|お選びください|お聞かせください|選んでください)。?$/, '').replace(/[?？]$/, '');
}

/** A signed estimate: shares in points with one decimal, means with two; the minus sign typographic. */
export function formatEstimate(value: number, measure: Effect['measure'], locale: Locale): string {
  const scaled = measure === 'share' ? value * 100 : value;
  const digits = measure === 'share' ? 1 : 2;
  const text = formatNumber(Math.abs(scaled), locale, digits);
  const zero = Number(scaled.toFixed(digits)) === 0;
  return zero ? text : `${scaled < 0 ? '−' : '+'}${text}`;
}

/** "−10.2 [−14.0, −6.4]": the estimate and its interval. */
export function formatInterval(figure: EffectEstimate, measure: Effect['measure'], locale: Locale): string {
  return `${formatEstimate(figure.estimate, measure, locale)} [${formatEstimate(figure.low, measure, locale)}, ${formatEstimate(figure.high, measure, locale)}]`;
}

/** Adjusted p with its ◆ when under 0.05. */
export function formatMarkedP(p: number, locale: Locale): string {
  return p < MARK_BELOW ? `${formatP(p, locale)} ${effectsTexts(locale).mark}` : formatP(p, locale);
}

/** Why a figure is hidden, naming the cells under the minimum group size. */
export function hiddenReason(cells: readonly EffectCellName[], minGroupSize: number, locale: Locale): string {
  const words = effectsTexts(locale);
  return words.hiddenBecause(cells.map((cell) => words.cellNames[cell]).join(words.join), minGroupSize);
}

/** A figure's key: question, row, option or top-two or mean. Unique within a report. */
export function effectKey(effect: Effect): string {
  const what = effect.option !== undefined ? `=${String(effect.option)}` : effect.topTwo ? ':topTwo' : ':mean';
  return `${effect.question}${effect.row !== undefined ? `.${effect.row}` : ''}${what}`;
}

/** Forest rows of one measure's changes or DiDs, largest |estimate| first, shares in points. */
export function forestRows(effects: readonly Effect[], measure: Effect['measure'], did: boolean, locale: Locale): ForestPlot['rows'] {
  const scale = measure === 'share' ? 100 : 1;
  const rows: Array<ForestPlot['rows'][number] & { order: number }> = [];
  effects.forEach((effect, order) => {
    if (effect.measure !== measure) return;
    const figure = did ? effect.did : effect.change;
    if (!figure) return;
    const { what, question } = effectParts(effect, locale);
    rows.push({
      key: effectKey(effect),
      label: what,
      context: question,
      estimate: figure.estimate * scale,
      low: figure.low * scale,
      high: figure.high * scale,
      pAdjusted: figure.pAdjusted,
      marked: figure.pAdjusted < MARK_BELOW,
      order,
    });
  });
  return rows.sort((a, b) => Math.abs(b.estimate) - Math.abs(a.estimate) || a.order - b.order).map(({ order: _order, ...row }) => row);
}

/** Japan time's calendar date and time of an instant, e.g. 2026-04-01 00:00 (UTC+9 has no daylight saving). */
function japanTime(iso: string, withTime = false): string {
  const shifted = new Date(Date.parse(iso) + 9 * 3600_000).toISOString();
  return withTime ? `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}` : shifted.slice(0, 10);
}

function cellValue(cell: EffectCell, measure: Effect['measure'], locale: Locale): string {
  if (cell.value === null) return tabulationTexts(locale).hidden;
  return measure === 'share' ? formatPercent(cell.value, locale) : formatNumber(cell.value, locale, 2);
}

/**
 * Every figure in the report's order: before and after n and value, the change with its interval
 * and adjusted p (◆ under 0.05), with a pilot the DiD likewise and the pre-trend p; a hidden figure
 * reads ＊ and says which cells were too small in the last column.
 */
export function effectsTable(effects: readonly Effect[], comparison: EffectComparison, minGroupSize: number, locale: Locale): Table {
  const words = effectsTexts(locale);
  const hidden = tabulationTexts(locale).hidden;
  const pilot = comparison.pilot !== null;
  const columns = [
    words.item,
    `${words.before} n`,
    `${words.before} ${words.value}`,
    `${words.after} n`,
    `${words.after} ${words.value}`,
    words.change,
    words.pAdjusted,
    ...(pilot ? [words.didColumn, words.pAdjusted, words.preTrendP] : []),
    words.note,
  ];
  let hides = false;
  const rows = effects.map((effect) => {
    const notes: string[] = [];
    if (effect.hidden?.change?.length) notes.push(hiddenReason(effect.hidden.change, minGroupSize, locale));
    else if (!effect.change) notes.push(words.notComputed);
    if (pilot && effect.hidden?.did?.length) notes.push(`DiD: ${hiddenReason(effect.hidden.did, minGroupSize, locale)}`);
    // Null and not hidden: nothing to compute (nobody or everybody chose it), so a dash, not ＊.
    const none = (cells: EffectCellName[] | undefined) => (cells?.length ? hidden : '—');
    const change = effect.change
      ? [formatInterval(effect.change, effect.measure, locale), formatMarkedP(effect.change.pAdjusted, locale)]
      : [none(effect.hidden?.change), none(effect.hidden?.change)];
    const did = effect.did
      ? [formatInterval(effect.did, effect.measure, locale), formatMarkedP(effect.did.pAdjusted, locale), effect.did.preTrend ? formatP(effect.did.preTrend.p, locale) : '—']
      : [none(effect.hidden?.did), none(effect.hidden?.did), none(effect.hidden?.did)];
    const row = [
      effectLabel(effect, locale),
      effect.before.n === null ? hidden : formatCount(effect.before.n, locale),
      cellValue(effect.before, effect.measure, locale),
      effect.after.n === null ? hidden : formatCount(effect.after.n, locale),
      cellValue(effect.after, effect.measure, locale),
      ...change,
      ...(pilot ? did : []),
      notes.join(' '),
    ];
    if (row.includes(hidden)) hides = true;
    return row;
  });
  const numeric = columns.map((_, index) => index > 0 && index < columns.length - 1);
  // The note column only when some figure has a note: on A4 it is the column that splits the table in two.
  if (rows.every((row) => row.at(-1) === '')) return { columns: columns.slice(0, -1), numeric: numeric.slice(0, -1), rows: rows.map((row) => row.slice(0, -1)), hides };
  return { columns, numeric, rows, hides };
}

/** 効果検証 in words; undefined when the report was built without --compare. */
export function describeEffects(report: Report, locale: Locale): EffectsView | undefined {
  const comparison = report.effectComparison;
  const effects = report.effects;
  if (!comparison || !effects) return undefined;
  const words = effectsTexts(locale);
  const count = (n: number) => formatCount(n, locale);
  const pilot = comparison.pilot;
  const facts: Array<[string, string]> = [
    [words.split, words.splitValue(comparison.date, `${comparison.at.slice(0, 16).replace('T', ' ')} UTC`)],
    [words.time, words.timeValue],
    [words.periods, words.periodsValue(count(comparison.before), count(comparison.after), count(comparison.undated))],
    [words.pilot, pilot ? words.pilotValue(pilot.label, pilot.values.map((value) => value.label).join(words.join)) : words.noPilot],
    [
      words.methods,
      (comparison.weighted ? [words.weightedChange, ...(pilot ? [words.weightedDid] : [])] : [words.shareChange, words.meanChange, ...(pilot ? [words.did] : [])]).join(
        locale === 'ja' ? '。' : '; ',
      ) + (locale === 'ja' ? '。' : '.'),
    ],
    [words.weighting, comparison.weighted ? words.weighted : words.unweighted],
  ];
  if (pilot) {
    // The analysis says why in its own language; the reason is one of two, known from the counts.
    facts.push([
      words.preTrend,
      comparison.preTrend
        ? words.preTrendValue(japanTime(comparison.preTrend.from, true), japanTime(comparison.preTrend.at, true), japanTime(comparison.preTrend.to, true))
        : comparison.before === 0
          ? words.preTrendNothingBefore
          : words.preTrendTooShort,
    ]);
  }
  // The warnings in the reader's language, from the figures themselves (the analysis wrote them in its own).
  const warned = effects.filter((effect) => effect.did?.preTrend && effect.did.preTrend.p < PRE_TREND_ALPHA);
  const warnings = comparison.preTrend
    ? {
        heading: words.warningsHeading,
        intro: warned.length > 0 ? words.warningsIntro : words.noWarnings,
        items: warned.map((effect) =>
          words.warning(effectLabel(effect, locale), `${formatEstimate(effect.did!.preTrend!.estimate, effect.measure, locale)}${effect.measure === 'share' ? (locale === 'ja' ? 'ポイント' : ' points') : ''}`, formatP(effect.did!.preTrend!.p, locale)),
        ),
      }
    : undefined;

  const plots: EffectsView['plots'] = [];
  const tick = (digits: number) => (value: number) => (value === 0 ? '0' : `${value < 0 ? '−' : '+'}${formatNumber(Math.abs(value), locale, digits)}`);
  for (const did of pilot ? [false, true] : [false]) {
    for (const measure of ['share', 'mean'] as const) {
      const rows = forestRows(effects, measure, did, locale);
      if (rows.length === 0) continue;
      const what = measure === 'share' ? words.shares : words.means;
      const shown = rows.slice(0, MAX_FOREST_ROWS);
      const span = Math.max(...shown.map((row) => row.high - row.low), 0);
      plots.push({
        heading: did ? words.forestDid(what) : words.forestChange(what),
        notes: [
          words.forestNote,
          ...(measure === 'mean' ? [words.forestMeansNote] : []),
          ...(rows.length > shown.length ? [words.forestTop(count(shown.length), count(rows.length))] : []),
        ],
        plot: { rows: shown, axisLabel: measure === 'share' ? words.axisShares : words.axisMeans, tick: tick(span < 2 ? 2 : span < 20 ? 1 : 0), digits: measure === 'share' ? 1 : 2 },
      });
    }
  }
  const table = effectsTable(effects, comparison, report.minGroupSize, locale);
  return {
    heading: words.heading,
    intro: words.intro,
    facts,
    warnings,
    plots,
    table: {
      heading: words.tableHeading,
      notes: effects.length > 0 ? [words.tableNote] : [words.noFigures],
      ...(effects.length > 0 ? { table: { ...table, repeat: 1 } } : {}),
      footnotes: table.rows.some((row) => row.some((cell) => cell.endsWith(words.mark))) ? [words.markLegend] : [],
    },
    assumptions: pilot ? { heading: words.assumptionsHeading, text: words.assumptions } : undefined,
  };
}
