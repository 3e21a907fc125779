/**
 * The opt-in of docs/decisions/0094-no-answers-left-on-a-shared-device.md in
 * real Chromium: a staff survey with `"resume": "invitation"` resumes a
 * closed tab's answers for the person with the same code, and for nobody
 * else on the same browser profile; the browser's storage holds them sealed.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerCurrentPage, completeSurvey, goToNextPage } from './support/answer-survey.ts';
import { TABLET } from './support/chromium.ts';
import { SHIPPED_DEFINITIONS_DIR } from './support/collection-server.ts';
import { eventually, useE2eSession } from './support/e2e-session.ts';
import { makeInvitationCodes, startWithCode } from './support/invitation-codes.ts';

const STAFF = 'staff-workstyle';

async function writeResumingDefinitions(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'e2e-resume-')), 'survey-definitions');
  await cp(SHIPPED_DEFINITIONS_DIR, dir, { recursive: true });
  const file = join(dir, STAFF, 'v1.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...json, invitations: 'required', resume: 'invitation' }, null, 2));
  return dir;
}

const session = useE2eSession({ definitionsDir: writeResumingDefinitions });

const storedKeys = (page: import('playwright-core').Page) =>
  page.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith('survey-')));

// Real Chromium on a shared 2-core machine: a test's wall time varies a lot with the machine's load.
describe('"resume": "invitation"', { timeout: 180_000 }, () => {
  it('A resumes with A\'s own code; B, on the same browser profile with another code, starts empty; nothing readable is stored', async () => {
    const [codeA, codeB] = await makeInvitationCodes(session.server.authStore, STAFF, 2);
    const { context, page: a } = await session.open(`/s/${STAFF}`, { viewport: TABLET });
    await startWithCode(a, codeA);
    await answerCurrentPage(a, '');
    await goToNextPage(a);
    await a.locator('[data-name=teleworkUse] .sd-selectbase__label').first().click();
    const sealed = await eventually(() => storedKeys(a), (entries) => entries.length === 1);
    expect(sealed[0][0]).toMatch(/^survey-sealed:staff-workstyle:v1:[0-9a-f]{32}$/);
    expect(JSON.stringify(sealed)).not.toMatch(/yearsOfService|teleworkUse|ageBand/);
    expect(sealed[0][0]).not.toContain(codeA.replaceAll('-', ''));
    await a.close();

    const b = await context.newPage();
    await b.goto(new URL(`/s/${STAFF}`, session.server.origin).href);
    await startWithCode(b, codeB);
    await b.locator('[data-name=yearsOfService]').waitFor();
    expect(await b.getByTestId('resumed-notice').count()).toBe(0);
    expect(await b.locator('.sd-question input:checked').count()).toBe(0);
    await b.close();

    const again = await context.newPage();
    await again.goto(new URL(`/s/${STAFF}`, session.server.origin).href);
    await startWithCode(again, codeA.toLowerCase());
    await again.getByTestId('resumed-notice').waitFor();
    expect(await again.locator('[data-name=teleworkUse] input:checked').count(), 'back on page 2 with its answer').toBe(1);
    await completeSurvey(again, '続きから回答しました');
    await again.getByTestId('thank-you').waitFor();
    await eventually(() => session.server.records(STAFF), (records) => records.length === 1);
    expect(await storedKeys(again), 'nothing left once the answer is in the queue').toEqual([]);
  });
});
