/**
 * Registers only the Chart.js parts the dashboard draws (tree-shaken:
 * https://www.chartjs.org/docs/latest/getting-started/integration.html#bundlers-webpack-rollup-etc),
 * plus our plugins and defaults, the same the HTML report draws with (core/report-view/plugins/).
 * Imported by the chart components only, so Chart.js lives in the dashboard's chunk and never in
 * the survey pages'.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip } from 'chart.js';
import { applyChartDefaults, CHART_PLUGINS } from '../../../../core/report-view/plugins/chart-plugins.ts';

Chart.register(BarController, BarElement, ScatterController, PointElement, CategoryScale, LinearScale, Tooltip, Legend, ...CHART_PLUGINS);
applyChartDefaults(Chart);

export { Chart };
