/**
 * The online form (/s/<surveyId>) on a phone and a PC, in real Chromium against
 * the real server: it resumes after a reload, completes once, says when the
 * device is offline, and its response arrives through the same queue.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { answerCurrentPage, completeSurvey, firstChoiceAnswers, goToNextPage, readShippedDefinition } from './support/answer-survey.ts';
import { PHONE, TABLET } from './support/chromium.ts';
import { eventually, useE2eSession } from './support/e2e-session.ts';
import { makeInvitationCodes, startWithCode } from './support/invitation-codes.ts';

const session = useE2eSession();
const CITIZEN = 'citizen-needs';
const STAFF = 'staff-workstyle';

/** Everything this origin keeps in the browser: localStorage, sessionStorage and every IndexedDB record, as text. */
function browserLeftovers(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump: unknown[] = [{ ...localStorage }, { ...sessionStorage }];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      for (const store of db.objectStoreNames) {
        const records = await new Promise<unknown[]>((done, fail) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => done(request.result);
          request.onerror = () => fail(request.error);
        });
        dump.push({ [`${name}/${store}`]: records });
      }
      db.close();
    }
    return JSON.stringify(dump);
  });
}

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
    const [code] = await makeInvitationCodes(session.server.authStore, STAFF, 1);
    const { context, page } = await session.open('/s/staff-workstyle', { viewport: TABLET });
    await startWithCode(page, code);
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

  it('the anonymous staff survey on a shared PC: after a submission nothing is left in the browser, and the next colleague starts fresh, neither resumed nor locked', async () => {
    const [first, second] = await makeInvitationCodes(session.server.authStore, STAFF, 2);
    const { page } = await session.open('/s/staff-workstyle', { viewport: TABLET });
    await startWithCode(page, first);
    await completeSurvey(page, '共用端末からの回答');
    await page.getByTestId('thank-you').waitFor();
    await eventually(
      () => session.server.records('staff-workstyle'),
      (found) => found.some((record) => record.data.comment === '共用端末からの回答'),
    );
    await page.getByTestId('delivery-status').getByText('回答は送信されました。').waitFor();
    const leftovers = await browserLeftovers(page);
    expect(leftovers, 'nothing of the last person is left in the browser').not.toMatch(/共用端末からの回答|yearsOfService|survey-progress|survey-completed/);

    await page.reload();
    await startWithCode(page, second);
    await page.locator('[data-name=yearsOfService]').waitFor();
    expect(await page.getByTestId('already-answered').count()).toBe(0);
    expect(await page.getByTestId('resumed-notice').count()).toBe(0);
    expect(await page.locator('.sd-question input:checked').count()).toBe(0);
  });

  it('two colleagues one after the other in one browser profile: B lands on page 1 with none of A\'s answers', async () => {
    const [codeA, codeB] = await makeInvitationCodes(session.server.authStore, STAFF, 2);
    // Person A answers page 1 and part of page 2, then closes the page.
    const { context, page: a } = await session.open(`/s/${STAFF}`, { viewport: TABLET });
    await startWithCode(a, codeA);
    await answerCurrentPage(a, '');
    expect(await a.locator('.sd-question input:checked').count()).toBeGreaterThan(0);
    await goToNextPage(a);
    await a.locator('[data-name=teleworkUse] .sd-selectbase__label').first().click();
    await a.waitForTimeout(300);
    await a.close();

    // Person B opens the same address in the same browser profile.
    const b = await context.newPage();
    await b.goto(new URL(`/s/${STAFF}`, session.server.origin).href);
    await startWithCode(b, codeB);
    await b.locator('[data-name=yearsOfService]').waitFor();
    expect(await b.getByTestId('resumed-notice').count(), '「前回の回答の続きから再開しています」').toBe(0);
    expect(await b.getByText('前回の回答の続きから再開しています').count()).toBe(0);
    expect(await b.locator('.sd-question input:checked').count(), 'answers filled in').toBe(0);
    expect(await b.locator('[data-name=teleworkUse]').count(), 'on page 2').toBe(0);
    // Nor can B find A's answers in the browser's storage.
    expect(await browserLeftovers(b)).not.toMatch(/yearsOfService|teleworkUse|survey-progress/);
  });

  it('answers an earlier version of the app left in the clear are removed when the staff survey opens', async () => {
    const { page } = await session.open(`/s/${STAFF}`, { viewport: TABLET });
    await page.getByTestId('invitation-gate').waitFor();
    await page.evaluate(() => {
      const left = JSON.stringify({ data: { yearsOfService: 'veteran', ageBand: '50s' }, currentPageNo: 1, startedAt: new Date().toISOString(), locale: 'ja' });
      localStorage.setItem('survey-progress:staff-workstyle:v1', left);
      localStorage.setItem('survey-completed:staff-workstyle:v1', new Date().toISOString());
      sessionStorage.setItem('survey-progress:staff-workstyle:v1', left);
      localStorage.setItem('survey-progress:citizen-needs:v1', left);
    });
    await page.reload();
    await page.getByTestId('invitation-gate').waitFor();
    const keys = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((key) => key.startsWith('survey-')));
    expect(keys, 'only the citizen survey, whose answers may resume on the device, keeps its entry').toEqual(['survey-progress:citizen-needs:v1']);
  });

  it('the staff survey starts at the invitation code, then page 1 in Japanese or English: screenshots at 800×1280 and 390×844', async () => {
    const [code] = await makeInvitationCodes(session.server.authStore, STAFF, 1);
    for (const viewport of [{ width: 800, height: 1280 }, PHONE]) {
      const phone = viewport.width < 600;
      const { page } = await session.open(`/s/${STAFF}`, { viewport, isMobile: phone, hasTouch: phone });
      await page.getByTestId('invitation-gate').waitFor();
      await page.screenshot({ path: join(tmpdir(), `staff-start-gate-${viewport.width}x${viewport.height}.png`) });
      await startWithCode(page, code);
      await page.screenshot({ path: join(tmpdir(), `staff-start-ja-${viewport.width}x${viewport.height}.png`) });
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('[data-name=yearsOfService]').getByText('How many years in total', { exact: false }).first().waitFor();
      await page.screenshot({ path: join(tmpdir(), `staff-start-en-${viewport.width}x${viewport.height}.png`) });
    }
  });
});
