/**
 * A forest plot as plain shapes (lines, marks, texts) in SVG user units, computed here so it is the
 * same wherever it is drawn and can be tested without a browser. The HTML report writes these as an
 * inline SVG, which prints as vectors: a canvas chart is a bitmap on paper, and thin interval lines
 * and small labels blur. One row per figure, largest |estimate| first (as the dashboard sorts), each
 * with its 95% interval, a dashed line at zero, and the marked figures (Holm-adjusted p < 0.05)
 * drawn filled and dark, the others open and grey, so the difference survives a grey-scale printer.
 */
import { INK, BRAND } from './palette.ts';
import { labelUnits, wrapLabel } from './truncate-label.ts';

export interface ForestRow {
  /** The figure's key (effectKey): unique within a report; the dashboard and its tests find a row by it. */
  key?: string;
  /** What is measured (an option, a row's mean), on the first line. */
  label: string;
  /** The question it belongs to, smaller and grey on the second line. */
  context?: string;
  estimate: number;
  low: number;
  high: number;
  /** Holm-adjusted p, when the row is a tested figure. */
  pAdjusted?: number;
  marked: boolean;
}

export interface ForestPlot {
  rows: ForestRow[];
  /** The axis' caption, e.g. 「変化（ポイント）」. */
  axisLabel: string;
  /** Formats a tick (already in the plot's units). */
  tick?: (value: number) => string;
  /** Decimals a figure is written with where the plot is a list (Markdown): 1 for points, 2 for means. */
  digits?: number;
}

export type ForestShape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: string }
  | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; fill: string; bold?: boolean }
  | { kind: 'mark'; x: number; y: number; size: number; filled: boolean; colour: string };

export interface ForestLayout {
  width: number;
  height: number;
  shapes: ForestShape[];
}

/** The printable width of A4 less the report's 15 mm margins, in CSS pixels (180 mm at 96 px per inch). */
export const FOREST_WIDTH = 680;
const LABEL_WIDTH = 300;
const ROW_HEIGHT = 30;
const TOP = 12;
const AXIS_HEIGHT = 44;
const FONT = 11;
/** Half-width units per label line: 11 px type in 300 px, a kanji counting two. */
const LABEL_UNITS = 48;
const MUTED = '#6b7480';

/** The axis: every interval and zero, widened to round steps. */
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
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Number((Math.round(tick / step) * step).toPrecision(12)));
  return { min: low, max: high, ticks };
}

export function layoutForestPlot(plot: ForestPlot, width = FOREST_WIDTH): ForestLayout {
  const scale = forestScale(plot.rows);
  const left = LABEL_WIDTH + 12;
  const right = width - 16;
  const x = (value: number) => left + ((value - scale.min) / (scale.max - scale.min)) * (right - left);
  const bottom = TOP + plot.rows.length * ROW_HEIGHT;
  const height = bottom + AXIS_HEIGHT;
  const tick = plot.tick ?? ((value: number) => String(value));
  const shapes: ForestShape[] = [];
  // Light guides at each tick first, so rows are drawn over them.
  for (const value of scale.ticks) {
    shapes.push({ kind: 'line', x1: x(value), y1: TOP, x2: x(value), y2: bottom, stroke: value === 0 ? INK : '#d5d9de', width: value === 0 ? 1 : 0.6, ...(value === 0 ? { dash: '4 3' } : {}) });
  }
  plot.rows.forEach((row, index) => {
    const middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
    const colour = row.marked ? BRAND : MUTED;
    // The measure on the first line, the question under it in grey; each cut to one line of the column.
    const label = wrapLabel(row.label, LABEL_UNITS);
    const first = typeof label === 'string' ? [label] : row.context === undefined ? label : [oneLine(row.label, LABEL_UNITS)];
    const lines: Array<{ text: string; size: number; fill: string; bold?: boolean }> = first.map((text) => ({ text, size: FONT, fill: INK, bold: row.marked }));
    if (row.context !== undefined) {
      const context = wrapLabel(row.context, Math.floor((LABEL_UNITS * FONT) / (FONT - 1.5)));
      lines.push({ text: typeof context === 'string' ? context : oneLine(row.context, Math.floor((LABEL_UNITS * FONT) / (FONT - 1.5))), size: FONT - 1.5, fill: MUTED });
    }
    lines.forEach((line, k) => {
      shapes.push({ kind: 'text', x: LABEL_WIDTH, y: middle + (k - (lines.length - 1) / 2) * (FONT + 1) + FONT * 0.35, text: line.text, anchor: 'end', size: line.size, fill: line.fill, bold: line.bold });
    });
    shapes.push({ kind: 'line', x1: x(row.low), y1: middle, x2: x(row.high), y2: middle, stroke: colour, width: row.marked ? 2 : 1.4 });
    for (const end of [row.low, row.high]) shapes.push({ kind: 'line', x1: x(end), y1: middle - 4, x2: x(end), y2: middle + 4, stroke: colour, width: 1.2 });
    shapes.push({ kind: 'mark', x: x(row.estimate), y: middle, size: 5, filled: row.marked, colour });
  });
  shapes.push({ kind: 'line', x1: left, y1: bottom, x2: right, y2: bottom, stroke: INK, width: 1 });
  for (const value of scale.ticks) {
    shapes.push({ kind: 'line', x1: x(value), y1: bottom, x2: x(value), y2: bottom + 4, stroke: INK, width: 1 });
    shapes.push({ kind: 'text', x: x(value), y: bottom + 16, text: tick(value), anchor: 'middle', size: FONT - 1, fill: INK });
  }
  shapes.push({ kind: 'text', x: (left + right) / 2, y: bottom + 34, text: plot.axisLabel, anchor: 'middle', size: FONT, fill: INK });
  return { width, height, shapes };
}

/** The text cut to one line of `units`, ending in 「…」 when cut. */
function oneLine(text: string, units: number): string {
  if (labelUnits(text) <= units) return text;
  const characters = Array.from(text);
  let kept = '';
  for (const character of characters) {
    if (labelUnits(kept + character) > units - 2) break;
    kept += character;
  }
  return `${kept.trimEnd()}…`;
}

/** Whether every label line fits its column (used by tests: a label never runs into the plot). */
export function labelsFit(layout: ForestLayout): boolean {
  return layout.shapes.every((shape) => shape.kind !== 'text' || shape.anchor !== 'end' || (labelUnits(shape.text) * shape.size) / 2 <= LABEL_WIDTH);
}
