/**
 * A kiosk's test mode (issue 30) in real Chromium against the real server and SQLite store: staff turn it on
 * in the staff panel (a 2-second hold on the queue indicator); every page then shows the banner, in the
 * visitor's language, also after a reload and on the next visitor; the answers arrive with meta.test = true,
 * and once it is off, without. Screenshots of the banner, ja and en, at 800×1280 and 390×844, go to
 * test-artifacts/kiosk-test-mode-<locale>-<size>.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeSurvey } from './support/answer-survey.ts';
import { PHONE } from './support/chromium.ts';
import { eventually, useE2eSession } from './support/e2e-session.ts';

const session = useE2eSession();
const EXIT = 'ward-office-exit';
const PORTRAIT_TABLET = { width: 800, height: 1280 };

async function openStaffPanel(kiosk: Page) {
  await kiosk.getByTestId('queue-indicator').hover();
  await kiosk.mouse.down();
  await kiosk.waitForTimeout(2_300);
  await kiosk.mouse.up();
  const panel = kiosk.getByTestId('staff-panel');
  await panel.waitFor();
  return panel;
}

async function setTestMode(kiosk: Page, on: boolean) {
  const panel = await openStaffPanel(kiosk);
  const toggle = panel.getByRole('switch', { name: 'テストモード / Test mode' });
  expect(await toggle.isChecked()).toBe(!on);
  await toggle.setChecked(on);
  await panel.getByRole('button', { name: /閉じる/ }).click();
  await panel.waitFor({ state: 'detached' });
}

// Real Chromium on a shared 2-core machine: a test's wall time varies a lot with the machine's load.
describe('kiosk test mode', { timeout: 240_000 }, () => {
  it('the staff panel switch shows a banner on every page and marks the answers as test answers, until it is turned off', async () => {
    const { page } = await session.open(`/kiosk/${EXIT}?ward=kita`, { viewport: PORTRAIT_TABLET, hasTouch: true });
    await page.locator('.sd-question').first().waitFor();
    const banner = page.getByTestId('kiosk-test-banner');
    expect(await banner.count(), 'no banner before test mode').toBe(0);

    await setTestMode(page, true);
    await banner.waitFor();
    expect(await banner.innerText()).toBe('テスト中 — この回答は集計されません');
    // At the top of the screen and wide, above the language switch.
    const box = (await banner.boundingBox())!;
    expect(box.y).toBeLessThan(1);
    expect(box.width).toBe(PORTRAIT_TABLET.width);
    expect(box.height).toBeGreaterThanOrEqual(48);
    await session.screenshot(page, 'kiosk-test-mode-ja-800x1280');

    // Kept on this tablet: a reload still shows it.
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    await banner.waitFor();

    // Stays in view on every page as the visitor scrolls and moves on.
    await page.mouse.wheel(0, 2_000);
    expect(await banner.evaluate((element) => getComputedStyle(element).position)).toBe('sticky');
    expect((await banner.boundingBox())!.y, `scrolled by ${await page.evaluate(() => window.scrollY)} px`).toBeLessThan(1);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await banner.innerText()).toBe('Test mode — answers are not counted');
    await session.screenshot(page, 'kiosk-test-mode-en-800x1280');
    await page.setViewportSize(PHONE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await session.screenshot(page, 'kiosk-test-mode-en-390x844');
    await page.getByRole('button', { name: '日本語' }).click();
    await session.screenshot(page, 'kiosk-test-mode-ja-390x844');
    await page.setViewportSize(PORTRAIT_TABLET);

    await completeSurvey(page, 'テストモードの確認です');
    await page.getByTestId('thank-you').waitFor();
    expect(await banner.isVisible(), 'the thank-you page shows it too').toBe(true);
    const records = await eventually(() => session.server.records(EXIT), (found) => found.length === 1);
    expect(records[0].meta).toEqual({ locale: 'ja', test: true });
    await page.getByRole('button', { name: '最初の画面に戻る' }).click();
    await page.locator('.sd-question').first().waitFor();
    expect(await banner.isVisible(), 'the next visitor sees it').toBe(true);

    await setTestMode(page, false);
    expect(await banner.count()).toBe(0);
    await completeSurvey(page, '本番の回答です');
    await page.getByTestId('thank-you').waitFor();
    const both = await eventually(() => session.server.records(EXIT), (found) => found.length === 2);
    expect(both.map((record) => record.meta)).toEqual([{ locale: 'ja', test: true }, { locale: 'ja' }]);
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    expect(await banner.count(), 'off survives a reload too').toBe(0);
  });
});
