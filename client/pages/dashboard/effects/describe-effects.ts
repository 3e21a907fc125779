/**
 * 効果検証 (issue 28) in words and numbers for the dashboard: the report's `effects` as a forest plot's
 * rows (sorted by size, each measure on its own scale: shares in points, means in their own units) and
 * as a table with a ◆ at Holm-adjusted p < 0.05 and ＊ with the reason where a figure is hidden. Pure:
 * the view draws these, and the tests compare them with the JSON the page received.
 */
import type { Effect, EffectCell, EffectCellName, EffectComparison, EffectEstimate } from '../../../../contracts/report.ts';
import type { Locale } from '../../../../core/i18n/locale.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../../../../core/i18n/number-format.ts';
import { tabulationTexts } from '../../../../core/report-view/tabulation-texts.ts';
import type { Table } from '../../../../core/report-view/view-types.ts';
import { shortLabel } from '../short-label.ts';
import { effectsTexts } from './effects-texts.ts';

/** Adjusted p below this earns a ◆ (docs/analysis.md: Holm over the report's change tests, and over its DiD tests). */
export const MARK_BELOW = 0.05;

/** A figure's key: question, row, option or top-two or mean. Unique within a report. */
export function effectKey(effect: Effect): string {
  const what = effect.option !== undefined ? `=${String(effect.option)}` : effect.topTwo ? ':topTwo' : ':mean';
  return `${effect.question}${effect.row !== undefined ? `.${effect.row}` : ''}${what}`;
}

/** "Question — row: option" (or the top-two share, or the mean), the question without its polite request. */
export function effectLabel(effect: Effect, locale: Locale): string {
  const words = effectsTexts(locale);
  const what = effect.optionLabel ?? (effect.option !== undefined ? String(effect.option) : effect.topTwo ? words.topTwo : words.mean);
  // A question that ends in 。 or ? ("…をご存じですか。") reads better without it before the colon.
  const question = shortLabel(effect.label).replace(/[。．.？?]$/, '');
  return `${question}${effect.rowLabel ? ` — ${effect.rowLabel}` : ''}: ${what}`;
}

export interface ForestRow {
  key: string;
  label: string;
  estimate: number;
  low: number;
  high: number;
  pAdjusted: number;
  marked: boolean;
}

/**
 * The shown figures of one measure, largest |estimate| first: the DiD when `did` (a pilot was
 * given), else the change. Shares are in points (×100), so the axis reads as the table does.
 */
export function forestRows(effects: readonly Effect[], measure: Effect['measure'], did: boolean, locale: Locale): ForestRow[] {
  const scale = measure === 'share' ? 100 : 1;
  const rows: ForestRow[] = [];
  for (const effect of effects) {
    if (effect.measure !== measure) continue;
    const figure = did ? effect.did : effect.change;
    if (!figure) continue;
    rows.push({
      key: effectKey(effect),
      label: effectLabel(effect, locale),
      estimate: figure.estimate * scale,
      low: figure.low * scale,
      high: figure.high * scale,
      pAdjusted: figure.pAdjusted,
      marked: figure.pAdjusted < MARK_BELOW,
    });
  }
  return rows.sort((a, b) => Math.abs(b.estimate) - Math.abs(a.estimate) || a.key.localeCompare(b.key));
}

/** The axis of a forest plot: every interval and zero, widened to round steps. */
export function forestScale(rows: readonly ForestRow[]): { min: number; max: number; ticks: number[] } {
  let min = 0;
  let max = 0;
  for (const row of rows) {
    min = Math.min(min, row.low);
    max = Math.max(max, row.high);
  }
  if (min === max) return { min: -1, max: 1, ticks: [-1, 0, 1] };
  const rough = (max - min) / 6;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!;
  const low = Math.floor(min / step) * step;
  const high = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Math.round(tick / step) * step);
  return { min: low, max: high, ticks };
}

/** A signed estimate: shares in points with one decimal, means with two; the minus sign typographic. */
export function formatEstimate(value: number, measure: Effect['measure'], locale: Locale): string {
  const scaled = measure === 'share' ? value * 100 : value;
  const digits = measure === 'share' ? 1 : 2;
  const text = formatNumber(Math.abs(scaled), locale, digits);
  const zero = Number(scaled.toFixed(digits)) === 0;
  return zero ? text : `${scaled < 0 ? '−' : '+'}${text}`;
}

/** "−10.2 [−14.0, −6.4] ◆": the estimate, its interval and the mark. */
export function formatInterval(figure: EffectEstimate, measure: Effect['measure'], locale: Locale): string {
  const mark = figure.pAdjusted < MARK_BELOW ? ` ${effectsTexts(locale).mark}` : '';
  return `${formatEstimate(figure.estimate, measure, locale)} [${formatEstimate(figure.low, measure, locale)}, ${formatEstimate(figure.high, measure, locale)}]${mark}`;
}

function formatValue(cell: EffectCell, measure: Effect['measure'], locale: Locale): string {
  if (cell.value === null) return tabulationTexts(locale).hidden;
  return measure === 'share' ? formatPercent(cell.value, locale) : formatNumber(cell.value, locale, 2);
}

/** Why a figure is hidden, naming the cells under the minimum group size. */
export function hiddenNote(cells: readonly EffectCellName[], minGroupSize: number, locale: Locale): string {
  const words = effectsTexts(locale);
  return words.hiddenBecause(cells.map((cell) => words.cellNames[cell]).join(words.join), minGroupSize);
}

/**
 * Every figure in the report's order: before and after n and value, the change with its interval
 * and adjusted p, and with a pilot the DiD, its adjusted p and the pre-trend p; hidden figures ＊ with
 * the reason in the last column.
 */
export function effectsTable(effects: readonly Effect[], comparison: EffectComparison, minGroupSize: number, locale: Locale): Table {
  const words = effectsTexts(locale);
  const HIDDEN = tabulationTexts(locale).hidden;
  const pilot = comparison.pilot !== null;
  const columns = [
    words.item,
    `${words.before} ${words.n}`,
    `${words.before} ${words.value}`,
    `${words.after} ${words.n}`,
    `${words.after} ${words.value}`,
    words.change,
    words.pAdjusted,
    ...(pilot ? [words.did, words.pAdjusted, words.preTrend] : []),
    words.note,
  ];
  const numeric = columns.map((_, index) => index > 0 && index < columns.length - 1);
  let hides = false;
  const rows = effects.map((effect) => {
    const notes: string[] = [];
    if (effect.hidden?.change?.length) notes.push(hiddenNote(effect.hidden.change, minGroupSize, locale));
    if (pilot && effect.hidden?.did?.length) notes.push(`DiD: ${hiddenNote(effect.hidden.did, minGroupSize, locale)}`);
    // Null and not hidden: it could not be computed (nobody or everybody chose it), so no ＊ but a dash.
    const none = (hidden: EffectCellName[] | undefined) => (hidden?.length ? HIDDEN : '—');
    const change = effect.change ? [formatInterval(effect.change, effect.measure, locale), formatP(effect.change.pAdjusted, locale)] : [none(effect.hidden?.change), none(effect.hidden?.change)];
    const did = effect.did
      ? [formatInterval(effect.did, effect.measure, locale), formatP(effect.did.pAdjusted, locale), effect.did.preTrend ? formatP(effect.did.preTrend.p, locale) : '—']
      : [none(effect.hidden?.did), none(effect.hidden?.did), none(effect.hidden?.did)];
    const row = [
      effectLabel(effect, locale),
      effect.before.n === null ? HIDDEN : formatCount(effect.before.n, locale),
      formatValue(effect.before, effect.measure, locale),
      effect.after.n === null ? HIDDEN : formatCount(effect.after.n, locale),
      formatValue(effect.after, effect.measure, locale),
      ...change,
      ...(pilot ? did : []),
      notes.join(' '),
    ];
    if (row.includes(HIDDEN)) hides = true;
    return row;
  });
  return { columns, numeric, rows, hides };
}
