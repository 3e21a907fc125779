/**
 * The charts of a report as data: what each bar, point and segment is called, how long it is,
 * its colour and the texts beside it, language resolved and numbers formatted. The dashboard's
 * charts and the HTML report's charts are both drawn from these descriptions by the same
 * Chart.js configuration (chart-config.ts), so the two always show the same chart.
 *
 * Plain JSON (no functions): the HTML report embeds them as they are.
 */
import type { AnswerValue, GapItem, Gaps, IpaSet, NeedsQuestion, Quadrant } from '../../contracts/report.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../i18n/number-format.ts';
import { toLocale, type Locale } from '../i18n/locale.ts';
import { chartTexts } from './chart-texts.ts';
import { layoutDivergingBar } from './layout-diverging-bars.ts';
import { BRAND, CHOSEN_COLOUR, divergingColours, NOT_CHOSEN_COLOUR, QUADRANT_COLOURS, seriesColour } from './palette.ts';
import type { ReportLabels } from './report-labels.ts';
import { truncateLabel } from './truncate-label.ts';

export interface ValueAxis {
  title: string;
  min: number;
  max: number;
  /** Tick spacing; undefined lets Chart.js choose. */
  step?: number;
  /** How tick values read: a share (0…1) as a percentage, or a plain number. */
  format: 'percent' | 'number';
}

export interface NeedsChart {
  kind: 'needs';
  locale: Locale;
  /** Drawn above the bars (the dashboard and the report put the question in their own heading, so usually empty). */
  title: string;
  note: string;
  /** "share": share of respondents with its 95% interval; "borda": Borda points, when everyone ranked everything. */
  measure: 'share' | 'borda';
  labels: string[];
  /** The labels as the axis shows them (shortened; tooltips and tables keep them whole). */
  tickLabels: string[];
  values: number[];
  intervals: Array<[number, number] | null>;
  /** The value written beyond each bar. */
  valueTexts: string[];
  tooltips: string[][];
  color: string;
  axis: ValueAxis;
}

export interface IpaPoint {
  x: number;
  y: number;
  label: string;
  shortLabel: string;
  tooltip: string[];
}

export interface IpaChart {
  kind: 'ipa';
  locale: Locale;
  title: string;
  note: string;
  /** One group (dataset, legend entry) per quadrant that has items. */
  groups: Array<{ quadrant: Quadrant; label: string; color: string; points: IpaPoint[] }>;
  xMean: number;
  yMean: number;
  x: ValueAxis;
  y: ValueAxis;
  corners: { topLeft: string; topRight: string; bottomLeft: string; bottomRight: string };
}

export interface GapSegment {
  value: AnswerValue;
  label: string;
  color: string;
  /** A checkbox option's "not chosen" is the rest of the bar; the legend names the chosen part only. */
  inLegend: boolean;
  /** Per group: [start, end] on the axis, or null for a hidden group. */
  bars: Array<[number, number] | null>;
  /** Per group: the share written inside the segment when it fits. */
  texts: Array<string | null>;
  tooltips: Array<string | null>;
}

export interface GapChart {
  kind: 'gap';
  locale: Locale;
  title: string;
  note: string;
  /** One bar per group, with its n; a hidden group keeps its row, marked, with no data. */
  groups: string[];
  hidden: boolean[];
  /** Diverging around 0 (ordered scales) or stacked from 0. */
  ordered: boolean;
  segments: GapSegment[];
  axis: ValueAxis;
}

export type ChartDescription = NeedsChart | IpaChart | GapChart;

/** Share segments narrower than this carry no text (it would not fit). */
const MIN_SHARE_FOR_TEXT = 0.09;

/** A ranking everyone completed has every share at 100 %: the Borda score then tells the items apart. */
export function isCompleteRanking(question: NeedsQuestion): boolean {
  return question.kind === 'ranking' && question.items.length > 0 && question.items.every((item) => item.share === 1);
}

export function describeNeedsChart(question: NeedsQuestion, labels: ReportLabels): NeedsChart {
  const locale = toLocale(labels.locale);
  const words = chartTexts(locale);
  const borda = isCompleteRanking(question);
  const items = borda ? [...question.items].sort((a, b) => (b.borda ?? 0) - (a.borda ?? 0)) : question.items;
  const itemLabels = items.map((item) => labels.answer(question.question, item.value, item.label));
  const tooltips = items.map((item) => {
    const lines = borda
      ? [`${words.borda}: ${formatNumber(item.borda ?? 0, locale)}`]
      : [
          `${words.share}: ${formatPercent(item.share, locale)} (${formatCount(item.count, locale)} / ${question.answered === null ? '—' : formatCount(question.answered, locale)})`,
          `${words.ci}: ${formatPercent(item.ci95[0], locale)} – ${formatPercent(item.ci95[1], locale)}`,
        ];
    if (typeof item.meanRank === 'number') lines.push(`${words.meanRank}: ${formatNumber(item.meanRank, locale)}`);
    if (item.top3Probability !== undefined) lines.push(`${words.top3}: ${formatPercent(item.top3Probability, locale, 0)}`);
    return lines;
  });
  let axis: ValueAxis;
  if (borda) {
    const top = Math.max(1, ...items.map((item) => item.borda ?? 0));
    axis = { title: words.bordaAxis, min: 0, max: Math.ceil(top), step: top <= 12 ? 1 : undefined, format: 'number' };
  } else {
    const upper = Math.max(0, ...items.map((item) => item.ci95[1]));
    // Room to the right of the longest whisker for its value label.
    const step = upper > 0.3 ? 0.2 : 0.1;
    axis = { title: words.shareAxis, min: 0, max: Math.min(1, Math.ceil((upper + 0.1) / step) * step), step, format: 'percent' };
  }
  return {
    kind: 'needs',
    locale,
    title: '',
    note: '',
    measure: borda ? 'borda' : 'share',
    labels: itemLabels,
    tickLabels: itemLabels.map((label) => truncateLabel(label, locale === 'ja' ? 16 : 28)),
    values: items.map((item) => (borda ? item.borda ?? 0 : item.share)),
    intervals: items.map((item) => (borda ? null : [item.ci95[0], item.ci95[1]])),
    valueTexts: items.map((item) => (borda ? formatNumber(item.borda ?? 0, locale) : formatPercent(item.share, locale))),
    tooltips,
    color: BRAND,
    axis,
  };
}

/** Items the report shows (a hidden one has null means). */
export type ShownIpaItem = IpaSet['items'][number] & { importance: number; satisfaction: number; gap: number; quadrant: Quadrant; n: number };

export function shownIpaItems(set: IpaSet): ShownIpaItem[] {
  return set.items.filter(
    (item): item is ShownIpaItem => item.importance !== null && item.satisfaction !== null && item.gap !== null && item.quadrant !== null && item.n !== null,
  );
}

/** Quadrants in the legend's order: act first, keep, then the two that can wait. */
const QUADRANT_ORDER: Quadrant[] = ['concentrate', 'keep', 'overkill', 'low'];

/** Undefined when no item is shown or the set has no means (all hidden). */
export function describeIpaChart(set: IpaSet, labels: ReportLabels): IpaChart | undefined {
  const shown = shownIpaItems(set);
  if (shown.length === 0 || set.importanceMean === null || set.satisfactionMean === null) return undefined;
  const locale = toLocale(labels.locale);
  const words = chartTexts(locale);
  const point = (item: ShownIpaItem): IpaPoint => {
    const label = labels.ipaItem(set.set, item.item, item.label);
    return {
      x: item.satisfaction,
      y: item.importance,
      label,
      shortLabel: truncateLabel(label, locale === 'ja' ? 14 : 24),
      tooltip: [
        `${words.importance}: ${formatNumber(item.importance, locale)}`,
        `${words.satisfaction}: ${formatNumber(item.satisfaction, locale)}`,
        `${words.gap}: ${formatNumber(item.gap, locale)}`,
        `n = ${formatCount(item.n, locale)}`,
      ],
    };
  };
  return {
    kind: 'ipa',
    locale,
    title: '',
    note: '',
    groups: QUADRANT_ORDER.map((quadrant) => ({
      quadrant,
      label: words.quadrants[quadrant],
      color: QUADRANT_COLOURS[quadrant],
      points: shown.filter((item) => item.quadrant === quadrant).map(point),
    })).filter((group) => group.points.length > 0),
    xMean: set.satisfactionMean,
    yMean: set.importanceMean,
    x: { title: `${words.satisfaction} →`, ...bounds([...shown.map((item) => item.satisfaction), set.satisfactionMean]), step: 0.5, format: 'number' },
    y: { title: `${words.importance} →`, ...bounds([...shown.map((item) => item.importance), set.importanceMean]), step: 0.5, format: 'number' },
    corners: { topLeft: words.quadrants.concentrate, topRight: words.quadrants.keep, bottomLeft: words.quadrants.low, bottomRight: words.quadrants.overkill },
  };
}

/** Axis bounds around the data on the scale's half points, with room for the point labels. */
function bounds(values: number[]): { min: number; max: number } {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max(0.15, (high - low) * 0.1);
  return { min: Math.floor((low - pad) * 2) / 2, max: Math.ceil((high + pad) * 2) / 2 };
}

/**
 * How far the diverging bars reach, the same for every scale item of a report so their lengths
 * compare across items: the widest reach of any, up to the next quarter.
 */
export function divergingExtent(gaps: Gaps): number {
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

/** A checkbox option's "chosen" answer: the report's cell whose value says so. */
export function isChosenCell(value: AnswerValue): boolean {
  return value === true || value === 1 || value === 'chosen' || value === '1' || value === 'true';
}

/** `extent` is divergingExtent of the report's gaps, so every item of one report shares its scale. */
export function describeGapChart(gap: GapItem, by: string, labels: ReportLabels, extent: number): GapChart {
  const locale = toLocale(labels.locale);
  const words = chartTexts(locale);
  const ordered = gap.test === 'kruskal';
  const isOption = gap.option !== undefined;
  const layouts = gap.groups.map((group) => (group.distribution ? layoutDivergingBar(group.distribution, ordered) : null));
  const template = layouts.find((layout) => layout !== null) ?? [];
  const colours = ordered
    ? divergingColours(template.length)
    : template.map((segment, index) => (isOption ? (isChosenCell(segment.value) ? CHOSEN_COLOUR : NOT_CHOSEN_COLOUR) : seriesColour(index)));
  const answerLabel = (value: AnswerValue) => {
    if (isOption) return isChosenCell(value) ? words.chosen : words.notChosen;
    const cell = gap.groups.flatMap((group) => group.distribution ?? []).find((candidate) => candidate.value === value);
    return labels.answer(gap.question, value, cell?.label ?? String(value));
  };
  return {
    kind: 'gap',
    locale,
    title: '',
    note: '',
    groups: gap.groups.map((group) => {
      const name = labels.answer(by, group.value, group.label);
      return group.n === null || group.distribution === null ? `${name}（${words.hiddenGroup}）` : `${name} (n=${formatCount(group.n, locale)})`;
    }),
    hidden: layouts.map((layout) => layout === null),
    ordered,
    segments: template.map((segment, position) => ({
      value: segment.value,
      label: answerLabel(segment.value),
      color: colours[position],
      inLegend: !isOption || isChosenCell(segment.value),
      bars: layouts.map((layout) => (layout ? [layout[position].start, layout[position].end] : null)),
      texts: layouts.map((layout) => (layout && layout[position].share >= MIN_SHARE_FOR_TEXT ? formatPercent(layout[position].share, locale, 0) : null)),
      tooltips: layouts.map((layout, group) => {
        if (!layout) return null;
        const cell = gap.groups[group].distribution?.find((candidate) => candidate.value === layout[position].value);
        return `${answerLabel(segment.value)}: ${formatPercent(layout[position].share, locale)}${cell ? ` (${formatCount(cell.count, locale)})` : ''}`;
      }),
    })),
    axis: { title: words.shareAxis, min: ordered ? -extent : 0, max: ordered ? extent : 1, step: 0.25, format: 'percent' },
  };
}

/** A gap item's effect and adjusted p in one line: "ε² = 0.123 · 調整済み p = 0.004". */
export function describeGapStatistics(gap: GapItem, locale: Locale, pAdjustedWord: string): string {
  const effectName = gap.effect.name === 'epsilonSquared' ? 'ε²' : 'V';
  const p = formatP(gap.pAdjusted, locale);
  return `${effectName} = ${formatNumber(gap.effect.value, locale, 3)} · ${pAdjustedWord} ${p.startsWith('<') ? '' : '= '}${p}`;
}
