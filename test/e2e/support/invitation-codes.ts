/**
 * Invitation codes and enrolled kiosks for browser tests, made straight in the
 * server's auth store (the admin page that makes them has its own test in
 * enrollment-and-invitations.test.ts).
 */
import type { Page } from 'playwright-core';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { hashShortCode, makeShortCode, normaliseShortCode } from '../../../server/enrollment/short-code.ts';

/** `count` fresh one-time codes of `surveyId`, as printed on an invitation (XXXX-XXXX-XXXX). */
export async function makeInvitationCodes(authStore: AuthStore, surveyId: string, count: number): Promise<string[]> {
  const codes = Array.from({ length: count }, () => makeShortCode());
  await authStore.createInvitations({ surveyId, codeHashes: codes.map((code) => hashShortCode(normaliseShortCode(code)!)) });
  return codes;
}

/** A bearer token of a new admin, for the admin API. */
let tokens = 0;
export async function makeAdminToken(authStore: AuthStore): Promise<string> {
  const { secret } = await createApiToken(authStore, { name: `e2e-admin-${++tokens}`, role: 'admin' });
  return secret;
}

/** Types the code at the invitation gate and waits for the survey's first question. */
export async function startWithCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('invitation-gate').or(page.locator('.sd-question').first()).first().waitFor();
  if (await page.getByTestId('invitation-gate').count()) {
    await page.locator('#invitation-code').fill(code);
    await page.locator('[data-testid=invitation-gate] button[type=submit]').click();
  }
  await page.locator('.sd-question').first().waitFor();
}
