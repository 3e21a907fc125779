/**
 * What an elderly visitor met at the kiosk (issue 29), in real Chromium on
 * every kiosk survey, on a portrait and a landscape tablet and a phone, in
 * Japanese and English:
 *
 * - the forward button (次へ, and 完了 on the last page) is in the same place on
 *   every page, at the right end of the navigation, so the same tap twice never
 *   goes back; 前へ is left of it, smaller and outlined (white, not filled: the
 *   secondary button, on phones too), and 完了 looks unlike 次へ;
 * - no line of text holds a single character (「どちらともいえない」 left 「い」
 *   alone), measured on the rendered line boxes of every text node;
 * - every page is at most 1.5 screens tall on a portrait tablet (800×1280),
 *   a page of one eight-row grid included: the kiosk never cuts a question, so
 *   its grids are laid out compactly (kiosk.css) and `check` warns about a grid
 *   that would not fit (core/definitions/kiosk-page-budget.ts);
 * - the thank-you screen shows the survey's own completion message.
 *
 * Screenshots of every page land in the system's temp folder (kiosk-layout-*.png); the grid pages
 * (citizen-needs' and the exit survey's satisfaction grids) also in test-artifacts/, to be looked at.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerCurrentPage, goToNextPage, readShippedDefinition } from './support/answer-survey.ts';
import { PHONE } from './support/chromium.ts';
import { ARTIFACTS_DIR, useE2eSession } from './support/e2e-session.ts';

const session = useE2eSession();

/** Surveys a kiosk can collect: the staff survey needs an invitation code per answer, which a kiosk has no way to ask for. */
const KIOSK_SURVEYS = ['ward-office-exit', 'citizen-needs'];
const SIZES = [{ width: 800, height: 1280 }, { width: 1280, height: 800 }, PHONE];
const LANGUAGES = ['ja', 'en'] as const;
/** The grid pages kept in test-artifacts/ at every size and language: the tallest grid of each kiosk survey. */
const GRID_SCREENSHOTS: Record<string, string> = { 'citizen-needs': 'satisfaction', 'ward-office-exit': 'satisfaction' };

interface Box {
  left: number;
  right: number;
  top: number;
  width: number;
  height: number;
}

interface PageLayout {
  forward: Box & { label: string; complete: boolean; background: string; fontSize: number };
  back?: Box & { background: string; fontSize: number };
  /** The right end of the navigation bar's content box. */
  barRight: number;
  /** The bottom of the last question, in page coordinates like `forward.top`. */
  lastQuestionBottom: number;
  pageHeight: number;
  questions: number;
  /** The visible questions' names. */
  names: string[];
}

function readLayout(page: Page): Promise<PageLayout> {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left, right: rect.right, top: rect.top + window.scrollY, width: rect.width, height: rect.height };
    };
    const visible = (selector: string) => [...document.querySelectorAll(selector)].find((element) => (element as HTMLElement).offsetParent !== null);
    const next = visible('.sd-navigation__next-btn');
    const complete = visible('.sd-navigation__complete-btn');
    const forward = (next ?? complete)!;
    const back = visible('.sd-navigation__prev-btn');
    const bar = forward.closest('.sd-body__navigation')!;
    const barStyle = getComputedStyle(bar);
    const questions = [...document.querySelectorAll('.sd-question')].filter((element) => (element as HTMLElement).offsetParent !== null);
    const title = (button: Element) => parseFloat(getComputedStyle(button.querySelector('.sd-action__title') ?? button).fontSize);
    return {
      forward: { ...box(forward), label: (forward as HTMLElement).innerText.trim(), complete: !next, background: getComputedStyle(forward).backgroundColor, fontSize: title(forward) },
      back: back && { ...box(back), background: getComputedStyle(back).backgroundColor, fontSize: title(back) },
      barRight: bar.getBoundingClientRect().right - parseFloat(barStyle.paddingRight),
      lastQuestionBottom: Math.max(...questions.map((question) => question.getBoundingClientRect().bottom + window.scrollY)),
      pageHeight: document.documentElement.scrollHeight,
      questions: questions.length,
      names: questions.map((question) => question.getAttribute('data-name') ?? ''),
    };
  });
}

/**
 * Every line of every visible text node that holds exactly one character (not counting spaces): each
 * character's box from Range.getClientRects, grouped into lines by their vertical position. Only text
 * that wraps is checked: a text that is one character long is not an orphan.
 */
function singleCharacterLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node.data;
      if (text.trim().length < 2) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, [hidden], .sd-visuallyhidden')) continue;
      const parentBox = parent.getBoundingClientRect();
      if (parentBox.width <= 4 || parentBox.height <= 4) continue; // not shown, or visually hidden
      const glyphs: Array<{ top: number; height: number; character: string }> = [];
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        const length = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
        const character = text.slice(index, index + length);
        if (length === 2) index++;
        if (/\s/.test(character)) continue;
        range.setStart(node, index - length + 1);
        range.setEnd(node, index + 1);
        const rect = range.getClientRects()[0];
        if (!rect || rect.width === 0) continue;
        glyphs.push({ top: rect.top, height: rect.height, character });
      }
      glyphs.sort((a, b) => a.top - b.top);
      const lines: Array<{ top: number; height: number; characters: string }> = [];
      for (const glyph of glyphs) {
        const line = lines.at(-1);
        // Glyphs of one line differ in top by a few px (fonts, fallback); the next line is at least half a line lower.
        if (line && glyph.top < line.top + line.height / 2) line.characters += glyph.character;
        else lines.push({ top: glyph.top, height: glyph.height, characters: glyph.character });
      }
      if (lines.length < 2) continue;
      for (const line of lines) {
        if ([...line.characters].length === 1) problems.push(`「${line.characters}」 alone on a line of 「${text.trim().slice(0, 40)}」`);
      }
    }
    return problems;
  });
}

describe('kiosk layout', { timeout: 600_000 }, () => {
  it('the single-character check finds 「い」 alone, as survey-core’s default line breaking left it', async () => {
    const { page } = await session.open('/kiosk/ward-office-exit?ward=kita', { viewport: { width: 1280, height: 800 } });
    await page.locator('.sd-question').first().waitFor();
    await page.evaluate(() => {
      const probe = document.createElement('div');
      // Eight and a half characters wide: nine characters break before the last one under normal line breaking.
      probe.style.cssText = 'width: 8.5em; font-size: 20px; word-break: normal; line-break: auto';
      probe.lang = 'ja';
      probe.textContent = 'どちらともいえない';
      document.body.append(probe);
    });
    expect(await singleCharacterLines(page)).toEqual(['「い」 alone on a line of 「どちらともいえない」']);
  });

  it('the invitation-only staff survey has no kiosk mode: staff see why, instead of a survey whose every answer would be refused', async () => {
    const { page } = await session.open('/kiosk/staff-workstyle?ward=kita', { viewport: { width: 800, height: 1280 } });
    const error = page.getByTestId('kiosk-setup-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('招待コードが必要なアンケートはキオスクでは使えません');
    expect(await page.locator('.sd-question').count()).toBe(0);
  });

  for (const surveyId of KIOSK_SURVEYS) {
    const definition = readShippedDefinition(surveyId) as { completedHtml: Record<(typeof LANGUAGES)[number], string> };
    for (const size of SIZES) {
      for (const language of LANGUAGES) {
        const label = `${surveyId} ${size.width}×${size.height} ${language}`;
        it(`${label}: 次へ in one place on every page, no character alone on a line, the survey's own thank-you`, async () => {
          const phone = size.width < 600;
          const { page } = await session.open(`/kiosk/${surveyId}?ward=kita`, { viewport: size, isMobile: phone, hasTouch: true });
          await page.locator('.sd-question').first().waitFor();
          if (language === 'en') {
            await page.getByRole('button', { name: 'English' }).click();
            await page.locator('.sd-navigation__next-btn', { hasText: 'Next' }).waitFor();
          }

          const layouts: PageLayout[] = [];
          for (let number = 1; number <= 20; number++) {
            await answerCurrentPage(page, language === 'ja' ? '丁寧に対応していただきました。' : 'The staff were kind.');
            // Grids are measured and stacked a moment after they render (stack-grids-that-do-not-fit.ts).
            await page.waitForTimeout(300);
            const layout = await readLayout(page);
            layouts.push(layout);
            expect(await singleCharacterLines(page), `${label}, page ${number}`).toEqual([]);
            await page.screenshot({ path: join(tmpdir(), `kiosk-layout-${surveyId}-${size.width}x${size.height}-${language}-p${number}.png`), fullPage: true });
            const grid = GRID_SCREENSHOTS[surveyId];
            if (layout.names.includes(grid)) {
              // From the top, so the sticky language bar is where a visitor first sees it.
              await page.evaluate(() => window.scrollTo(0, 0));
              await page.screenshot({ path: join(ARTIFACTS_DIR, `kiosk-grid-${surveyId}-${grid}-${size.width}x${size.height}-${language}.png`), fullPage: true });
            }
            // Scrolled down to 次へ, the language buttons stay on top of whatever scrolls under them (a grid's sticky column did not).
            const covered = await page.evaluate(() => {
              window.scrollTo(0, document.documentElement.scrollHeight);
              return [...document.querySelectorAll('.kiosk__bar button')].flatMap((button) => {
                const box = button.getBoundingClientRect();
                // Points every 8 px across the button's middle: the grid's shade was 40 px wide, inside 「English」.
                const points: number[] = [];
                for (let x = box.left + 4; x < box.right - 4; x += 8) points.push(x);
                return points.some((x) => !button.contains(document.elementFromPoint(x, box.top + box.height / 2))) ? [(button as HTMLElement).innerText] : [];
              });
            });
            expect(covered, `${label}, page ${number}: language buttons covered`).toEqual([]);
            if (!(await goToNextPage(page))) break;
          }

          const first = layouts[0].forward;
          layouts.forEach(({ forward, back, barRight, lastQuestionBottom, pageHeight, questions }, index) => {
            const where = `${label}, page ${index + 1} (${forward.label})`;
            // The same place on every page: same left edge and width, flush with the bar's right end.
            expect(Math.abs(forward.left - first.left), where).toBeLessThanOrEqual(1);
            expect(Math.abs(forward.width - first.width), where).toBeLessThanOrEqual(1);
            expect(Math.abs(forward.right - barRight), where).toBeLessThanOrEqual(1);
            // At the bottom: below every question.
            expect(forward.top, where).toBeGreaterThanOrEqual(lastQuestionBottom);
            if (index === 0) expect(back, `${where}: no 前へ on page 1`).toBeUndefined();
            else {
              expect(back, where).toBeDefined();
              expect(back!.right, `${where}: 前へ is left of it`).toBeLessThan(forward.left);
              // Clearly the lesser button, on a phone too (it was 142×70 beside 次へ's 193×72 at 390 px).
              expect(back!.height, `${where}: 前へ is lower`).toBeLessThanOrEqual(0.85 * forward.height);
              expect(back!.width, `${where}: 前へ is narrower`).toBeLessThanOrEqual(0.75 * forward.width);
              expect(back!.fontSize, `${where}: 前へ's text is smaller`).toBeLessThan(forward.fontSize);
              // Outlined: white inside its blue edge, where 次へ is filled.
              expect(back!.background, `${where}: 前へ is outlined, not filled`).toBe('rgb(255, 255, 255)');
              // Still a finger's target.
              expect(back!.height, where).toBeGreaterThanOrEqual(48);
            }
            // At most 1.5 screens on a portrait tablet, every page: a page of one eight-row grid too.
            if (size.width === 800) expect(pageHeight, `${where}: ${questions} question(s)`).toBeLessThanOrEqual(1.5 * size.height);
          });
          const last = layouts.at(-1)!.forward;
          expect(last.complete, `${label}: the last page completes`).toBe(true);
          expect(layouts.slice(0, -1).every((layout) => !layout.forward.complete)).toBe(true);
          expect(last.background, `${label}: 完了 looks unlike 次へ`).not.toBe(first.background);

          await page.locator('.sd-navigation__complete-btn:visible').click();
          const thanks = page.getByTestId('thank-you');
          await thanks.waitFor();
          // completedHtml is "<h3>title</h3><p>text</p>": the title becomes the screen's heading, the text its message.
          const [, title, message] = /<h3>(.*)<\/h3><p>(.*)<\/p>/.exec(definition.completedHtml[language])!;
          expect(await thanks.locator('h1').innerText()).toBe(title);
          expect(await thanks.getByTestId('thank-you-message').innerText()).toBe(message);
          expect(await singleCharacterLines(page), `${label}, thank-you`).toEqual([]);
          await page.screenshot({ path: join(tmpdir(), `kiosk-layout-${surveyId}-${size.width}x${size.height}-${language}-thanks.png`) });
        });
      }
    }
  }
});
