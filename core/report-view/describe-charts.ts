/**
 * The charts of a report as data: what each bar, point and segment is called, how long it is,
 * its colour and the texts beside it, language resolved and numbers formatted. The dashboard's
 * charts and the HTML report's charts are both drawn from these descriptions by the same
 * Chart.js configuration (chart-config.ts), so the two always show the same chart.
 *
 * Plain JSON (no functions): the HTML report embeds them as they are.
 */
import type { AnswerValue, Crosstab, FewerItem, GapItem, Gaps, IpaSet, NeedsQuestion, Quadrant, QuestionSummary, SummaryItem } from '../../contracts/report.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../i18n/number-format.ts';
import { toLocale, type Locale } from '../i18n/locale.ts';
import { chartTexts } from './chart-texts.ts';
import { layoutDivergingBar } from './layout-diverging-bars.ts';
import { BRAND, CHOSEN_COLOUR, divergingColours, FEWER_COLOUR, HIDDEN_COLOUR, NOT_CHOSEN_COLOUR, QUADRANT_COLOURS, seriesColour, TOTAL_COLOUR } from './palette.ts';
import type { ReportLabels } from './report-labels.ts';
import { tabulationTexts } from './tabulation-texts.ts';
import { truncateLabel, wrapLabel } from './truncate-label.ts';

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
  /** The labels as the axis shows them: wrapped onto up to two lines (tooltips and tables keep them whole). */
  tickLabels: Array<string | string[]>;
  values: number[];
  /** Per bar, when not all are `color`: 「その他（少数）」 is grey. */
  colors?: string[];
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

/**
 * Horizontal bars of shares (単純集計 of a choice question, a histogram): the needs chart's bars
 * without intervals, drawn by the same configuration.
 */
export interface BarChart {
  kind: 'bars';
  locale: Locale;
  title: string;
  note: string;
  labels: string[];
  tickLabels: Array<string | string[]>;
  values: number[];
  colors?: string[];
  valueTexts: string[];
  tooltips: string[][];
  color: string;
  axis: ValueAxis;
}

/**
 * 100%-stacked horizontal bars, one per matrix row, ranked item or cross-tab group: the gap
 * chart's unordered layout (stacked from 0), drawn by the same configuration.
 */
export interface StackedChart {
  kind: 'stacked';
  locale: Locale;
  title: string;
  note: string;
  /** One bar per row or group, with its n; a hidden one keeps its row, marked, with no data. */
  groups: string[];
  hidden: boolean[];
  segments: GapSegment[];
  axis: ValueAxis;
}

/**
 * A dot plot of a checkbox cross-tab: one row per option, one dot per group (and a larger dark
 * one for 全体) at the share of the group choosing it. Shares of a checkbox do not add up to
 * 100 %, so they are compared along one axis rather than stacked.
 */
export interface DotChart {
  kind: 'dots';
  locale: Locale;
  title: string;
  note: string;
  /** The options, one row each. */
  labels: string[];
  tickLabels: Array<string | string[]>;
  /** The series' names (groups, 全体 first), as the legend shows them. */
  groups: string[];
  series: Array<{ label: string; color: string; total: boolean; values: Array<number | null>; tooltips: Array<string | null> }>;
  axis: ValueAxis;
}

export type ChartDescription = NeedsChart | IpaChart | GapChart | BarChart | StackedChart | DotChart;

/** A hidden group's name on an axis or legend: 「若手（非表示）」, "Young (hidden)". */
function hiddenName(name: string, locale: Locale): string {
  const hidden = chartTexts(locale).hiddenGroup;
  return locale === 'ja' ? `${name}（${hidden}）` : `${name} (${hidden})`;
}

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
    tickLabels: itemLabels.map((label) => wrapLabel(label)),
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
      return group.n === null || group.distribution === null ? hiddenName(name, locale) : `${name} (n=${formatCount(group.n, locale)})`;
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
        if (cell && cell.count === null) return `${answerLabel(segment.value)}: ${words.hiddenGroup}`;
        return `${answerLabel(segment.value)}: ${formatPercent(layout[position].share, locale)}${cell ? ` (${formatCount(cell.count!, locale)})` : ''}`;
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

/**
 * The 単純集計 chart of one question: bars of the choices' shares (a checkbox's do not add up to
 * 100 %), a 100%-stacked bar per matrix row or per ranked item (shares ranked 1st, 2nd, …), or the
 * histogram of a number. Hidden answers a single-answer question adds up in `fewer` are one grey
 * 「その他（少数）」 bar or segment, so the bars still reach 100 %. Undefined when the question is
 * hidden, unanswered or not summarised.
 */
export function describeSummaryChart(summary: QuestionSummary, locale: Locale): ChartDescription | undefined {
  const words = chartTexts(locale);
  if (summary.suppressed || summary.notSummarised || !summary.answered) return undefined;
  const note = `n = ${formatCount(summary.answered, locale)}`;
  if (summary.items && summary.items.length > 0) return shareBars(summary.items, summary.answered, note, locale, summary.fewer);
  if (summary.histogram && summary.histogram.length > 0) {
    const bins = summary.histogram.map((bin) => ({ label: `${formatNumber(bin.from, locale, 0)}–${formatNumber(bin.to, locale, 0)}`, count: bin.count, share: bin.share }));
    return shareBars(bins, summary.answered, note, locale);
  }
  if (summary.rows && summary.rows.length > 0) {
    // A matrixdropdown column of numbers or text has no answers to stack (its table says it all), and a
    // column of checkboxes has shares that do not add up to 100 % (issue 25).
    if ((summary.column !== undefined && summary.rows.every((row) => row.items.length === 0)) || summary.cellType === 'checkbox' || summary.cellType === 'tagbox') return undefined;
    const rows = summary.rows;
    const template = rows.find((row) => row.items.length > 0)?.items ?? [];
    const anyFewer = rows.some((row) => row.fewer);
    return stackedBars(
      rows.map((row) => ({
        label: row.label,
        n: row.suppressed ? null : row.answered,
        // A hidden answer draws no segment of its own; the row's `fewer` adds them up as one.
        cells: row.suppressed
          ? null
          : [
              ...row.items.map((item) => ({ value: item.value, count: item.count ?? 0, share: item.share ?? 0 })),
              ...(row.fewer ? [{ value: FEWER_VALUE, count: row.fewer.count, share: row.fewer.share }] : []),
            ],
      })),
      [...template.map((item) => ({ value: item.value, label: item.label })), ...(anyFewer ? [{ value: FEWER_VALUE, label: tabulationTexts(locale).fewer }] : [])],
      summary.ordered,
      note,
      locale,
      true,
    );
  }
  if (summary.ranks && summary.ranks.length > 0) {
    const positions = rankPositions(summary.ranks);
    const values = Array.from({ length: positions }, (_, index) => ({ value: index + 1, label: words.rankPosition(index + 1) }));
    return stackedBars(
      summary.ranks.map((rank) => ({
        label: rank.label,
        n: rank.ranked,
        cells: rank.shares.slice(0, positions).map((share, index) => ({ value: index + 1, label: values[index].label, share, count: Math.round(share * rank.ranked) })),
      })),
      values,
      false,
      note,
      locale,
    );
  }
  return undefined;
}

/** The value of the 「その他（少数）」 segment: no choice of a definition is named so. */
export const FEWER_VALUE = '\u0000fewer';

/** The value of the segment of a bar's hidden cells together. */
export const HIDDEN_VALUE = '\u0000hidden';

/** Shares of a complete bar add up to 1 but for rounding; a larger rest is hidden cells. */
const HIDDEN_REST = 0.0005;

/**
 * The rank columns a ranking can use: as many as its items' shares (the analysis gives one per
 * rank the question lets a respondent give), less trailing ranks that nobody gave at all (a
 * report of before the analysis cut them to the question's depth).
 */
export function rankPositions(ranks: ReadonlyArray<{ shares: readonly number[] }>): number {
  let positions = Math.max(0, ...ranks.map((rank) => rank.shares.length));
  while (positions > 1 && ranks.every((rank) => !(rank.shares[positions - 1] > 0))) positions--;
  return positions;
}

/**
 * The クロス集計 chart of a single-answer cross-tab: a 100%-stacked bar per group, and with
 * `total` the 全体 bar first. Undefined for a checkbox cross-tab (describeCrosstabOptionsChart
 * draws those) and when every group is hidden.
 */
export function describeCrosstabChart(crosstab: Crosstab, locale: Locale, options: { total?: boolean; ordered?: boolean } = {}): ChartDescription | undefined {
  if (crosstab.kind !== 'single' || crosstab.groups.every((group) => group.n === null)) return undefined;
  const n = crosstab.groups.reduce((sum, group) => sum + (group.n ?? 0), 0);
  const total = options.total && crosstab.total && crosstab.total.n !== null ? crosstab.total : undefined;
  const bars: StackedBar[] = crosstab.groups.map((group) => ({
    label: group.label,
    n: group.n,
    cells: group.n === null ? null : group.cells.map((cell) => ({ value: cell.value, count: cell.count ?? 0, share: cell.share ?? 0 })),
  }));
  if (total) bars.unshift({ label: tabulationTexts(locale).total, n: total.n, cells: total.cells.map((cell) => ({ value: cell.value, count: cell.count ?? 0, share: cell.share ?? 0 })) });
  return stackedBars(bars, crosstab.values, options.ordered ?? false, `n = ${formatCount(total?.n ?? n, locale)}`, locale, true);
}

/** The dot plot of a checkbox cross-tab: each option's share per group, 全体 first. Undefined when no group is shown. */
export function describeCrosstabOptionsChart(crosstab: Crosstab, locale: Locale): DotChart | undefined {
  if (crosstab.kind !== 'multiple' || crosstab.groups.every((group) => group.n === null)) return undefined;
  const words = chartTexts(locale);
  const totalWord = tabulationTexts(locale).total;
  const shareOf = (cells: Crosstab['groups'][number]['cells'], value: AnswerValue) => cells.find((cell) => cell.value === value) ?? null;
  const series: DotChart['series'] = crosstab.groups.map((group, index) => {
    const name = group.n === null ? hiddenName(group.label, locale) : `${group.label} (n=${formatCount(group.n, locale)})`;
    return {
      label: name,
      color: seriesColour(index),
      total: false,
      values: crosstab.values.map((value) => shareOf(group.cells, value.value)?.share ?? null),
      tooltips: crosstab.values.map((value) => {
        const cell = shareOf(group.cells, value.value);
        return cell && cell.share !== null ? `${name}: ${formatPercent(cell.share, locale)}${cell.count === null ? '' : ` (${formatCount(cell.count, locale)})`}` : null;
      }),
    };
  });
  const total = crosstab.total && crosstab.total.n !== null ? crosstab.total : undefined;
  if (total) {
    const name = `${totalWord} (n=${formatCount(total.n!, locale)})`;
    series.unshift({
      label: name,
      color: TOTAL_COLOUR,
      total: true,
      values: crosstab.values.map((value) => shareOf(total.cells, value.value)?.share ?? null),
      tooltips: crosstab.values.map((value) => {
        const cell = shareOf(total.cells, value.value);
        return cell && cell.share !== null ? `${name}: ${formatPercent(cell.share, locale)}${cell.count === null ? '' : ` (${formatCount(cell.count, locale)})`}` : null;
      }),
    });
  }
  const top = Math.max(0, ...series.flatMap((entry) => entry.values.map((value) => value ?? 0)));
  const step = top > 0.5 ? 0.25 : 0.1;
  const n = total?.n ?? crosstab.groups.reduce((sum, group) => sum + (group.n ?? 0), 0);
  return {
    kind: 'dots',
    locale,
    title: '',
    note: `n = ${formatCount(n, locale)}`,
    labels: crosstab.values.map((value) => value.label),
    tickLabels: crosstab.values.map((value) => wrapLabel(value.label)),
    groups: series.map((entry) => entry.label),
    series,
    axis: { title: words.shareAxis, min: 0, max: Math.min(1, Math.ceil((top + 0.05) / step) * step), step, format: 'percent' },
  };
}

function shareBars(shown: ReadonlyArray<Pick<SummaryItem, 'label' | 'count' | 'share'>>, answered: number, note: string, locale: Locale, fewer?: FewerItem): BarChart {
  const words = chartTexts(locale);
  // A hidden answer (count and share null) is left out of the chart; the table marks it 「＊」 and `fewer` adds them up.
  const items = shown.flatMap((item) => (item.count === null || item.share === null ? [] : [{ label: item.label, count: item.count, share: item.share, color: BRAND }]));
  if (fewer) items.push({ label: tabulationTexts(locale).fewer, count: fewer.count, share: fewer.share, color: FEWER_COLOUR });
  const top = Math.max(0, ...items.map((item) => item.share));
  // Room to the right of the longest bar for its value text.
  const step = top > 0.3 ? 0.2 : 0.1;
  return {
    kind: 'bars',
    locale,
    title: '',
    note,
    labels: items.map((item) => item.label),
    tickLabels: items.map((item) => wrapLabel(item.label)),
    values: items.map((item) => item.share),
    ...(fewer ? { colors: items.map((item) => item.color) } : {}),
    valueTexts: items.map((item) => formatPercent(item.share, locale)),
    tooltips: items.map((item) => [`${words.share}: ${formatPercent(item.share, locale)} (${formatCount(item.count, locale)} / ${formatCount(answered, locale)})`]),
    color: BRAND,
    axis: { title: words.shareAxis, min: 0, max: Math.min(1, Math.ceil((top + 0.1) / step) * step), step, format: 'percent' },
  };
}

interface StackedBar {
  label: string;
  n: number | null;
  cells: ReadonlyArray<{ value: AnswerValue; count: number; share: number }> | null;
}

/**
 * Bars stacked from 0 in the values' order. An ordered scale keeps the definition's order (the
 * shipped scales list the best answer first) and is coloured from the diverging scale, best blue.
 */
function stackedBars(bars: StackedBar[], values: ReadonlyArray<{ value: AnswerValue; label: string }>, ordered: boolean, note: string, locale: Locale, closeHidden = false): StackedChart {
  const words = chartTexts(locale);
  const fewer = values.length > 0 && values[values.length - 1].value === FEWER_VALUE;
  const answers = fewer ? values.slice(0, -1) : values;
  const descending = answers.length > 1 && typeof answers[0].value === 'number' && (answers[0].value as number) > (answers[answers.length - 1].value as number);
  const scale = divergingColours(answers.length);
  const colours = [...(ordered ? (descending ? [...scale].reverse() : scale) : answers.map((_, index) => seriesColour(index))), ...(fewer ? [FEWER_COLOUR] : [])];
  // Hidden cells draw no segment; what they add up to (100 % less the shown shares, which the
  // table gives too) is one grey ＊ segment, so no bar stops short of 100 % without a word.
  const rests = bars.map((bar) => (bar.cells === null || bar.n === null ? 0 : Math.max(0, 1 - bar.cells.reduce((sum, cell) => sum + cell.share, 0))));
  const withHidden = closeHidden && rests.some((rest) => rest > HIDDEN_REST);
  const entries = withHidden ? [...values, { value: HIDDEN_VALUE, label: `${tabulationTexts(locale).hidden} ${words.hiddenGroup}` }] : values;
  if (withHidden) colours.push(HIDDEN_COLOUR);
  const layouts = bars.map((bar, index) =>
    bar.cells === null || bar.n === null
      ? null
      : layoutDivergingBar(
          entries.map((entry) => {
            if (entry.value === HIDDEN_VALUE) return { value: entry.value, label: entry.label, count: 0, share: rests[index] > HIDDEN_REST ? rests[index] : 0 };
            const cell = bar.cells!.find((candidate) => candidate.value === entry.value);
            return { value: entry.value, label: entry.label, count: cell?.count ?? 0, share: cell?.share ?? 0 };
          }),
          false,
        ),
  );
  return {
    kind: 'stacked',
    locale,
    title: '',
    note,
    groups: bars.map((bar, index) => (layouts[index] === null ? hiddenName(bar.label, locale) : `${bar.label} (n=${formatCount(bar.n ?? 0, locale)})`)),
    hidden: layouts.map((layout) => layout === null),
    segments: entries.map((entry, position) => ({
      value: entry.value,
      label: entry.label,
      color: colours[position],
      inLegend: true,
      bars: layouts.map((layout) => (layout ? [layout[position].start, layout[position].end] : null)),
      texts: layouts.map((layout) => (layout && entry.value !== HIDDEN_VALUE && layout[position].share >= MIN_SHARE_FOR_TEXT ? formatPercent(layout[position].share, locale, 0) : null)),
      tooltips: layouts.map((layout, index) => {
        if (!layout) return null;
        if (entry.value === HIDDEN_VALUE) return layout[position].share > 0 ? entry.label : null;
        const cell = bars[index].cells?.find((candidate) => candidate.value === entry.value);
        return `${entry.label}: ${formatPercent(layout[position].share, locale)}${cell ? ` (${formatCount(cell.count, locale)})` : ''}`;
      }),
    })),
    axis: { title: words.shareAxis, min: 0, max: 1, step: 0.25, format: 'percent' },
  };
}
