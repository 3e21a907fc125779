/**
 * Draws a 単純集計 or クロス集計 chart description (core/report-view/describe-charts.ts) with the
 * one Chart.js configuration the HTML report uses too, tall enough for its bars.
 */
import { Bar, Scatter } from 'react-chartjs-2';
import './charts/register-charts.ts';
import { chartConfig } from '../../../core/report-view/chart-config.ts';
import type { ChartDescription } from '../../../core/report-view/describe-charts.ts';
import { wrapLabel } from '../../../core/report-view/truncate-label.ts';

const BAR_ROW_PX = 30;
/** A row whose label wraps onto two lines needs room for both. */
const TWO_LINE_ROW_PX = 36;
const STACKED_ROW_PX = 34;
const STACKED_TWO_LINE_ROW_PX = 40;

/** Rows of the chart, and whether any of their axis labels takes two lines. */
function rowsOf(chart: ChartDescription): { rows: number; twoLines: boolean } {
  if (chart.kind === 'ipa') return { rows: 1, twoLines: false };
  if (chart.kind === 'gap' || chart.kind === 'stacked') return { rows: chart.groups.length, twoLines: chart.groups.some((group) => Array.isArray(wrapLabel(group))) };
  return { rows: chart.labels.length, twoLines: chart.tickLabels.some(Array.isArray) };
}

export function chartHeight(chart: ChartDescription): number {
  const { rows, twoLines } = rowsOf(chart);
  // Room for the axis title, the ticks and (stacked bars, dots) the legend below.
  if (chart.kind === 'needs' || chart.kind === 'bars') return rows * (twoLines ? TWO_LINE_ROW_PX : BAR_ROW_PX) + 64;
  if (chart.kind === 'dots') return rows * (twoLines ? STACKED_TWO_LINE_ROW_PX : STACKED_ROW_PX) + 90 + 18 * Math.ceil(chart.series.length / 4);
  return rows * (twoLines ? STACKED_TWO_LINE_ROW_PX : STACKED_ROW_PX) + 110;
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
