/**
 * 自由記述 on the dashboard (issue 27, item 3) in real Chromium against the real server, in Japanese and
 * English, at a desk (1280×800, 1440×900), a tablet (800×1280) and a phone (390×844): frequent words by the
 * chosen breakdown, the co-occurrence network as SVG (circles sized by count, coloured by community), the
 * codes by the breakdown with their marks, and for a clicked word its KWIC (the server's, over every comment) and
 * the comments containing it (paging, search and downloads: dashboard-comments.test.ts).
 * The view asks for the report with text=1, and only it does: the overview's report is asked without.
 * Numbers are compared with the JSON the page received. Screenshots go to the temp folder
 * (dashboard-text/), to be looked at, never into the checkout.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommentKwic, CommentList } from '../../contracts/comments.ts';
import type { Report } from '../../contracts/report.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { formatCount, formatPercent } from '../../core/i18n/number-format.ts';
import { SERIES_COLOURS } from '../../core/report-view/palette.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { useE2eSession } from './support/e2e-session.ts';
import { logInAt, sidewaysScroll } from './support/log-in.ts';
import { seriousAccessibilityViolations } from './support/run-axe.ts';
import { seedResponses } from './support/seed-responses.ts';

const EXIT = 'ward-office-exit';
const session = useE2eSession();

const ANALYST = { name: 'analyst-text', password: 'a long enough e2e passphrase' };
const SHOTS = join(tmpdir(), 'dashboard-text');
const LOCALES = ['ja', 'en'] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 800, height: 1280 },
  { width: 390, height: 844 },
] as const;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  await createUser(session.server.authStore, { name: ANALYST.name, role: 'analyst', password: ANALYST.password });
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS_DIR);
  // Seeded comments come from templates that lean on age (compose-comment.ts), so codes differ by age band.
  await seedResponses(session.server.responsesFile, definitions.get(EXIT)!, { count: 1500, seed: 27, days: 30, onlineEvery: 4 });
}, 300_000);

interface Drawn {
  /** The report asked with text=1, the word's KWIC and comments the view read, and every report address asked. */
  text?: Report;
  kwic?: CommentKwic;
  comments?: CommentList;
  urls: URL[];
}

async function openText(size: { width: number; height: number }, locale: string): Promise<{ page: Page; drawn: Drawn }> {
  const drawn: Drawn = { urls: [] };
  const { page } = await logInAt(session, {
    path: `/dashboard/${EXIT}?view=text`,
    user: ANALYST,
    viewport: size,
    locale,
    onOpen: async (page) => {
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (!response.ok()) return;
        if (url.pathname === `/api/surveys/${EXIT}/report`) {
          drawn.urls.push(url);
          if (url.searchParams.get('text') === '1') drawn.text = (await response.json()) as Report;
        }
        if (url.pathname === `/api/surveys/${EXIT}/comments` && url.searchParams.has('kwic')) drawn.kwic = (await response.json()) as CommentKwic;
        else if (url.pathname === `/api/surveys/${EXIT}/comments` && url.searchParams.has('word')) drawn.comments = (await response.json()) as CommentList;
      });
    },
  });
  await page.getByTestId('text-words-table').waitFor({ timeout: 120_000 });
  return { page, drawn };
}

const tableTexts = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((table) => [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));

const scrollUnderBar = (page: Page, selector: string) =>
  page.evaluate((target) => {
    const bar = document.querySelector('.filter-bar')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, document.querySelector(target)!.getBoundingClientRect().top + window.scrollY - bar - 8);
  }, selector);

describe('自由記述 on the dashboard', () => {
  for (const locale of LOCALES) {
    for (const size of SIZES) {
      const tag = `${locale}-${size.width}x${size.height}`;
      it(`${tag}: words by breakdown, the network, codes with marks, KWIC and the comments of a clicked word`, async () => {
        const { page, drawn } = await openText(size, locale);
        await expect.poll(() => drawn.text !== undefined).toBe(true);
        const analysis = drawn.text!.text!.find((entry) => entry.question === 'comment')!;
        expect(analysis.hidden).toBe(false);
        // Only this view asks for the text analysis: the overview's report (asked first) is without it.
        expect(drawn.urls.filter((url) => !url.searchParams.has('text')).length).toBeGreaterThan(0);

        // Words: the first 30 of the JSON, count and share, then one column per group of the first breakdown.
        const breakdown = analysis.breakdowns![0];
        const table = await tableTexts(page, 'text-words-table');
        expect(table.length - 1).toBe(Math.min(30, analysis.words.length));
        expect(table[0].length).toBe(3 + breakdown.byGroup.groups.length);
        analysis.words.slice(0, 30).forEach((word, index) => {
          expect(table[index + 1].slice(0, 3)).toEqual([word.word, formatCount(word.count, locale), formatPercent(word.share, locale)]);
        });
        const firstRow = breakdown.byGroup.rows[0];
        firstRow.cells.forEach((cell, group) => {
          expect(table[1][3 + group]).toBe(cell.share === null ? (locale === 'ja' ? '＊' : '*') : `${formatPercent(cell.share, locale)} (${formatCount(cell.count!, locale)})`);
        });

        // The network: a circle per node, bigger for a larger count, one colour per community.
        const nodes = await page.getByTestId('network-node').evaluateAll((groups) =>
          groups.map((group) => ({ word: group.getAttribute('data-word'), count: Number(group.getAttribute('data-count')), community: Number(group.getAttribute('data-community')), r: Number(group.querySelector('circle')!.getAttribute('r')), fill: group.querySelector('circle')!.getAttribute('fill') })),
        );
        expect(nodes.map((node) => node.word)).toEqual(analysis.network.nodes.map((node) => node.word));
        expect(nodes.map((node) => node.count)).toEqual(analysis.network.nodes.map((node) => node.count));
        for (const a of nodes) for (const b of nodes) if (a.count > b.count) expect(a.r, `${a.word} vs ${b.word}`).toBeGreaterThan(b.r);
        const fills = new Map<number, Set<string>>();
        for (const node of nodes) fills.set(node.community, (fills.get(node.community) ?? new Set()).add(node.fill!));
        for (const set of fills.values()) expect(set.size).toBe(1);
        // …and different communities different colours, as far as the palette's twelve go (then they repeat).
        expect(fills.size).toBeGreaterThan(1);
        expect(new Set(nodes.map((node) => node.fill)).size).toBe(Math.min(fills.size, SERIES_COLOURS.length));
        expect(await page.locator('.text-network__edge').count()).toBe(analysis.network.edges.length);
        // Every circle inside the drawing.
        const outside = await page.getByTestId('text-network').evaluate((svg) => {
          const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('circle')].filter((circle) => {
            const r = circle.getBoundingClientRect();
            return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
          }).length;
        });
        expect(outside).toBe(0);

        // Codes by the breakdown: each code's total, and the marks the JSON gives each group.
        const codes = breakdown.codeCrosstabs!;
        const codeTable = await tableTexts(page, 'text-codes-table');
        expect(codeTable.slice(1).map((row) => row[0])).toEqual(analysis.codes.map((code) => code.code));
        analysis.codes.forEach((code, index) => expect(codeTable[index + 1][1]).toBe(`${formatPercent(code.share, locale)} (${formatCount(code.count, locale)})`));
        const marks = await page.getByTestId('text-codes-table').evaluate((table) => [...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td[data-mark]')].map((cell) => cell.getAttribute('data-mark'))));
        expect(marks).toEqual(analysis.codes.map((_, index) => codes.groups.filter((group) => group.cells[index].share !== null).map((group) => group.cells[index].mark)));

        expect(await sidewaysScroll(page), tag).toBeLessThanOrEqual(0);
        await scrollUnderBar(page, '.view-tabs');
        await page.screenshot({ path: join(SHOTS, `${tag}-text.png`) });
        await scrollUnderBar(page, '.text-network');
        await page.screenshot({ path: join(SHOTS, `${tag}-network.png`) });

        // A clicked word: its KWIC over every comment (the server's), and the comments with it below.
        const word = analysis.words[0].word;
        await page.locator(`.text-words-table tr[data-word="${word}"] button`).click();
        await page.getByTestId('kwic-table').waitFor();
        await expect.poll(() => drawn.kwic !== undefined && drawn.comments !== undefined).toBe(true);
        // Every comment with the word, not a page of the newest: at least as many as the word's count (the word
        // table counts it as a whole word; KWIC also finds it inside compounds).
        expect(drawn.kwic!.containing).toBeGreaterThanOrEqual(analysis.words[0].count);
        expect(drawn.comments!.total).toBe(drawn.kwic!.containing);
        await expect.poll(() => page.getByTestId('comment-browser').getByTestId('comment').count()).toBe(drawn.comments!.comments.length);
        // axe on the whole view with a word picked: the network's words are buttons with names, the tables headed.
        if (size.width === 1440) expect(await seriousAccessibilityViolations(page)).toEqual([]);
        const keywords = await page.locator('.kwic-keyword').allTextContents();
        expect(keywords.length).toBe(Math.min(drawn.kwic!.count, drawn.kwic!.limit));
        if (analysis.words[0].pos !== 'verb' && analysis.words[0].pos !== 'adjective') for (const keyword of keywords) expect(keyword).toBe(word.normalize('NFKC'));
        expect(await sidewaysScroll(page), `${tag}: KWIC`).toBeLessThanOrEqual(0);
        await scrollUnderBar(page, '[data-testid="text-kwic"]');
        await page.screenshot({ path: join(SHOTS, `${tag}-kwic.png`) });

        // Another breakdown: its groups become the columns.
        if (analysis.breakdowns!.length > 1) {
          const other = analysis.breakdowns![1];
          await page.locator('#text-by').selectOption(other.by);
          await expect.poll(async () => (await tableTexts(page, 'text-words-table'))[0].length).toBe(3 + other.byGroup.groups.length);
          expect((await tableTexts(page, 'text-codes-table'))[0].slice(2, 2 + other.codeCrosstabs!.groups.length).map((cell) => cell.split(' n=')[0])).toEqual(other.codeCrosstabs!.groups.map((group) => group.label));
        }
      }, 300_000);
    }
  }
});
