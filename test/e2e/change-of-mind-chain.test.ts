/**
 * The respondent of issue 21, through the real client in real Chromium (ADR 0024): they answer the
 * head of a chain of conditions, the middle and the end, go back and change their mind at the head,
 * and complete. The form clears the answers it no longer shows, to the end of the chain, before it
 * sends: the server stores what the form showed and has nothing to clear itself.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, useE2eSession } from './support/e2e-session.ts';

const SURVEY = 'change-of-mind-chain';
const warnings: string[] = [];
const session = useE2eSession({
  definitionsDir: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'e2e-chain-'));
    await cp(join(import.meta.dirname, '..', 'fixtures', 'surveyjs-corpus', `${SURVEY}.json`), join(dir, `${SURVEY}.json`));
    return dir;
  },
});

beforeAll(() => {
  // The server logs what it clears itself (server/routes/responses.ts); here it must have nothing to clear.
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('a change of mind at the head of a chain of conditions', { timeout: 180_000 }, () => {
  it('is completed and stored as the form shows it', async () => {
    const { page } = await session.open(`/s/${SURVEY}`);
    const choice = (question: string, text: string) => page.locator(`[data-name=${question}] .sd-selectbase__label`, { hasText: text });

    await choice('supported_devices', 'Mobile').click();
    await page.locator('[data-name=native_mobile_support] .sd-rating__item', { hasText: '3' }).click();
    await page.locator('.sd-navigation__next-btn').click();
    await choice('native_framework', 'Ionic').click();
    await page.locator('[data-name=framework_reason] textarea').fill('速い');

    // Back to the head: Desktop instead of Mobile hides the middle question.
    await page.locator('.sd-navigation__prev-btn').click();
    await choice('supported_devices', 'Mobile').click();
    await choice('supported_devices', 'Desktop').click();
    await page.locator('[data-name=native_mobile_support]').waitFor({ state: 'hidden' });
    // survey-core still shows the end of the chain: the middle keeps its value until completion.
    await page.locator('.sd-navigation__next-btn').click();
    await page.locator('[data-name=native_framework]').waitFor();
    await page.locator('.sd-navigation__complete-btn').click();
    await page.getByTestId('thank-you').waitFor();

    const records = await eventually(() => session.server.records(SURVEY), (found) => found.length === 1);
    expect(records[0].data).toEqual({ supported_devices: ['Desktop'] });
    expect(warnings.filter((line) => line.includes('cleared answers'))).toEqual([]);
  });
});
