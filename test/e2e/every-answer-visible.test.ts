/**
 * Every answer on screen, on every device (issue 13): on a portrait and a
 * landscape tablet, a 1024×768 tablet and a phone, in Japanese and English,
 * no page of any shipped survey hides an answer off to the side. Grids too
 * wide for their box stack into one list per row, and become a table again
 * when the screen is wide enough. Then the feedback a finger needs: "up to N"
 * says how many are chosen and why a tap did nothing, the ranking says to tap,
 * the kiosk keeps its language buttons in reach, and the staff widget is on
 * the kiosk only.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerCurrentPage, goToNextPage } from './support/answer-survey.ts';
import { PHONE, TABLET } from './support/chromium.ts';
import { ARTIFACTS_DIR, useE2eSession } from './support/e2e-session.ts';
import { makeInvitationCodes, startWithCode } from './support/invitation-codes.ts';

const session = useE2eSession();

const SIZES = [{ width: 800, height: 1280 }, { width: 1280, height: 800 }, TABLET, PHONE];
const LANGUAGES = [
  { locale: 'ja', next: '次へ' },
  { locale: 'en', next: 'Next' },
];

/**
 * What on the page cannot be seen without scrolling sideways: the page itself wider than the
 * screen, any box that scrolls or clips sideways, and any answer (choice, grid cell, ranking item)
 * whose box reaches past the screen's edge. Visually hidden text (1–4 px clipped boxes) is no answer.
 */
function hiddenSideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const screenWidth = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > screenWidth) problems.push(`the page is ${document.documentElement.scrollWidth} px wide on a ${screenWidth} px screen`);
    const describe = (element: Element) => `${element.tagName.toLowerCase()}.${String(element.className).split(' ')[0]} "${(element.textContent ?? '').trim().slice(0, 24)}"`;
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.clientWidth <= 4) continue;
      const overflowX = getComputedStyle(element).overflowX;
      if (overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${describe(element)} hides ${element.scrollWidth - element.clientWidth} px sideways`);
      }
    }
    const answers = document.querySelectorAll('.sd-question .sd-selectbase__label, .sd-question .sd-matrix__label, .sd-question td, .sd-question th, .sd-question .sv-ranking-item');
    for (const answer of answers) {
      const box = answer.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -1 || box.right > screenWidth + 1) problems.push(`${describe(answer)} spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${screenWidth}`);
    }
    return problems;
  });
}

let invitationCode: Promise<string> | undefined;

/** Answers page after page until question `name` shows: the kiosk splits long pages (split-long-pages.ts), so page numbers differ from the definition's. */
async function answerUntil(page: Page, name: string): Promise<void> {
  for (let pageNumber = 1; pageNumber <= 20; pageNumber++) {
    await page.locator('.sd-question').first().waitFor();
    if (await page.locator(`.sd-question[data-name=${name}]`).count()) return;
    await answerCurrentPage(page, '');
    await goToNextPage(page);
  }
  throw new Error(`question ${name} never showed`);
}

async function checkEveryPage(path: string, viewport: { width: number; height: number }, language: (typeof LANGUAGES)[number]) {
  const phone = viewport.width < 600;
  const { page } = await session.open(path, { viewport, isMobile: phone, hasTouch: true });
  // The staff survey asks for an invitation code first; checking a code does not spend it, and nobody completes here.
  invitationCode ??= makeInvitationCodes(session.server.authStore, 'staff-workstyle', 1).then(([code]) => code);
  await startWithCode(page, await invitationCode);
  if (language.locale !== 'ja') await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.sd-navigation__next-btn').getByText(language.next).waitFor();
  const problems: string[] = [];
  for (let pageNumber = 1; pageNumber <= 10; pageNumber++) {
    // A grid is measured, then stacked if it does not fit: wait until no grid is mid-switch.
    await page.waitForTimeout(400);
    for (const problem of await hiddenSideways(page)) problems.push(`page ${pageNumber}: ${problem}`);
    await answerCurrentPage(page, 'テスト');
    if (!(await goToNextPage(page))) break;
  }
  expect(problems, `${path} at ${viewport.width}×${viewport.height} in ${language.locale}`).toEqual([]);
}

// Real Chromium on a shared 2-core machine: a test's wall time varies a lot with the machine's load.
describe('every answer visible on every device', { timeout: 300_000 }, () => {
  for (const path of ['/kiosk/ward-office-exit?ward=chuo', '/s/ward-office-exit', '/s/citizen-needs', '/s/staff-workstyle']) {
    it(`${path}: every page, at ${SIZES.map((size) => `${size.width}×${size.height}`).join(', ')}, in ja and en`, async () => {
      for (const viewport of SIZES) for (const language of LANGUAGES) await checkEveryPage(path, viewport, language);
    });
  }

  it('a grid that does not fit a portrait tablet stacks into one list per row, and is a table again in landscape', async () => {
    const { page } = await session.open('/kiosk/ward-office-exit?ward=chuo', { viewport: { width: 800, height: 1280 }, hasTouch: true });
    await answerUntil(page, 'satisfaction');
    const grid = page.locator('.sd-question[data-name=satisfaction]');
    await grid.and(page.locator('.sd-question--mobile')).waitFor();
    // Stacked, the most negative answer is on screen for every row: five rows, five 「不満」.
    const negativeOnScreen = () =>
      grid.evaluate((element) =>
        [...element.querySelectorAll('.sv-string-viewer')].filter((answer) => {
          const box = answer.getBoundingClientRect();
          return answer.textContent?.trim() === '不満' && box.width > 0 && box.right <= document.documentElement.clientWidth;
        }).length,
      );
    expect(await negativeOnScreen()).toBe(5);
    await session.screenshot(page, 'grid-stacked-800x1280');

    await page.setViewportSize({ width: 1280, height: 800 });
    await grid.and(page.locator(':not(.sd-question--mobile)')).waitFor();
    expect(await grid.locator('th').getByText('不満', { exact: true }).count()).toBe(1);
    expect(await hiddenSideways(page)).toEqual([]);
  });

  it('"up to 3" shows the count, and a fourth tap says why it did nothing', async () => {
    const { page } = await session.open('/kiosk/ward-office-exit?ward=chuo', { hasTouch: true });
    await answerUntil(page, 'improvements');
    const question = page.locator('.sd-question[data-name=improvements]');
    const note = question.getByTestId('choice-limit');
    const choices = question.locator('.sd-selectbase__label');
    await note.getByText('0つ選択中（3つまで選べます）').waitFor();
    for (let index = 0; index < 3; index++) await choices.nth(index).tap();
    await note.getByText('3つ選びました。ほかの項目を選ぶには、先に選んだ項目のチェックを外してください。').waitFor();
    expect(await note.getAttribute('role')).toBe('status');
    expect(await note.getAttribute('class')).not.toContain('refused');

    // A finger taps the greyed-out choice: force, because Playwright itself refuses to tap disabled controls.
    await choices.nth(3).tap({ force: true });
    await question.locator('.choice-limit__note--refused').waitFor();
    await question.screenshot({ path: `${ARTIFACTS_DIR}/choice-limit-refused.png` });
    expect(await question.locator('input:checked').count()).toBe(3);
    // The choices that cannot be added look different from the chosen and the open ones.
    const colours = await question.evaluate((element) => {
      const colour = (label: Element) => getComputedStyle(label.querySelector('.sd-item__control-label')!).color;
      const labels = element.querySelectorAll('.sd-selectbase__item');
      return { chosen: colour(labels[0]), closed: colour(labels[3]) };
    });
    expect(colours.closed).not.toBe(colours.chosen);

    await choices.nth(0).tap();
    await note.getByText('2つ選択中（3つまで選べます）').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await note.getByText('2 of 3 chosen (you can choose up to 3)').waitFor();
  });

  it('the ranking says to tap, in ja and en, and tapping ranks and unranks', async () => {
    const { page } = await session.open('/s/citizen-needs', { viewport: PHONE, isMobile: true, hasTouch: true });
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
      await page.locator('.sd-question').first().waitFor();
      await answerCurrentPage(page, '');
      await goToNextPage(page);
    }
    const ranking = page.locator('.sd-question[data-name=improvementRanking]');
    await ranking.getByText('下の項目を、優先する順にタップしてください').waitFor();
    expect(await ranking.getByText(/ドラッグ/).count()).toBe(0);
    await ranking.locator('.sv-ranking-item', { hasText: '窓口予約' }).tap();
    await ranking.locator('.sv-ranking-item', { hasText: '書かない窓口' }).tap();
    const ranked = ranking.locator('.sv-ranking__container--to .sv-ranking-item__text');
    // survey-core animates an item between the areas: poll until it has landed.
    await expect.poll(() => ranked.allInnerTexts(), { timeout: 10_000 }).toEqual(['窓口予約', '書かない窓口']);
    await ranking.locator('.sv-ranking__container--to .sv-ranking-item', { hasText: '窓口予約' }).tap();
    await expect.poll(() => ranked.allInnerTexts(), { timeout: 10_000 }).toEqual(['書かない窓口']);

    // The hint shows while nothing is ranked.
    await ranking.locator('.sv-ranking__container--to .sv-ranking-item').tap();

    await page.getByRole('button', { name: 'English' }).click();
    await ranking.getByText('Tap the items below in order of priority').waitFor();
  });

  it('the landscape kiosk: language buttons always in reach, a one-line title after page 1, the staff widget on the kiosk only', async () => {
    const { page } = await session.open('/kiosk/ward-office-exit?ward=chuo', { viewport: { width: 1280, height: 800 }, hasTouch: true });
    await page.locator('.sd-question').first().waitFor();
    const titleHeight = () => page.locator('.sd-container-modern__title').evaluate((element) => element.getBoundingClientRect().height);
    const firstPageTitle = await titleHeight();
    await answerUntil(page, 'couldBeOnline');
    expect(await titleHeight()).toBeLessThan(firstPageTitle / 2);
    expect(await page.locator('.sd-container-modern__title .sd-description').isVisible()).toBe(false);

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const english = page.getByRole('button', { name: 'English' });
    const box = await english.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 800, `English button at ${JSON.stringify(box)}`).toBe(true);
    await session.screenshot(page, 'kiosk-landscape-page2-scrolled');
    expect(await page.getByTestId('queue-indicator').count()).toBe(1);

    const online = await session.open('/s/citizen-needs', { viewport: PHONE, isMobile: true, hasTouch: true });
    await online.page.locator('.sd-question').first().waitFor();
    expect(await online.page.getByTestId('queue-indicator').count()).toBe(0);
  });
});
