/**
 * The 単純集計 and クロス集計 chart descriptions the HTML report and the dashboard share: bars of a
 * choice question's shares, 100%-stacked bars per matrix row or cross-tab group (hidden ones kept
 * as marked rows), and their Chart.js configurations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { chartConfig } from '../../../core/report-view/chart-config.ts';
import { describeCrosstabChart, describeSummaryChart, type BarChart, type StackedChart } from '../../../core/report-view/describe-charts.ts';
import { hostileReport } from '../../analysis/render/hostile-report.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const definition = loadDefinition(JSON.parse(readFileSync(join(ROOT, 'survey-definitions', 'ward-office-exit', 'v1.json'), 'utf8')), 'ward-office-exit');
const report = buildReport({ definitions: [definition], records: [...synthesizeResponses(definition, { count: 800, seed: 5 })] });
const summary = (question: string) => report.summaries!.find((entry) => entry.question === question)!;

describe('describeSummaryChart', () => {
  it('draws a choice question as bars of its shares, in choice order', () => {
    const purpose = summary('purpose');
    const chart = describeSummaryChart(purpose, 'ja') as BarChart;
    expect(chart.kind).toBe('bars');
    expect(chart.labels).toEqual(purpose.items!.map((item) => item.label));
    expect(chart.values).toEqual(purpose.items!.map((item) => item.share));
    expect(chart.note).toBe(`n = ${purpose.answered!.toLocaleString('en-US')}`);
    const config = chartConfig(chart);
    expect(config.type).toBe('bar');
    expect(config.data.datasets[0].data).toEqual(chart.values);
  });

  it('draws a matrix as one 100%-stacked bar per row, best answer first in the scale colours', () => {
    const satisfaction = summary('satisfaction');
    const chart = describeSummaryChart(satisfaction, 'en') as StackedChart;
    expect(chart.kind).toBe('stacked');
    expect(chart.groups).toHaveLength(satisfaction.rows!.length);
    chart.groups.forEach((_, row) => {
      const end = Math.max(...chart.segments.map((segment) => segment.bars[row]![1]));
      expect(end).toBeCloseTo(1, 9);
      expect(chart.segments[0].bars[row]![0]).toBe(0);
    });
    // The shipped scale lists 5 (satisfied) first: blue; 1 (dissatisfied) last: red.
    expect(chart.segments[0].color).toBe('#2166ac');
    expect(chart.segments.at(-1)!.color).toBe('#b2182b');
    expect(chartConfig(chart).data.datasets).toHaveLength(satisfaction.rows![0].items.length);
  });

  it('draws nothing for free text', () => {
    expect(describeSummaryChart(summary('comment'), 'ja')).toBeUndefined();
  });
});

describe('describeCrosstabChart', () => {
  it('keeps hidden groups as marked rows without data, and draws the その他（少数） row that adds them up', () => {
    const { report: hostile } = hostileReport();
    const crosstab = hostile.crosstabs!.find((entry) => entry.question === 'practices')!;
    const chart = describeCrosstabChart(crosstab, 'ja') as StackedChart;
    expect(chart.groups).toEqual(['若手 (n=12)', '中堅（非表示）', 'ベテラン（非表示）', 'その他（少数） (n=12)']);
    expect(chart.hidden).toEqual([false, true, true, false]);
    expect(chart.segments.every((segment) => segment.bars[1] === null && segment.bars[2] === null)).toBe(true);
    expect(chart.segments.some((segment) => segment.bars[3] !== null)).toBe(true);
  });

  it('stacks each group’s shares and leaves checkbox cross-tabs to their tables', () => {
    const single = report.crosstabs!.find((entry) => entry.kind === 'single' && entry.groups.every((group) => group.cells))!;
    const chart = describeCrosstabChart(single, 'en') as StackedChart;
    single.groups.forEach((group, index) => {
      const widths = chart.segments.map((segment) => segment.bars[index]![1] - segment.bars[index]![0]);
      widths.forEach((width, k) => expect(width).toBeCloseTo(group.cells![k].share!, 12));
    });
    expect(describeCrosstabChart(report.crosstabs!.find((entry) => entry.kind === 'multiple')!, 'en')).toBeUndefined();
  });
});
