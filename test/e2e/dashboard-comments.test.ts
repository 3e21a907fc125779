/**
 * 記述の検索と一覧 (issue 30 "every comment findable", issue 27's paged comments) in real Chromium against the real
 * server, in Japanese and English, at a desk (1280×800) and a phone (390×844): the 自由記述 view's comments are
 * searched by a text, read on with 「もっと見る」 (the server's cursor), and filtered by a code clicked in the
 * codes table; the downloads follow the search. What the page shows is compared with the JSON it received.
 * Screenshots of the comments go to test-artifacts/ (gitignored): dashboard-comments-<locale>-<size>-*.png.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommentList } from '../../contracts/comments.ts';
import type { Report } from '../../contracts/report.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { useE2eSession } from './support/e2e-session.ts';
import { logInAt, sidewaysScroll } from './support/log-in.ts';
import { seedResponses } from './support/seed-responses.ts';

const EXIT = 'ward-office-exit';
const session = useE2eSession();

const ANALYST = { name: 'analyst-comments', password: 'a long enough e2e passphrase' };
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const SEARCH = { ja: '駐車場', en: '駐車場' } as const;

beforeAll(async () => {
  await createUser(session.server.authStore, { name: ANALYST.name, role: 'analyst', password: ANALYST.password });
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS_DIR);
  await seedResponses(session.server.responsesFile, definitions.get(EXIT)!, { count: 2500, seed: 30, days: 30, onlineEvery: 4 });
}, 300_000);

interface Seen {
  text?: Report;
  /** Every comments page the page received, in order, with its address. */
  pages: Array<{ url: URL; body: CommentList }>;
}

async function openComments(size: { width: number; height: number }, locale: string): Promise<{ page: Page; seen: Seen }> {
  const seen: Seen = { pages: [] };
  const { page } = await logInAt(session, {
    path: `/dashboard/${EXIT}?view=text`,
    user: ANALYST,
    viewport: size,
    locale,
    onOpen: async (page) => {
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (!response.ok()) return;
        if (url.pathname === `/api/surveys/${EXIT}/report` && url.searchParams.get('text') === '1') seen.text = (await response.json()) as Report;
        if (url.pathname === `/api/surveys/${EXIT}/comments` && url.searchParams.has('limit') && !url.searchParams.has('kwic')) {
          seen.pages.push({ url, body: (await response.json()) as CommentList });
        }
      });
    },
  });
  await page.getByTestId('comment-browser').getByTestId('comment').first().waitFor({ timeout: 120_000 });
  return { page, seen };
}

const listed = (page: Page) => page.getByTestId('comment-browser').getByTestId('comment').locator('.comment__text').allTextContents();
const lastPage = (seen: Seen) => seen.pages[seen.pages.length - 1];

/** Scrolls the element's top just under the sticky filter bar. */
const scrollUnderBar = (page: Page, selector: string) =>
  page.evaluate((target) => {
    const bar = document.querySelector('.filter-bar')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, document.querySelector(target)!.getBoundingClientRect().top + window.scrollY - bar - 8);
  }, selector);

describe('記述の検索と一覧', () => {
  for (const locale of ['ja', 'en'] as const) {
    for (const size of SIZES) {
      const tag = `${locale}-${size.width}x${size.height}`;
      it(`${tag}: searches, pages on, and filters by a clicked code`, async () => {
        const { page, seen } = await openComments(size, locale);
        const browser = page.getByTestId('comment-browser');

        // The first page: the newest 20 of every comment, never a date or an id on screen.
        await expect.poll(() => seen.pages.length).toBeGreaterThan(0);
        const first = lastPage(seen).body;
        expect(first.comments).toHaveLength(20);
        expect(await listed(page)).toEqual(first.comments.map((comment) => comment.text));
        expect(await browser.textContent()).not.toMatch(/20\d\d[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}:\d\d|[0-9a-f]{8}-[0-9a-f]{4}-/);

        // Search by a text: only comments containing it, counted as the server counts them.
        await page.getByTestId('comment-search').fill(SEARCH[locale]);
        await page.getByTestId('comment-search-button').click();
        await expect.poll(() => lastPage(seen).url.searchParams.get('q')).toBe(SEARCH[locale]);
        const found = lastPage(seen).body;
        expect(found.total).toBeGreaterThan(20);
        await expect.poll(() => listed(page)).toEqual(found.comments.map((comment) => comment.text));
        for (const text of await listed(page)) expect(text.normalize('NFKC')).toContain(SEARCH[locale]);
        expect(await browser.getByTestId('comments-count').getAttribute('data-total')).toBe(String(found.total));
        expect(await browser.getByTestId('comment-filters').textContent()).toContain(SEARCH[locale]);
        // The downloads follow the search.
        const csv = await browser.getByTestId('comments-download-csv').getAttribute('href');
        expect(new URL(csv!, 'http://x').searchParams.get('q')).toBe(SEARCH[locale]);
        expect(new URL(csv!, 'http://x').searchParams.get('format')).toBe('csv');
        expect(await sidewaysScroll(page), `${tag}: search`).toBeLessThanOrEqual(0);
        await scrollUnderBar(page, '[data-testid="comment-browser"]');
        await session.screenshot(page, `dashboard-comments-${tag}-search`);

        // 「もっと見る」: the next page by the server's cursor, after the first, none repeated.
        await browser.getByTestId('comments-more').click();
        await expect.poll(() => lastPage(seen).url.searchParams.has('cursor')).toBe(true);
        const second = lastPage(seen).body;
        await expect.poll(async () => (await listed(page)).length).toBe(found.comments.length + second.comments.length);
        expect(await listed(page)).toEqual([...found.comments, ...second.comments].map((comment) => comment.text));
        // Forty different answers (the templates repeat words, not whole comments, often enough to compare by text).
        expect(second.comments.length).toBe(Math.min(20, found.total - 20));

        // A code clicked in the codes table: the search stays, the list holds that code's comments only.
        const code = seen.text!.text!.find((entry) => entry.question === 'comment')!.codes.find((entry) => entry.code === '駐車場')!.code;
        await page.locator(`.text-codes-table tr[data-code="${code}"] button`).click();
        await expect.poll(() => lastPage(seen).url.searchParams.get('code')).toBe(code);
        const coded = lastPage(seen).body;
        expect(coded.total).toBeGreaterThan(0);
        expect(coded.total).toBeLessThanOrEqual(found.total);
        await expect.poll(() => listed(page)).toEqual(coded.comments.map((comment) => comment.text));
        const chips = await browser.getByTestId('comment').evaluateAll((items) => items.map((item) => [...item.querySelectorAll('[data-testid="comment-code"]')].map((chip) => chip.textContent)));
        for (const codes of chips) expect(codes).toContain(code);
        expect(await browser.getByTestId('comment-filters').textContent()).toContain(code);
        expect(await page.locator(`.text-codes-table tr[data-code="${code}"] button`).getAttribute('aria-pressed')).toBe('true');

        // Without the search, the code alone; then another code picked from a comment's chip.
        await browser.locator('[data-filter="q"] button').click();
        await expect.poll(() => lastPage(seen).url.searchParams.has('q')).toBe(false);
        const byCode = lastPage(seen).body;
        expect(byCode.total).toBeGreaterThanOrEqual(coded.total);
        expect(await sidewaysScroll(page), `${tag}: code`).toBeLessThanOrEqual(0);
        await scrollUnderBar(page, '[data-testid="comment-browser"]');
        await session.screenshot(page, `dashboard-comments-${tag}-code`);

        // A word clicked: its KWIC from the server over every comment of the code, above the list.
        const word = seen.text!.text!.find((entry) => entry.question === 'comment')!.words[0].word;
        await page.locator(`.text-words-table tr[data-word="${word}"] button`).click();
        await browser.getByTestId('kwic-table').or(browser.getByTestId('suppressed-note')).first().waitFor();
        expect(await sidewaysScroll(page), `${tag}: kwic`).toBeLessThanOrEqual(0);
        await scrollUnderBar(page, '[data-testid="comment-browser"]');
        await session.screenshot(page, `dashboard-comments-${tag}-kwic`);
      }, 300_000);
    }
  }
});
