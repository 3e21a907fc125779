/**
 * 効果検証 (issue 28) in words and numbers for the dashboard: the report's `effects` as a forest plot's
 * rows (sorted by size, each measure on its own scale: shares in points, means in their own units), each
 * with a key the page and its tests find it by; the table and the figures' names are the printed
 * report's (core/report-view/describe-effects.ts). Pure: the view draws these, and the tests compare
 * them with the JSON the page received.
 */
import type { Effect } from '../../../../contracts/report.ts';
import type { Locale } from '../../../../core/i18n/locale.ts';
import { effectParts, MARK_BELOW } from '../../../../core/report-view/describe-effects.ts';

/**
 * The table of every figure (◆ beside the adjusted p under MARK_BELOW, ＊ with the cells too small) and
 * the figures' names are the printed report's, so the view and the report read alike.
 */
export { effectLabel, effectsTable, formatEstimate, MARK_BELOW } from '../../../../core/report-view/describe-effects.ts';

/** A figure's key: question, row, option or top-two or mean. Unique within a report. */
export function effectKey(effect: Effect): string {
  const what = effect.option !== undefined ? `=${String(effect.option)}` : effect.topTwo ? ':topTwo' : ':mean';
  return `${effect.question}${effect.row !== undefined ? `.${effect.row}` : ''}${what}`;
}

export interface ForestRow {
  key: string;
  /** What is measured, first; the question it belongs to (cut to a context) under it, as the printed forest plot has them. */
  label: string;
  context: string;
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
