/**
 * One report, drawn twice: through the dashboard's chart functions (the ones its React components
 * render) and through the HTML report (the chart descriptions the page embeds, turned into Chart.js
 * configurations exactly as its inlined script does). Both must show the same bars, points and
 * segments, in the same colours, with the same labels and the same number formats, in ja and en.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { renderHtml } from '../../../analysis/render/render-html.ts';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { gapChartOf } from '../../../client/pages/dashboard/charts/gaps-chart.tsx';
import { ipaChartOf } from '../../../client/pages/dashboard/charts/ipa-chart.tsx';
import { needsChartOf } from '../../../client/pages/dashboard/charts/needs-chart.tsx';
import { createLabelIndex } from '../../../core/definitions/create-label-index.ts';
import { definitionVersionFromJson, type SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { chartConfig } from '../../../core/report-view/chart-config.ts';
import type { ChartDescription } from '../../../core/report-view/describe-charts.ts';
import { BRAND, QUADRANT_COLOURS } from '../../../core/report-view/palette.ts';
import { createReportLabels } from '../../../core/report-view/report-labels.ts';
import { readReportAssets } from '../../../server/report/report-assets.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const json = JSON.parse(readFileSync(join(ROOT, 'survey-definitions', 'citizen-needs', 'v1.json'), 'utf8')) as SurveyDefinitionJson;
const definition = loadDefinition(json, 'citizen-needs/v1.json');
const report = buildReport({ definitions: [definition], records: [...synthesizeResponses(definition, { count: 1500, seed: 11 })], options: { by: 'ageBand' } });
const assets = await readReportAssets();

/** The HTML report's charts as its inlined script draws them: chartConfig of each embedded description. */
function htmlCharts(locale: 'ja' | 'en'): ChartConfiguration[] {
  const html = renderHtml(report, [definition], { locale, ...assets });
  const embedded = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1];
  // The analyses' charts (the 単純集計 charts before them have their own test, summary-charts.test.ts).
  return (JSON.parse(embedded) as Array<{ chart: ChartDescription }>)
    .filter((entry) => entry.chart.kind === 'needs' || entry.chart.kind === 'ipa' || entry.chart.kind === 'gap')
    .map((entry) => chartConfig(entry.chart));
}

/** The dashboard's charts, from the definition JSON the API serves, in the report page's order: needs, IPA, gaps. */
function dashboardCharts(locale: 'ja' | 'en') {
  const labels = createReportLabels(createLabelIndex([definitionVersionFromJson(json)]), locale);
  return {
    needs: report.needs.map((needs) => needsChartOf(needs, labels).config),
    ipa: report.ipa.flatMap((set) => ipaChartOf(set, labels)?.config ?? []),
    gaps: report.gaps.items.map((gap) => gapChartOf(gap, report.gaps, labels).config),
  };
}

/** What a reader sees of a chart: every label, value, colour and text, with each callback's output for every bar or point. */
function seen(config: ChartConfiguration) {
  const options = config.options as any;
  const datasets = config.data.datasets as any[];
  const tooltip = options.plugins.tooltip.callbacks;
  const ticks = (axis: 'x' | 'y') => {
    const scale = options.scales[axis];
    if (typeof scale?.ticks?.callback !== 'function' || scale.min === undefined) return undefined;
    const values: string[] = [];
    for (let k = 0, step = scale.ticks.stepSize ?? 1; scale.min + k * step <= scale.max + 1e-9; k++) values.push(scale.ticks.callback(scale.min + k * step, k, []));
    return values;
  };
  return {
    type: config.type,
    labels: config.data.labels,
    datasets: datasets.map((dataset) => ({ label: dataset.label, data: dataset.data, colour: dataset.backgroundColor })),
    tooltips: datasets.map((dataset, datasetIndex) =>
      (dataset.data as unknown[]).map((_point, dataIndex) => [tooltip.title([{ datasetIndex, dataIndex }]), tooltip.label({ datasetIndex, dataIndex })]),
    ),
    xTicks: ticks('x'),
    yTicks: ticks('y'),
    yCategoryTicks: config.type === 'bar' && options.indexAxis === 'y' && typeof options.scales.y.ticks.callback === 'function' ? (config.data.labels ?? []).map((_label, index) => options.scales.y.ticks.callback(index, index, [])) : undefined,
    plugins: { ciWhiskers: options.plugins.ciWhiskers, quadrantLines: options.plugins.quadrantLines, segmentLabels: options.plugins.segmentLabels },
  };
}

describe.each(['ja', 'en'] as const)('the dashboard and the HTML report draw the same charts (%s)', (locale) => {
  const html = htmlCharts(locale);
  const dashboard = dashboardCharts(locale);
  const htmlNeeds = html.slice(0, dashboard.needs.length);
  const htmlIpa = html.slice(dashboard.needs.length, dashboard.needs.length + dashboard.ipa.length);
  const htmlGaps = html.slice(dashboard.needs.length + dashboard.ipa.length);

  it('needs rankings: same bars, labels, colour, intervals and percentages', () => {
    expect(dashboard.needs.length).toBeGreaterThan(0);
    expect(htmlNeeds.map(seen)).toEqual(dashboard.needs.map(seen));
    const first = seen(dashboard.needs[0]);
    expect(first.datasets[0].colour).toBe(BRAND);
    // Labels are the definition's, in the chosen language.
    const question = json.pages!.flatMap((page: any) => page.elements).find((element: any) => element.name === report.needs[0].question) as any;
    const choiceText = (value: unknown) => question.choices.find((choice: any) => choice.value === value).text[locale];
    expect(first.labels).toEqual(report.needs[0].items.map((item) => choiceText(item.value)));
    expect(first.plugins.ciWhiskers.labels[0]).toMatch(/^\d{1,3}\.\d%$/);
    expect(first.xTicks).toContain('20%');
  });

  it('importance × satisfaction: same points, quadrant colours and names', () => {
    expect(dashboard.ipa.length).toBeGreaterThan(0);
    expect(htmlIpa.map(seen)).toEqual(dashboard.ipa.map(seen));
    const datasets = seen(dashboard.ipa[0]).datasets;
    const names = locale === 'ja' ? { keep: '現状維持', concentrate: '重点改善' } : { keep: 'Keep up the good work', concentrate: 'Concentrate here' };
    const named = Object.entries(names).filter(([, name]) => datasets.some((candidate) => candidate.label === name));
    expect(named.length).toBeGreaterThan(0);
    for (const [quadrant, name] of named) expect(datasets.find((candidate) => candidate.label === name)!.colour).toBe(QUADRANT_COLOURS[quadrant as keyof typeof QUADRANT_COLOURS]);
    expect(seen(dashboard.ipa[0]).tooltips[0][0][1][0]).toMatch(locale === 'ja' ? /^重要度: \d\.\d\d$/ : /^Importance: \d\.\d\d$/);
  });

  it('group differences: same segments, colours and shares; the dashboard only leaves legend and axis texts to its own HTML', () => {
    expect(dashboard.gaps.length).toBeGreaterThan(0);
    expect(htmlGaps.map(seen)).toEqual(dashboard.gaps.slice(0, htmlGaps.length).map(seen));
    const layout = (config: ChartConfiguration) => {
      const options = config.options as any;
      return { legend: options.plugins.legend.display, ticks: options.scales.x.ticks.display, title: options.scales.x.title.display };
    };
    expect(layout(htmlGaps[0])).toEqual({ legend: true, ticks: true, title: true });
    expect(layout(dashboard.gaps[0])).toEqual({ legend: false, ticks: false, title: false });
    expect(seen(dashboard.gaps[0]).labels!.every((label) => /\(n=[\d,]+\)$|（非表示）$|\(hidden\)$/.test(String(label)))).toBe(true);
  });
});

it('the two languages really differ (the comparison above is not of two empty charts)', () => {
  expect(seen(dashboardCharts('ja').needs[0]).labels).not.toEqual(seen(dashboardCharts('en').needs[0]).labels);
});
