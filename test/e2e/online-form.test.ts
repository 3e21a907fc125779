/**
 * The online form (/s/<surveyId>) on a phone and a PC, in real Chromium against
 * the real server: it resumes after a reload, completes once, says when the
 * device is offline, and its response arrives through the same queue.
 */
import { describe, expect, it } from 'vitest';
import { answerCurrentPage, completeSurvey, firstChoiceAnswers, readShippedDefinition } from './support/answer-survey.ts';
import { PHONE, TABLET } from './support/chromium.ts';
import { eventually, useE2eSession } from './support/e2e-session.ts';

const session = useE2eSession();
const CITIZEN = 'citizen-needs';

// Real Chromium on a shared 2-core machine: a test's wall time varies a lot with the machine's load.
describe('online form', { timeout: 180_000 }, () => {
  it('answers are kept as they go: a reload resumes on the same page, and the response completes once', async () => {
    const { page } = await session.open(`/s/${CITIZEN}`, { viewport: PHONE, hasTouch: true, isMobile: true });
    await page.locator('.sd-question').first().waitFor();
    await session.screenshot(page, 'online-390x844');
    await answerCurrentPage(page, '');
    await page.locator('.sd-navigation__next-btn').click();
    await page.locator('[data-name=preferredChannel]').waitFor();
    await page.locator('[data-name=smartphone] .sd-selectbase__label').first().click();
    await session.screenshot(page, 'online-page2-390x844');

    await page.reload();
    await page.getByTestId('resumed-notice').waitFor();
    // Same page as before the reload, with its answer, and the first page's answers still there.
    expect(await page.locator('[data-name=preferredChannel]').count()).toBe(1);
    expect(await page.locator('[data-name=smartphone] input:checked').count()).toBe(1);

    await completeSurvey(page, 'オンライン手続をもっと増やしてほしいです。');
    await page.getByTestId('thank-you').waitFor();
    const records = await eventually(() => session.server.records(CITIZEN), (found) => found.length === 1);
    expect(records[0].channel).toBe('online');
    expect(records[0].meta).toEqual({ locale: 'ja' });
    expect(records[0].data).toEqual(firstChoiceAnswers(readShippedDefinition(CITIZEN), 'オンライン手続をもっと増やしてほしいです。'));
    await page.getByTestId('delivery-status').getByText('回答は送信されました。').waitFor();

    // Completed once: a reload neither resumes nor sends again.
    await page.reload();
    await page.getByTestId('already-answered').waitFor();
    await page.waitForTimeout(1_000);
    expect(await session.server.records(CITIZEN)).toHaveLength(1);
  });

  it('says clearly when the device is offline, and keeps the completed response until it is back', async () => {
    const { context, page } = await session.open('/s/staff-workstyle', { viewport: TABLET });
    await page.locator('.sd-question').first().waitFor();
    await session.screenshot(page, 'online-1024x768');
    expect(await page.getByTestId('offline-banner').count()).toBe(0);

    await context.setOffline(true);
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('オフラインです');
    await session.screenshot(page, 'online-offline-1024x768');

    await completeSurvey(page, '紙の決裁を減らしたい');
    await page.getByTestId('delivery-status').getByText(/この端末に保存されました/).waitFor();
    expect(await session.server.records('staff-workstyle')).toEqual([]);

    await context.setOffline(false);
    await banner.waitFor({ state: 'detached' });
    const records = await eventually(() => session.server.records('staff-workstyle'), (found) => found.length === 1);
    expect(records[0]).toMatchObject({ channel: 'online', data: { comment: '紙の決裁を減らしたい' } });
    await page.getByTestId('delivery-status').getByText('回答は送信されました。').waitFor();
  });

  it('the anonymous staff survey on a shared PC: after a submission the next colleague starts fresh, neither resumed nor locked', async () => {
    const { page } = await session.open('/s/staff-workstyle', { viewport: TABLET });
    await page.locator('.sd-question').first().waitFor();
    await completeSurvey(page, '共用端末からの回答');
    await page.getByTestId('thank-you').waitFor();
    await eventually(
      () => session.server.records('staff-workstyle'),
      (found) => found.some((record) => record.data.comment === '共用端末からの回答'),
    );
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('survey-')));
    expect(stored, 'nothing of the last person is left in the browser').toEqual([]);

    await page.reload();
    await page.locator('[data-name=yearsOfService]').waitFor();
    expect(await page.getByTestId('already-answered').count()).toBe(0);
    expect(await page.getByTestId('resumed-notice').count()).toBe(0);
    expect(await page.locator('.sd-question input:checked').count()).toBe(0);
  });
});
