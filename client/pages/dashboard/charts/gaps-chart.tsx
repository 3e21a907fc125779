/**
 * The generation-gap view: for every item the report tested across the
 * cohort question, one bar per cohort showing how its answers split —
 * diverging around the neutral point for ordered scales, stacked for
 * unordered answers and checkbox options — with the test's effect size and
 * Holm-adjusted p beside it. Items come sorted by effect size from the report.
 */
import { Bar } from 'react-chartjs-2';
import './register-charts.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../../../../core/i18n/number-format.ts';
import { gapChartConfig } from '../../../../core/report-view/chart-config.ts';
import { describeGapChart, divergingExtent, isChosenCell } from '../../../../core/report-view/describe-charts.ts';
import type { ReportLabels } from '../../../../core/report-view/report-labels.ts';
import type { DashboardLocale, DashboardTexts } from '../dashboard-texts.ts';
import type { GapItem, Gaps } from '../report-shape.ts';

export interface GapsChartProps {
  gaps: Gaps;
  locale: DashboardLocale;
  texts: DashboardTexts;
  labels: ReportLabels;
  /** Show only the first items (largest effects); undefined for all. */
  limit?: number;
}

const GROUP_ROW_PX = 24;

export function GapsChart({ gaps, locale, texts, labels, limit }: GapsChartProps) {
  const items = limit === undefined ? gaps.items : gaps.items.slice(0, limit);
  return (
    <ol className="gap-list" data-testid="gap-list">
      {items.map((gap) => (
        <GapRow key={`${gap.question}|${gap.item ?? ''}|${String(gap.option ?? '')}`} gap={gap} gaps={gaps} locale={locale} texts={texts} labels={labels} />
      ))}
    </ol>
  );
}

/**
 * What one gap row draws: the HTML report draws the same chart; the row only leaves the legend
 * and axis texts to the HTML around it (`compact`).
 */
export function gapChartOf(gap: GapItem, gaps: Gaps, labels: ReportLabels) {
  const chart = describeGapChart(gap, gaps.by ?? '', labels, divergingExtent(gaps));
  return { chart, config: gapChartConfig(chart, { compact: true }) };
}

function GapRow({ gap, gaps, locale, texts, labels }: { gap: GapItem; gaps: Gaps; locale: DashboardLocale; texts: DashboardTexts; labels: ReportLabels }) {
  const { chart, config } = gapChartOf(gap, gaps, labels);
  const question = labels.gapQuestion(gap);
  const itemName = labels.gapItem(gap);
  const effectName = texts.effectNames[gap.effect.name] ?? gap.effect.name;
  const summary = `${question ? `${question} — ` : ''}${itemName}: ${effectName} ${formatNumber(gap.effect.value, locale, 3)}, ${texts.pAdjusted} ${formatP(gap.pAdjusted, locale)}`;

  return (
    <li className="gap-row" data-testid="gap-row">
      <div className="gap-row__label">
        {question && <span className="gap-row__question">{question}</span>}
        <span className="gap-row__item">{itemName}</span>
      </div>
      <div className="gap-row__chart">
        <div className="chart-area" style={{ height: gap.groups.length * GROUP_ROW_PX + 8 }}>
          <Bar role="img" aria-label={summary} data={config.data} options={config.options} />
        </div>
        <ul className="gap-legend" aria-hidden="true">
          {chart.segments
            .filter((segment) => segment.inLegend)
            .map((segment) => (
              <li key={String(segment.value)}>
                <span className="swatch" style={{ background: segment.color }} />
                {segment.label}
              </li>
            ))}
        </ul>
      </div>
      <dl className="gap-row__stats">
        <div>
          <dt>{effectName}</dt>
          <dd className="gap-row__effect">{formatNumber(gap.effect.value, locale, 3)}</dd>
        </div>
        <div>
          <dt>{texts.pAdjusted}</dt>
          <dd className={gap.pAdjusted < 0.05 ? 'gap-row__p gap-row__p--significant' : 'gap-row__p'}>{formatP(gap.pAdjusted, locale)}</dd>
        </div>
      </dl>
      <p className="gap-row__test">{texts.testNames[gap.test]}</p>
    </li>
  );
}

/** The statistics come right after the item, so they are in view before the groups' columns (issue 11). */
export function GapsTable({ gaps, locale, texts, labels }: GapsChartProps) {
  return (
    <table className="data-table gap-table" data-testid="gaps-table">
      <caption className="visually-hidden">{texts.gapsTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{texts.item}</th>
          <th scope="col" className="num gap-table__stat">
            {texts.effect}
          </th>
          <th scope="col" className="num gap-table__stat">
            {texts.pAdjusted}
          </th>
          <th scope="col">{texts.answer}</th>
          {gaps.groups.map((group) => (
            <th scope="col" key={String(group.value)} className="num">
              {labels.answer(gaps.by ?? '', group.value, group.label)}
              <br />n = {group.n === null ? '—' : formatCount(group.n, locale)}
            </th>
          ))}
        </tr>
      </thead>
      {gaps.items.map((gap) => {
        const rows = compareRows(gap, texts, labels, locale);
        return (
          <tbody key={`${gap.question}|${gap.item ?? ''}|${String(gap.option ?? '')}`} data-testid="gap-item">
            {rows.map((row, index) => (
              <tr key={row.key}>
                {index === 0 && (
                  <>
                    <th scope="rowgroup" rowSpan={rows.length}>
                      {labels.gapQuestion(gap) ? `${labels.gapQuestion(gap)} — ` : ''}
                      {labels.gapItem(gap)}
                    </th>
                    <td className="num gap-table__stat" rowSpan={rows.length}>
                      {texts.effectNames[gap.effect.name]} {formatNumber(gap.effect.value, locale, 3)}
                    </td>
                    <td className="num gap-table__stat" rowSpan={rows.length}>
                      {formatP(gap.pAdjusted, locale)}
                    </td>
                  </>
                )}
                <th scope="row" className="gap-table__answer">
                  {row.answer}
                </th>
                {gap.groups.map((group, position) => (
                  <td key={String(group.value)} className="num" data-group={String(group.value)}>
                    {row.values[position]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  );
}

/**
 * The rows of one gap item, each comparing the same thing across the groups (issue 26: a column
 * must not mix different answers): a scale's mean; a checkbox option's share choosing it; else one
 * row per answer with each group's share of it.
 */
function compareRows(gap: GapItem, texts: DashboardTexts, labels: ReportLabels, locale: DashboardLocale): Array<{ key: string; answer: string; values: string[] }> {
  const hidden = '—';
  if (gap.test === 'kruskal' && gap.groups.some((group) => typeof group.mean === 'number')) {
    return [{ key: 'mean', answer: texts.mean, values: gap.groups.map((group) => (group.distribution !== null && typeof group.mean === 'number' ? formatNumber(group.mean, locale) : hidden)) }];
  }
  if (gap.option !== undefined) {
    return [
      {
        key: 'chosen',
        answer: texts.chosen,
        values: gap.groups.map((group) => {
          const chosen = group.distribution?.find((cell) => isChosenCell(cell.value));
          // A hidden cell (share null: the cross-tab of the same item hides it too) reads ＊, never 0 %.
          if (group.distribution === null || (chosen && chosen.share === null)) return hidden;
          return formatPercent(chosen?.share ?? 0, locale);
        }),
      },
    ];
  }
  const answers = gap.groups.find((group) => group.distribution !== null)?.distribution ?? [];
  return answers.map((answer) => ({
    key: String(answer.value),
    answer: labels.answer(gap.question, answer.value, answer.label),
    values: gap.groups.map((group) => {
      if (group.distribution === null) return hidden;
      const cell = group.distribution.find((candidate) => candidate.value === answer.value);
      if (cell && cell.share === null) return hidden;
      return formatPercent(cell?.share ?? 0, locale);
    }),
  }));
}
