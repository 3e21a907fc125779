/**
 * Signature and file questions as a resident meets them, and their counts as an analyst does (issue 22), in real
 * Chromium: the kiosk page on a portrait tablet (800×1280) and a phone (390×844) with touch, in ja and en, with a
 * photo attached and a signature drawn, and the dashboard's 「設問別」 counts at 1280×800 and 390×844. Every control
 * of the two questions is a 48×48 touch target with its name (the signature's clear button too, which a tap
 * clears), the file prompt asks to press, not to drag or click, and the counts are the responses'. Screenshots in test-artifacts/attachments/.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/create-user.ts';
import { dataUrl, makeJpeg, makePng } from '../fixtures/attachment-bytes.ts';
import { onlineSubmission } from '../fixtures/online-submission.ts';
import { ARTIFACTS_DIR, useE2eSession } from './support/e2e-session.ts';

const SURVEY = 'road-damage-photo';
const definition = {
  title: { ja: '道路損傷の通報', en: 'Road damage report' },
  audience: 'visitor',
  locale: 'ja',
  pages: [
    {
      name: 'report',
      elements: [
        { type: 'file', name: 'photo', title: { ja: '損傷の写真', en: 'Photo of the damage' }, acceptedTypes: 'image/png,image/jpeg', maxSize: 150000, allowMultiple: true, maxFiles: 3 },
        { type: 'signaturepad', name: 'consent', title: { ja: '同意の署名', en: 'Signature of consent' }, isRequired: true },
      ],
    },
  ],
};
const ANALYST = { name: 'analyst-attachments', password: 'a long enough e2e passphrase' };
const SHOTS = join(ARTIFACTS_DIR, 'attachments');

const session = useE2eSession({
  definitionsDir: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'e2e-attachment-screens-'));
    await writeFile(join(dir, `${SURVEY}.json`), JSON.stringify(definition));
    return dir;
  },
});

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
}, 60_000);

/** Every control inside the two questions smaller than 48×48 CSS px, named. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const question of document.querySelectorAll('[data-name=photo], [data-name=consent]')) {
      for (const control of question.querySelectorAll<HTMLElement>('button, a[href], input:not([type=hidden]), label[for], [role=button], [tabindex]:not([tabindex="-1"])')) {
        const style = getComputedStyle(control);
        const box = control.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        // A visually hidden file input is reached through its label or button, measured on its own.
        if (box.width <= 2 || box.height <= 2 || style.opacity === '0') continue;
        if (box.width < 48 || box.height < 48) {
          const text = (control.textContent ?? '').trim().slice(0, 30) || control.getAttribute('title') || control.getAttribute('aria-label') || '';
          problems.push(`${control.tagName.toLowerCase()}.${String(control.className).split(' ')[0]} "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
      }
    }
    return problems;
  });
}

async function drawSignature(context: BrowserContext, page: Page): Promise<void> {
  const canvas = page.locator('[data-name=consent] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const cdp = await context.newCDPSession(page);
  const point = (t: number) => ({ x: box.x + box.width * (0.15 + 0.7 * t), y: box.y + box.height * (0.5 + 0.3 * Math.sin(t * 6)) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
  for (let step = 1; step <= 20; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(step / 20)] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const SCREENS = [
  ['tablet', { width: 800, height: 1280 }],
  ['phone', { width: 390, height: 844 }],
] as const;

describe('signature and file questions on a touch screen', { timeout: 240_000 }, () => {
  for (const path of ['kiosk', 'online'] as const) {
    for (const [device, viewport] of SCREENS) {
      for (const language of ['ja', 'en'] as const) {
        it(`${path}, ${device} ${viewport.width}×${viewport.height}, ${language}`, async () => {
          const url = path === 'kiosk' ? `/kiosk/${SURVEY}?ward=kita` : `/s/${SURVEY}`;
          const { context, page } = await session.open(url, { viewport, hasTouch: true, isMobile: device === 'phone', locale: language === 'ja' ? 'ja-JP' : 'en-US' });
          if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
          await page.locator('[data-name=consent]').getByText(language === 'ja' ? '同意の署名' : 'Signature of consent').waitFor();
          const name = `${path}-${device}-${viewport.width}x${viewport.height}-${language}`;
          await page.screenshot({ path: join(SHOTS, `${name}-empty.png`), fullPage: true });
          // A tablet is tapped: no "drag and drop" or "click" in the file question's prompt.
          expect(await page.locator('[data-name=photo] .sd-file__drag-area-placeholder').innerText()).toBe(language === 'ja' ? '下の「ファイルを選択」を押して、写真やファイルを選んでください。' : 'Press “Select File” below to choose a photo or a file.');
          const chooser = page.waitForEvent('filechooser');
          await page.locator('[data-name=photo] .sd-file__choose-btn').first().tap();
          await (await chooser).setFiles([
            { name: 'pothole.png', mimeType: 'image/png', buffer: makePng(120, 80) },
            { name: 'crack.jpg', mimeType: 'image/jpeg', buffer: makeJpeg(64, 48) },
          ]);
          await page.locator('[data-name=photo]').getByText('pothole.png').first().waitFor();
          await drawSignature(context, page);
          await page.waitForTimeout(300);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: join(SHOTS, `${name}-filled.png`), fullPage: true });
          expect(await smallTargets(page), name).toEqual([]);
          // The signature's clear button says its name in the visitor's language, and clears the pad.
          const clear = page.locator('[data-name=consent] .sd-signaturepad__controls .sd-action');
          expect((await clear.innerText()).trim()).toBe(language === 'ja' ? '消す' : 'Clear');
          await expect.poll(() => page.locator('[data-name=photo] .sd-file__actions-container').innerText()).toMatch(language === 'ja' ? /ファイルを選択[\s\S]*消す/ : /Select File[\s\S]*Clear/);
          const ink = () =>
            page.locator('[data-name=consent] canvas').evaluate((canvas: HTMLCanvasElement) => {
              const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
              let drawn = 0;
              for (let k = 3; k < data.length; k += 4) if (data[k] > 0 && (data[k - 3] < 128 || data[k - 1] > 128)) drawn++;
              return drawn;
            });
          expect(await ink()).toBeGreaterThan(0);
          // By a finger's tap, which gave no click on this button (client/survey/attachment-controls.ts).
          await clear.tap();
          await expect.poll(ink).toBe(0);
          await page.screenshot({ path: join(SHOTS, `${name}-cleared.png`), fullPage: true });
        });
      }
    }
  }
});

describe('the dashboard counts', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    await createUser(session.server.authStore, { name: ANALYST.name, role: 'analyst', password: ANALYST.password });
    const signature = dataUrl('image/png', makePng(300, 200));
    const photo = { name: 'pothole.jpg', type: 'image/jpeg', content: dataUrl('image/jpeg', makeJpeg(64, 48)) };
    for (let k = 0; k < 12; k++) {
      const data = { consent: signature, ...(k % 3 === 0 ? {} : { photo: k % 2 === 0 ? [photo, photo] : [photo] }) };
      const response = await fetch(`${session.server.origin}/api/surveys/${SURVEY}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(onlineSubmission(data)) });
      expect(response.status, await response.text()).toBe(201);
    }
  }, 60_000);

  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    for (const locale of ['ja', 'en'] as const) {
      it(`${viewport.width}×${viewport.height}, ${locale}`, async () => {
        const { context, page } = await session.open(`/login?next=${encodeURIComponent(`/dashboard/${SURVEY}`)}`, { viewport });
        await context.addInitScript((chosen) => localStorage.setItem('analyst-locale', chosen), locale);
        await page.evaluate((chosen) => localStorage.setItem('analyst-locale', chosen), locale);
        await page.reload();
        await page.locator('#login-name').fill(ANALYST.name);
        await page.locator('#login-password').fill(ANALYST.password);
        await page.locator('button[type="submit"]').click();
        await page.waitForURL((url) => url.pathname === `/dashboard/${SURVEY}`);
        await page.getByTestId('view-questions').click();
        await page.locator('#question-picker').selectOption('photo');
        const table = page.getByTestId('attachment-counts-table');
        await table.waitFor();
        const cells = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.trim())));
        // 12 responses: 8 attached photos (4 of them two), 4 none.
        expect(cells).toEqual(
          locale === 'ja'
            ? [['ファイルを添付した回答者', '8人', '66.7%'], ['添付のない回答者', '4人', '33.3%'], ['ファイル数', '12件（1人あたり 1.5件）', '—']]
            : [['Respondents who attached files', '8', '66.7%'], ['Respondents without a file', '4', '33.3%'], ['Files', '12 (1.5 per respondent)', '—']],
        );
        await page.screenshot({ path: join(SHOTS, `dashboard-photo-${viewport.width}x${viewport.height}-${locale}.png`), fullPage: true });
        await page.locator('#question-picker').selectOption('consent');
        await page.getByTestId('attachment-counts-table').getByText(locale === 'ja' ? '署名した回答者' : 'Respondents who signed').waitFor();
        await page.screenshot({ path: join(SHOTS, `dashboard-consent-${viewport.width}x${viewport.height}-${locale}.png`), fullPage: true });
      });
    }
  }
});
