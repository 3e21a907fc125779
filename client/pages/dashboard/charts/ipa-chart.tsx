/**
 * Importance × satisfaction: each item a point, coloured by the quadrant the
 * report assigned, with dashed lines where the report puts the quadrant
 * boundaries (the mean of the item means). Top left — important but
 * unsatisfying — is where to act first.
 */
import { Scatter } from 'react-chartjs-2';
import './register-charts.ts';
import { formatCount, formatNumber } from '../../../../core/i18n/number-format.ts';
import { ipaChartConfig } from '../../../../core/report-view/chart-config.ts';
import { describeIpaChart, shownIpaItems } from '../../../../core/report-view/describe-charts.ts';
import { QUADRANT_COLOURS } from '../../../../core/report-view/palette.ts';
import type { ReportLabels } from '../../../../core/report-view/report-labels.ts';
import type { DashboardLocale, DashboardTexts } from '../dashboard-texts.ts';
import type { IpaSet } from '../report-shape.ts';

export interface IpaChartProps {
  ipa: IpaSet;
  locale: DashboardLocale;
  texts: DashboardTexts;
  labels: ReportLabels;
}

/** What IpaChart draws (undefined when every item is hidden): the HTML report draws the same. */
export function ipaChartOf(ipa: IpaSet, labels: ReportLabels) {
  const chart = describeIpaChart(ipa, labels);
  return chart && { chart, config: ipaChartConfig(chart) };
}

export function IpaChart({ ipa, texts, labels }: IpaChartProps) {
  const drawn = ipaChartOf(ipa, labels);
  if (!drawn) return <div className="chart-area chart-area--ipa" />;
  const { chart, config } = drawn;
  const summary = chart.groups.flatMap((group) => group.points.map((point) => `${point.label}: ${point.tooltip.slice(0, 2).join(', ')} (${group.label})`)).join('; ');
  return (
    <div className="chart-area chart-area--ipa">
      <Scatter role="img" aria-label={`${texts.ipaTitle}: ${summary}`} data={config.data} options={config.options} />
    </div>
  );
}

export function IpaTable({ ipa, locale, texts, labels }: IpaChartProps) {
  const sorted = shownIpaItems(ipa).sort((a, b) => b.gap - a.gap);
  return (
    <table className="data-table">
      <caption className="visually-hidden">{texts.ipaTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{texts.item}</th>
          <th scope="col" className="num">
            {texts.importance}
          </th>
          <th scope="col" className="num">
            {texts.satisfaction}
          </th>
          <th scope="col" className="num">
            {texts.gap}
          </th>
          <th scope="col">{texts.quadrant}</th>
          <th scope="col" className="num">
            n
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((item) => (
          <tr key={item.item}>
            <th scope="row">{labels.ipaItem(ipa.set, item.item, item.label)}</th>
            <td className="num">{formatNumber(item.importance, locale)}</td>
            <td className="num">{formatNumber(item.satisfaction, locale)}</td>
            <td className="num">{formatNumber(item.gap, locale)}</td>
            <td>
              <span className="quadrant-dot" style={{ background: QUADRANT_COLOURS[item.quadrant] }} aria-hidden="true" />
              {texts.quadrants[item.quadrant]}
            </td>
            <td className="num">{formatCount(item.n, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
