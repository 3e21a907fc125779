/**
 * A consent signature drawn with a finger and a photo attached (issue 22, item 2), through the real client in
 * real Chromium with touch emulation, on a phone (390×844) and a portrait tablet (800×1280), in ja and en: the
 * signature is drawn by touch events on the pad's canvas, the photo chosen through the file input, and the
 * response is stored with both as data URLs the server checked. Screenshots in
 * test-artifacts/signature-and-attachment-*.png.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePng } from '../fixtures/attachment-bytes.ts';
import { eventually, useE2eSession } from './support/e2e-session.ts';

const SURVEY = 'consent-and-photo';
const definition = {
  title: { ja: '道路損傷の通報', en: 'Road damage report' },
  pages: [
    {
      name: 'report',
      elements: [
        { type: 'file', name: 'photo', title: { ja: '写真', en: 'Photo' }, acceptedTypes: 'image/png,image/jpeg', maxSize: 150000 },
        { type: 'signaturepad', name: 'consent', title: { ja: '同意の署名', en: 'Signature of consent' }, isRequired: true },
      ],
    },
  ],
};

const session = useE2eSession({
  definitionsDir: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'e2e-attachments-'));
    await writeFile(join(dir, `${SURVEY}.json`), JSON.stringify(definition));
    return dir;
  },
});

const SIZES = [
  ['phone', { width: 390, height: 844 }],
  ['tablet', { width: 800, height: 1280 }],
] as const;

describe('a signature drawn by finger and a photo attached', { timeout: 240_000 }, () => {
  for (const [device, viewport] of SIZES) {
    for (const language of ['ja', 'en'] as const) {
      it(`${device}, ${language}`, async () => {
        const before = (await session.server.records(SURVEY)).length;
        const { context, page } = await session.open(`/s/${SURVEY}`, {
          viewport,
          hasTouch: true,
          isMobile: true,
          locale: language === 'ja' ? 'ja-JP' : 'en-US',
        });
        if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
        await page.locator('[data-name=consent]').getByText(language === 'ja' ? '同意の署名' : 'Signature of consent').waitFor();
        // As a respondent does: tap 「ファイルを選択」 / "Select File", pick the photo in the chooser.
        const chooser = page.waitForEvent('filechooser');
        await page.locator('[data-name=photo] .sd-file__choose-btn').first().tap();
        await (await chooser).setFiles({ name: 'pothole.png', mimeType: 'image/png', buffer: makePng(120, 80) });
        await page.locator('[data-name=photo]').getByText('pothole.png').first().waitFor();
        const canvas = page.locator('[data-name=consent] canvas');
        await canvas.scrollIntoViewIfNeeded();
        const box = (await canvas.boundingBox())!;
        // A finger's stroke: touchStart, moves across the pad, touchEnd (Chromium's touch emulation, via CDP).
        const cdp = await context.newCDPSession(page);
        const point = (t: number) => ({ x: box.x + box.width * (0.15 + 0.7 * t), y: box.y + box.height * (0.5 + 0.3 * Math.sin(t * 6)) });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
        for (let step = 1; step <= 20; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(step / 20)] });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await session.screenshot(page, `signature-and-attachment-${device}-${language}`);
        await page.locator('.sd-navigation__complete-btn').click();
        await page.getByTestId('thank-you').waitFor();

        const records = await eventually(() => session.server.records(SURVEY), (found) => found.length === before + 1);
        const data = records.at(-1)!.data as { consent: string; photo: Array<{ name: string; type: string; content: string }> };
        expect(data.consent).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
        expect(data.photo).toEqual([{ name: 'pothole.png', type: 'image/png', content: `data:image/png;base64,${makePng(120, 80).toString('base64')}` }]);
      });
    }
  }
});
