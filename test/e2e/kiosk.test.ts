/**
 * The tablet kiosk in real Chromium against the real server and SQLite store:
 * a visitor completes the exit survey, the record arrives with the kiosk's
 * ward; touch targets, language switch, idle reset, navigation trap and the
 * staff-facing set-up error.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARD_CODES } from '../../contracts/wards.ts';
import { completeSurvey, firstChoiceAnswers, readShippedDefinition, answerCurrentPage } from './support/answer-survey.ts';
import { PHONE, TABLET } from './support/chromium.ts';
import { eventually, undersizedTouchTargets, useE2eSession } from './support/e2e-session.ts';
import { makeAdminToken } from './support/invitation-codes.ts';

const session = useE2eSession();
const EXIT = 'ward-office-exit';
const exitDefinition = readShippedDefinition(EXIT) as { title: { ja: string; en: string } };

// Real Chromium on a shared 2-core machine: a test's wall time varies a lot with the machine's load.
describe('kiosk', { timeout: 180_000 }, () => {
  it('a revoked tablet stops at once: its next check replaces the survey with a notice for staff that says how many answers it holds', async () => {
    const admin = { authorization: `Bearer ${await makeAdminToken(session.server.authStore)}`, 'content-type': 'application/json' };
    const created = await fetch(`${session.server.origin}/api/kiosks`, { method: 'POST', headers: admin, body: JSON.stringify({ kioskId: 'kita-07', ward: 'kita', surveyId: EXIT }) });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };

    // The tablet opens its QR code's link, checking its enrollment every 2 s (5 minutes unless check= says otherwise).
    const { page } = await session.open(`/kiosk/${EXIT}?ward=kita&check=2&enroll=${code}`, { viewport: { width: 800, height: 1280 }, hasTouch: true });
    await page.locator('[data-testid=kiosk-place][data-kiosk-id="kita-07"]').waitFor();
    // The server is out of reach for submissions (a flaky line): one visitor's answers wait on the tablet.
    await page.route('**/api/surveys/*/responses', (route) => route.abort('internetdisconnected'));
    await completeSurvey(page, '一人目');
    await page.getByTestId('thank-you').waitFor();
    await eventually(() => page.getByTestId('queue-indicator').getAttribute('data-waiting'), (waiting) => waiting === '1');
    await page.getByRole('button', { name: '最初の画面に戻る' }).click();
    await page.locator('.sd-question').first().waitFor();

    const revoked = await fetch(`${session.server.origin}/api/kiosks/kita-07/revoke`, { method: 'POST', headers: admin });
    expect(revoked.status).toBe(200);
    const notice = page.getByTestId('kiosk-refused');
    await notice.waitFor({ timeout: 15_000 });
    expect(await page.locator('.sd-question').count(), 'the survey is gone').toBe(0);
    expect(await notice.locator('h1').first().innerText()).toBe('この端末は登録が取り消されました。係員にお知らせください');
    expect(await page.getByTestId('kiosk-held-answers').innerText()).toContain('まだ送信されていない回答が 1 件');
    expect(await notice.innerText()).toContain('Please tell a member of staff');
    await page.screenshot({ path: join(tmpdir(), 'kiosk-revoked-ja-800x1280.png') });
    await page.getByRole('button', { name: 'English' }).click();
    expect(await notice.locator('h1').first().innerText()).toBe('This tablet’s registration has been withdrawn. Please tell a member of staff.');
    expect(await page.getByTestId('kiosk-held-answers').innerText()).toContain('1 answer has not been sent yet');
    await page.screenshot({ path: join(tmpdir(), 'kiosk-revoked-en-800x1280.png') });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: join(tmpdir(), 'kiosk-revoked-en-390x844.png') });
    await page.getByRole('button', { name: '日本語' }).click();
    await page.screenshot({ path: join(tmpdir(), 'kiosk-revoked-ja-390x844.png') });
    await page.setViewportSize({ width: 800, height: 1280 });

    // The line comes back: the held answer is refused, and stays held; a reload still shows the notice.
    await page.unroute('**/api/surveys/*/responses');
    await page.getByTestId('queue-indicator').hover();
    await page.mouse.down();
    await page.waitForTimeout(2_300);
    await page.mouse.up();
    const panel = page.getByTestId('staff-panel');
    await panel.getByRole('button', { name: /今すぐ送信/ }).click();
    await eventually(() => page.getByTestId('queue-indicator').getAttribute('data-rejected'), (rejected) => rejected === '1');
    const status = await panel.getByTestId('staff-enrollment-status').innerText();
    expect(status).not.toContain('登録済み');
    expect(status).toContain('登録取り消し済み: kita-07（北区役所）');
    const rejected = await panel.getByTestId('staff-rejected-list').innerText();
    expect(rejected).toContain('この端末の登録が取り消されたため、送信できませんでした。回答は保管しています。');
    expect(rejected).not.toMatch(/HTTP 403|was revoked/);
    await page.screenshot({ path: join(tmpdir(), 'kiosk-revoked-staff-panel-ja-800x1280.png') });
    await panel.getByRole('button', { name: /閉じる/ }).click();
    expect(await page.getByTestId('kiosk-held-answers').innerText()).toContain('1 件');
    expect(await session.server.records(EXIT)).toEqual([]);

    await page.reload();
    await notice.waitFor();
    expect(await page.locator('.sd-question').count()).toBe(0);
  });

  it('a visitor completes the exit survey; the record arrives once, without a kiosk id or ward (the tablet is not enrolled)', async () => {
    const { page } = await session.open(`/kiosk/${EXIT}?ward=kita&kiosk=kita-1F-east`);
    await page.locator('.sd-question').first().waitFor();
    await completeSurvey(page);
    await page.getByTestId('thank-you').waitFor();

    const records = await eventually(() => session.server.records(EXIT), (found) => found.length === 1);
    expect(records[0]).toMatchObject({ surveyId: EXIT, surveyVersion: 1, channel: 'kiosk' });
    // The URL's ward and kiosk id are the tablet's own claim: only an enrolled tablet's are stored (issue 20).
    expect(records[0].meta).toEqual({ locale: 'ja' });
    expect(records[0].data).toEqual(firstChoiceAnswers(exitDefinition));
    // The API reports the same record as a duplicate when its submissionId comes again: the id is the client's one.
    const again = await page.evaluate(
      async ({ surveyId, body }) => {
        const response = await fetch(`/api/surveys/${surveyId}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        return { status: response.status, body: await response.json() };
      },
      {
        surveyId: EXIT,
        body: JSON.stringify({
          submissionId: records[0].submissionId,
          surveyVersion: 1,
          channel: 'kiosk',
          meta: { ward: 'kita', locale: 'ja', kioskId: 'kita-1F-east' }, // as the tablet sent it
          startedAt: records[0].startedAt,
          completedAt: records[0].completedAt,
          data: records[0].data,
        }),
      },
    );
    expect(again).toEqual({ status: 200, body: { id: records[0].id, duplicate: true } });
    await eventually(() => page.getByTestId('queue-indicator').getAttribute('data-waiting'), (waiting) => waiting === '0');

    // The thank-you screen returns to a fresh, empty survey by itself.
    await page.getByTestId('thank-you').waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('.sd-question').first().waitFor();
    expect(await page.locator('.sd-question input:checked').count()).toBe(0);
    expect(await session.server.records(EXIT)).toHaveLength(1);
  });

  for (const [size, viewport] of [['1024x768', TABLET], ['390x844', PHONE]] as const) {
    it(`every control on every kiosk page is a 48 px finger target (${size}); screenshots`, async () => {
      const { page } = await session.open(`/kiosk/${EXIT}?ward=chuo`, { viewport, hasTouch: true });
      await page.locator('.sd-question').first().waitFor();
      await session.screenshot(page, `kiosk-${size}`);
      const problems: string[] = [];
      for (let pageNumber = 1; pageNumber <= 10; pageNumber++) {
        problems.push(...(await undersizedTouchTargets(page)).map((problem) => `survey page ${pageNumber}: ${problem}`));
        await answerCurrentPage(page, '窓口の案内がわかりやすかったです。');
        if (pageNumber === 3) await session.screenshot(page, `kiosk-answered-${size}`);
        const next = page.locator('.sd-navigation__next-btn:visible');
        if (!(await next.count())) break;
        const current = await page.locator('.sd-question').first().getAttribute('data-name');
        await next.click();
        await page.waitForFunction((previous) => document.querySelector('.sd-question')?.getAttribute('data-name') !== previous, current);
      }
      await page.locator('.sd-navigation__complete-btn').click();
      await page.getByTestId('thank-you').waitFor();
      problems.push(...(await undersizedTouchTargets(page)).map((problem) => `thank-you: ${problem}`));
      await session.screenshot(page, `kiosk-thank-you-${size}`);
      expect(problems).toEqual([]);
    });
  }

  it('the language switch changes the definition texts and survey-core’s own strings, and the response records the language', async () => {
    const { page } = await session.open(`/kiosk/${EXIT}?ward=minami`);
    const next = page.locator('.sd-navigation__next-btn');
    await next.waitFor();
    expect(await page.locator('.sd-title').first().innerText()).toContain(exitDefinition.title.ja);
    expect(await next.innerText()).toBe('次へ');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => next.innerText()).toBe('Next');
    expect(await page.locator('.sd-title').first().innerText()).toContain(exitDefinition.title.en);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await session.screenshot(page, 'kiosk-english-1024x768');

    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => next.innerText()).toBe('次へ');
    await page.getByRole('button', { name: 'English' }).click();
    await completeSurvey(page, 'The staff were kind.');
    // The survey's own completedHtml, in English (issue 29), not the generic words.
    await page.getByTestId('thank-you').getByText('Thank you for your cooperation.').waitFor();
    const answered = (record: { data: unknown }) => JSON.stringify(record.data).includes('The staff were kind.');
    const records = await eventually(() => session.server.records(EXIT), (found) => found.some(answered));
    expect(records.find(answered)?.meta).toEqual({ locale: 'en' });
  });

  it('after the idle time it asks 「まだ回答中ですか？」; continuing keeps the answers, silence clears them and starts over', async () => {
    const stored = (await session.server.records(EXIT)).length;
    const { page } = await session.open(`/kiosk/${EXIT}?ward=teine&idle=5`);
    const firstChoice = page.locator('.sd-question').first().locator('.sd-selectbase__label').first();
    await firstChoice.waitFor();

    // An untouched kiosk has nothing to clear: it never asks.
    await page.waitForTimeout(6_500);
    expect(await page.getByTestId('idle-prompt').count()).toBe(0);

    await firstChoice.click();
    await page.getByRole('button', { name: 'English' }).click();
    const prompt = page.getByTestId('idle-prompt');
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.locator('h2').innerText()).toBe('Are you still answering?');
    await session.screenshot(page, 'kiosk-idle-prompt-1024x768');
    await prompt.getByRole('button', { name: 'Continue answering' }).click();
    await prompt.waitFor({ state: 'detached' });
    expect(await page.locator('.sd-question input:checked').count()).toBe(1);

    // Silence: asked again, then the countdown (5 s for idle=5) clears everything.
    await prompt.waitFor({ timeout: 10_000 });
    await prompt.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.sd-question').first().waitFor();
    expect(await page.locator('.sd-question input:checked').count()).toBe(0);
    expect(await page.locator('.sd-navigation__next-btn').innerText()).toBe('次へ');
    expect(await page.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('true');
    expect(await session.server.records(EXIT)).toHaveLength(stored);
  });

  it('the Japanese prompt says 「まだ回答中ですか？」 with a countdown', async () => {
    const { page } = await session.open(`/kiosk/${EXIT}?ward=nishi&idle=5`);
    await page.locator('.sd-selectbase__label').first().click();
    const prompt = page.getByTestId('idle-prompt');
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.locator('h2').innerText()).toBe('まだ回答中ですか？');
    expect(await prompt.innerText()).toMatch(/あと\d秒で回答を消去して最初からやり直します/);
  });

  it('offers no way off the survey: back stays, no links, no context menu', async () => {
    const { page } = await session.open(`/kiosk/${EXIT}?ward=higashi`);
    await page.locator('.sd-question').first().waitFor();
    const url = page.url();
    await page.goBack().catch(() => undefined);
    await page.goBack().catch(() => undefined);
    expect(page.url()).toBe(url);
    expect(await page.locator('.sd-question').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href]').count()).toBe(0);
    const contextMenuBlocked = await page.evaluate(() => {
      const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('.sd-question')?.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(contextMenuBlocked).toBe(true);
  });

  it('a missing or unknown ward shows the staff set-up error with the ten ward URLs, never a survey', async () => {
    for (const query of ['', '?ward=sapporo', '?ward=CHUO', '?ward=kita&idle=abc']) {
      const { page } = await session.open(`/kiosk/${EXIT}${query}`);
      const error = page.getByTestId('kiosk-setup-error');
      await error.waitFor();
      expect(await page.locator('.sd-question').count()).toBe(0);
      const links = await error.locator('.ward-links a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
      // A bad setting is not carried into the offered URLs.
      expect(links).toEqual(WARD_CODES.map((code) => `/kiosk/${EXIT}?ward=${code}`));
      if (query === '?ward=sapporo') {
        expect(await error.innerText()).toContain('"sapporo" is not one of the ten ward codes');
        await session.screenshot(page, 'kiosk-setup-error-1024x768');
      }
    }
    const { page } = await session.open('/kiosk/no-such-survey?ward=chuo');
    await page.getByTestId('kiosk-setup-error').getByText('there is no survey "no-such-survey"').waitFor();
  });
});
