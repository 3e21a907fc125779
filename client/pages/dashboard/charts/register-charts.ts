/**
 * Registers only the Chart.js parts the dashboard draws (tree-shaken:
 * https://www.chartjs.org/docs/latest/getting-started/integration.html#bundlers-webpack-rollup-etc),
 * plus our three small plugins. Imported by the chart components only, so
 * Chart.js lives in the dashboard's chunk and never in the survey pages'.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip } from 'chart.js';
import { ciWhiskersPlugin } from '../../../../core/report-view/plugins/ci-whiskers-plugin.ts';
import { quadrantLinesPlugin } from '../../../../core/report-view/plugins/quadrant-lines-plugin.ts';
import { segmentLabelsPlugin } from '../../../../core/report-view/plugins/segment-labels-plugin.ts';

Chart.register(BarController, BarElement, ScatterController, PointElement, CategoryScale, LinearScale, Tooltip, Legend, ciWhiskersPlugin, quadrantLinesPlugin, segmentLabelsPlugin);

Chart.defaults.font.family = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", Meiryo, system-ui, sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#3d4651';
Chart.defaults.borderColor = '#e3e7ec';
// Analysts compare numbers across filters: no animation that makes them wait or misread a bar mid-flight.
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.plugins.tooltip.backgroundColor = 'rgba(20, 28, 38, 0.94)';
Chart.defaults.plugins.tooltip.padding = 8;

export { Chart };
