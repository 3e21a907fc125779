/**
 * The importance–satisfaction scatter's guides: a dashed line on each axis at
 * the point the report gives (the mean of the item means), the four quadrant
 * names in their corners, and each point's label beside it, moved aside when
 * it would cover another label (and left to the tooltip and table when no
 * place is free).
 *
 * Options: plugins.quadrantLines = { x, y, corners: { topLeft, topRight,
 * bottomLeft, bottomRight }, pointLabels: text per point of dataset 0 }.
 */
import type { Chart, Plugin } from 'chart.js';

export interface QuadrantLinesOptions {
  x?: number;
  y?: number;
  corners?: { topLeft: string; topRight: string; bottomLeft: string; bottomRight: string };
  /** Text per point, per dataset: pointLabels[datasetIndex][pointIndex]. */
  pointLabels?: string[][];
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType> {
    quadrantLines?: QuadrantLinesOptions;
  }
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

export const quadrantLinesPlugin: Plugin<'scatter', QuadrantLinesOptions> = {
  id: 'quadrantLines',
  beforeDatasetsDraw(chart: Chart<'scatter'>, _args, options) {
    if (options.x === undefined || options.y === undefined) return;
    const { ctx, chartArea: area } = chart;
    const x = chart.scales.x.getPixelForValue(options.x);
    const y = chart.scales.y.getPixelForValue(options.y);
    ctx.save();
    ctx.strokeStyle = '#5b6673';
    ctx.lineWidth = 1;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.bottom);
    ctx.moveTo(area.left, y);
    ctx.lineTo(area.right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    if (options.corners) {
      ctx.fillStyle = '#4f5966';
      ctx.font = `700 12px ${chart.options.font?.family ?? 'sans-serif'}`;
      const pad = 6;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(options.corners.topLeft, area.left + pad, area.top + pad);
      ctx.textAlign = 'right';
      ctx.fillText(options.corners.topRight, area.right - pad, area.top + pad);
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'left';
      ctx.fillText(options.corners.bottomLeft, area.left + pad, area.bottom - pad);
      ctx.textAlign = 'right';
      ctx.fillText(options.corners.bottomRight, area.right - pad, area.bottom - pad);
    }
    ctx.restore();
  },
  afterDatasetsDraw(chart: Chart<'scatter'>, _args, options) {
    const labels = options.pointLabels;
    if (!labels) return;
    const { ctx, chartArea: area } = chart;
    ctx.save();
    ctx.font = `12px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.fillStyle = '#1b1f24';
    ctx.textBaseline = 'middle';
    const placed: Box[] = [];
    // Points themselves are obstacles too.
    chart.data.datasets.forEach((_dataset, datasetIndex) => {
      for (const point of chart.getDatasetMeta(datasetIndex).data) {
        const { x, y } = point.getProps(['x', 'y'], true) as { x: number; y: number };
        placed.push({ left: x - 5, right: x + 5, top: y - 5, bottom: y + 5 });
      }
    });
    chart.data.datasets.forEach((_dataset, datasetIndex) => {
      chart.getDatasetMeta(datasetIndex).data.forEach((point, index) => {
        const text = labels[datasetIndex]?.[index];
        if (!text) return;
        const { x, y } = point.getProps(['x', 'y'], true) as { x: number; y: number };
        const width = ctx.measureText(text).width;
        const height = 14;
        const candidates: Box[] = [
          { left: x + 8, right: x + 8 + width, top: y - height / 2, bottom: y + height / 2 },
          { left: x - 8 - width, right: x - 8, top: y - height / 2, bottom: y + height / 2 },
          { left: x - width / 2, right: x + width / 2, top: y - 8 - height, bottom: y - 8 },
          { left: x - width / 2, right: x + width / 2, top: y + 8, bottom: y + 8 + height },
        ];
        const free = candidates.find(
          (box) =>
            box.left >= area.left && box.right <= area.right && box.top >= area.top && box.bottom <= area.bottom && !placed.some((other) => overlaps(box, other)),
        );
        if (!free) return;
        placed.push(free);
        ctx.textAlign = 'left';
        ctx.fillText(text, free.left, (free.top + free.bottom) / 2);
      });
    });
    ctx.restore();
  },
};
