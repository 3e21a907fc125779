/**
 * Checks, after each draw, that every label of a vertical axis fits on the canvas: Chart.js gives
 * a y axis at most a share of the chart's width and cuts what does not fit at the canvas edge
 * (「祉（高齢者…」 for 「介護・福祉（高齢者…」). The labels are wrapped so that this does not happen
 * (truncate-label.ts); this plugin is how we know: it writes the number of cut labels to the
 * canvas's `data-clipped-labels`, which the browser tests read at every screen size, and which
 * costs a reader nothing. It also writes the canvas's words (ticks, legend) to `data-label-texts`,
 * so the language check reads what a chart says, not only the page's HTML.
 */
import type { Chart, Plugin, Scale } from 'chart.js';

interface LabelItem {
  label: string | string[];
  font: { string: string };
  options: { textAlign: string; translation: [number, number] };
}

/** Labels of `scale` that reach outside the canvas (Chart.js draws them clipped). */
export function clippedLabels(chart: Chart, scale: Scale): string[] {
  const items = (scale as unknown as { getLabelItems(): LabelItem[] }).getLabelItems();
  const { ctx } = chart;
  const clipped: string[] = [];
  ctx.save();
  for (const item of items) {
    ctx.font = item.font.string;
    const lines = Array.isArray(item.label) ? item.label : [item.label];
    const [x] = item.options.translation;
    for (const line of lines) {
      const width = ctx.measureText(String(line)).width;
      const left = item.options.textAlign === 'right' ? x - width : item.options.textAlign === 'center' ? x - width / 2 : x;
      const right = left + width;
      if (left < -0.5 || right > chart.width + 0.5) clipped.push(String(line));
    }
  }
  ctx.restore();
  return clipped;
}

/** No options: it only reports. */
export type LabelFitOptions = Record<string, never>;

/** The canvas as far as this plugin touches it (core/ is typed without the DOM). */
interface Attributes {
  setAttribute(name: string, value: string): void;
}

export const labelFitPlugin: Plugin<'bar', LabelFitOptions> = {
  id: 'labelFit',
  afterDraw(chart) {
    const clipped = Object.values(chart.scales)
      .filter((scale) => !scale.isHorizontal() && scale.options.display !== false && (scale.options as { ticks?: { display?: boolean } }).ticks?.display !== false)
      .flatMap((scale) => clippedLabels(chart as unknown as Chart, scale));
    const canvas = chart.canvas as unknown as Attributes;
    canvas.setAttribute('data-clipped-labels', String(clipped.length));
    canvas.setAttribute('data-clipped-label-texts', clipped.join(' | '));
    // What the canvas says in words (axis ticks, legend), for the browser tests' language check.
    const ticks = Object.values(chart.scales).flatMap((scale) => scale.ticks.flatMap((tick) => (Array.isArray(tick.label) ? tick.label : [tick.label ?? ''])));
    const legend = chart.legend?.legendItems?.map((item) => item.text) ?? [];
    canvas.setAttribute('data-label-texts', [...ticks, ...legend].map(String).filter((text) => text !== '').join('\n'));
  },
};
