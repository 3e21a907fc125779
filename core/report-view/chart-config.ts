/**
 * The one Chart.js configuration of each chart description (describe-charts.ts). The dashboard
 * passes it to react-chartjs-2; the HTML report's inlined script passes it to `new Chart`. Both
 * register the same plugins (plugins/), so a chart looks the same wherever it is drawn.
 *
 * Only `chart.js` types are imported: the library itself is the caller's (the dashboard bundles
 * it, the HTML report inlines its UMD build).
 */
import type { ChartConfiguration, ScaleOptions } from 'chart.js';
import { formatNumber, formatPercent } from '../i18n/number-format.ts';
import type { ChartDescription, DotChart, GapChart, IpaChart, NeedsChart, ValueAxis } from './describe-charts.ts';
import { AXIS_LINE_UNITS, labelUnits, wrapLabel } from './truncate-label.ts';

/** A narrow chart (a phone, a half-width card on a small screen) gets shorter axis lines. */
function lineUnits(chartWidth: number): number {
  return chartWidth < NARROW_CHART ? 16 : AXIS_LINE_UNITS;
}

/** Below this width (a phone) axis lines are shorter. */
const NARROW_CHART = 400;

/**
 * A group's axis label, "名前 (n=123)": the name wrapped, its n kept whole — on the name's last
 * line when there is room, else on a line of its own — so a shortened name never eats the n.
 */
export function wrapGroupLabel(label: string, units: number): string | string[] {
  const at = label.lastIndexOf(' (n=');
  if (at < 0) return wrapLabel(label, units);
  const name = wrapLabel(label.slice(0, at), units);
  const n = label.slice(at + 1);
  const lines = Array.isArray(name) ? name : [name];
  const joined = `${lines[lines.length - 1]} ${n}`;
  if (labelUnits(joined) > units) return [...lines, n];
  return lines.length === 1 ? joined : [...lines.slice(0, -1), joined];
}

/** The chart whose scale calls a tick callback (Chart.js passes the scale as `this`; a caller of the bare callback may not). */
type TickScale = { chart?: { width: number } } | undefined;

/** The drawn chart's width, or a wide one when the callback is called outside Chart.js. */
function widthOf(scale: TickScale): number {
  return scale?.chart?.width ?? Number.POSITIVE_INFINITY;
}
import { INK } from './palette.ts';
// The plugins' options (ciWhiskers, quadrantLines, segmentLabels) are typed by their modules'
// `declare module 'chart.js'` augmentations in plugins/.

export interface ChartLayout {
  /**
   * The dashboard's gap rows: no legend (it is drawn as HTML beside the rows) and no axis texts
   * (a row is one bar high); the HTML report draws both.
   */
  compact?: boolean;
}

export function chartConfig(chart: ChartDescription, layout: ChartLayout = {}): ChartConfiguration {
  if (chart.kind === 'needs') return needsChartConfig(chart) as ChartConfiguration;
  if (chart.kind === 'ipa') return ipaChartConfig(chart) as ChartConfiguration;
  // A summary's bars are the needs chart's without whiskers; stacked bars are the gap chart's unordered layout.
  if (chart.kind === 'bars') return needsChartConfig({ ...chart, kind: 'needs', measure: 'share', intervals: chart.values.map(() => null) }) as ChartConfiguration;
  if (chart.kind === 'stacked') return gapChartConfig({ ...chart, kind: 'gap', ordered: false }, layout) as ChartConfiguration;
  if (chart.kind === 'dots') return dotChartConfig(chart) as ChartConfiguration;
  return gapChartConfig(chart, layout) as ChartConfiguration;
}

const GRID = '#e3e7ec';

/** What a grid-line callback reads of its scriptable context. */
interface ZeroLineContext {
  tick: { value: number };
}

function tickFormat(axis: ValueAxis, locale: NeedsChart['locale']): (value: number | string) => string {
  return (value) => {
    const number = Number(value);
    // A diverging axis reads outward from 0: 40 % to the left is 40 %, not −40 %.
    return axis.format === 'percent' ? formatPercent(Math.abs(number), locale, 0) : formatNumber(number, locale, Number.isInteger(number) ? 0 : 1);
  };
}

function valueScale(axis: ValueAxis, locale: NeedsChart['locale']): ScaleOptions<'linear'> {
  return {
    type: 'linear',
    min: axis.min,
    max: axis.max,
    title: { display: !!axis.title, text: axis.title, font: { weight: 'bold' } },
    ticks: { callback: tickFormat(axis, locale), ...(axis.step === undefined ? {} : { stepSize: axis.step }) },
    grid: { color: GRID },
  };
}

function headings(chart: ChartDescription) {
  return {
    title: { display: !!chart.title, text: chart.title, align: 'start' as const, font: { size: 14, weight: 'bold' as const } },
    subtitle: { display: !!chart.note, text: chart.note, align: 'start' as const, padding: { bottom: 8 } },
  };
}

export function needsChartConfig(chart: NeedsChart): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: chart.labels,
      datasets: [{ label: chart.axis.title, data: chart.values, backgroundColor: chart.colors ?? chart.color, borderWidth: 0, barPercentage: 0.7, categoryPercentage: 0.95 }],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { right: 8 } },
      plugins: {
        ...headings(chart),
        legend: { display: false },
        ciWhiskers: { intervals: chart.intervals, labels: chart.valueTexts },
        tooltip: {
          callbacks: {
            title: (items) => chart.labels[items[0].dataIndex],
            label: (item) => chart.tooltips[item.dataIndex],
          },
        },
      },
      scales: {
        x: valueScale(chart.axis, chart.locale),
        y: {
          grid: { display: false },
          ticks: {
            autoSkip: false,
            callback(this: TickScale, _value, index) {
              return widthOf(this) < NARROW_CHART ? wrapLabel(chart.labels[index], lineUnits(widthOf(this))) : chart.tickLabels[index];
            },
            color: INK,
            font: { size: 12 },
          },
        },
      },
    },
  };
}

export function ipaChartConfig(chart: IpaChart): ChartConfiguration<'scatter'> {
  return {
    type: 'scatter',
    data: {
      datasets: chart.groups.map((group) => ({
        label: group.label,
        data: group.points.map((point) => ({ x: point.x, y: point.y })),
        backgroundColor: group.color,
        borderColor: '#ffffff',
        borderWidth: 1.5,
        pointRadius: 6,
        pointHoverRadius: 8,
      })),
    },
    options: {
      layout: { padding: { top: 4, right: 12 } },
      plugins: {
        ...headings(chart),
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'circle', boxWidth: 8, boxHeight: 8, padding: 12 } },
        quadrantLines: {
          x: chart.xMean,
          y: chart.yMean,
          corners: chart.corners,
          pointLabels: chart.groups.map((group) => group.points.map((point) => point.shortLabel)),
        },
        tooltip: {
          callbacks: {
            title: (items) => chart.groups[items[0].datasetIndex].points[items[0].dataIndex].label,
            label: (item) => chart.groups[item.datasetIndex].points[item.dataIndex].tooltip,
          },
        },
      },
      scales: { x: valueScale(chart.x, chart.locale), y: valueScale(chart.y, chart.locale) },
    },
  };
}

export function gapChartConfig(chart: GapChart, layout: ChartLayout = {}): ChartConfiguration<'bar'> {
  const scale = valueScale(chart.axis, chart.locale);
  return {
    type: 'bar',
    data: {
      labels: chart.groups,
      datasets: chart.segments.map((segment) => ({
        label: segment.label,
        data: segment.bars,
        backgroundColor: segment.color,
        borderColor: '#ffffff',
        borderWidth: { left: 0, right: 1, top: 0, bottom: 0 },
        borderSkipped: false,
        grouped: false,
        barPercentage: 0.78,
        categoryPercentage: 1,
      })),
    },
    options: {
      indexAxis: 'y',
      layout: { padding: 0 },
      plugins: {
        ...headings(chart),
        legend: {
          display: !layout.compact,
          position: 'bottom',
          labels: { boxWidth: 12, filter: (item) => chart.segments[item.datasetIndex ?? 0]?.inLegend ?? true },
        },
        segmentLabels: { texts: chart.segments.map((segment) => segment.texts) },
        tooltip: {
          callbacks: {
            title: (items) => chart.groups[items[0].dataIndex],
            label: (item) => chart.segments[item.datasetIndex].tooltips[item.dataIndex] ?? '',
          },
        },
      },
      scales: {
        x: {
          ...scale,
          title: { ...scale.title, display: !layout.compact && !!chart.axis.title },
          ticks: { ...scale.ticks, display: !layout.compact },
          border: { display: false },
          // The zero line of a diverging bar is the darker grid line.
          grid: { color: (context: ZeroLineContext) => (context.tick.value === 0 ? '#5b6673' : '#eceff3'), lineWidth: (context: ZeroLineContext) => (context.tick.value === 0 ? 1.5 : 1) },
        },
        // A group's name wraps onto two lines rather than being cut at the canvas edge.
        y: { grid: { display: false }, border: { display: false }, ticks: {
            color: INK,
            font: { size: 12 },
            autoSkip: false,
            callback(this: TickScale, _value, index) {
              return wrapGroupLabel(chart.groups[index], lineUnits(widthOf(this)));
            },
          },
        },
      },
    },
  };
}

/**
 * A checkbox cross-tab's dot plot: a scatter whose y is the option's row, each group's dot a
 * little above or below the row's middle so dots of equal shares stay apart; 全体 a larger dark dot
 * on the middle.
 */
export function dotChartConfig(chart: DotChart): ChartConfiguration<'scatter'> {
  const groups = chart.series.filter((series) => !series.total).length;
  const spread = Math.min(0.6, 0.09 * Math.max(1, groups - 1));
  let position = 0;
  const offsets = chart.series.map((series) => (series.total || groups < 2 ? 0 : -spread / 2 + (spread * position++) / (groups - 1)));
  return {
    type: 'scatter',
    data: {
      datasets: chart.series.map((series, index) => ({
        label: series.label,
        data: series.values.flatMap((value, row) => (value === null ? [] : [{ x: value, y: row + offsets[index], row }])),
        backgroundColor: series.color,
        borderColor: '#ffffff',
        borderWidth: 1,
        pointStyle: series.total ? 'rectRot' : 'circle',
        pointRadius: series.total ? 6 : 4.5,
        pointHoverRadius: series.total ? 8 : 6.5,
      })),
    },
    options: {
      layout: { padding: { top: 4, right: 12 } },
      plugins: {
        ...headings(chart),
        legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 10 } },
        tooltip: {
          callbacks: {
            title: (items) => chart.labels[(items[0].raw as { row: number }).row],
            label: (item) => chart.series[item.datasetIndex].tooltips[(item.raw as { row: number }).row] ?? '',
          },
        },
      },
      scales: {
        x: { ...valueScale(chart.axis, chart.locale), position: 'top' },
        y: {
          type: 'linear',
          reverse: true,
          min: -0.5,
          max: chart.labels.length - 0.5,
          afterBuildTicks: (scale) => {
            scale.ticks = chart.labels.map((_, row) => ({ value: row }));
          },
          grid: { color: GRID },
          ticks: {
            autoSkip: false,
            color: INK,
            font: { size: 12 },
            callback(this: TickScale, value) {
              const label = chart.labels[Number(value)];
              if (label === undefined) return '';
              return widthOf(this) < NARROW_CHART ? wrapLabel(label, lineUnits(widthOf(this))) : chart.tickLabels[Number(value)];
            },
          },
        },
      },
    },
  };
}
