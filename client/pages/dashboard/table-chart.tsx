/**
 * Draws a 単純集計 or クロス集計 chart description (core/report-view/describe-charts.ts) with the
 * one Chart.js configuration the HTML report uses too, tall enough for its bars.
 */
import { Bar } from 'react-chartjs-2';
import './charts/register-charts.ts';
import { chartConfig } from '../../../core/report-view/chart-config.ts';
import type { ChartDescription } from '../../../core/report-view/describe-charts.ts';

const BAR_ROW_PX = 30;
const STACKED_ROW_PX = 34;

export function TableChart({ chart, label, testId }: { chart: ChartDescription; label: string; testId?: string }) {
  const config = chartConfig(chart);
  const rows = 'labels' in chart ? chart.labels.length : 'groups' in chart && Array.isArray(chart.groups) ? chart.groups.length : 1;
  // Room for the axis title, the ticks and (stacked bars) the legend below.
  const height = 'labels' in chart ? rows * BAR_ROW_PX + 64 : rows * STACKED_ROW_PX + 110;
  return (
    <div className="chart-area" style={{ height }} data-testid={testId}>
      <Bar role="img" aria-label={label} data={config.data as never} options={config.options as never} />
    </div>
  );
}
