/**
 * The analysts' dashboard in real Chromium against the real server, SQLite
 * store and analysis library: the login gate, the ranking chart of a seeded
 * survey and a ward filter that changes its numbers, the CSV download, small
 * groups hidden with a visible note, free text shown as text (never run), and
 * axe-core on /login and /dashboard. Screenshots at 1366×768 go to test-artifacts/.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { japanDay } from '../../analysis/timeline/count-responses-by-day.ts';
import type { Report } from '../../contracts/report.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { ARTIFACTS_DIR, useE2eSession } from './support/e2e-session.ts';
import { parseCsv } from './support/parse-csv.ts';
import { seriousAccessibilityViolations } from './support/run-axe.ts';
import { seedResponses } from './support/seed-responses.ts';

const session = useE2eSession();

const EXIT = 'ward-office-exit';
const STAFF = 'staff-workstyle';
const CITIZEN = 'citizen-needs';
const ANALYST = { name: 'analyst-e2e', password: 'a long enough e2e passphrase' };
const DESK = { viewport: { width: 1366, height: 768 }, acceptDownloads: true };
const XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';

const seeded: Record<string, ResponseRecord[]> = {};

beforeAll(async () => {
  await createUser(session.server.authStore, { name: ANALYST.name, role: 'analyst', password: ANALYST.password });
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS_DIR);
  // Weeks of fieldwork, a quarter of the exit survey's answers sent online.
  seeded[EXIT] = await seedResponses(session.server.responsesFile, definitions.get(EXIT)!, { count: 600, seed: 11, days: 28, onlineEvery: 4 });
  seeded[STAFF] = await seedResponses(session.server.responsesFile, definitions.get(STAFF)!, { count: 300, seed: 12, days: 21 });
  seeded[CITIZEN] = await seedResponses(session.server.responsesFile, definitions.get(CITIZEN)!, { count: 400, seed: 13, days: 35 });
});

async function logIn(page: Page): Promise<void> {
  await page.locator('#login-name').fill(ANALYST.name);
  await page.locator('#login-password').fill(ANALYST.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/dashboard'));
}

/** A logged-in dashboard page at `path`, through the login form as an analyst would; a survey's page has loaded its report. */
async function openDashboard(path: string): Promise<Page> {
  const { page } = await session.open(`/login?next=${encodeURIComponent(path)}`, DESK);
  await logIn(page);
  if (path === '/dashboard') await page.locator('.survey-choices').waitFor();
  else await page.getByTestId('responses-n').waitFor();
  return page;
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
const answered = (records: ResponseRecord[], question: string) => records.filter((record) => Array.isArray(record.data[question]) && (record.data[question] as unknown[]).length > 0).length;
const count = (value: number) => value.toLocaleString('ja-JP');

describe('dashboard', () => {
  it('sends an anonymous visitor to /login, keeping the page asked for, and back after logging in', async () => {
    const { page } = await session.open(`/dashboard/${EXIT}?ward=kita`, DESK);
    await page.locator('#login-name').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('next')).toBe(`/dashboard/${EXIT}?ward=kita`);

    // A wrong password is announced, and nothing else happens.
    await page.locator('#login-name').fill(ANALYST.name);
    await page.locator('#login-password').fill('not the password at all');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('ユーザー名またはパスワードが正しくありません。');
    expect(await page.locator('#login-password').getAttribute('aria-invalid')).toBe('true');
    await session.screenshot(page, 'login-error-1366x768');

    await page.locator('#login-password').fill(ANALYST.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL((next) => next.pathname === `/dashboard/${EXIT}`);
    expect(new URL(page.url()).searchParams.get('ward')).toBe('kita');
    await page.getByTestId('responses-n').waitFor();
    const kita = seeded[EXIT].filter((record) => record.meta.ward === 'kita').length;
    await expect.poll(() => text(page, 'responses-n')).toBe(count(kita));
  });

  it('a session that ends while the page is open sends the analyst to /login on the next request', async () => {
    const page = await openDashboard(`/dashboard/${EXIT}`);
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    await page.locator('select[data-filter="ward"]').selectOption('chuo');
    await page.waitForURL((url) => url.pathname === '/login');
    const url = new URL(page.url());
    expect(url.searchParams.get('ended')).toBe('1');
    expect(url.searchParams.get('next')).toBe(`/dashboard/${EXIT}?ward=chuo`);
    await expect.poll(() => page.locator('.login__notice').textContent()).toBe('セッションが終了しました。もう一度ログインしてください。');
  });

  it('shows the ranking of a seeded survey; a ward filter recomputes it on the server and the numbers change; the CSV follows the filter', async () => {
    const { page } = await session.open('/dashboard', DESK);
    await logIn(page);
    // No survey chosen yet: pick one.
    await page.locator('#survey-picker').selectOption(EXIT);
    await page.waitForURL((url) => url.pathname === `/dashboard/${EXIT}`);
    await page.getByTestId('responses-n').waitFor();

    const all = seeded[EXIT];
    const kita = all.filter((record) => record.meta.ward === 'kita');
    await expect.poll(() => text(page, 'responses-n')).toBe(count(all.length));
    const needs = page.getByTestId('needs-chart');
    await needs.locator('canvas').waitFor();
    expect(await text(page, 'needs-chart-n')).toBe(`n = ${count(answered(all, 'improvements'))}`);
    // Every chart states its n.
    for (const card of await page.locator('section.chart-card:not(.comments-panel)').all()) {
      expect(await card.locator('.chart-card__n').textContent(), await card.locator('h2').textContent() ?? '').toMatch(/^n = [\d,–]+$/);
    }
    await session.screenshot(page, 'dashboard-1366x768');
    await page.screenshot({ path: `${ARTIFACTS_DIR}/dashboard-full-1366.png`, fullPage: true });

    // The ranking as numbers: the table view lists every option with its share and interval.
    await needs.getByRole('button', { name: '表で見る' }).click();
    const rows = needs.locator('tbody tr');
    expect(await rows.count()).toBe(12);
    expect(await rows.first().locator('td').nth(1).textContent()).toMatch(/^\d+\.\d%$/);
    await needs.getByRole('button', { name: 'グラフで見る' }).click();

    await page.locator('select[data-filter="ward"]').selectOption('kita');
    await expect.poll(() => text(page, 'responses-n')).toBe(count(kita.length));
    await expect.poll(() => text(page, 'needs-chart-n')).toBe(`n = ${count(answered(kita, 'improvements'))}`);
    expect(kita.length).toBeLessThan(all.length);
    expect(new URL(page.url()).search).toBe('?ward=kita');
    await session.screenshot(page, 'dashboard-ward-filter-1366x768');

    // The CSV download carries the same filter: BOM, header, one row per kita response.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(csv[0].slice(0, 10)).toEqual(['回答ID', '送信ID', '調査票の版', '回答経路', '回答言語', '端末ID', '回答した区役所', '回答開始日時', '回答完了日時', '受信日時']);
    expect(csv[0]).toContain('本日の主な来庁目的を一つお選びください。');
    const body = csv.slice(1);
    expect(body).toHaveLength(kita.length);
    expect(new Set(body.map((row) => row[0]))).toEqual(new Set(kita.map((record) => record.id)));
    expect(new Set(body.map((row) => row[6]))).toEqual(new Set(['北区']));

    // The HTML report download is the server's, with the same filter.
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-html').click()]);
    expect(report.suggestedFilename()).toMatch(/\.html$/);
    expect(report.url()).toContain('ward=kita');
  });

  it('switches to English with the labels of the definition', async () => {
    const page = await openDashboard(`/dashboard/${EXIT}`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ward Office Visitor Survey');
    expect(await page.locator('label[for="filter-ward"]').textContent()).toBe('Ward office where the survey was answered');
    expect(await page.locator('select[data-filter="ward"] option[value="kita"]').textContent()).toBe('Kita');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await session.screenshot(page, 'dashboard-english-1366x768');
    // The choice sticks (for the next visit and the login page).
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ward Office Visitor Survey');
    await page.getByRole('button', { name: '日本語' }).click();
  });

  it('the generation-gap view: items sorted by effect size with adjusted p; a filter that leaves a cohort too small hides it with a note', async () => {
    const page = await openDashboard(`/dashboard/${STAFF}`);
    const gaps = page.getByTestId('gaps-chart');
    await gaps.locator('[data-testid="gap-row"]').first().waitFor();
    const effects = await gaps.locator('.gap-row__effect').allTextContents();
    expect(effects.length).toBeGreaterThan(0);
    expect(effects.map(Number)).toEqual([...effects.map(Number)].sort((a, b) => b - a));
    expect(await gaps.locator('.gap-row__p').first().textContent()).toMatch(/^(< 0\.001|\d\.\d{3})$/);
    await session.screenshot(page, 'dashboard-staff-1366x768');
    await gaps.scrollIntoViewIfNeeded();
    await session.screenshot(page, 'dashboard-staff-gaps-1366x768');
    // Hidden groups anywhere in the report (the cross-tabs by workplace already hide some); none in the gaps yet.
    // Counted as tables that hide something (issue 26), the number the tile shows.
    const hidingTables = async () => Number(await page.getByTestId('suppressed-count').getAttribute('data-tables'));
    const hiddenBefore = await hidingTables();
    expect(await gaps.getByTestId('suppressed-note').count()).toBe(0);

    // A workplace where some years-of-service cohort has 1–9 staff (minGroupSize is 10 for this survey).
    const { segment, value } = smallCohortFilter(seeded[STAFF], ['workplace', 'position', 'ageBand']);
    const select = page.locator(`select[data-filter="${segment}"]`);
    if (!(await select.isVisible())) await page.locator('.filter-bar__more').click();
    await select.selectOption(value);
    await expect.poll(hidingTables).toBeGreaterThan(hiddenBefore);
    await expect.poll(() => gaps.locator('.chart-card__subtitle').textContent()).toContain('n=—');
    await gaps.getByTestId('suppressed-note').waitFor();
    expect(await gaps.getByTestId('suppressed-note').locator('summary').first().textContent()).toContain('回答者が10人未満の区分は、個人が特定されないよう表示していません。');
    // The one statement of the rule, a click away in the same note.
    expect(await gaps.getByTestId('suppression-rule').locator('summary').textContent()).toBe('少人数の秘匿のルール');
    await session.screenshot(page, 'dashboard-staff-suppressed-1366x768');
  });

  it('the importance–satisfaction scatter of the citizen survey', async () => {
    const page = await openDashboard(`/dashboard/${CITIZEN}`);
    const ipa = page.getByTestId('ipa-chart');
    await ipa.locator('canvas').waitFor();
    expect(await ipa.locator('.chart-card__n').textContent()).toMatch(/^n = [\d,]+(–[\d,]+)?$/);
    await ipa.getByRole('button', { name: '表で見る' }).click();
    expect(await ipa.locator('tbody tr').count()).toBe(8);
    await ipa.getByRole('button', { name: 'グラフで見る' }).click();
    await ipa.scrollIntoViewIfNeeded();
    await session.screenshot(page, 'dashboard-citizen-ipa-1366x768');
  });

  it('free text is shown as text, never run: on the dashboard and in the HTML report', async () => {
    const { page } = await session.open('/', DESK);
    // Five answers, so that a day's filter still shows comments (minGroupSize 5).
    const template = seeded[EXIT].find((record) => record.meta.ward === 'chuo')!;
    for (let i = 0; i < 5; i++) {
      const status = await page.evaluate(
        async ({ surveyId, body }) => (await fetch(`/api/surveys/${surveyId}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status,
        {
          surveyId: EXIT,
          body: JSON.stringify({
            submissionId: randomUUID(),
            surveyVersion: template.surveyVersion,
            channel: 'online',
            meta: { ward: 'chuo', locale: 'ja' },
            startedAt: template.startedAt,
            completedAt: template.completedAt,
            data: { ...template.data, comment: XSS },
          }),
        },
      );
      expect(status).toBe(201);
    }

    const dashboard = await openDashboard(`/dashboard/${EXIT}`);
    const newest = dashboard.getByTestId('comment').first().locator('.comment__text');
    await expect.poll(() => newest.textContent()).toBe(XSS);
    expect(await dashboard.evaluate(() => ({ xss: (window as { __xss?: unknown }).__xss, images: document.querySelectorAll('img[src="x"]').length, scripts: [...document.scripts].filter((script) => script.textContent?.includes('__xss')).length }))).toEqual({
      xss: undefined,
      images: 0,
      scripts: 0,
    });
    await dashboard.getByTestId('comments-panel').scrollIntoViewIfNeeded();
    await session.screenshot(dashboard, 'dashboard-comments-1366x768');

    // The HTML report of today's answers (only the five above), opened from the file as a colleague would: no CSP to help.
    await dashboard.locator('#filter-from').fill(japanDay(new Date().toISOString()));
    await expect.poll(() => text(dashboard, 'responses-n')).toBe('5');
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('download-html').click()]);
    // Saved under a .html name: Chromium shows a file without one as plain text.
    const file = join(tmpdir(), `dashboard-e2e-report-${randomUUID()}.html`);
    await download.saveAs(file);
    const context = await session.browser.newContext({ viewport: DESK.viewport });
    try {
      const report = await context.newPage();
      await report.goto(`file://${file}`);
      await report.waitForLoadState('load');
      expect(await report.locator('body').textContent()).toContain(XSS);
      expect(await report.evaluate(() => ({ xss: (window as { __xss?: unknown }).__xss, images: document.querySelectorAll('img[src="x"]').length }))).toEqual({ xss: undefined, images: 0 });
      await report.screenshot({ path: `${ARTIFACTS_DIR}/report-with-comment-1366.png`, fullPage: true });
    } finally {
      await context.close();
      await rm(file, { force: true });
    }
  });

  it('the question and cross-tab views: counts and marks of the report, the cross-tab CSV, English answer labels; the gap table readable at 1440×900', async () => {
    const WIDE = { viewport: { width: 1440, height: 900 }, acceptDownloads: true };
    const { page } = await session.open(`/login?next=${encodeURIComponent(`/dashboard/${STAFF}`)}`, WIDE);
    await logIn(page);
    await page.getByTestId('responses-n').waitFor();
    const reportJson = (locale: string) =>
      page.evaluate(async ([survey, language]) => (await fetch(`/api/surveys/${survey}/report?format=json&locale=${language}`)).json(), [STAFF, locale] as const) as Promise<Report>;
    const ja = await reportJson('ja');
    const shots = join(ARTIFACTS_DIR, 'dashboard-views'); // repo-relative and git-ignored, never an absolute path
    await mkdir(shots, { recursive: true });

    // 設問別: a choice question's count, as the report has it.
    await page.getByTestId('view-questions').click();
    const summary = ja.summaries!.find((s) => s.items && s.items.length > 2 && s.answered !== null)!;
    await page.locator('#question-picker').selectOption(summary.question);
    const view = page.getByTestId('question-view');
    await expect.poll(() => view.locator('h2').textContent()).toContain(summary.label);
    const firstRow = view.getByTestId('summary-table').locator('tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toBe(summary.items![0].label);
    expect(await firstRow.locator('td').first().textContent()).toBe(count(summary.items![0].count!));
    await view.getByTestId('question-chart').locator('canvas').waitFor();
    await page.screenshot({ path: `${shots}/questions-ja-1440x900.png` });
    // A matrix: rows with mean and top two.
    const matrix = ja.summaries!.find((s) => s.rows && s.rows.length > 1 && s.ordered);
    if (matrix) {
      await page.locator('#question-picker').selectOption(matrix.question);
      await expect.poll(() => view.getByTestId('summary-table').locator('tbody tr').count()).toBe(matrix.rows!.length);
      await page.screenshot({ path: `${shots}/questions-matrix-ja-1440x900.png` });
    }

    // クロス集計: a cell with a mark, its share and mark as the report has them.
    await page.getByTestId('view-crosstabs').click();
    const crosstab = ja.crosstabs!.find((c) => c.kind === 'single' && c.row === undefined && c.groups.some((g) => g.cells?.some((cell) => cell.mark !== '')))!;
    const group = crosstab.groups.find((g) => g.cells?.some((cell) => cell.mark !== ''))!;
    const cell = group.cells!.find((candidate) => candidate.mark !== '')!;
    await page.locator('#crosstab-by').selectOption(crosstab.by);
    await page.locator('#crosstab-question').selectOption(crosstab.question);
    const table = page.getByTestId('crosstab-table');
    await expect.poll(() => page.getByTestId('crosstab-view').locator('h2').textContent()).toBe(crosstab.label);
    // Groups as rows (a table with more answers than groups comes transposed).
    if ((await table.getAttribute('data-transposed')) === 'true') await page.getByTestId('crosstab-transpose').click();
    expect(await table.getByTestId('total-row').locator('th').textContent()).toBe('全体');
    const row = table.locator(`tr[data-group="${String(group.value)}"]`);
    expect(await row.locator('td').first().textContent()).toBe(count(group.n!));
    const shown = await row.locator(`td[data-value="${String(cell.value)}"]`).textContent();
    expect(shown).toBe(`${(cell.share! * 100).toFixed(1)}% ${cell.mark}`);
    expect(await page.getByTestId('marks-legend').textContent()).toContain('▲▲／▽▽');
    expect(await page.getByTestId('crosstab-test').textContent()).toMatch(/^χ² = /);
    await page.getByTestId('crosstab-chart').locator('canvas').waitFor();
    await page.screenshot({ path: `${shots}/crosstab-ja-1440x900.png` });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('crosstab-csv').click()]);
    expect(download.suggestedFilename()).toBe(`${STAFF}-${crosstab.question}-by-${crosstab.by}.csv`);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(crosstab.label);
    const csvRow = parseCsv(lines.find((line) => line.startsWith(`${group.label},`))!)[0];
    expect(Number(csvRow[1])).toBe(group.n);
    const at = crosstab.values.findIndex((value) => value.value === cell.value);
    expect(csvRow[3 + 2 * at]).toBe(cell.mark);

    // The gap table: the statistics in view without scrolling sideways, the item labels whole.
    await page.getByTestId('view-overview').click();
    const gaps = page.getByTestId('gaps-chart');
    await gaps.getByRole('button', { name: '表で見る' }).click();
    const gapTable = gaps.getByTestId('gaps-table');
    await gapTable.scrollIntoViewIfNeeded();
    const region = gaps.locator('.chart-card__table');
    expect(await region.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    const itemWidth = await gapTable.locator('tbody th').first().evaluate((element) => element.getBoundingClientRect().width);
    expect(itemWidth).toBeGreaterThan(200);
    const pCell = gapTable.locator('tbody tr').first().locator('td').nth(1);
    const box = (await pCell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    expect(await gapTable.locator('tbody tr').first().locator('th').first().textContent()).not.toContain('…');
    await page.screenshot({ path: `${shots}/gaps-table-ja-1440x900.png` });

    // English: the report comes in English, answer labels included.
    await page.getByRole('button', { name: 'English' }).click();
    const en = await reportJson('en');
    const enCrosstab = en.crosstabs!.find((c) => c.question === crosstab.question && c.by === crosstab.by && c.row === undefined)!;
    expect(enCrosstab.values.map((v) => v.label)).not.toEqual(crosstab.values.map((v) => v.label));
    await expect.poll(() => gapTable.locator('thead th').first().textContent()).toBe('Item');
    await gapTable.scrollIntoViewIfNeeded();
    expect(await region.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: `${shots}/gaps-table-en-1440x900.png` });
    await page.getByTestId('view-crosstabs').click();
    await page.locator('#crosstab-by').selectOption(crosstab.by);
    await page.locator('#crosstab-question').selectOption(crosstab.question);
    if ((await table.getAttribute('data-transposed')) === 'true') await page.getByTestId('crosstab-transpose').click();
    await expect.poll(() => table.locator('thead th').allTextContents()).toEqual([enCrosstab.byLabel, 'n', ...enCrosstab.values.map((v) => v.label)]);
    expect(await table.locator('tbody th').allTextContents()).toEqual(['All', ...enCrosstab.groups.map((g) => g.label)]);
    await page.getByTestId('crosstab-chart').locator('canvas').waitFor();
    await page.screenshot({ path: `${shots}/crosstab-en-1440x900.png` });
    await page.getByTestId('view-questions').click();
    await page.locator('#question-picker').selectOption(summary.question);
    const enSummary = en.summaries!.find((s) => s.question === summary.question)!;
    await expect.poll(() => page.getByTestId('summary-table').locator('tbody th').allTextContents()).toEqual(enSummary.items!.map((item) => item.label));
    await page.screenshot({ path: `${shots}/questions-en-1440x900.png` });
    await page.getByRole('button', { name: '日本語' }).click();
  });

  it('axe finds no serious or critical problem on /login and /dashboard (chart, table, question, cross-tab and English views)', async () => {
    const { page } = await session.open('/login', DESK);
    await page.locator('#login-name').waitFor();
    expect(await seriousAccessibilityViolations(page), '/login').toEqual([]);
    await page.getByRole('button', { name: 'ログイン' }).click(); // empty: the error shows
    await page.getByRole('alert').filter({ hasText: 'ユーザー名とパスワードを入力してください。' }).waitFor();
    expect(await seriousAccessibilityViolations(page), '/login with an error').toEqual([]);
    await session.screenshot(page, 'login-1366x768');

    const dashboard = await openDashboard(`/dashboard/${STAFF}`);
    await dashboard.getByTestId('gap-row').first().waitFor();
    await dashboard.getByTestId('timeline-chart').locator('canvas').waitFor();
    expect(await seriousAccessibilityViolations(dashboard), '/dashboard').toEqual([]);
    const showTable = dashboard.getByRole('button', { name: '表で見る' });
    while ((await showTable.count()) > 0) await showTable.first().click(); // each turns into "グラフで見る"
    expect(await seriousAccessibilityViolations(dashboard), '/dashboard, tables').toEqual([]);
    await dashboard.getByTestId('view-questions').click();
    await dashboard.getByTestId('question-chart').locator('canvas').waitFor();
    expect(await seriousAccessibilityViolations(dashboard), '/dashboard, question view').toEqual([]);
    await dashboard.getByTestId('view-crosstabs').click();
    await dashboard.getByTestId('crosstab-table').waitFor();
    expect(await seriousAccessibilityViolations(dashboard), '/dashboard, cross-tab view').toEqual([]);
    await dashboard.getByTestId('view-overview').click();
    await dashboard.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => dashboard.locator('h1').textContent()).toBe('Staff Survey on Ways of Working');
    expect(await seriousAccessibilityViolations(dashboard), '/dashboard in English').toEqual([]);
    await dashboard.getByRole('button', { name: '日本語' }).click();

    const chooser = await openDashboard('/dashboard');
    expect(await seriousAccessibilityViolations(chooser), '/dashboard without a survey').toEqual([]);
  });
});

/** A segment value under which some cohort (yearsOfService) has between 1 and 9 staff, from the seeded records. */
function smallCohortFilter(records: ResponseRecord[], segments: string[]): { segment: string; value: string } {
  for (const segment of segments) {
    const values = [...new Set(records.map((record) => record.data[segment]).filter((value): value is string => typeof value === 'string'))].sort();
    for (const value of values) {
      const sizes = new Map<unknown, number>();
      for (const record of records) if (record.data[segment] === value) sizes.set(record.data.yearsOfService, (sizes.get(record.data.yearsOfService) ?? 0) + 1);
      if ([...sizes.values()].some((size) => size >= 1 && size < 10)) return { segment, value };
    }
  }
  throw new Error(`no value of ${segments.join(', ')} leaves a cohort with 1–9 staff in the seeded data; change the seed`);
}
