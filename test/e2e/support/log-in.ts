/**
 * How the dashboard tests reach a page: through the login form, as an analyst or admin would, in the analyst
 * language they chose (kept in localStorage under `analyst-locale`, as the page's own language switch keeps it).
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { E2eSession } from './e2e-session.ts';

export interface LogInOptions {
  /** The page asked for; the login form sends the browser there. */
  path: string;
  user: { name: string; password: string };
  viewport: { width: number; height: number };
  locale?: string;
  /** Runs right after the page opens, before anything loads after login: listeners and init scripts go here, so no response is missed. */
  onOpen?: (page: Page, context: BrowserContext) => void | Promise<void>;
}

/** Logs in and waits until the browser is at `path` (pathname). What "loaded" means is each test's own wait. */
export async function logInAt(session: E2eSession, { path, user, viewport, locale, onOpen }: LogInOptions): Promise<{ page: Page; context: BrowserContext }> {
  const { context, page } = await session.open(`/login?next=${encodeURIComponent(path)}`, { viewport });
  await onOpen?.(page, context);
  if (locale !== undefined) {
    await context.addInitScript((chosen) => localStorage.setItem('analyst-locale', chosen), locale);
    await page.evaluate((chosen) => localStorage.setItem('analyst-locale', chosen), locale);
    await page.reload();
  }
  await page.locator('#login-name').fill(user.name);
  await page.locator('#login-password').fill(user.password);
  await page.locator('button[type="submit"]').click();
  const pathname = new URL(path, 'http://localhost').pathname;
  await page.waitForURL((url) => url.pathname === pathname);
  return { page, context };
}

/** How far the page scrolls sideways (> 0: something sticks out of the viewport, which a phone user has to pan to). */
export const sidewaysScroll = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
