/**
 * Draws a 95% confidence interval as a whisker (a line with end caps) across
 * each bar of a horizontal bar chart, and the bar's value as text beyond it.
 * A few lines of canvas instead of another package: Chart.js has no error
 * bars of its own (https://www.chartjs.org/docs/latest/developers/plugins.html).
 *
 * Options (per chart): plugins.ciWhiskers = { intervals: [[lo, hi], …] in the
 * units of the value axis, one per bar of dataset 0; labels: text per bar }.
 */
import type { Chart, Plugin } from 'chart.js';

export interface CiWhiskersOptions {
  intervals?: Array<[number, number] | null>;
  labels?: string[];
  color?: string;
  labelColor?: string;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType> {
    ciWhiskers?: CiWhiskersOptions;
  }
}

const CAP_HALF_HEIGHT = 5;

export const ciWhiskersPlugin: Plugin<'bar', CiWhiskersOptions> = {
  id: 'ciWhiskers',
  afterDatasetsDraw(chart: Chart<'bar'>, _args, options) {
    const intervals = options.intervals;
    if (!intervals?.length) return;
    const meta = chart.getDatasetMeta(0);
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = horizontal ? chart.scales.x : chart.scales.y;
    const { ctx } = chart;
    ctx.save();
    ctx.strokeStyle = options.color ?? '#1b1f24';
    ctx.lineWidth = 1.5;
    ctx.fillStyle = options.labelColor ?? '#1b1f24';
    ctx.font = `600 12px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.textBaseline = 'middle';
    meta.data.forEach((bar, index) => {
      const interval = intervals[index];
      const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
      let labelAt = horizontal ? x : y;
      if (interval) {
        const low = valueScale.getPixelForValue(interval[0]);
        const high = valueScale.getPixelForValue(interval[1]);
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(low, y);
          ctx.lineTo(high, y);
          ctx.moveTo(low, y - CAP_HALF_HEIGHT);
          ctx.lineTo(low, y + CAP_HALF_HEIGHT);
          ctx.moveTo(high, y - CAP_HALF_HEIGHT);
          ctx.lineTo(high, y + CAP_HALF_HEIGHT);
        } else {
          ctx.moveTo(x, low);
          ctx.lineTo(x, high);
          ctx.moveTo(x - CAP_HALF_HEIGHT, low);
          ctx.lineTo(x + CAP_HALF_HEIGHT, low);
          ctx.moveTo(x - CAP_HALF_HEIGHT, high);
          ctx.lineTo(x + CAP_HALF_HEIGHT, high);
        }
        ctx.stroke();
        labelAt = Math.max(labelAt, high);
      }
      const label = options.labels?.[index];
      if (label && horizontal) ctx.fillText(label, labelAt + 6, y);
    });
    ctx.restore();
  },
};
