/**
 * Every dashboard view with the shipped surveys at fieldwork size (issue 26: 1,500–3,000 responses
 * each), in real Chromium at the analysts' screen sizes (1280×800, 1440×900, 1920×1080), in Japanese
 * and English:
 *
 * - no table is wider than its visible box unless it sits in a scroll container of its own, and
 *   the page itself never scrolls sideways;
 * - no table cell or label is cut (a cut one carries its full text as a tooltip), and no chart
 *   label is cut at the canvas edge (core/report-view/plugins/label-fit-plugin.ts counts them);
 * - the comments' count is the number of comments listed, in one column;
 * - every cross-tab has its 全体 row, and the 非表示 card counts the tables that hide something
 *   (issue 26: not their hidden cells), what the timeline hides too;
 * - in English no Japanese text shows that is not data (a definition's label or a comment), and in
 *   Japanese none of the dashboard's, charts' or tables' English words.
 *
 * Screenshots of each view go to test-artifacts/dashboard-views/.
 */
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import type { DailyCounts } from '../../contracts/timeline.ts';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { dashboardTexts } from '../../client/pages/dashboard/dashboard-texts.ts';
import { chartTexts } from '../../core/report-view/chart-texts.ts';
import { tabulationTexts } from '../../core/report-view/tabulation-texts.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { ARTIFACTS_DIR, useE2eSession } from './support/e2e-session.ts';
import { logInAt } from './support/log-in.ts';
import { seedResponses } from './support/seed-responses.ts';

const session = useE2eSession();

const CITIZEN = 'citizen-needs';
const STAFF = 'staff-workstyle';
const EXIT = 'ward-office-exit';
const ANALYST = { name: 'analyst-views', password: 'a long enough e2e passphrase' };
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
const LOCALES = ['ja', 'en'] as const;
const SHOTS = join(ARTIFACTS_DIR, 'dashboard-views');

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  await createUser(session.server.authStore, { name: ANALYST.name, role: 'analyst', password: ANALYST.password });
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS_DIR);
  // The issue's citizen survey: 1,500 online answers and a handful from a kiosk, too few to show alone.
  const citizen = [...synthesizeResponses(definitions.get(CITIZEN)!, { count: 1500, seed: 31, days: 35 })].map((record, index) =>
    index % 400 === 7 ? { ...record, channel: 'kiosk' as const } : record,
  );
  const store = await openSqliteResponseStore(session.server.responsesFile);
  try {
    await store.importRecords(citizen);
  } finally {
    await store.close();
  }
  await seedResponses(session.server.responsesFile, definitions.get(STAFF)!, { count: 2000, seed: 32, days: 21 });
  await seedResponses(session.server.responsesFile, definitions.get(EXIT)!, { count: 3000, seed: 33, days: 28, onlineEvery: 4 });
}, 300_000);

/** The report and timeline each dashboard page last received: what it drew. */
const received = new WeakMap<Page, { report?: Report; timeline?: DailyCounts }>();

async function openDashboard(surveyId: string, size: { width: number; height: number }, locale: string): Promise<Page> {
  const seen: { report?: Report; timeline?: DailyCounts } = {};
  const { page } = await logInAt(session, {
    path: `/dashboard/${surveyId}`,
    user: ANALYST,
    viewport: size,
    locale,
    onOpen: async (page) => {
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (!response.ok() || !url.pathname.startsWith(`/api/surveys/${surveyId}/`) || response.request().headers().accept !== 'application/json') return;
        if (url.pathname.endsWith('/report') && url.searchParams.get('format') === 'json') seen.report = (await response.json()) as Report;
        if (url.pathname.endsWith('/timeline')) seen.timeline = (await response.json()) as DailyCounts;
      });
    },
  });
  received.set(page, seen);
  await page.getByTestId('responses-n').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
  return page;
}

/**
 * What does not fit on the page as it is now: tables wider than their visible box outside a scroll
 * container, cut cells and labels without their full text as a tooltip, charts whose axis labels
 * are cut, and the page scrolling sideways.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (element: Element) => `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[${element.getAttribute('data-testid')}]` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const scrolls = (element: Element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const table of document.querySelectorAll('main table')) {
      const card = table.closest('.chart-card') ?? document.querySelector('main')!;
      let container: Element | null = table.parentElement;
      while (container && container !== card && !scrolls(container)) container = container.parentElement;
      const box = (container && container !== card ? container : card).getBoundingClientRect();
      if (container && container !== card) {
        // A scroll container shows all its table by scrolling; it must itself be inside its card.
        const cardBox = card.getBoundingClientRect();
        if (box.right > cardBox.right + 1 || box.left < cardBox.left - 1) problems.push(`${name(table)}: its scroll container reaches outside the card`);
      } else {
        const tableBox = table.getBoundingClientRect();
        if (tableBox.right > box.right + 1 || table.scrollWidth > card.clientWidth + 1) problems.push(`${name(table)} is ${Math.round(tableBox.width)} px wide in a ${Math.round(box.width)} px box without a scroll container`);
      }
      for (const cell of table.querySelectorAll('th, td')) {
        if (cell.scrollWidth > cell.clientWidth + 1 && cell.getAttribute('title') !== (cell.textContent ?? '').trim()) problems.push(`${name(cell)} is cut (${cell.scrollWidth} > ${cell.clientWidth})`);
      }
    }
    // Labels shortened with an ellipsis by CSS must carry their whole text as a tooltip.
    for (const element of document.querySelectorAll('main *, .filter-bar *, header *')) {
      const style = getComputedStyle(element);
      if (style.textOverflow !== 'ellipsis' || element.scrollWidth <= element.clientWidth + 1) continue;
      const title = element.getAttribute('title') ?? element.closest('[title]')?.getAttribute('title');
      if (!title || !title.includes((element.textContent ?? '').replace(/…$/, '').trim())) problems.push(`${name(element)} is cut without a tooltip`);
    }
    for (const canvas of document.querySelectorAll('main canvas')) {
      const clipped = canvas.getAttribute('data-clipped-labels');
      if (clipped === null) problems.push(`a chart was not drawn: ${canvas.getAttribute('aria-label')?.slice(0, 40)}`);
      else if (clipped !== '0') problems.push(`chart labels cut: ${canvas.getAttribute('data-clipped-label-texts')}`);
    }
    return problems;
  });
}

/** Waits until every chart on the page has been drawn (the label-fit plugin marks each canvas). */
async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('main canvas')].every((canvas) => canvas.hasAttribute('data-clipped-labels')));
  // Chart.js resizes on the next frames after a layout change; measure after it has.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
}

/** Turns every overview card to its table (and back with `charts`). */
async function showTables(page: Page, tables: boolean): Promise<void> {
  for (const toggle of await page.locator('.chart-card__toggle').all()) {
    if ((await toggle.getAttribute('aria-pressed')) !== String(tables)) await toggle.click();
  }
}

/** A JSON answer of the API, fetched by the test itself (without the page's `accept` header, so it is not taken for what the page drew). */
const api = <T>(page: Page, path: string) => page.evaluate(async (url) => (await fetch(url)).json(), path) as Promise<T>;

/** The crosstabs a view check walks: the widest, a checkbox one, a matrix row's, and the one with the most groups. */
function crosstabsToCheck(report: Report): Report['crosstabs'] & object {
  const all = report.crosstabs ?? [];
  const picks = [
    [...all].sort((a, b) => b.values.length - a.values.length)[0],
    all.find((crosstab) => crosstab.kind === 'multiple'),
    all.find((crosstab) => crosstab.row !== undefined),
    [...all].sort((a, b) => b.groups.length - a.groups.length)[0],
  ];
  return [...new Set(picks.filter((crosstab) => crosstab !== undefined))];
}

const keyOf = (crosstab: { question: string; row?: string }) => (crosstab.row === undefined ? crosstab.question : `${crosstab.question}.${crosstab.row}`);

/** Walks overview, every question and the chosen cross-tabs, calling `check` on each view. */
async function walkViews(page: Page, surveyId: string, locale: string, check: (view: string) => Promise<void>): Promise<void> {
  const report = await api<Report>(page, `/api/surveys/${surveyId}/report?format=json&locale=${locale}`);
  await chartsDrawn(page);
  await check('overview');
  await showTables(page, true);
  await check('overview, tables');
  await showTables(page, false);
  await page.getByTestId('view-questions').click();
  for (const summary of report.summaries ?? []) {
    await page.locator('#question-picker').selectOption(summary.question);
    await page.getByTestId('question-view').locator('h2', { hasText: summary.label }).waitFor();
    await chartsDrawn(page);
    await check(`question ${summary.question}`);
  }
  await page.getByTestId('view-crosstabs').click();
  for (const crosstab of crosstabsToCheck(report)) {
    await page.locator('#crosstab-by').selectOption(crosstab.by);
    await page.locator('#crosstab-question').selectOption(keyOf(crosstab));
    await page.getByTestId('crosstab-table').waitFor();
    await chartsDrawn(page);
    await check(`cross-tab ${keyOf(crosstab)} by ${crosstab.by}`);
  }
  await page.getByTestId('view-overview').click();
}

describe('dashboard views at the analysts’ screen sizes', () => {
  for (const locale of LOCALES) {
    for (const size of SIZES) {
      it(`${locale} ${size.width}×${size.height}: every table fits or scrolls in its card, no label is cut, comments are counted as shown, cross-tabs have 全体`, async () => {
        for (const surveyId of [CITIZEN, STAFF, EXIT]) {
          const page = await openDashboard(surveyId, size, locale);
          const problems: string[] = [];
          const tag = `${surveyId}-${locale}-${size.width}x${size.height}`;
          await walkViews(page, surveyId, locale, async (view) => {
            problems.push(...(await layoutProblems(page)).map((problem) => `${view}: ${problem}`));
            if (view === 'overview') {
              await page.screenshot({ path: join(SHOTS, `${tag}-overview.png`), fullPage: true });
              const shown = Number(await page.getByTestId('comments-count').getAttribute('data-shown'));
              const items = page.getByTestId('comment-list').locator('> li');
              expect(await items.count(), 'comments listed = comments counted').toBe(shown);
              // One column: every comment lies within the list's width, none pushed into a column out of view.
              const outside = await page.getByTestId('comment-list').evaluate((list) => {
                const box = list.getBoundingClientRect();
                return [...list.children].filter((item) => item.getBoundingClientRect().left < box.left - 1 || item.getBoundingClientRect().right > box.right + 1).length;
              });
              expect(outside).toBe(0);
            }
            if (view.startsWith('cross-tab')) {
              expect(await page.getByTestId('crosstab-table').locator('[data-testid="total-row"], th.total-column').count(), `${view}: 全体`).toBe(1);
              if (size.width === 1280) await page.screenshot({ path: join(SHOTS, `${tag}-${view.replace(/\W+/g, '-')}.png`), fullPage: true });
            }
          });
          expect(problems, tag).toEqual([]);

          // What the page hides is counted once, as tables, the timeline's series included; the hidden numbers under it.
          const drawn = received.get(page)!;
          const timeline = drawn.timeline!;
          const hidden = [...drawn.report!.suppressed, ...timeline.suppressed];
          const tables = new Set(hidden.map(({ where }) => tableOf(where)));
          const tile = page.getByTestId('suppressed-count');
          expect(digits(await tile.textContent()), `${tag}: tables that hide something`).toBe(tables.size);
          if (hidden.length > 0) expect(digits(await page.getByTestId('suppressed-cells').textContent())).toBe(hidden.length);
          // 600 hidden cells are not 600 tables (citizen-needs hides many cells in each cross-tab by ward).
          if (surveyId === CITIZEN) expect(tables.size).toBeLessThan(hidden.length / 3);
          if (timeline.suppressed.length > 0) {
            const card = page.getByTestId('timeline-chart');
            expect(await card.getByTestId('suppressed-note').locator('li').count()).toBe(timeline.suppressed.length);
            // Never "no responses" for a selection that has them.
            expect(await card.locator('.chart-card__empty').textContent().catch(() => null)).not.toBe(dashboardTexts(locale).noData);
          }
          await page.context().close();
        }
      }, 600_000);
    }
  }
});

/** The digits of a shown count ("1,234表", "1,234 numbers shown as *"), as a number. */
const digits = (text: string | null) => Number((/[\d,]+/.exec(text ?? '') ?? [''])[0].replace(/,/g, ''));

/**
 * The table a report's hidden entry is in, written out here apart from the page's own counting
 * (client/pages/dashboard/hidden-tables.ts): a cross-tab or means table is its `where` up to "=";
 * 調査概要 and the timeline are one each; a 単純集計 and the rest are one per question.
 */
function tableOf(where: string): string {
  const path = where.split('=')[0];
  const [part, question] = path.split('.');
  if (part === 'crosstabs' || part === 'means') return path;
  if (part === 'overview' || part === 'timeline') return part;
  return `${part}.${question}`;
}

/** Every string a survey definition gives in `locale` (its data: titles, choices, rows), longest first. */
function definitionStrings(surveyId: string, locale: string): string[] {
  const strings = new Set<string>();
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key === undefined || key === locale || !['ja', 'en', 'default'].includes(key)) strings.add(value);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (value && typeof value === 'object') for (const [name, item] of Object.entries(value)) visit(item, ['ja', 'en', 'default'].includes(name) ? name : undefined);
  };
  visit(JSON.parse(readFileSync(join(SHIPPED_DEFINITIONS_DIR, surveyId, 'v1.json'), 'utf8')));
  return [...strings].filter((text) => text.trim().length > 0).sort((a, b) => b.length - a.length);
}

/** The visible texts of the page (text nodes, tooltips and chart descriptions), comments (free-text data) left out. */
function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      // Comments are data; the language switch names each language in itself; <noscript> never shows here.
      if (parent.closest('[data-testid="comment-list"], script, style, noscript, option, .language-switch')) continue;
      if (parent.closest('details:not([open])') && parent.tagName !== 'SUMMARY' && !parent.closest('summary')) continue;
      const text = (node.textContent ?? '').trim();
      if (text) texts.push(text);
    }
    // A chart's axis ticks and legend, which the label-fit plugin writes down.
    for (const canvas of document.querySelectorAll('canvas[data-label-texts]')) texts.push(...canvas.getAttribute('data-label-texts')!.split('\n'));
    for (const element of document.querySelectorAll('[title], [aria-label]')) {
      if (element.closest('[data-testid="comment-list"], .language-switch')) continue;
      for (const attribute of ['title', 'aria-label']) {
        const value = element.getAttribute(attribute);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60]/;
const CODE_NAME = /\b[a-z]+[A-Z][A-Za-z]*\b/;

/** `text` with every data string taken out. */
function withoutData(text: string, data: string[]): string {
  let rest = text;
  for (const item of data) if (rest.includes(item)) rest = rest.split(item).join(' ');
  return rest;
}

/** English UI words (several words, not the same in Japanese) that must never show on a Japanese page, and the analysis's English reasons. */
function englishUiStrings(): string[] {
  // The analysis's own English (reasons, the timeline's added-up series) is for machines and reports, never shown as is.
  const strings = new Set<string>(['fewer than', 'hidden so that', 'free text', 'counted here', 'counted with', 'not summarised', 'the selection has', '(fewer)', '(all)']);
  const collect = (en: unknown, ja: unknown) => {
    if (typeof en === 'string' && en !== ja && /[A-Za-z]{3,} [A-Za-z]{2,}/.test(en)) strings.add(en.split(/[{(]/)[0].trim());
    else if (en && typeof en === 'object' && ja && typeof ja === 'object') for (const key of Object.keys(en)) collect((en as Record<string, unknown>)[key], (ja as Record<string, unknown>)[key]);
  };
  collect(dashboardTexts('en'), dashboardTexts('ja'));
  collect(chartTexts('en'), chartTexts('ja'));
  collect(tabulationTexts('en'), tabulationTexts('ja'));
  return [...strings].filter((text) => text.length >= 5);
}

describe('dashboard language', () => {
  it('in English, no Japanese text on any view that is not data; in Japanese, none of the English UI words', async () => {
    const english = englishUiStrings();
    expect(english.length).toBeGreaterThan(20);
    for (const surveyId of [CITIZEN, STAFF, EXIT]) {
      for (const locale of LOCALES) {
        const page = await openDashboard(surveyId, SIZES[1], locale);
        const data = definitionStrings(surveyId, locale);
        const found: string[] = [];
        // Hidden entries, and the rule, are read too.
        const openAll = () => page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
        await walkViews(page, surveyId, locale, async (view) => {
          await openAll();
          for (const text of await pageTexts(page)) {
            const rest = withoutData(text, data);
            if (locale === 'en' && JAPANESE.test(rest)) found.push(`${view}: ${text.slice(0, 80)}`);
            if (locale === 'ja') for (const word of english) if (rest.includes(word)) found.push(`${view}: "${word}" in ${text.slice(0, 80)}`);
            // A code name (byChannel, teleworkUse) is the machine's key, never words for a reader.
            if (CODE_NAME.test(rest)) found.push(`${view}: code name in ${text.slice(0, 80)}`);
          }
        });
        expect([...new Set(found)], `${surveyId} in ${locale}`).toEqual([]);
        await page.context().close();
      }
    }
  }, 600_000);
});
