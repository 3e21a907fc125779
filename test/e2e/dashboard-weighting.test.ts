/**
 * Weighting in the dashboard (issue 30, item 1) in real Chromium against the real server, in Japanese and
 * English, at a desk (1280×800) and on a phone (390×844). An admin opens the margins panel from the filter bar,
 * uploads a bad margins CSV and reads the server's one line naming its line, then a good one, after which the
 * 「重み付け / Weighted」 switch appears. An analyst turns it on: the report is asked for with weighted=1 and drawn
 * from the weighted JSON, the effective n stands next to n, the weighting tile names the margins file and its
 * hash, the address keeps the switch (a reload shows the same), and the downloads (HTML report, the cross-tab's
 * CSV and workbook) ask for the weighted report, whose CSV says so in its header. Off again, all is unweighted.
 * Screenshots go to test-artifacts/ (dashboard-weighting-*.png), to be looked at.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { formatCount, formatNumber } from '../../core/i18n/number-format.ts';
import { dashboardTexts } from '../../client/pages/dashboard/dashboard-texts.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { useE2eSession } from './support/e2e-session.ts';
import { logInAt, sidewaysScroll } from './support/log-in.ts';
import { parseCsv } from './support/parse-csv.ts';
import { seriousAccessibilityViolations } from './support/run-axe.ts';

const EXIT = 'ward-office-exit';
const session = useE2eSession();
const ANALYST = { name: 'analyst-weighting', password: 'a long enough e2e passphrase' };
const ADMIN = { name: 'admin-weighting', password: 'a long enough admin passphrase' };
const LOCALES = ['ja', 'en'] as const;
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const WARDS = (await readFile(join(import.meta.dirname, '..', 'fixtures', 'sapporo-ward-population-2021.csv'), 'utf8')).trimEnd();
const AGES = ['under_20,300000', '20s,250000', '30s,260000', '40s,300000', '50s,280000', '60s,260000', '70_plus,311575'].map((line) => `ageBand,${line}`).join('\n');
const MARGINS = `${WARDS}\n${AGES}\n`;
const SHA256 = createHash('sha256').update(MARGINS).digest('hex');

beforeAll(async () => {
  await createUser(session.server.authStore, { name: ANALYST.name, role: 'analyst', password: ANALYST.password });
  await createUser(session.server.authStore, { name: ADMIN.name, role: 'admin', password: ADMIN.password });
  const definition = (await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS_DIR)).get(EXIT)!;
  const records = [...synthesizeResponses(definition, { count: 1500, seed: 30, startDate: '2026-04-01', days: 60 })];
  const store = await openSqliteResponseStore(session.server.responsesFile);
  try {
    await store.importRecords(records);
  } finally {
    await store.close();
  }
}, 300_000);

/** The /report answers the page received, newest last, with the address each was asked at. */
interface Drawn {
  reports: Array<{ url: URL; report: Report }>;
}

async function openDashboard(user: { name: string; password: string }, path: string, viewport: { width: number; height: number }, locale: string): Promise<{ page: Page; drawn: Drawn }> {
  const drawn: Drawn = { reports: [] };
  const { page } = await logInAt(session, {
    path, user, viewport, locale,
    onOpen: async (page) => {
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (!response.ok() || url.pathname !== `/api/surveys/${EXIT}/report` || url.searchParams.get('format') !== 'json') return;
        drawn.reports.push({ url, report: (await response.json()) as Report });
      });
    },
  });
  await page.getByTestId('responses-n').waitFor();
  return { page, drawn };
}

const lastReport = (drawn: Drawn) => drawn.reports.at(-1);

/** The margins as an operator places them (DATA_DIR/weights/<survey>.csv), for the analysts' tests. */
async function placeMargins(): Promise<void> {
  await mkdir(join(session.server.dataDir, 'weights'), { recursive: true });
  await writeFile(join(session.server.dataDir, 'weights', `${EXIT}.csv`), MARGINS);
}

describe('weighting in the dashboard', { timeout: 300_000 }, () => {
  for (const locale of LOCALES) {
    it(`${locale}: an admin uploads margins in the filter bar; a bad file is refused naming its line, a good one brings the switch`, async () => {
      const texts = dashboardTexts(locale);
      // From no margins (en), or a broken file an operator placed (ja): the switch is not offered either way.
      const placed = join(session.server.dataDir, 'weights', `${EXIT}.csv`);
      if (locale === 'ja') {
        await mkdir(join(session.server.dataDir, 'weights'), { recursive: true });
        await writeFile(placed, 'question,value,population\nward,chuo,many\n');
      } else await rm(placed, { force: true });
      const { page } = await openDashboard(ADMIN, `/dashboard/${EXIT}`, DESK, locale);
      expect(await page.getByTestId('weighted-switch').count()).toBe(0);

      await page.getByTestId('margins-button').click();
      const panel = page.getByTestId('margins-panel');
      await panel.waitFor();
      if (locale === 'ja') expect(await page.getByTestId('margins-problem').textContent()).toContain(`weights/${EXIT}.csv:2: population must be a number > 0, got "many"`);
      else expect(await panel.textContent()).toContain(texts.marginsNone);
      await page.getByTestId('margins-file').setInputFiles({ name: 'margins.csv', mimeType: 'text/csv', buffer: Buffer.from('question,value,population\nward,chuo,239944\nwardd,kita,286054\n') });
      const error = page.getByTestId('margins-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('margins.csv:3: unknown question "wardd"');
      expect(await page.getByTestId('weighted-switch').count()).toBe(0);
      await session.screenshot(page, `dashboard-weighting-${locale}-1280x800-upload-refused`);

      await page.getByTestId('margins-file').setInputFiles({ name: 'sapporo-2021.csv', mimeType: 'text/csv', buffer: Buffer.from(MARGINS) });
      await page.getByTestId('weighted-switch').waitFor();
      expect(await page.getByTestId('margins-current').textContent()).toContain(SHA256);
      expect(await page.getByTestId('margins-error').count()).toBe(0);
      expect(await page.locator('.margins-panel__status').textContent()).toBe(texts.marginsSaved(`${EXIT}.csv`));
      expect(await page.getByTestId('weighted-switch').getAttribute('aria-checked')).toBe('false');
      await session.screenshot(page, `dashboard-weighting-${locale}-1280x800-upload-saved`);
      // Recorded: who uploaded which file.
      const audit = (await readFile(join(session.server.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(audit.at(-1)).toMatchObject({ action: 'upload-weights', who: ADMIN.name, via: 'session', uploadedAs: 'sapporo-2021.csv', sha256: SHA256 });
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });

    for (const size of [DESK, PHONE]) {
      const tag = `${locale}-${size.width}x${size.height}`;
      it(`${tag}: the analyst's switch recomputes the report with weights, shows the effective n beside n, and the downloads follow it`, async () => {
        await placeMargins();
        const texts = dashboardTexts(locale);
        const { page, drawn } = await openDashboard(ANALYST, `/dashboard/${EXIT}`, size, locale);
        const toggle = page.getByTestId('weighted-switch');
        await toggle.waitFor();
        // Analysts weigh, they do not upload.
        expect(await page.getByTestId('margins-button').count()).toBe(0);
        expect(await toggle.getAttribute('role')).toBe('switch');
        expect(await toggle.getAttribute('aria-checked')).toBe('false');
        await expect.poll(() => lastReport(drawn)?.report.weighting, { timeout: 60_000 }).toBeNull();
        const plain = lastReport(drawn)!.report;
        expect(await page.getByTestId('effective-n').count()).toBe(0);
        await session.screenshot(page, `dashboard-weighting-${tag}-off`);

        await toggle.click();
        await expect.poll(() => lastReport(drawn)?.url.searchParams.get('weighted'), { timeout: 60_000 }).toBe('1');
        await expect.poll(() => lastReport(drawn)?.report.weighting?.method, { timeout: 60_000 }).toBe('raking');
        const weighted = lastReport(drawn)!.report;
        expect(weighted.weighting!.source).toEqual({ file: `${EXIT}.csv`, sha256: SHA256 });
        expect(await toggle.getAttribute('aria-checked')).toBe('true');
        // n and, beside it, the effective n of the weighted report; the tile names the file and the start of its hash.
        await expect.poll(() => page.getByTestId('effective-n').textContent()).toBe(texts.effectiveN(formatNumber(weighted.weighting!.effectiveN, locale, 1)));
        expect(await page.getByTestId('responses-n').textContent()).toBe(formatCount(weighted.responses, locale));
        expect(await page.getByTestId('weighting-source').textContent()).toBe(texts.marginsOf(`${EXIT}.csv`, SHA256.slice(0, 12)));
        // The shares drawn are the weighted ones (they differ from the unweighted).
        expect(weighted.needs[0].items.map((item) => item.share)).not.toEqual(plain.needs[0].items.map((item) => item.share));
        // What the page drew is what the API answers for weighted=1.
        const direct = await page.evaluate(async (url) => (await fetch(url)).json(), lastReport(drawn)!.url.pathname + lastReport(drawn)!.url.search);
        expect(direct).toEqual(weighted);

        // The address keeps it; the HTML report follows it.
        expect(new URL(page.url()).searchParams.get('weighted')).toBe('1');
        expect(new URL((await page.getByTestId('download-html').getAttribute('href'))!, session.server.origin).searchParams.get('weighted')).toBe('1');
        expect(await sidewaysScroll(page), tag).toBeLessThanOrEqual(0);
        await session.screenshot(page, `dashboard-weighting-${tag}-on`);

        // The cross-tab view: its report is the weighted one, and its CSV and workbook ask for it too.
        await page.getByTestId('view-crosstabs').click();
        const csvLink = page.getByTestId('crosstab-csv');
        await csvLink.waitFor({ timeout: 60_000 });
        const csvHref = (await csvLink.getAttribute('href'))!;
        expect(new URL(csvHref, session.server.origin).searchParams.get('weighted')).toBe('1');
        expect(new URL((await page.getByTestId('crosstab-xlsx').getAttribute('href'))!, session.server.origin).searchParams.get('weighted')).toBe('1');
        const csv = parseCsv((await page.evaluate(async (href) => (await fetch(href)).text(), csvHref)).replace(/^\uFEFF/, ''));
        expect(csv[3][0]).toContain(SHA256);
        expect(await sidewaysScroll(page), tag).toBeLessThanOrEqual(0);
        await session.screenshot(page, `dashboard-weighting-${tag}-crosstab`);

        // A reload shows the same weighted view.
        await page.reload();
        await page.getByTestId('effective-n').waitFor({ timeout: 60_000 });
        expect(await page.getByTestId('weighted-switch').getAttribute('aria-checked')).toBe('true');

        // Off again: unweighted, and the address forgets it.
        await page.getByTestId('weighted-switch').click();
        await expect.poll(() => lastReport(drawn)?.report.weighting, { timeout: 60_000 }).toBeNull();
        await expect.poll(() => page.getByTestId('effective-n').count()).toBe(0);
        expect(new URL(page.url()).searchParams.has('weighted')).toBe(false);
        if (size === DESK) expect(await seriousAccessibilityViolations(page)).toEqual([]);
      });
    }
  }
});
