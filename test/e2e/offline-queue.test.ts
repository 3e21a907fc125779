/**
 * Nothing is lost offline, nothing counts twice: the IndexedDB queue in real
 * Chromium against the real server. Playwright's offline mode cuts the network;
 * the page reloads and the browser restarts in between.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeSurvey } from './support/answer-survey.ts';
import { launchPersistentChromium, recordTraffic, TABLET } from './support/chromium.ts';
import { eventually, useE2eSession } from './support/e2e-session.ts';

const session = useE2eSession();
const EXIT = 'ward-office-exit';

/** The offline app shell is in place: the service worker controls the page. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

function waitingCount(page: Page): Promise<string | null> {
  return page.getByTestId('queue-indicator').getAttribute('data-waiting');
}

/**
 * The records one test's visitors wrote, found by their comment: these tablets are not enrolled, so the
 * server stores neither their kiosk id nor their URL's ward (issue 20, finding 4).
 */
async function recordsWithComment(start: string) {
  return (await session.server.records(EXIT)).filter((record) => String(record.data.comment ?? '').startsWith(start));
}

// Real Chromium on a shared 2-core machine: a test's wall time varies a lot with the machine's load.
describe('offline queue', { timeout: 180_000 }, () => {
  it('three surveys completed offline survive a reload and arrive exactly once when the network returns', async () => {
    const { context, page } = await session.open(`/kiosk/${EXIT}?ward=shiroishi`);
    await page.locator('.sd-question').first().waitFor();
    await waitUntilOfflineReady(page);

    await context.setOffline(true);
    for (let visitor = 1; visitor <= 3; visitor++) {
      await completeSurvey(page, `オフラインの回答 ${visitor}`);
      await page.getByTestId('thank-you').waitFor();
      await page.getByRole('button', { name: '最初の画面に戻る' }).click();
      await page.locator('.sd-question').first().waitFor();
    }
    await eventually(() => waitingCount(page), (waiting) => waiting === '3');
    expect(await recordsWithComment('オフラインの回答')).toEqual([]);

    // Reload while still offline: the service worker serves the page, IndexedDB still holds the three.
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    await eventually(() => waitingCount(page), (waiting) => waiting === '3');
    expect(await recordsWithComment('オフラインの回答')).toEqual([]);

    await context.setOffline(false);
    const arrived = await eventually(() => recordsWithComment('オフラインの回答'), (records) => records.length >= 3);
    await eventually(() => waitingCount(page), (waiting) => waiting === '0');
    await page.waitForTimeout(1_500); // a late duplicate would show up here
    const records = await recordsWithComment('オフラインの回答');
    expect(records).toHaveLength(3);
    expect(new Set(records.map((record) => record.submissionId)).size).toBe(3);
    expect(records.map((record) => record.data.comment).sort()).toEqual(['オフラインの回答 1', 'オフラインの回答 2', 'オフラインの回答 3']);
    expect(arrived.map((record) => record.id).sort()).toEqual(records.map((record) => record.id).sort());
  });

  it('a response completed offline survives closing the browser and is sent when it starts again online', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'e2e-kiosk-profile-'));
    const url = `${session.server.origin}/kiosk/${EXIT}?ward=atsubetsu`;
    try {
      const first = await launchPersistentChromium(profile, { viewport: TABLET });
      const firstTraffic = recordTraffic(first);
      const page = first.pages()[0] ?? (await first.newPage());
      await page.goto(url);
      await page.locator('.sd-question').first().waitFor();
      await waitUntilOfflineReady(page);
      await first.setOffline(true);
      await completeSurvey(page, 'ブラウザを閉じる前の回答');
      await page.getByTestId('thank-you').waitFor();
      await eventually(() => waitingCount(page), (waiting) => waiting === '1');
      await first.close();
      session.checkTraffic(firstTraffic);
      expect(await recordsWithComment('ブラウザを閉じる前の回答')).toEqual([]);

      const second = await launchPersistentChromium(profile, { viewport: TABLET });
      const secondTraffic = recordTraffic(second);
      const again = second.pages()[0] ?? (await second.newPage());
      await again.goto(url);
      const records = await eventually(() => recordsWithComment('ブラウザを閉じる前の回答'), (found) => found.length === 1);
      expect(records[0].data.comment).toBe('ブラウザを閉じる前の回答');
      await eventually(() => waitingCount(again), (waiting) => waiting === '0');
      await second.close();
      session.checkTraffic(secondTraffic);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('a response the server refuses moves to the rejected list; staff see why and export it whole', async () => {
    const { page } = await session.open(`/kiosk/${EXIT}?ward=toyohira`, { acceptDownloads: true });
    await page.locator('.sd-question').first().waitFor();
    await eventually(() => waitingCount(page), (waiting) => waiting === '0');

    // A queued response that the server's strict validation refuses (an answer to a question the survey does not have).
    const refused = {
      submissionId: '6d1f7c9e-3b2a-4c5d-8e7f-9a0b1c2d3e4f',
      surveyVersion: 1,
      channel: 'kiosk',
      meta: { ward: 'toyohira', locale: 'ja' },
      startedAt: '2025-06-01T09:00:00.000Z',
      completedAt: '2025-06-01T09:02:00.000Z',
      data: { notAQuestion: 'x' },
    };
    await page.evaluate(async (submission) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('survey-submission-queue');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('waiting', 'readwrite');
        tx.objectStore('waiting').put({ surveyId: 'ward-office-exit', submission, attempts: 0, nextAttemptAt: 0, queuedAt: '2025-06-01T09:02:00.000Z' });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, refused);
    await page.reload(); // the sender starts with what the queue holds
    await eventually(() => page.getByTestId('queue-indicator').getAttribute('data-rejected'), (rejected) => rejected === '1');
    expect(await waitingCount(page)).toBe('0');
    expect(await session.server.store.getBySubmissionId(refused.submissionId)).toBeUndefined();

    // On the kiosk the panel opens only after a 2-second hold, not a tap.
    const indicator = page.getByTestId('queue-indicator');
    await indicator.click();
    expect(await page.getByTestId('staff-panel').count()).toBe(0);
    await indicator.hover();
    await page.mouse.down();
    await page.waitForTimeout(2_300);
    await page.mouse.up();
    const panel = page.getByTestId('staff-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('staff-rejected-list').innerText()).toMatch(/HTTP 422: .*notAQuestion/);
    await session.screenshot(page, 'kiosk-staff-panel-1024x768');

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: /JSON/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^survey-queue-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(exported).toMatchObject({ format: 'survey-client-queue-export', formatVersion: 1, waiting: [] });
    expect(exported.rejected).toHaveLength(1);
    expect(exported.rejected[0]).toMatchObject({
      surveyId: EXIT,
      submission: refused,
      status: 422,
      serverAnswer: { error: { code: 'invalid_response' } },
    });
  });

  it('a response whose acknowledgement was lost is sent again and answered as a duplicate: one record, queue empty', async () => {
    const { page } = await session.open(`/kiosk/${EXIT}?ward=kiyota`);
    await page.locator('.sd-question').first().waitFor();
    await completeSurvey(page, '一度だけ数えてください');
    const [stored] = await eventually(() => recordsWithComment('一度だけ数えてください'), (records) => records.length === 1);
    await eventually(() => waitingCount(page), (waiting) => waiting === '0');

    // As if the 201 never reached the tablet: the same submission is still in its queue.
    const { id, receivedAt, surveyId, ...rest } = stored;
    void id;
    void receivedAt;
    await page.evaluate(
      async ({ surveyId: survey, submission }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('survey-submission-queue');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('waiting', 'readwrite');
          tx.objectStore('waiting').put({ surveyId: survey, submission, attempts: 1, nextAttemptAt: 0, queuedAt: submission.completedAt });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      // What the tablet sent: its URL's ward too, which the server did not store for an unenrolled tablet.
      { surveyId, submission: { ...rest, meta: { ...rest.meta, ward: 'kiyota' } } },
    );
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    await eventually(() => waitingCount(page), (waiting) => waiting === '0');
    expect(await page.getByTestId('queue-indicator').getAttribute('data-rejected')).toBe('0');
    expect(await recordsWithComment('一度だけ数えてください')).toHaveLength(1);
  });
});
