/** Responses per day (or week, or month: the server chooses, analysis/timeline), stacked by channel or by ward: is collection running everywhere, and since when. */
import { Bar } from 'react-chartjs-2';
import './register-charts.ts';
import { formatCount } from '../../../../core/i18n/number-format.ts';
import type { DashboardLocale, DashboardTexts } from '../dashboard-texts.ts';
import type { DailyCounts } from '../report-shape.ts';
import { CHANNEL_COLOURS, seriesColour } from '../../../../core/report-view/palette.ts';
import { axisLabels, periodLabel } from './timeline-labels.ts';

export interface TimelineChartProps {
  timeline: DailyCounts;
  locale: DashboardLocale;
  texts: DashboardTexts;
  /** Labels of series values (channel names, ward names from the definition); `members` for the series that adds up small ones. */
  seriesLabel: (value: string, members?: string[]) => string;
}


export function TimelineChart({ timeline, locale, texts, seriesLabel }: TimelineChartProps) {
  const colourOf = (value: string, index: number) => (timeline.by === 'channel' ? (CHANNEL_COLOURS[value] ?? seriesColour(index)) : seriesColour(index));
  const perPeriod = texts.perPeriod[timeline.interval];
  const summary = `${perPeriod}: ${timeline.series.map((s) => `${seriesLabel(s.value, s.members)} ${s.total}`).join(', ')}`;
  return (
    <div className="chart-area chart-area--timeline">
      <Bar
        role="img"
        aria-label={summary}
        data={{
          labels: axisLabels(timeline.periods, timeline.interval, locale),
          datasets: timeline.series.map((series, index) => ({
            label: `${seriesLabel(series.value, series.members)} (${formatCount(series.total, locale)})`,
            data: series.counts,
            backgroundColor: colourOf(series.value, index),
            borderWidth: 0,
            barPercentage: 0.9,
            categoryPercentage: 0.9,
          })),
        }}
        options={{
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12, padding: 10 } },
            tooltip: {
              mode: 'index',
              intersect: false,
              // The tooltip names its period in full, year included, whatever the axis shows.
              callbacks: { title: (items) => `${texts.periodNames[timeline.interval]} ${periodLabel(timeline.periods[items[0].dataIndex], timeline.interval, locale, true)}` },
            },
          },
          scales: {
            x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
          },
        }}
      />
    </div>
  );
}

export function TimelineTable({ timeline, locale, texts, seriesLabel }: TimelineChartProps) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{texts.perPeriod[timeline.interval]}</caption>
      <thead>
        <tr>
          <th scope="col">{texts.periodNames[timeline.interval]}</th>
          {timeline.series.map((series) => (
            <th scope="col" key={series.value} className="num">
              {seriesLabel(series.value, series.members)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {timeline.periods.map((period, periodIndex) => (
          <tr key={period}>
            <th scope="row">{period}</th>
            {timeline.series.map((series) => (
              <td key={series.value} className="num">
                {formatCount(series.counts[periodIndex], locale)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{texts.total}</th>
          {timeline.series.map((series) => (
            <td key={series.value} className="num">
              {formatCount(series.total, locale)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
