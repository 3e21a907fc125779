/**
 * Writes each bar segment's share inside it (when it fits), so an analyst
 * reads the numbers without hovering. Text is white on dark segments and ink
 * on light ones (relative luminance, WCAG 2.x).
 *
 * Options: plugins.segmentLabels = { texts: texts[datasetIndex][index] }.
 */
import type { Chart, Plugin } from 'chart.js';

export interface SegmentLabelsOptions {
  texts?: Array<Array<string | null | undefined>>;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType> {
    segmentLabels?: SegmentLabelsOptions;
  }
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) return 1;
  const channel = (offset: number) => {
    const value = parseInt(match[1].slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** White text reaches 4.5:1 on backgrounds darker than about this luminance. */
const WHITE_TEXT_BELOW = 0.18;

export const segmentLabelsPlugin: Plugin<'bar', SegmentLabelsOptions> = {
  id: 'segmentLabels',
  afterDatasetsDraw(chart: Chart<'bar'>, _args, options) {
    const texts = options.texts;
    if (!texts) return;
    const { ctx } = chart;
    ctx.save();
    ctx.font = `600 11px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      const meta = chart.getDatasetMeta(datasetIndex);
      if (meta.hidden) return;
      meta.data.forEach((bar, index) => {
        const text = texts[datasetIndex]?.[index];
        if (!text) return;
        const { x, y, base, height } = bar.getProps(['x', 'y', 'base', 'height'], true) as { x: number; y: number; base: number; height: number };
        const width = Math.abs(x - base);
        if (width < ctx.measureText(text).width + 6 || height < 12) return;
        const colour = Array.isArray(dataset.backgroundColor) ? String(dataset.backgroundColor[index]) : String(dataset.backgroundColor);
        ctx.fillStyle = luminance(colour) < WHITE_TEXT_BELOW ? '#ffffff' : '#1b1f24';
        ctx.fillText(text, (x + base) / 2, y);
      });
    });
    ctx.restore();
  },
};
