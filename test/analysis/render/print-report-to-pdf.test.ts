/**
 * The HTML report printed to A4 in real Chromium and read back with pdftotext (issue 26): what an
 * analyst hands on. Row labels keep at least six characters a line however wide the table, every
 * cross-tab has its 全体 row, and no part of the report is printed twice; on screen the same wide table
 * scrolls in its box with its row labels in view. Leaves the PDFs in test-artifacts/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { renderHtml } from '../../../analysis/render/render-html.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { launchChromium } from '../../e2e/support/chromium.ts';
import { handMadeDefinition, handMadeReport, LONG_GROUPS, wideCrosstab } from '../../core/report-view/hand-made-report.ts';

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

/** The report printed as Chromium prints it for a reader (print media, A4), as pdftotext reads it. */
async function printed(html: string, name: string): Promise<string> {
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage();
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-charts-ready]', { timeout: 60_000 });
  await page.emulateMedia({ media: 'print' });
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4' });
  await page.close();
  // -layout keeps each printed line a line (without it, text runs in different fonts, 20 and 代, come apart).
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe.each(['ja', 'en'] as const)('the ward-office exit survey printed on A4 (%s)', (language) => {
  const definition = loadDefinition(JSON.parse(readFileSync(join(ROOT, 'survey-definitions', 'ward-office-exit', 'v1.json'), 'utf8')), 'ward-office-exit');
  const records = [...synthesizeResponses(definition, { count: 1200, seed: 3 })];
  const report = buildReport({ definitions: [definition], records, options: { language } });
  let text = '';
  let lines: string[] = [];

  beforeAll(async () => {
    text = await printed(renderHtml(report, [definition], { locale: language, ...assets }), `report-ward-office-exit-${language}`);
    lines = text.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
  }, 180_000);

  it('keeps at least six characters of every long row label on one line, even in the widest cross-tab', () => {
    // The widest cross-tabs: many answers as columns, long group names as row labels.
    const wide = [...report.crosstabs!].sort((a, b) => b.values.length - a.values.length).slice(0, 3);
    expect(wide[0].values.length).toBeGreaterThanOrEqual(10);
    const labels = new Set(wide.flatMap((crosstab) => crosstab.groups.map((group) => group.label)).filter((label) => [...label].length >= 6));
    expect(labels.size).toBeGreaterThan(3);
    for (const label of labels) {
      const head = [...label].slice(0, 6).join('');
      expect(lines.some((line) => line.includes(head)), `「${head}」 on one line`).toBe(true);
    }
  });

  it('prints a 全体 row under every cross-tab heading', () => {
    const total = tabulationTexts(language).total;
    const totals = lines.filter((line) => line.startsWith(`${total} `)).length;
    expect(totals).toBeGreaterThanOrEqual(report.crosstabs!.length);
  });

  it('prints every part of the report once, and no question twice in 回答者属性 and 単純集計', () => {
    const headings = lines.filter((line) => /^\d\. \S/.test(line));
    expect(headings.length).toBeGreaterThanOrEqual(9);
    expect(new Set(headings).size).toBe(headings.length);
    const before = lines.slice(0, lines.findIndex((line) => /^4\.\s/.test(line)));
    for (const summary of report.summaries!) {
      const head = [...summary.label].slice(0, 24).join('');
      expect(before.filter((line) => line.startsWith(head)).length, summary.label).toBe(1);
    }
  });
});

describe('a cross-tab of twelve long options by long group names, printed on A4', () => {
  it('splits the table into parts that each repeat the row labels, never fewer than six characters a line', async () => {
    const report = { ...handMadeReport(), crosstabs: [wideCrosstab()], breakdowns: [{ by: 'purpose', label: '本日の主な来庁目的', source: 'segment' as const, groups: [] }] };
    const html = renderHtml(report, [handMadeDefinition()], { locale: 'ja', ...assets });
    const text = await printed(html, 'report-wide-crosstab');
    const lines = text.split('\n').map((line) => line.trim());
    for (const label of LONG_GROUPS) {
      const head = [...label].slice(0, 6).join('');
      // Once per part of the table: the label column is repeated.
      expect(lines.filter((line) => line.startsWith(head)).length, `「${head}」 on one line in every part`).toBeGreaterThanOrEqual(2);
    }
    expect(lines.filter((line) => line.startsWith('全体 ')).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('scrolls on screen inside its box, the row labels staying in view', async () => {
    const report = { ...handMadeReport(), crosstabs: [wideCrosstab()], breakdowns: [{ by: 'purpose', label: '本日の主な来庁目的', source: 'segment' as const, groups: [] }] };
    const file = join(ARTIFACTS, 'report-wide-crosstab-screen.html');
    writeFileSync(file, renderHtml(report, [handMadeDefinition()], { locale: 'ja', ...assets }));
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-charts-ready]', { timeout: 60_000 });
    const seen = await page.evaluate(() => {
      const wrap = document.querySelector<HTMLElement>('#crosstabs .table-wrap.wide')!;
      const label = wrap.querySelector<HTMLElement>('tbody td')!;
      const before = label.getBoundingClientRect().left;
      wrap.scrollLeft = 400;
      return {
        scrolls: wrap.scrollWidth > wrap.clientWidth,
        pageWidth: document.documentElement.scrollWidth,
        moved: label.getBoundingClientRect().left - before,
        labelWidth: label.getBoundingClientRect().width / parseFloat(getComputedStyle(label).fontSize),
        printParts: getComputedStyle(document.querySelector('.print-parts')!).display,
      };
    });
    await page.close();
    expect(seen.scrolls).toBe(true);
    expect(seen.pageWidth).toBeLessThanOrEqual(1000);
    expect(seen.moved).toBe(0);
    expect(seen.labelWidth).toBeGreaterThanOrEqual(6);
    expect(seen.printParts).toBe('none');
  }, 120_000);
});
