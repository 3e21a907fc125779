/**
 * Importance × satisfaction: each item a point, coloured by the quadrant the
 * report assigned, with dashed lines where the report puts the quadrant
 * boundaries (the mean of the item means). Top left — important but
 * unsatisfying — is where to act first.
 */
import { Scatter } from 'react-chartjs-2';
import './register-charts.ts';
import { formatCount, formatNumber, type DashboardLocale, type DashboardTexts } from '../dashboard-texts.ts';
import type { IpaItem, IpaSet, Quadrant } from '../report-shape.ts';
import { QUADRANT_COLOURS } from '../../../../core/report-view/palette.ts';
import { truncateLabel } from '../../../../core/report-view/truncate-label.ts';

export interface IpaChartProps {
  ipa: IpaSet;
  locale: DashboardLocale;
  texts: DashboardTexts;
  itemLabel: (item: string, fallback: string) => string;
}

const QUADRANT_ORDER: Quadrant[] = ['concentrate', 'keep', 'overkill', 'low'];

/** An item the report shows (a hidden one has null means). */
type ShownItem = IpaItem & { importance: number; satisfaction: number; gap: number; quadrant: Quadrant; n: number };

export function shownIpaItems(ipa: IpaSet): ShownItem[] {
  return ipa.items.filter(
    (item): item is ShownItem => item.importance !== null && item.satisfaction !== null && item.gap !== null && item.quadrant !== null && item.n !== null,
  );
}

/** Axis bounds around the data on the scale's half points, with room for the point labels. */
function bounds(values: number[]): { min: number; max: number } {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max(0.15, (high - low) * 0.1);
  return { min: Math.floor((low - pad) * 2) / 2, max: Math.ceil((high + pad) * 2) / 2 };
}

export function IpaChart({ ipa, locale, texts, itemLabel }: IpaChartProps) {
  const labelOf = (item: string, fallback: string) => itemLabel(item, fallback);
  const shown = shownIpaItems(ipa);
  const groups = QUADRANT_ORDER.map((quadrant) => ({ quadrant, items: shown.filter((item) => item.quadrant === quadrant) })).filter((group) => group.items.length > 0);
  const means = ipa.importanceMean !== null && ipa.satisfactionMean !== null ? { importance: ipa.importanceMean, satisfaction: ipa.satisfactionMean } : undefined;
  const x = bounds([...shown.map((item) => item.satisfaction), ...(means ? [means.satisfaction] : [])]);
  const y = bounds([...shown.map((item) => item.importance), ...(means ? [means.importance] : [])]);
  const summary = shown
    .map((item) => `${labelOf(item.item, item.label)}: ${texts.importance} ${formatNumber(item.importance)}, ${texts.satisfaction} ${formatNumber(item.satisfaction)} (${texts.quadrants[item.quadrant]})`)
    .join('; ');
  return (
    <div className="chart-area chart-area--ipa">
      <Scatter
        role="img"
        aria-label={`${texts.ipaTitle}: ${summary}`}
        data={{
          datasets: groups.map(({ quadrant, items }) => ({
            label: texts.quadrants[quadrant],
            data: items.map((item) => ({ x: item.satisfaction, y: item.importance })),
            backgroundColor: QUADRANT_COLOURS[quadrant],
            borderColor: '#ffffff',
            borderWidth: 1.5,
            pointRadius: 6,
            pointHoverRadius: 8,
          })),
        }}
        options={{
          layout: { padding: { top: 4, right: 12 } },
          plugins: {
            legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'circle', boxWidth: 8, boxHeight: 8, padding: 12 } },
            quadrantLines: {
              x: means?.satisfaction,
              y: means?.importance,
              corners: {
                topLeft: texts.quadrants.concentrate,
                topRight: texts.quadrants.keep,
                bottomLeft: texts.quadrants.low,
                bottomRight: texts.quadrants.overkill,
              },
              pointLabels: groups.map(({ items }) => items.map((item) => truncateLabel(labelOf(item.item, item.label), locale === 'ja' ? 14 : 24))),
            },
            tooltip: {
              callbacks: {
                title: (items) => {
                  const item = groups[items[0].datasetIndex].items[items[0].dataIndex];
                  return labelOf(item.item, item.label);
                },
                label: (context) => {
                  const item = groups[context.datasetIndex].items[context.dataIndex];
                  return [
                    `${texts.importance}: ${formatNumber(item.importance)}`,
                    `${texts.satisfaction}: ${formatNumber(item.satisfaction)}`,
                    `${texts.gap}: ${formatNumber(item.gap)}`,
                    `n = ${formatCount(item.n, locale)}`,
                  ];
                },
              },
            },
          },
          scales: {
            x: { ...x, title: { display: true, text: `${texts.satisfaction} →`, font: { weight: 'bold' } }, ticks: { stepSize: 0.5 } },
            y: { ...y, title: { display: true, text: `${texts.importance} →`, font: { weight: 'bold' } }, ticks: { stepSize: 0.5 } },
          },
        }}
      />
    </div>
  );
}

export function IpaTable({ ipa, locale, texts, itemLabel }: IpaChartProps) {
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
            <th scope="row">{itemLabel(item.item, item.label)}</th>
            <td className="num">{formatNumber(item.importance)}</td>
            <td className="num">{formatNumber(item.satisfaction)}</td>
            <td className="num">{formatNumber(item.gap)}</td>
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
