/**
 * The ward clerk at /admin (issue 29), in real Chromium: a styled header whose
 * link and language switch do not touch; enrollment offered for every survey a
 * kiosk can collect (not the invitation-only staff survey); invitation cards
 * that name the survey, the workplace and the address on lines of their own,
 * with a QR code and one sentence on what to do, also when printed.
 * Screenshots at 800×1280, 1280×800 and 390×844 in Japanese and English land
 * in the system's temp folder (admin-*.png).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/create-user.ts';
import { readShippedDefinition } from './support/answer-survey.ts';
import { PHONE } from './support/chromium.ts';
import { useE2eSession } from './support/e2e-session.ts';

const session = useE2eSession();
const ADMIN = { name: 'admin-desk', password: 'a long enough admin passphrase' };
const SIZES = [{ width: 800, height: 1280 }, { width: 1280, height: 800 }, PHONE];
const STAFF = readShippedDefinition('staff-workstyle') as { title: { ja: string; en: string } };

beforeAll(async () => {
  await createUser(session.server.authStore, { name: ADMIN.name, role: 'admin', password: ADMIN.password });
});

async function openAdminPage(viewport: { width: number; height: number }): Promise<Page> {
  const { page } = await session.open('/login?next=%2Fadmin', { viewport });
  await page.locator('#login-name').fill(ADMIN.name);
  await page.locator('#login-password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => url.pathname === '/admin');
  await page.getByRole('heading', { name: 'キオスク端末' }).waitFor();
  return page;
}

describe('the admin desk', { timeout: 300_000 }, () => {
  it('enrollment offers every survey a kiosk can collect, and not the invitation-only staff survey', async () => {
    const page = await openAdminPage({ width: 1280, height: 800 });
    const offered = await page.locator('select[name=surveyId] option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered.sort()).toEqual(['citizen-needs', 'ward-office-exit']);
    await page.locator('input[name=kioskId]').fill('kita-citizen-1');
    await page.locator('select[name=surveyId]').selectOption('citizen-needs');
    await page.getByRole('button', { name: '登録コードを発行' }).click();
    expect(await page.getByTestId('enrollment-url').innerText()).toContain('/kiosk/citizen-needs?ward=chuo&enroll=');
  });

  it('the home page offers kiosk URLs for the same surveys, and says why the staff survey has none', async () => {
    const { page } = await session.open('/', { viewport: { width: 1280, height: 800 } });
    await page.getByTestId('no-kiosk').waitFor();
    const cards = await page.locator('.survey-card').evaluateAll((elements) =>
      elements.map((card) => [card.querySelector('a')!.getAttribute('href'), card.querySelector('.survey-card__kiosk') !== null, card.querySelector('[data-testid=no-kiosk]') !== null]),
    );
    expect(cards.sort()).toEqual([
      ['/s/citizen-needs', true, false],
      ['/s/staff-workstyle', false, true],
      ['/s/ward-office-exit', true, false],
    ]);
  });

  for (const size of SIZES) {
    for (const language of ['ja', 'en'] as const) {
      it(`${size.width}×${size.height} ${language}: a header with room to breathe, and cards that say what they are for`, async () => {
        const page = await openAdminPage(size);
        if (language === 'en') {
          await page.getByRole('button', { name: 'English' }).click();
          await page.getByRole('heading', { name: 'Kiosk tablets' }).waitFor();
        }

        const header = await page.evaluate(() => {
          const bar = document.querySelector('.admin-header')!;
          const link = bar.querySelector('a')!.getBoundingClientRect();
          const buttons = [...bar.querySelectorAll('.language-switch button')].map((button) => button.getBoundingClientRect());
          const title = bar.querySelector('.admin-header__title')!;
          return {
            background: getComputedStyle(bar).backgroundColor,
            titleSize: parseFloat(getComputedStyle(title).fontSize),
            // The gap between the link and the nearest language button on the same line (Infinity if on other lines).
            gap: Math.min(...buttons.map((button) => (button.top < link.bottom && link.top < button.bottom ? Math.max(button.left - link.right, link.left - button.right) : Infinity))),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        });
        expect(header.background, 'the header has a colour of its own').not.toBe('rgba(0, 0, 0, 0)');
        expect(header.titleSize).toBeGreaterThanOrEqual(17);
        expect(header.gap, 'the link does not touch the language switch').toBeGreaterThanOrEqual(12);
        expect(header.overflow, 'nothing off the side of the screen').toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(tmpdir(), `admin-${size.width}x${size.height}-${language}.png`), fullPage: true });

        const workplace = language === 'ja' ? '北区役所 市民部' : 'Kita ward office, residents';
        await page.locator('input[name=count]').fill('4');
        await page.locator('input[name=workplace]').fill(workplace);
        await page.getByRole('button', { name: language === 'ja' ? '招待コードを発行' : 'Generate invitation codes' }).click();
        const card = page.getByTestId('invitation-sheet').locator('li').first();
        await card.waitFor();
        const lines = await card.evaluate((element) =>
          ['.invitation-card__survey', '.invitation-card__workplace', 'code', '.invitation-card__url', '.invitation-card__how'].map((selector) => {
            const part = element.querySelector(selector) as HTMLElement;
            const box = part.getBoundingClientRect();
            return { text: part.innerText, top: box.top, bottom: box.bottom };
          }),
        );
        const [survey, place, code, url, how] = lines;
        expect(survey.text).toBe(STAFF.title[language]);
        expect(place.text).toBe(workplace);
        expect(code.text).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        expect(url.text).toBe(`${session.server.origin}/s/staff-workstyle?code=${code.text}`);
        expect(how.text).toMatch(language === 'ja' ? /QR コードを読み取る/ : /Scan the QR code/);
        // Each on lines of its own: every part starts below the end of the one before.
        for (let index = 1; index < lines.length; index++) expect(lines[index].top, lines[index].text).toBeGreaterThanOrEqual(lines[index - 1].bottom - 0.5);
        expect(await card.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
        await page.screenshot({ path: join(tmpdir(), `admin-cards-${size.width}x${size.height}-${language}.png`), fullPage: true });

        // Printed: only the cards, three to a row, each whole.
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => ({
          header: getComputedStyle(document.querySelector('.admin-header')!).display,
          forms: [...document.querySelectorAll('form')].map((form) => getComputedStyle(form.closest('.admin-print-hide') ?? form).display),
          tops: [...document.querySelectorAll('.invitation-card')].map((card) => Math.round(card.getBoundingClientRect().top)),
        }));
        expect(printed.header).toBe('none');
        expect(printed.forms.every((display) => display === 'none')).toBe(true);
        expect(printed.tops.slice(0, 3).every((top) => top === printed.tops[0]), 'three cards to a row').toBe(true);
        expect(printed.tops[3]).toBeGreaterThan(printed.tops[0]);
        await page.screenshot({ path: join(tmpdir(), `admin-print-${size.width}x${size.height}-${language}.png`), fullPage: true });
      });
    }
  }
});
