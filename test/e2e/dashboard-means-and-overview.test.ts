/**
 * Issue 25 on the dashboard in real Chromium against the real server, in Japanese and English, at a
 * desk (1280×800, 1440×900), a tablet (800×1280) and a phone (390×844):
 * - 調査概要 under the title: one line (period, channels, time to answer) that opens to every fact
 *   of the report's overview and the wards, the words core's (overviewFacts, wardTable);
 * - 平均値の比較 under the cross-tab of an ordered scale, as core's describeMeans says it (全体
 *   first, each group, the test line), and a number question's means as the cross-tab view itself;
 * - a breakdown the report does not have (any single-answer question) is fetched with crosstabBy
 *   and drawn, means included, and the address keeps it (a reload shows the same table);
 * - the page never scrolls sideways (the phone's header once made it 38 px wider than the screen).
 * The numbers are compared with the JSON the page received. Screenshots go to the temp folder
 * (dashboard-means-and-overview/), to be looked at, never into the checkout.
 */
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { describeMeans, overviewFacts, wardTable } from '../../core/report-view/describe-tabulation.ts';
import { tabulationTexts } from '../../core/report-view/tabulation-texts.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { useE2eSession } from './support/e2e-session.ts';
import { logInAt, sidewaysScroll } from './support/log-in.ts';
import { seedResponses } from './support/seed-responses.ts';
import { readResponseJson } from './support/read-response-json.ts';

const CITIZEN = 'citizen-needs';
const EXIT = 'ward-office-exit';
/** An outside survey (no analysis roles) with a number question, 待ち時間（分）, and a rating. */
const MINUTES = 'raichosha-questions-form';

/** The shipped surveys and the outside one, served and seeded from the same folder. */
let definitionsDir = '';
const session = useE2eSession({
  definitionsDir: async () => {
    definitionsDir = await mkdtemp(join(tmpdir(), 'e2e-means-'));
    await cp(SHIPPED_DEFINITIONS_DIR, definitionsDir, { recursive: true });
    await cp(join(import.meta.dirname, '..', 'fixtures', 'surveyjs-corpus', `${MINUTES}.json`), join(definitionsDir, `${MINUTES}.json`));
    return definitionsDir;
  },
});

const ANALYST = { name: 'analyst-means', password: 'a long enough e2e passphrase' };
const SHOTS = join(tmpdir(), 'dashboard-means-and-overview');
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
  const definitions = await loadDefinitionCatalogFromDir(definitionsDir);
  await seedResponses(session.server.responsesFile, definitions.get(CITIZEN)!, { count: 800, seed: 41, days: 30 });
  await seedResponses(session.server.responsesFile, definitions.get(EXIT)!, { count: 600, seed: 42, days: 20, onlineEvery: 4 });
  await seedResponses(session.server.responsesFile, definitions.get(MINUTES)!, { count: 600, seed: 43, days: 20 });
}, 300_000);

/** The report JSON the page last drew, and the addresses it asked for it at. */
interface Drawn {
  report?: Report;
  urls: URL[];
}

async function openDashboard(surveyId: string, size: { width: number; height: number }, locale: string): Promise<{ page: Page; drawn: Drawn }> {
  const drawn: Drawn = { urls: [] };
  const { page } = await logInAt(session, {
    path: `/dashboard/${surveyId}`,
    user: ANALYST,
    viewport: size,
    locale,
    onOpen: async (page) => {
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (!response.ok() || url.pathname !== `/api/surveys/${surveyId}/report` || url.searchParams.get('format') !== 'json') return;
        // The newest request's answer is what the page draws, whichever body is read first.
        const asked = drawn.urls.push(url);
        const report = await readResponseJson<Report>(response);
        if (report === undefined) return;
        if (asked === drawn.urls.length) drawn.report = report;
      });
    },
  });
  await page.getByTestId('responses-n').waitFor();
  await expect.poll(() => drawn.report !== undefined).toBe(true);
  return { page, drawn };
}

/** The cells' texts of a table, row by row. */
const tableTexts = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((table) => [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));

describe('調査概要, 平均値の比較 and any breakdown on the dashboard', () => {
  for (const locale of LOCALES) {
    for (const size of SIZES) {
      const tag = `${locale}-${size.width}x${size.height}`;
      it(`${tag}: the overview facts in the header, means under a cross-tab, a number question's means, no sideways scrolling`, async () => {
        const words = tabulationTexts(locale);
        const { page, drawn } = await openDashboard(CITIZEN, size, locale);
        const report = drawn.report!;

        // 調査概要: closed, one line of the facts an analyst checks first.
        const facts = page.getByTestId('overview-facts');
        expect(await facts.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
        const line = (await facts.locator('summary').textContent()) ?? '';
        expect(line).toContain(words.overview);
        expect(line).toContain(`${report.overview!.period!.from} – ${report.overview!.period!.to}`);
        expect(line).toContain(words.completion);
        expect(await sidewaysScroll(page), `${tag}: closed header`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `${tag}-header.png`) });
        // Open: every fact of core's overviewFacts, and the wards with their n.
        await facts.locator('summary').click();
        const listed = await facts.getByTestId('overview-fact-list').evaluate((list) => [...list.querySelectorAll(':scope > div')].map((item) => [item.querySelector('dt')!.textContent, item.querySelector('dd')!.textContent]));
        expect(listed).toEqual(overviewFacts(report, locale));
        // The wards across: core's ward table turned on its side (names in the head row, n under them).
        const wards = await tableTexts(page, 'overview-ward-table');
        const core = wardTable(report, locale)!;
        expect(wards[0]).toEqual([core.columns[0], ...report.overview!.byWard.map((ward) => ward.label)]);
        expect(wards[1]).toEqual([core.columns[1], ...core.rows.map((row) => row[1])]);
        expect(await sidewaysScroll(page), `${tag}: open header`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `${tag}-header-open.png`) });
        await facts.locator('summary').click();

        // An ordered scale by ward: its cross-tab, and under it the means as core describes them.
        await page.getByTestId('view-crosstabs').click();
        await page.locator('#crosstab-by').selectOption('ward');
        await page.locator('#crosstab-question').selectOption('importance.short_waiting');
        await page.getByTestId('crosstab-table').waitFor();
        const means = report.means!.find((entry) => entry.question === 'importance' && entry.row === 'short_waiting' && entry.by === 'ward')!;
        const section = describeMeans(means, report, locale);
        await expect.poll(() => tableTexts(page, 'means-table')).toEqual([section.table!.columns, ...section.table!.rows]);
        expect(await page.getByTestId('means-test').textContent()).toBe(section.footnotes![0]);
        expect(await page.getByTestId('means').textContent()).toContain(words.meansScaleNote);
        // Under the cross-tab, not beside it or above it.
        const [crosstabBox, meansBox] = await Promise.all([page.getByTestId('crosstab-table').boundingBox(), page.getByTestId('means-table').boundingBox()]);
        expect(meansBox!.y).toBeGreaterThan(crosstabBox!.y + crosstabBox!.height);
        expect(await sidewaysScroll(page), `${tag}: cross-tab with means`).toBeLessThanOrEqual(0);
        await page.getByTestId('means').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `${tag}-crosstab-means.png`) });
        await page.context().close();

        // A number question: no cross-tab, its means are the view.
        const minutes = await openDashboard(MINUTES, size, locale);
        await minutes.page.getByTestId('view-crosstabs').click();
        await minutes.page.locator('#crosstab-question').selectOption('waitMinutes');
        const numberMeans = minutes.drawn.report!.means!.find((entry) => entry.question === 'waitMinutes' && entry.by === minutes.drawn.report!.breakdowns![0].by)!;
        expect(numberMeans.test?.method).toBe('welch');
        const numberSection = describeMeans(numberMeans, minutes.drawn.report!, locale);
        await expect.poll(() => tableTexts(minutes.page, 'means-table')).toEqual([numberSection.table!.columns, ...numberSection.table!.rows]);
        expect(await minutes.page.getByTestId('means-test').textContent()).toBe(numberSection.footnotes![0]);
        expect(await minutes.page.getByTestId('crosstab-table').count()).toBe(0);
        expect(await minutes.page.locator('#crosstab-view-title').textContent()).toBe(numberMeans.label);
        expect(await sidewaysScroll(minutes.page), `${tag}: number question`).toBeLessThanOrEqual(0);
        await minutes.page.screenshot({ path: join(SHOTS, `${tag}-number-question.png`), fullPage: true });
        await minutes.page.context().close();
      }, 300_000);
    }
  }

  it('breaks a question down by a single-answer question that is not one of the report’s: fetched with crosstabBy, drawn with its means', async () => {
    const { page, drawn } = await openDashboard(EXIT, SIZES[1], 'ja');
    expect(drawn.report!.breakdowns!.map((breakdown) => breakdown.by)).not.toContain('couldBeOnline');
    await page.getByTestId('view-crosstabs').click();
    // Offered among the other questions, after the report's own breakdowns.
    const offered = await page.locator('#crosstab-by optgroup').evaluateAll((groups) => groups.map((group) => [...group.querySelectorAll('option')].map((option) => option.value)));
    expect(offered[0]).toEqual(drawn.report!.breakdowns!.map((breakdown) => breakdown.by));
    expect(offered[1]).toContain('couldBeOnline');
    await page.locator('#crosstab-by').selectOption('couldBeOnline');
    await expect.poll(() => drawn.urls.at(-1)?.searchParams.get('crosstabBy')).toBe('couldBeOnline');
    await expect.poll(() => drawn.report?.breakdowns?.some((breakdown) => breakdown.by === 'couldBeOnline') ?? false, { timeout: 30_000 }).toBe(true);
    await page.locator('#crosstab-question').selectOption('satisfaction.waiting');
    const report = drawn.report!;
    const crosstab = report.crosstabs!.find((entry) => entry.question === 'satisfaction' && entry.row === 'waiting' && entry.by === 'couldBeOnline')!;
    await expect.poll(() => page.locator('[data-testid="crosstab-table"] th[data-group], [data-testid="crosstab-table"] tr[data-group]').count()).toBe(crosstab.groups.length);
    const means = report.means!.find((entry) => entry.question === 'satisfaction' && entry.row === 'waiting' && entry.by === 'couldBeOnline')!;
    expect(await tableTexts(page, 'means-table')).toEqual([describeMeans(means, report, 'ja').table!.columns, ...describeMeans(means, report, 'ja').table!.rows]);
    // The cross-tab's CSV and the workbook beside it ask for the same report, so their numbers are the view's.
    for (const download of ['crosstab-csv', 'crosstab-xlsx']) {
      expect(new URL((await page.getByTestId(download).getAttribute('href'))!, session.server.origin).searchParams.get('crosstabBy'), download).toBe('couldBeOnline');
    }
    const csv = await page.evaluate(async (href) => (await fetch(href)).status, (await page.getByTestId('crosstab-csv').getAttribute('href'))!);
    expect(csv).toBe(200);
    await page.screenshot({ path: join(SHOTS, 'ja-1440x900-other-breakdown.png'), fullPage: true });

    // The address keeps the view and the pick: a reload (or a link) opens the same cross-tab, asked for again.
    const address = new URL(page.url());
    expect(Object.fromEntries(['view', 'xby', 'xtab'].map((name) => [name, address.searchParams.get(name)]))).toEqual({ view: 'crosstabs', xby: 'couldBeOnline', xtab: 'satisfaction.waiting' });
    drawn.report = undefined;
    await page.reload();
    // Two reports are built: the survey's, then (the view asking for its breakdown) the one with it.
    await expect.poll(() => drawn.report?.breakdowns?.some((breakdown) => breakdown.by === 'couldBeOnline') ?? false, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('#crosstab-question').inputValue(), { timeout: 10_000 }).toBe('satisfaction.waiting');
    expect(await page.locator('#crosstab-by').inputValue()).toBe('couldBeOnline');
    expect(await tableTexts(page, 'means-table')).toEqual([describeMeans(means, report, 'ja').table!.columns, ...describeMeans(means, report, 'ja').table!.rows]);
  }, 300_000);
});
