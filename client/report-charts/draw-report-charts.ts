/**
 * The HTML report's browser script: draws every chart described in the page's
 * `<script type="application/json" id="report-charts">` with the Chart.js inlined before it, through
 * the same configuration and plugins as the dashboard (core/report-view). Bundled into one classic
 * script when a report is rendered (server/report/report-assets.ts); Chart.js itself is not bundled
 * but read from the UMD build's global, so the page carries one copy of it.
 */
import type { Chart as ChartClass } from 'chart.js';
import { chartConfig } from '../../core/report-view/chart-config.ts';
import type { ChartDescription } from '../../core/report-view/describe-charts.ts';
import { applyChartDefaults, CHART_PLUGINS } from '../../core/report-view/plugins/chart-plugins.ts';

declare const Chart: typeof ChartClass | undefined;

const dataElement = document.getElementById('report-charts');
if (dataElement && typeof Chart !== 'undefined') {
  Chart.register(...CHART_PLUGINS);
  applyChartDefaults(Chart);
  const charts = JSON.parse(dataElement.textContent ?? '[]') as Array<{ id: string; chart: ChartDescription }>;
  for (const entry of charts) {
    const canvas = document.getElementById(entry.id);
    if (canvas instanceof HTMLCanvasElement) new Chart(canvas, chartConfig(entry.chart));
  }
  document.documentElement.setAttribute('data-charts-ready', String(charts.length));
}
