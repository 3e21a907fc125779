/**
 * 効果検証 on the dashboard (issue 28, item 3) in real Chromium against the real server, in Japanese and
 * English, at a desk (1280×800, 1440×900), a tablet (800×1280) and a phone (390×844): the analyst picks
 * the split date and the pilot wards and sees the report's 効果検証 — how the responses split, a forest
 * plot of the DiDs sorted by size with intervals, every figure in a table (◆ at Holm-adjusted p < 0.05,
 * ＊ with the reason), the pre-trend warnings and what a DiD assumes. The exit survey is seeded with a
 * planted effect (in chuo and kita from 2026-04-01, 20 points fewer ask for counter reservations), which
 * the view must show as found. Numbers are compared with the JSON the page received. Screenshots go to
 * the temp folder (dashboard-effects/), to be looked at, never into the checkout.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import { createEffectPlanter, effectBaseRates, parseEffectOption } from '../../analysis/effects/plant-effect.ts';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { formatCount } from '../../core/i18n/number-format.ts';
import { effectsTable } from '../../client/pages/dashboard/effects/describe-effects.ts';
import { effectsTexts } from '../../client/pages/dashboard/effects/effects-texts.ts';
import { effectsTexts as sharedEffectsTexts } from '../../core/report-view/describe-effects.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { useE2eSession } from './support/e2e-session.ts';
import { logInAt, sidewaysScroll } from './support/log-in.ts';
import { seriousAccessibilityViolations } from './support/run-axe.ts';
import { readResponseJson } from './support/read-response-json.ts';

const EXIT = 'ward-office-exit';
const PLANTED = { question: 'improvements', option: 'counter_reservation', change: -0.2 };
const EFFECT = `ward=chuo,kita;after=2026-04-01;${PLANTED.question}.${PLANTED.option}=${PLANTED.change}`;
const session = useE2eSession();

const ANALYST = { name: 'analyst-effects', password: 'a long enough e2e passphrase' };
const SHOTS = join(tmpdir(), 'dashboard-effects');
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
  // As `seed --from 2025-12-15 --days 170 --effect …` writes them: over three months before the split, so the pre-trend check runs.
  const definition = (await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS_DIR)).get(EXIT)!;
  const synthesis = { count: 3000, seed: 7, startDate: '2025-12-15', days: 170 };
  const effect = parseEffectOption(EFFECT, definition);
  const plant = createEffectPlanter(effect, effectBaseRates(synthesizeResponses(definition, synthesis), effect), synthesis.seed);
  const records = [...synthesizeResponses(definition, synthesis)];
  for (const record of records) plant(record);
  const store = await openSqliteResponseStore(session.server.responsesFile);
  try {
    await store.importRecords(records);
  } finally {
    await store.close();
  }
}, 300_000);

/** The 効果検証 report the page last drew (asked with compare=…), and the addresses it asked at. */
interface Drawn {
  report?: Report;
  urls: URL[];
}

async function openEffects(path: string, size: { width: number; height: number }, locale: string): Promise<{ page: Page; drawn: Drawn }> {
  const drawn: Drawn = { urls: [] };
  const { page } = await logInAt(session, {
    path,
    user: ANALYST,
    viewport: size,
    locale,
    onOpen: async (page) => {
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (!response.ok() || url.pathname !== `/api/surveys/${EXIT}/report` || !url.searchParams.has('compare')) return;
        const asked = drawn.urls.push(url);
        const report = await readResponseJson<Report>(response);
        if (report === undefined) return;
        if (asked === drawn.urls.length) drawn.report = report;
      });
    },
  });
  await page.getByTestId('responses-n').waitFor();
  return { page, drawn };
}

const tableTexts = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((table) => [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));

/** The planted figure: the share who ask for counter reservations. */
const planted = (report: Report) => report.effects!.find((effect) => effect.question === PLANTED.question && effect.option === PLANTED.option)!;

describe('効果検証 on the dashboard', () => {
  for (const locale of LOCALES) {
    for (const size of SIZES) {
      const tag = `${locale}-${size.width}x${size.height}`;
      it(`${tag}: a link with the date and pilot opens the view: periods, forest plot by size, the table, warnings, the DiD's assumptions`, async () => {
        const words = effectsTexts(locale);
        const { page, drawn } = await openEffects(`/dashboard/${EXIT}?view=effects&edate=2026-04-01&epilot=ward=chuo,kita`, size, locale);
        await page.getByTestId('effects-table').waitFor({ timeout: 60_000 });
        // The page may draw the table before this test's listener has read the same answer's body (seen in CI under load).
        await expect.poll(() => drawn.report !== undefined, { timeout: 30_000 }).toBe(true);
        const report = drawn.report!;
        expect(drawn.urls.at(-1)!.searchParams.get('compare')).toBe('2026-04-01');
        expect(drawn.urls.at(-1)!.searchParams.get('pilot')).toBe('ward=chuo,kita');
        const comparison = report.effectComparison!;
        expect(comparison.pilot!.values.map((value) => value.value)).toEqual(['chuo', 'kita']);

        // The split as the server made it: both periods' counts, in the reader's numbers.
        const periods = (await page.getByTestId('effects-periods').textContent()) ?? '';
        expect(periods).toContain(formatCount(comparison.before, locale));
        expect(periods).toContain(formatCount(comparison.after, locale));
        expect(comparison.before + comparison.after + comparison.undated).toBe(3000);

        // The forest plot of shares: every shown DiD, largest first, as the JSON has them (in points).
        const expected = report
          .effects!.filter((effect) => effect.measure === 'share' && effect.did)
          .map((effect) => effect.did!.estimate * 100)
          .sort((a, b) => Math.abs(b) - Math.abs(a))
          .slice(0, 12);
        const plotted = await page.getByTestId('forest-share').getByTestId('forest-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-estimate'))));
        expect(plotted.length).toBe(expected.length);
        plotted.forEach((value, index) => expect(value).toBeCloseTo(expected[index], 9));
        // The planted −20 points is found: its interval is below zero, marked at Holm-adjusted p < 0.05, among the plotted.
        const found = planted(report).did!;
        expect(found.high).toBeLessThan(0);
        expect(found.low).toBeLessThan(PLANTED.change);
        expect(found.pAdjusted).toBeLessThan(0.05);
        const row = page.locator(`[data-testid="forest-row"][data-key="${PLANTED.question}=${PLANTED.option}"]`);
        expect(await row.getAttribute('class')).toContain('forest__row--marked');
        expect(await row.locator('.forest__value').textContent()).toContain(sharedEffectsTexts(locale).mark);

        // The table: every figure in the report's order, cell for cell as the JSON gives them.
        const table = effectsTable(report.effects!, comparison, report.minGroupSize, locale);
        const drawnTable = await tableTexts(page, 'effects-table');
        expect(drawnTable.length - 1).toBe(report.effects!.length);
        expect(drawnTable).toEqual([table.columns, ...table.rows]);
        const plantedRow = drawnTable.find((cells) => cells[0].endsWith(planted(report).optionLabel!))!;
        expect(plantedRow[1]).toBe(formatCount(planted(report).before.n!, locale));
        // ◆ beside the DiD's adjusted p (the column after the DiD's interval), as the printed report has it.
        expect(plantedRow[8]).toContain(sharedEffectsTexts(locale).mark);

        // Pre-trend warnings, one per the server's; the DiD's assumptions; the suppression rule where a figure is hidden.
        expect(await page.getByTestId('effects-warning').count()).toBe(comparison.warnings.length);
        expect(comparison.preTrend).not.toBeNull();
        expect(await page.getByTestId('effects-assumptions').textContent()).toContain(locale === 'ja' ? '平行トレンド' : 'Parallel trends');
        if (table.hides) await page.locator('.effects-table').getByTestId('suppression-rule').waitFor();

        expect(await sidewaysScroll(page), tag).toBeLessThanOrEqual(0);
        if (size.width === 1440) expect(await seriousAccessibilityViolations(page)).toEqual([]);
        // The view's top just under the sticky filter bar, then the forest plot, as an analyst scrolls to them.
        const scrollUnderBar = (selector: string) =>
          page.evaluate((target) => {
            const bar = document.querySelector('.filter-bar')?.getBoundingClientRect().height ?? 0;
            window.scrollTo(0, document.querySelector(target)!.getBoundingClientRect().top + window.scrollY - bar - 8);
          }, selector);
        await scrollUnderBar('.view-tabs');
        await page.screenshot({ path: join(SHOTS, `${tag}-effects.png`) });
        await scrollUnderBar('[data-testid="forest-share"]');
        await page.screenshot({ path: join(SHOTS, `${tag}-effects-forest.png`) });
        await page.screenshot({ path: join(SHOTS, `${tag}-effects-full.png`), fullPage: true });
      }, 300_000);
    }
  }

  it('the controls: date, pilot variable and values are asked for, and kept in the address', async () => {
    const { page, drawn } = await openEffects(`/dashboard/${EXIT}`, SIZES[0], 'ja');
    await page.getByTestId('view-effects').click();
    // First a before/after comparison at the middle of the fieldwork, without a pilot: no DiD columns.
    await expect.poll(() => drawn.report?.effectComparison?.date, { timeout: 60_000 }).toMatch(/^2026-\d{2}-\d{2}$/);
    expect(await page.locator('#effects-date').inputValue()).toBe(drawn.report!.effectComparison!.date);
    // The middle of the fieldwork (2025-12-15 to about 2026-06-01): between February and April.
    expect(drawn.report!.effectComparison!.date > '2026-02-15' && drawn.report!.effectComparison!.date < '2026-04-15').toBe(true);
    await page.getByTestId('effects-table').waitFor();
    expect(drawn.urls.at(-1)!.searchParams.has('pilot')).toBe(false);
    // Without a pilot the table has no DiD column (the header the printed report gives it).
    expect((await tableTexts(page, 'effects-table'))[0]).not.toContain(sharedEffectsTexts('ja').didColumn);

    await page.locator('#effects-date').fill('2026-04-01');
    await expect.poll(() => drawn.report?.effectComparison?.date, { timeout: 60_000 }).toBe('2026-04-01');
    await page.locator('#effects-pilot').selectOption('ward');
    // A variable without values asks for one and sends no pilot.
    await page.getByTestId('effects-pilot-values').getByText(effectsTexts('ja').choosePilotValues).waitFor();
    await page.getByTestId('effects-pilot-values').locator('input[value="kita"]').check();
    await page.getByTestId('effects-pilot-values').locator('input[value="chuo"]').check();
    // Sent in the definition's order whatever the clicks' order.
    await expect.poll(() => drawn.urls.at(-1)?.searchParams.get('pilot'), { timeout: 60_000 }).toBe('ward=chuo,kita');
    await expect.poll(() => drawn.report?.effectComparison?.pilot?.values.length ?? 0, { timeout: 60_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('effects-pilot').textContent()).toContain(drawn.report!.effectComparison!.pilot!.label);
    const address = new URL(page.url());
    expect([address.searchParams.get('view'), address.searchParams.get('edate'), address.searchParams.get('epilot')]).toEqual(['effects', '2026-04-01', 'ward=chuo,kita']);
    await page.screenshot({ path: join(SHOTS, 'ja-1280x800-controls.png'), fullPage: true });
  }, 300_000);
});
