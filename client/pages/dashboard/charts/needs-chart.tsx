/**
 * A needs question's ranking: one horizontal bar per option, its share of the
 * respondents who answered, with the Wilson 95% interval the report computed
 * drawn as a whisker (core/report-view/plugins/ci-whiskers-plugin.ts).
 * Overlapping whiskers mean the order of those two is not settled. When
 * everyone ranked every option, every share is 100 % and the bars show Borda
 * scores instead, as the HTML report does: the chart is the one description
 * and configuration both draw (core/report-view).
 */
import { Bar } from 'react-chartjs-2';
import './register-charts.ts';
import { formatCount, formatNumber, formatPercent } from '../../../../core/i18n/number-format.ts';
import { needsChartConfig } from '../../../../core/report-view/chart-config.ts';
import { describeNeedsChart } from '../../../../core/report-view/describe-charts.ts';
import type { ReportLabels } from '../../../../core/report-view/report-labels.ts';
import type { DashboardLocale, DashboardTexts } from '../dashboard-texts.ts';
import type { NeedsQuestion } from '../report-shape.ts';

export interface NeedsChartProps {
  needs: NeedsQuestion;
  locale: DashboardLocale;
  texts: DashboardTexts;
  labels: ReportLabels;
}

const BAR_ROW_PX = 30;

/** What NeedsChart draws: the HTML report draws the same (test/core/report-view/same-chart.test.ts). */
export function needsChartOf(needs: NeedsQuestion, labels: ReportLabels) {
  const chart = describeNeedsChart(needs, labels);
  return { chart, config: needsChartConfig(chart) };
}

export function NeedsChart({ needs, texts, labels }: NeedsChartProps) {
  const { chart, config } = needsChartOf(needs, labels);
  const summary = chart.labels.map((label, index) => `${index + 1}. ${label} ${chart.valueTexts[index]}`).join('; ');
  return (
    <div className="chart-area" style={{ height: needs.items.length * BAR_ROW_PX + 48 }}>
      <Bar role="img" aria-label={`${texts.needsTitle}: ${summary}`} data={config.data} options={config.options} />
    </div>
  );
}

export function NeedsTable({ needs, locale, texts, labels }: NeedsChartProps) {
  const ranking = needs.kind === 'ranking';
  return (
    <table className="data-table">
      <caption className="visually-hidden">{texts.needsTitle}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {texts.rank}
          </th>
          <th scope="col">{texts.item}</th>
          <th scope="col" className="num">
            {texts.share}
          </th>
          <th scope="col" className="num">
            {texts.ci}
          </th>
          <th scope="col" className="num">
            {texts.count}
          </th>
          {ranking && (
            <>
              <th scope="col" className="num">
                {texts.meanRank}
              </th>
              <th scope="col" className="num">
                {texts.top3}
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {needs.items.map((item) => (
          <tr key={String(item.value)}>
            <td className="num">{item.rank}</td>
            <th scope="row">{labels.answer(needs.question, item.value, item.label)}</th>
            <td className="num">{formatPercent(item.share, locale)}</td>
            <td className="num">
              {formatPercent(item.ci95[0], locale)} – {formatPercent(item.ci95[1], locale)}
            </td>
            <td className="num">{formatCount(item.count, locale)}</td>
            {ranking && (
              <>
                <td className="num">{typeof item.meanRank === 'number' ? formatNumber(item.meanRank, locale) : '—'}</td>
                <td className="num">{item.top3Probability === undefined ? '—' : formatPercent(item.top3Probability, locale, 0)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
