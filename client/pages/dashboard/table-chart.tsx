/**
 * Draws a 単純集計 or クロス集計 chart description (core/report-view/describe-charts.ts) with the
 * one Chart.js configuration the HTML report uses too, tall enough for its bars.
 */
import { Bar, Scatter } from 'react-chartjs-2';
import './charts/register-charts.ts';
import { AXIS_LINE_UNITS } from '../../../core/report-view/truncate-label.ts';
import { chartConfig, wrapGroupLabel } from '../../../core/report-view/chart-config.ts';
import type { ChartDescription } from '../../../core/report-view/describe-charts.ts';

const BAR_ROW_PX = 30;
const STACKED_ROW_PX = 34;
/** A row whose label wraps needs room for every line (12 px text). */
const LINE_PX = 14;

/** Rows of the chart, and the most lines any of their axis labels takes. */
function rowsOf(chart: ChartDescription): { rows: number; lines: number } {
  const count = (label: string | string[]) => (Array.isArray(label) ? label.length : 1);
  if (chart.kind === 'ipa') return { rows: 1, lines: 1 };
  if (chart.kind === 'gap' || chart.kind === 'stacked') return { rows: chart.groups.length, lines: Math.max(1, ...chart.groups.map((group) => count(wrapGroupLabel(group, AXIS_LINE_UNITS)))) };
  return { rows: chart.labels.length, lines: Math.max(1, ...chart.tickLabels.map(count)) };
}

export function chartHeight(chart: ChartDescription): number {
  const { rows, lines } = rowsOf(chart);
  const row = (least: number) => Math.max(least, lines * LINE_PX + 10);
  // Room for the axis title, the ticks and (stacked bars, dots) the legend below.
  if (chart.kind === 'needs' || chart.kind === 'bars') return rows * row(BAR_ROW_PX) + 64;
  if (chart.kind === 'dots') return rows * row(STACKED_ROW_PX) + 90 + 18 * Math.ceil(chart.series.length / 4);
  return rows * row(STACKED_ROW_PX) + 110;
}

export function TableChart({ chart, label, testId }: { chart: ChartDescription; label: string; testId?: string }) {
  const config = chartConfig(chart);
  return (
    <div className="chart-area" style={{ height: chartHeight(chart) }} data-testid={testId}>
      {chart.kind === 'dots' || chart.kind === 'ipa' ? (
        <Scatter role="img" aria-label={label} data={config.data as never} options={config.options as never} />
      ) : (
        <Bar role="img" aria-label={label} data={config.data as never} options={config.options as never} />
      )}
    </div>
  );
}
