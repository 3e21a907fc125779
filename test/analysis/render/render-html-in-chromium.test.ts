/**
 * The HTML report in real Chromium: charts draw, nothing is requested from anywhere, nothing
 * from a comment runs, and hidden groups show as hidden. Leaves screenshots in test-artifacts/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { renderHtml } from '../../../analysis/render/render-html.ts';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { launchChromium, recordTraffic } from '../../e2e/support/chromium.ts';
import { BRAND, QUADRANT_COLOURS } from '../../../core/report-view/palette.ts';
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { HOSTILE, hostileReport } from './hostile-report.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const assets = await readReportAssets();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function open(html: string, name: string) {
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, html);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const traffic = recordTraffic(context);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-charts-ready]', { timeout: 30_000 });
  return { page, context, traffic, file, consoleErrors };
}

/** Screenshot of the whole page, with a viewport as tall as the page so every canvas is painted. */
async function screenshot(page: import('playwright-core').Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 16_000) });
  // A report with a chart per cross-tab (issue 25) redraws some 200 charts at this size: give it time on a busy machine.
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, timeout: 120_000 });
}

describe('HTML report in Chromium', () => {
  it('draws every chart of a shipped survey, stating n, without any request', async () => {
    const definition = loadDefinition(JSON.parse(readFileSync(join(ROOT, 'survey-definitions', 'citizen-needs', 'v1.json'), 'utf8')), 'citizen-needs');
    const records = [...synthesizeResponses(definition, { count: 3000, seed: 4 })];
    const report = buildReport({ definitions: [definition], records, options: { by: 'ageBand' } });
    const { page, context, traffic, file, consoleErrors } = await open(renderHtml(report, [definition], { locale: 'ja', ...assets }), 'report-citizen-needs');
    const charts = await page.evaluate(() => {
      const kinds = new Map<string, string>(
        (JSON.parse(document.getElementById('report-charts')!.textContent!) as Array<{ id: string; chart: { kind: string } }>).map((entry) => [entry.id, entry.chart.kind]),
      );
      let crosstabs = 0;
      return [...document.querySelectorAll('canvas')].map((canvas) => {
        const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas);
        // A drawn chart has more than one colour on its canvas. Reading the pixels of every one of the
        // ~200 cross-tab charts took most of a minute; the first few of them stand for the rest.
        const colours = new Set<number>();
        if (canvas.closest('section.part')?.id !== 'crosstabs' || crosstabs++ < 6) {
          const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < pixels.length && colours.size < 3; i += 4 * 97) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        } else colours.add(-1).add(-2);
        const subtitle = chart?.options.plugins.subtitle.text ?? '';
        return {
          kind: kinds.get(canvas.id),
          part: canvas.closest('section.part')?.id,
          type: chart?.config.type,
          colours: colours.size,
          subtitle: String(subtitle),
          labels: (chart?.data.labels ?? []).map(String),
          fills: (chart?.data.datasets ?? []).map((dataset: { backgroundColor: unknown }) => String(dataset.backgroundColor)),
          registered: ['ciWhiskers', 'quadrantLines', 'segmentLabels'].filter((id) => (window as any).Chart.registry.plugins.get(id)),
        };
      });
    });
    // 単純集計: a chart per summarised choice question, matrix or number, before the analyses' charts.
    const summarised = report.summaries!.filter((summary) => !summary.notSummarised && summary.answered && (summary.items?.length || summary.rows?.length || summary.histogram?.length || summary.ranks?.length));
    const profile = report.breakdowns!.filter((breakdown) => summarised.some((summary) => summary.question === breakdown.by));
    const summaryCharts = charts.filter((chart) => chart.part === 'profile' || chart.part === 'summaries');
    // 単純集計 does not repeat the questions of 回答者属性 (issue 26).
    expect(summaryCharts.length).toBe(profile.length + summarised.filter((summary) => !profile.some((breakdown) => breakdown.by === summary.question)).length);
    expect(summaryCharts.every((chart) => chart.type === 'bar')).toBe(true);
    // クロス集計 (issue 25): a chart per cross-tab with a group to show, 全体 first, dots for a checkbox, as on the dashboard.
    const crosstabCharts = charts.filter((chart) => chart.part === 'crosstabs');
    const drawable = report.crosstabs!.filter((crosstab) => crosstab.groups.some((group) => group.n !== null));
    expect(crosstabCharts.map((chart) => chart.kind)).toEqual(drawable.map((crosstab) => (crosstab.kind === 'multiple' ? 'dots' : 'stacked')));
    expect(crosstabCharts.filter((chart) => chart.kind === 'stacked').every((chart) => chart.labels[0].startsWith('全体 (n='))).toBe(true);
    expect(charts.findIndex((chart) => chart.kind === 'needs')).toBeGreaterThan(charts.findLastIndex((chart) => chart.kind === 'bars' || chart.kind === 'stacked'));
    const needs = charts.find((chart) => chart.kind === 'needs')!;
    const ipa = charts.find((chart) => chart.kind === 'ipa')!;
    expect(needs.type).toBe('bar');
    expect(ipa.type).toBe('scatter');
    // Drawn with the dashboard's palette and plugins (core/report-view), not a copy of its own.
    expect(needs.fills).toEqual([BRAND]);
    expect(ipa.fills.every((fill: string) => Object.values(QUADRANT_COLOURS).includes(fill))).toBe(true);
    expect(needs.registered).toEqual(['ciWhiskers', 'quadrantLines', 'segmentLabels']);
    for (const chart of charts) {
      expect(chart.colours).toBeGreaterThan(1);
      // n on every chart: in the subtitle, or on each group's bar.
      expect(chart.subtitle.includes('n =') || chart.labels.every((label: string) => /\(n=[\d,]+\)|（非表示）/.test(label))).toBe(true);
    }
    expect(traffic.requests.filter((url) => url !== `file://${file}`)).toEqual([]);
    expect(traffic.pageErrors).toEqual([]);
    expect(traffic.cspViolations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await screenshot(page, 'report-citizen-needs');

    // Printed on A4: each part of the backbone starts a page, and no table is wider than the page.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 680, height: 960 }); // A4 less 15 mm margins at 96 dpi, about 680 px wide
    const print = await page.evaluate(() => ({
      breaks: [...document.querySelectorAll('section.part')].slice(1).map((section) => getComputedStyle(section).breakBefore),
      avoid: getComputedStyle(document.querySelector('table')!).breakInside,
      overflowing: [...document.querySelectorAll('table')].filter((table) => table.scrollWidth > table.parentElement!.clientWidth + 1).length,
    }));
    expect(print.breaks.every((value) => value === 'page')).toBe(true);
    expect(print.avoid).toBe('avoid');
    expect(print.overflowing).toBe(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  }, 240_000);

  it('runs nothing from a comment and marks hidden groups on the gap chart', async () => {
    const { definition, report } = hostileReport();
    const { page, context, traffic } = await open(renderHtml(report, [definition], { locale: 'ja', ...assets }), 'report-hostile');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('blockquote').first().textContent()).toBe(HOSTILE);
    const labels = await page.evaluate(() => {
      const charts = JSON.parse(document.getElementById('report-charts')!.textContent!) as Array<{ id: string; chart: { kind: string } }>;
      const canvas = document.getElementById(charts.find((entry) => entry.chart.kind === 'gap')!.id) as HTMLCanvasElement;
      return (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas).data.labels;
    });
    expect(labels).toEqual(['若手 (n=12)', '中堅（非表示）', 'ベテラン（非表示）']);
    expect(traffic.pageErrors).toEqual([]);
    await screenshot(page, 'report-hostile');
    await context.close();
  });
});
