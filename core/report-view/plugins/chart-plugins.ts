/**
 * The Chart.js plugins every chart of ours is drawn with, and the defaults they look right with.
 * The dashboard registers them on its bundled Chart.js (client/pages/dashboard/charts/register-charts.ts),
 * the HTML report on its inlined one (client/report-charts/draw-report-charts.ts): the same drawing code.
 * They take the chart instance and draw on its canvas context, so they need no DOM of their own.
 */
import type { Chart as ChartClass } from 'chart.js';
import { ciWhiskersPlugin } from './ci-whiskers-plugin.ts';
import { labelFitPlugin } from './label-fit-plugin.ts';
import { quadrantLinesPlugin } from './quadrant-lines-plugin.ts';
import { segmentLabelsPlugin } from './segment-labels-plugin.ts';

export const CHART_PLUGINS = [ciWhiskersPlugin, quadrantLinesPlugin, segmentLabelsPlugin, labelFitPlugin] as const;

/** System fonts only (nothing is loaded from outside), Japanese faces first. */
export const CHART_FONT_FAMILY =
  '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", Meiryo, system-ui, -apple-system, "Segoe UI", sans-serif';

export function applyChartDefaults(Chart: typeof ChartClass): void {
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#3d4651';
  Chart.defaults.borderColor = '#e3e7ec';
  // Readers compare numbers across filters and pages: no animation that makes them wait or misread a bar mid-flight.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.tooltip.backgroundColor = 'rgba(20, 28, 38, 0.94)';
  Chart.defaults.plugins.tooltip.padding = 8;
  Chart.defaults.plugins.tooltip.titleColor = '#ffffff';
}
