/**
 * Issue 30, "a timeline with years", in real Chromium against the real server and
 * SQLite store: a survey answered from December 2025 into January 2026 is drawn by
 * day with the year on its axis labels, and one answered over 200 days from autumn
 * 2024 is drawn by week, also with years; in Japanese and in English, at 1280×800
 * and 390×844. Screenshots go to test-artifacts/dashboard-timeline-years/.
 *
 * The labels are read from what Chart.js actually drew on the timeline's canvas
 * (fillText, recorded since the canvas was last cleared), not from the data we gave
 * it, so a label cut or skipped by the axis does not count.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DailyCounts } from '../../contracts/timeline.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { ARTIFACTS_DIR, eventually, useE2eSession } from './support/e2e-session.ts';
import { logInAt } from './support/log-in.ts';
import { seedResponses } from './support/seed-responses.ts';

const session = useE2eSession();

const EXIT = 'ward-office-exit';
const STAFF = 'staff-workstyle';
const ANALYST = { name: 'analyst-timeline', password: 'a long enough e2e passphrase' };
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const SHOTS = join(ARTIFACTS_DIR, 'dashboard-timeline-years');

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  await createUser(session.server.authStore, { name: ANALYST.name, role: 'analyst', password: ANALYST.password });
  const definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS_DIR);
  // Five weeks across the new year: by day (≤ 92 days).
  await seedResponses(session.server.responsesFile, definitions.get(EXIT)!, { count: 400, seed: 41, startDate: '2025-12-15', days: 35, onlineEvery: 4 });
  // 200 days from November 2024: by week (93 days to two years).
  await seedResponses(session.server.responsesFile, definitions.get(STAFF)!, { count: 400, seed: 42, startDate: '2024-11-01', days: 200 });
}, 300_000);

/** Records the texts drawn on each canvas since it was last cleared whole: the chart's last frame. */
function recordCanvasText() {
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  const clearRect = proto.clearRect;
  type Recorded = HTMLCanvasElement & { __drawnText?: string[] };
  proto.fillText = function (text: string, ...rest: [number, number, number?]) {
    const canvas = this.canvas as Recorded;
    (canvas.__drawnText ??= []).push(String(text));
    return fillText.call(this, text, ...rest);
  };
  proto.clearRect = function (x: number, y: number, w: number, h: number) {
    if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height) (this.canvas as Recorded).__drawnText = [];
    return clearRect.call(this, x, y, w, h);
  };
}

async function openTimeline(surveyId: string, size: { width: number; height: number }, locale: 'ja' | 'en'): Promise<{ page: Page; timeline: DailyCounts }> {
  let timelineResponse: Promise<Response> | undefined;
  const { page } = await logInAt(session, {
    path: `/dashboard/${surveyId}`,
    user: ANALYST,
    viewport: size,
    locale,
    onOpen: async (page, context) => {
      await context.addInitScript(recordCanvasText);
      timelineResponse = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/surveys/${surveyId}/timeline` && response.ok());
    },
  });
  const timeline = (await (await timelineResponse!).json()) as DailyCounts;
  const card = page.getByTestId('timeline-chart');
  await card.locator('canvas').waitFor();
  await card.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
  return { page, timeline };
}

/** No label with its year is cut at the canvas's edge (the dashboard's label-fit plugin counts them on each draw). */
async function clippedLabels(page: Page): Promise<string | null> {
  const canvas = page.getByTestId('timeline-chart').locator('canvas');
  await page.waitForFunction((element) => element?.hasAttribute('data-clipped-labels'), await canvas.elementHandle());
  return canvas.evaluate((element) => (element.getAttribute('data-clipped-labels') === '0' ? '0' : element.getAttribute('data-clipped-label-texts')));
}

/** The texts on the timeline's canvas, once two reads a moment apart agree (the animation has ended). */
async function drawnText(page: Page): Promise<string[]> {
  const read = () =>
    page.getByTestId('timeline-chart').locator('canvas').evaluate((canvas) => [...((canvas as HTMLCanvasElement & { __drawnText?: string[] }).__drawnText ?? [])]);
  let previous: string[] = [];
  return eventually(
    async () => {
      await page.waitForTimeout(300);
      const now = await read();
      const settled = now.length > 0 && JSON.stringify(now) === JSON.stringify(previous);
      previous = now;
      return { now, settled };
    },
    (value) => value.settled,
  ).then((value) => value.now);
}

const DAY_JA = /^(\d{4}\/)?\d{1,2}\/\d{1,2}–?$/;
const DAY_EN = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}(, \d{4})?–?$/;

describe('the timeline across a new year', () => {
  for (const locale of ['ja', 'en'] as const) {
    for (const size of SIZES) {
      it(`labels days with their year, ${locale} at ${size.width}×${size.height}`, async () => {
        const { page, timeline } = await openTimeline(EXIT, size, locale);
        // The span is the data's: the first and last days with answers (kiosks open on weekdays only).
        expect(timeline.interval).toBe('day');
        expect(timeline.periods[0] >= '2025-12-15' && timeline.periods[0] <= '2025-12-17').toBe(true);
        expect(timeline.periods.at(-1)! >= '2026-01-14' && timeline.periods.at(-1)! <= '2026-01-18').toBe(true);

        const ticks = (await drawnText(page)).filter((text) => (locale === 'ja' ? DAY_JA : DAY_EN).test(text));
        expect(ticks.length).toBeGreaterThan(1);
        // Across a year, every day on the axis carries its year, both years appear, and the first tick is the first day.
        const withYear = locale === 'ja' ? /^20(25|26)\// : /, 20(25|26)$/;
        expect(ticks.filter((tick) => !withYear.test(tick))).toEqual([]);
        expect(ticks.some((tick) => tick.includes('2025'))).toBe(true);
        expect(ticks.some((tick) => tick.includes('2026'))).toBe(true);
        const [, month, day] = timeline.periods[0].split('-').map(Number);
        expect(ticks[0]).toBe(locale === 'ja' ? `2025/${month}/${day}` : `Dec ${day}, 2025`);
        expect(await clippedLabels(page)).toBe('0');
        await page.screenshot({ path: join(SHOTS, `days-${locale}-${size.width}x${size.height}.png`), fullPage: false });
        await page.getByTestId('timeline-chart').screenshot({ path: join(SHOTS, `days-card-${locale}-${size.width}x${size.height}.png`) });
      });
    }

    it(`switches 200 days to weeks, labelled with their year, ${locale} at 1280×800`, async () => {
      const { page, timeline } = await openTimeline(STAFF, SIZES[0], locale);
      expect(timeline.interval).toBe('week');
      expect(timeline.periods[0].startsWith('2024-1')).toBe(true);
      expect(timeline.periods.at(-1)!.startsWith('2025-0')).toBe(true);
      const ticks = (await drawnText(page)).filter((text) => (locale === 'ja' ? DAY_JA : DAY_EN).test(text));
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.every((tick) => tick.endsWith('–') && (tick.includes('2024') || tick.includes('2025')))).toBe(true);
      expect(ticks.some((tick) => tick.includes('2025'))).toBe(true);
      expect(await clippedLabels(page)).toBe('0');
      await page.getByTestId('timeline-chart').screenshot({ path: join(SHOTS, `weeks-card-${locale}-1280x800.png`) });
    });
  }
});
