/**
 * The generation-gap view: for every item the report tested across the
 * cohort question, one bar per cohort showing how its answers split —
 * diverging around the neutral point for ordered scales, stacked for
 * unordered answers and checkbox options — with the test's effect size and
 * Holm-adjusted p beside it. Items come sorted by effect size from the report.
 */
import { Bar } from 'react-chartjs-2';
import './register-charts.ts';
import { formatCount, formatNumber, formatP, formatPercent, type DashboardLocale, type DashboardTexts } from '../dashboard-texts.ts';
import type { AnswerValue, GapItem, Gaps } from '../report-shape.ts';
import { layoutDivergingBar } from '../../../../core/report-view/layout-diverging-bars.ts';
import { CHOSEN_COLOUR, divergingColours, NOT_CHOSEN_COLOUR, seriesColour } from '../../../../core/report-view/palette.ts';

export interface GapLabels {
  /** The item's own name: the matrix row, the checkbox option, or the question. */
  item: (gap: GapItem) => string;
  /** The question's title, when the item is a row or an option of it. */
  question: (gap: GapItem) => string | undefined;
  answer: (gap: GapItem, value: AnswerValue, fallback: string) => string;
  group: (value: AnswerValue, fallback: string) => string;
}

export interface GapsChartProps {
  gaps: Gaps;
  locale: DashboardLocale;
  texts: DashboardTexts;
  labels: GapLabels;
  /** Show only the first items (largest effects); undefined for all. */
  limit?: number;
}

const GROUP_ROW_PX = 24;

/** A checkbox option's "chosen" answer: the report's cell whose value says so. */
function isChosenCell(value: AnswerValue): boolean {
  return value === true || value === 1 || value === 'chosen' || value === '1' || value === 'true';
}

export function GapsChart({ gaps, locale, texts, labels, limit }: GapsChartProps) {
  const items = limit === undefined ? gaps.items : gaps.items.slice(0, limit);
  const extent = divergingExtent(gaps);
  return (
    <ol className="gap-list" data-testid="gap-list">
      {items.map((gap) => (
        <GapRow key={`${gap.question}|${gap.item ?? ''}|${String(gap.option ?? '')}`} gap={gap} locale={locale} texts={texts} labels={labels} extent={extent} />
      ))}
    </ol>
  );
}

/**
 * How far the diverging bars reach, the same for every scale item so their
 * lengths compare across rows: the widest reach of any, up to the next quarter.
 */
function divergingExtent(gaps: Gaps): number {
  let reach = 0.5;
  for (const gap of gaps.items) {
    if (gap.test !== 'kruskal') continue;
    for (const group of gap.groups) {
      if (!group.distribution) continue;
      for (const segment of layoutDivergingBar(group.distribution, true)) reach = Math.max(reach, -segment.start, segment.end);
    }
  }
  return Math.min(1, Math.ceil(reach * 4) / 4);
}

function GapRow({ gap, locale, texts, labels, extent }: { gap: GapItem; locale: DashboardLocale; texts: DashboardTexts; labels: GapLabels; extent: number }) {
  const ordered = gap.test === 'kruskal';
  const isOption = gap.option !== undefined;
  const groupLabels = gap.groups.map((group) => {
    const name = labels.group(group.value, group.label);
    return group.n === null || group.distribution === null ? `${name}（${texts.hiddenGroup}）` : `${name}  n=${formatCount(group.n, locale)}`;
  });
  const layouts = gap.groups.map((group) => (group.distribution ? layoutDivergingBar(group.distribution, ordered) : null));
  const template = layouts.find((layout) => layout !== null) ?? [];
  const colours = ordered ? divergingColours(template.length) : template.map((segment, index) => (isOption ? (isChosenCell(segment.value) ? CHOSEN_COLOUR : NOT_CHOSEN_COLOUR) : seriesColour(index)));
  const answerLabel = (value: AnswerValue) => {
    const cell = gap.groups.flatMap((group) => group.distribution ?? []).find((candidate) => candidate.value === value);
    if (isOption) return isChosenCell(value) ? texts.chosen : texts.notChosen;
    return labels.answer(gap, value, cell?.label ?? String(value));
  };
  const question = labels.question(gap);
  const itemName = labels.item(gap);
  const effectName = texts.effectNames[gap.effect.name] ?? gap.effect.name;
  const summary = `${question ? `${question} — ` : ''}${itemName}: ${effectName} ${formatNumber(gap.effect.value, 3)}, ${texts.pAdjusted} ${formatP(gap.pAdjusted)}`;

  return (
    <li className="gap-row" data-testid="gap-row">
      <div className="gap-row__label">
        {question && <span className="gap-row__question">{question}</span>}
        <span className="gap-row__item">{itemName}</span>
      </div>
      <div className="gap-row__chart">
        <div className="chart-area" style={{ height: gap.groups.length * GROUP_ROW_PX + 8 }}>
          <Bar
            role="img"
            aria-label={summary}
            data={{
              labels: groupLabels,
              datasets: template.map((segment, position) => ({
                label: answerLabel(segment.value),
                data: layouts.map((layout) => (layout ? ([layout[position].start, layout[position].end] as [number, number]) : null)),
                backgroundColor: colours[position],
                borderColor: '#ffffff',
                borderWidth: { left: 0, right: 1, top: 0, bottom: 0 },
                borderSkipped: false,
                grouped: false,
                barPercentage: 0.78,
                categoryPercentage: 1,
              })),
            }}
            options={{
              indexAxis: 'y',
              layout: { padding: 0 },
              plugins: {
                legend: { display: false },
                segmentLabels: {
                  texts: template.map((_segment, position) =>
                    layouts.map((layout) => (layout && layout[position].share >= 0.09 ? formatPercent(layout[position].share, 0) : undefined)),
                  ),
                },
                tooltip: {
                  callbacks: {
                    title: (tooltipItems) => groupLabels[tooltipItems[0].dataIndex],
                    label: (context) => {
                      const segment = layouts[context.dataIndex]?.[context.datasetIndex];
                      if (!segment) return '';
                      const cell = gap.groups[context.dataIndex].distribution?.find((candidate) => candidate.value === segment.value);
                      return `${answerLabel(segment.value)}: ${formatPercent(segment.share)}${cell ? ` (${formatCount(cell.count, locale)})` : ''}`;
                    },
                  },
                },
              },
              scales: {
                x: {
                  min: ordered ? -extent : 0,
                  max: ordered ? extent : 1,
                  display: true,
                  border: { display: false },
                  ticks: { display: false, stepSize: 0.25 },
                  grid: { color: (context) => (context.tick.value === 0 ? '#5b6673' : '#eceff3'), lineWidth: (context) => (context.tick.value === 0 ? 1.5 : 1) },
                },
                y: { grid: { display: false }, border: { display: false }, ticks: { color: '#1b1f24', font: { size: 12 }, autoSkip: false } },
              },
            }}
          />
        </div>
        <ul className="gap-legend" aria-hidden="true">
          {template
            .filter((segment) => !isOption || isChosenCell(segment.value))
            .map((segment) => (
              <li key={String(segment.value)}>
                <span className="swatch" style={{ background: colours[template.indexOf(segment)] }} />
                {answerLabel(segment.value)}
              </li>
            ))}
        </ul>
      </div>
      <dl className="gap-row__stats">
        <div>
          <dt>{effectName}</dt>
          <dd className="gap-row__effect">{formatNumber(gap.effect.value, 3)}</dd>
        </div>
        <div>
          <dt>{texts.pAdjusted}</dt>
          <dd className={gap.pAdjusted < 0.05 ? 'gap-row__p gap-row__p--significant' : 'gap-row__p'}>{formatP(gap.pAdjusted)}</dd>
        </div>
      </dl>
      <p className="gap-row__test">{texts.testNames[gap.test]}</p>
    </li>
  );
}

export function GapsTable({ gaps, locale, texts, labels }: GapsChartProps) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{texts.gapsTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{texts.item}</th>
          {gaps.groups.map((group) => (
            <th scope="col" key={String(group.value)} className="num">
              {labels.group(group.value, group.label)}
              <br />n = {group.n === null ? '—' : formatCount(group.n, locale)}
            </th>
          ))}
          <th scope="col" className="num">
            {texts.effect}
          </th>
          <th scope="col" className="num">
            {texts.pAdjusted}
          </th>
        </tr>
      </thead>
      <tbody>
        {gaps.items.map((gap) => (
          <tr key={`${gap.question}|${gap.item ?? ''}|${String(gap.option ?? '')}`}>
            <th scope="row">
              {labels.question(gap) ? `${labels.question(gap)} — ` : ''}
              {labels.item(gap)}
            </th>
            {gap.groups.map((group) => (
              <td key={String(group.value)} className="num">
                {group.distribution === null ? '—' : describeGroup(gap, group.mean, group.distribution, texts)}
              </td>
            ))}
            <td className="num">
              {texts.effectNames[gap.effect.name]} {formatNumber(gap.effect.value, 3)}
            </td>
            <td className="num">{formatP(gap.pAdjusted)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A group's cell in the table: its mean for a scale, its share choosing a checkbox option, else its most common answer's share. */
function describeGroup(gap: GapItem, mean: number | null | undefined, distribution: NonNullable<GapItem['groups'][number]['distribution']>, texts: DashboardTexts): string {
  if (gap.test === 'kruskal' && typeof mean === 'number') return formatNumber(mean);
  if (gap.option !== undefined) {
    const chosen = distribution.find((cell) => isChosenCell(cell.value));
    return chosen ? `${texts.chosen} ${formatPercent(chosen.share)}` : '—';
  }
  const top = [...distribution].sort((a, b) => b.share - a.share)[0];
  return top ? `${top.label} ${formatPercent(top.share)}` : '—';
}
