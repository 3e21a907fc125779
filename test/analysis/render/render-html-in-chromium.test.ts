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
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-charts-ready]', { timeout: 30_000 });
  return { page, context, traffic, file };
}

/** Screenshot of the whole page, with a viewport as tall as the page so every canvas is painted. */
async function screenshot(page: import('playwright-core').Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 16_000) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe('HTML report in Chromium', () => {
  it('draws every chart of a shipped survey, stating n, without any request', async () => {
    const definition = loadDefinition(JSON.parse(readFileSync(join(ROOT, 'survey-definitions', 'citizen-needs', 'v1.json'), 'utf8')), 'citizen-needs');
    const records = [...synthesizeResponses(definition, { count: 3000, seed: 4 })];
    const report = buildReport({ definitions: [definition], records, options: { by: 'ageBand' } });
    const { page, context, traffic, file } = await open(renderHtml(report, [definition], { locale: 'ja', ...assets }), 'report-citizen-needs');
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((canvas) => {
        const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas);
        // A drawn chart has more than one colour on its canvas.
        const context = canvas.getContext('2d')!;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set<number>();
        for (let i = 0; i < pixels.length && colours.size < 3; i += 4 * 97) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        const subtitle = chart?.options.plugins.subtitle.text ?? '';
        return {
          type: chart?.config.type,
          colours: colours.size,
          subtitle: String(subtitle),
          labels: (chart?.data.labels ?? []).map(String),
          fills: (chart?.data.datasets ?? []).map((dataset: { backgroundColor: unknown }) => String(dataset.backgroundColor)),
          registered: ['ciWhiskers', 'quadrantLines', 'segmentLabels'].filter((id) => (window as any).Chart.registry.plugins.get(id)),
        };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(charts[0].type).toBe('bar'); // needs
    expect(charts[1].type).toBe('scatter'); // IPA
    // Drawn with the dashboard's palette and plugins (core/report-view), not a copy of its own.
    expect(charts[0].fills).toEqual([BRAND]);
    expect(charts[1].fills.every((fill: string) => Object.values(QUADRANT_COLOURS).includes(fill))).toBe(true);
    expect(charts[0].registered).toEqual(['ciWhiskers', 'quadrantLines', 'segmentLabels']);
    for (const chart of charts) {
      expect(chart.colours).toBeGreaterThan(1);
      // n on every chart: in the subtitle, or on each group's bar.
      expect(chart.subtitle.includes('n =') || chart.labels.every((label: string) => /\(n=[\d,]+\)|（非表示）/.test(label))).toBe(true);
    }
    expect(traffic.requests.filter((url) => url !== `file://${file}`)).toEqual([]);
    expect(traffic.pageErrors).toEqual([]);
    expect(traffic.cspViolations).toEqual([]);
    await screenshot(page, 'report-citizen-needs');
    await context.close();
  });

  it('runs nothing from a comment and marks hidden groups on the gap chart', async () => {
    const { definition, report } = hostileReport();
    const { page, context, traffic } = await open(renderHtml(report, [definition], { locale: 'ja', ...assets }), 'report-hostile');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('blockquote').first().textContent()).toBe(HOSTILE);
    const labels = await page.evaluate(() => {
      const canvas = document.querySelectorAll('canvas')[1];
      return (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): any } }).Chart.getChart(canvas).data.labels;
    });
    expect(labels).toEqual(['若手 (n=12)', '中堅（非表示）', 'ベテラン（非表示）']);
    expect(traffic.pageErrors).toEqual([]);
    await screenshot(page, 'report-hostile');
    await context.close();
  });
});
