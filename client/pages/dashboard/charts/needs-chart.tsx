/**
 * A needs question's ranking: one horizontal bar per option, its share of the
 * respondents who answered, with the Wilson 95% interval the report computed
 * drawn as a whisker (ci-whiskers-plugin.ts). Overlapping whiskers mean the
 * order of those two is not settled.
 */
import { Bar } from 'react-chartjs-2';
import './register-charts.ts';
import { formatCount, formatNumber, formatPercent, type DashboardLocale, type DashboardTexts } from '../dashboard-texts.ts';
import type { AnswerValue, NeedsQuestion } from '../report-shape.ts';
import { BRAND } from '../../../../core/report-view/palette.ts';
import { truncateLabel } from '../../../../core/report-view/truncate-label.ts';

export interface NeedsChartProps {
  needs: NeedsQuestion;
  locale: DashboardLocale;
  texts: DashboardTexts;
  itemLabel: (value: AnswerValue, fallback: string) => string;
}

const BAR_ROW_PX = 30;

export function NeedsChart({ needs, locale, texts, itemLabel }: NeedsChartProps) {
  const labels = needs.items.map((item) => itemLabel(item.value, item.label));
  const upper = Math.max(0, ...needs.items.map((item) => item.ci95[1]));
  // Room to the right of the longest whisker for its value label.
  const step = upper > 0.3 ? 0.2 : 0.1;
  const axisMax = Math.min(1, Math.ceil((upper + 0.1) / step) * step);
  const summary = needs.items.map((item, index) => `${item.rank}. ${labels[index]} ${formatPercent(item.share)}`).join('; ');
  return (
    <div className="chart-area" style={{ height: needs.items.length * BAR_ROW_PX + 48 }}>
      <Bar
        role="img"
        aria-label={`${texts.needsTitle}: ${summary}`}
        data={{
          labels,
          datasets: [
            {
              label: texts.share,
              data: needs.items.map((item) => item.share),
              backgroundColor: BRAND,
              borderWidth: 0,
              barPercentage: 0.7,
              categoryPercentage: 0.95,
            },
          ],
        }}
        options={{
          indexAxis: 'y',
          layout: { padding: { right: 8 } },
          plugins: {
            legend: { display: false },
            ciWhiskers: {
              intervals: needs.items.map((item) => item.ci95),
              labels: needs.items.map((item) => formatPercent(item.share)),
            },
            tooltip: {
              callbacks: {
                title: (items) => labels[items[0].dataIndex],
                label: (item) => {
                  const need = needs.items[item.dataIndex];
                  const lines = [
                    `${texts.share}: ${formatPercent(need.share)} (${formatCount(need.count, locale)} / ${needs.answered === null ? '—' : formatCount(needs.answered, locale)})`,
                    `${texts.ci}: ${formatPercent(need.ci95[0])} – ${formatPercent(need.ci95[1])}`,
                  ];
                  if (typeof need.meanRank === 'number') lines.push(`${texts.meanRank}: ${formatNumber(need.meanRank)}`);
                  if (need.top3Probability !== undefined) lines.push(`${texts.top3}: ${formatPercent(need.top3Probability, 0)}`);
                  return lines;
                },
              },
            },
          },
          scales: {
            x: {
              min: 0,
              max: axisMax,
              ticks: { callback: (value) => formatPercent(Number(value), 0), stepSize: step },
              grid: { color: '#e3e7ec' },
            },
            y: {
              grid: { display: false },
              ticks: { autoSkip: false, callback: (_value, index) => truncateLabel(labels[index], locale === 'ja' ? 16 : 28), color: '#1b1f24', font: { size: 12 } },
            },
          },
        }}
      />
    </div>
  );
}

export function NeedsTable({ needs, locale, texts, itemLabel }: NeedsChartProps) {
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
            <th scope="row">{itemLabel(item.value, item.label)}</th>
            <td className="num">{formatPercent(item.share)}</td>
            <td className="num">
              {formatPercent(item.ci95[0])} – {formatPercent(item.ci95[1])}
            </td>
            <td className="num">{formatCount(item.count, locale)}</td>
            {ranking && (
              <>
                <td className="num">{typeof item.meanRank === 'number' ? formatNumber(item.meanRank) : '—'}</td>
                <td className="num">{item.top3Probability === undefined ? '—' : formatPercent(item.top3Probability, 0)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
