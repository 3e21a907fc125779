/**
 * Accessibility in real Chromium: axe-core (from npm, injected from
 * node_modules) finds no serious or critical violation on any page or screen
 * state, and the exit survey can be completed with the keyboard alone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerCurrentPage, firstChoiceAnswers, goToNextPage, readShippedDefinition } from './support/answer-survey.ts';
import { PHONE } from './support/chromium.ts';
import { eventually, useE2eSession } from './support/e2e-session.ts';
import { makeInvitationCodes, startWithCode } from './support/invitation-codes.ts';
import { seriousAccessibilityViolations } from './support/run-axe.ts';

const session = useE2eSession();

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page), where).toEqual([]);
}

/** Axe on every page of a survey, answering each before going on; then on the thank-you screen. */
async function checkEverySurveyPage(page: Page, label: string): Promise<void> {
  for (let pageNumber = 1; pageNumber <= 10; pageNumber++) {
    await expectNoSeriousViolations(page, `${label}, survey page ${pageNumber}`);
    await answerCurrentPage(page, 'テスト');
    if (!(await goToNextPage(page))) break;
  }
  await page.locator('.sd-navigation__complete-btn').click();
  await page.getByTestId('thank-you').waitFor();
  await expectNoSeriousViolations(page, `${label}, thank-you`);
}

// Real Chromium on a shared 2-core machine: a test's wall time varies a lot with the machine's load.
describe('accessibility', { timeout: 180_000 }, () => {
  it('the survey list and the not-found page', async () => {
    const { page } = await session.open('/');
    await page.getByTestId('survey-list').waitFor();
    await page.locator('details summary').first().click();
    await expectNoSeriousViolations(page, 'home');
    await session.screenshot(page, 'home-1024x768');
    // The server answers only the app's own paths with the app; an unknown survey is the app's not-found page.
    await page.goto(`${session.server.origin}/s/no-such-survey`);
    await page.getByText('ページが見つかりません').waitFor();
    await expectNoSeriousViolations(page, 'not found');
  });

  it('every kiosk page, in Japanese and English, the idle prompt and the set-up error', async () => {
    const { page } = await session.open('/kiosk/ward-office-exit?ward=chuo&idle=5');
    await page.locator('.sd-question').first().waitFor();
    await checkEverySurveyPage(page, 'kiosk ja');
    await page.getByRole('button', { name: '最初の画面に戻る' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.sd-navigation__next-btn').getByText('Next').waitFor();
    // A page with validation errors shown: press "Next" without answering.
    await page.locator('.sd-navigation__next-btn').click();
    await page.locator('.sd-question__erbox').first().waitFor();
    await expectNoSeriousViolations(page, 'kiosk en, with required-answer errors');
    await page.getByTestId('idle-prompt').waitFor({ timeout: 10_000 });
    await expectNoSeriousViolations(page, 'kiosk idle prompt');

    const error = await session.open('/kiosk/ward-office-exit?ward=nowhere');
    await error.page.getByTestId('kiosk-setup-error').waitFor();
    await expectNoSeriousViolations(error.page, 'kiosk set-up error');
  });

  it('the staff panel', async () => {
    const { page } = await session.open('/');
    await page.getByTestId('queue-indicator').click();
    await page.getByTestId('staff-panel').waitFor();
    await expectNoSeriousViolations(page, 'staff panel');
  });

  it('every page of the three online forms, on a phone', async () => {
    for (const surveyId of ['citizen-needs', 'staff-workstyle', 'ward-office-exit']) {
      const { page } = await session.open(`/s/${surveyId}`, { viewport: PHONE, isMobile: true, hasTouch: true });
      // The staff survey asks for an invitation code first: that page is checked too.
      await page.getByTestId('invitation-gate').or(page.locator('.sd-question').first()).first().waitFor();
      if (await page.getByTestId('invitation-gate').count()) await expectNoSeriousViolations(page, `online ${surveyId}, invitation code`);
      await startWithCode(page, (await makeInvitationCodes(session.server.authStore, surveyId, 1))[0]);
      await checkEverySurveyPage(page, `online ${surveyId}`);
    }
  });

  it('the exit survey can be completed with the keyboard alone', async () => {
    const { page } = await session.open('/kiosk/ward-office-exit?ward=chuo&kiosk=keyboard');
    await page.locator('.sd-question').first().waitFor();
    const comment = 'キーボードだけで回答しました';
    // Tab through the page; answer each question with Space (first choice) or typing; press Enter on Next/Complete.
    // The focused element is looked at before each Tab: survey-core moves focus itself (to the first unanswered
    // required question when "complete" is pressed too early), and a person answers what has focus.
    for (let step = 0; step < 400; step++) {
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return { kind: 'none' as const };
        const question = element.closest('.sd-question');
        const answered = question ? question.querySelector('input:checked') !== null : false;
        const row = element.closest('tr');
        const rowAnswered = row ? row.querySelector('input:checked') !== null : false;
        const classes = element.className;
        if (typeof classes === 'string' && classes.includes('sd-navigation__complete-btn')) return { kind: 'complete' as const };
        if (typeof classes === 'string' && classes.includes('sd-navigation__next-btn')) return { kind: 'next' as const };
        if (element instanceof HTMLTextAreaElement) return { kind: 'text' as const, filled: element.value !== '' };
        if (element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox')) {
          return { kind: 'choice' as const, answered: row ? rowAnswered : answered };
        }
        return { kind: 'other' as const };
      });
      if (focused.kind === 'choice' && !focused.answered) await page.keyboard.press('Space');
      if (focused.kind === 'text' && !focused.filled) await page.keyboard.type(comment);
      if (focused.kind === 'next') await page.keyboard.press('Enter');
      if (focused.kind === 'complete') {
        // Focus stays in the navigation bar after "next", so this can come before the last page is answered:
        // survey-core then shows the required-answer errors and the loop keeps tabbing, as a person would.
        await page.keyboard.press('Enter');
        if (await page.getByTestId('thank-you').waitFor({ timeout: 1_000 }).then(() => true, () => false)) break;
        continue;
      }
      await page.keyboard.press('Tab');
    }
    await page.getByTestId('thank-you').waitFor();
    // An unenrolled tablet's kioskId and ward are not stored (issue 20, finding 4): the answer is found by its text.
    const typedHere = (record: { data: Record<string, unknown> }) => Object.values(record.data).includes(comment);
    const records = await eventually(
      () => session.server.records('ward-office-exit'),
      (found) => found.some(typedHere),
    );
    expect(records.find(typedHere)?.data).toEqual(
      firstChoiceAnswers(readShippedDefinition('ward-office-exit'), comment),
    );
  });
});
