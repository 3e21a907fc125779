/**
 * What every browser test file shares: the client built once, the real server,
 * one Chromium, and fresh contexts per test whose traffic is checked after each
 * test: no request leaves the server's origin, no CSP violation, no page error.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildClientOnce } from './build-client-once.ts';
import { foreignRequests, launchChromium, recordTraffic, TABLET, type RecordedTraffic } from './chromium.ts';
import { startCollectionServer, type CollectionServer } from './collection-server.ts';

export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../test-artifacts');

export interface E2eSession {
  readonly server: CollectionServer;
  readonly browser: Browser;
  /** A fresh browser context (own storage, own service worker) and page. */
  open(path: string, options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; traffic: RecordedTraffic }>;
  /** Checks a context's traffic now (for contexts a test closes itself). */
  checkTraffic(traffic: RecordedTraffic): void;
  screenshot(page: Page, name: string): Promise<void>;
}

/** `definitionsDir` makes the folder of survey definitions to serve (default: the shipped ones). */
export function useE2eSession(options: { definitionsDir?: () => Promise<string> } = {}): E2eSession {
  let server: CollectionServer | undefined;
  let browser: Browser | undefined;
  let opened: Array<{ context: BrowserContext; traffic: RecordedTraffic }> = [];

  beforeAll(async () => {
    const clientDir = await buildClientOnce();
    server = await startCollectionServer(clientDir, await options.definitionsDir?.());
    browser = await launchChromium();
  });

  afterEach(async () => {
    const current = opened;
    opened = [];
    for (const { context } of current) await context.close().catch(() => undefined);
    for (const { traffic } of current) session.checkTraffic(traffic);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const session: E2eSession = {
    get server() {
      if (!server) throw new Error('the collection server is not started (used outside a test?)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched (used outside a test?)');
      return browser;
    },
    async open(path, options = {}) {
      const context = await session.browser.newContext({ viewport: TABLET, locale: 'ja-JP', ...options });
      const traffic = recordTraffic(context);
      opened.push({ context, traffic });
      const page = await context.newPage();
      await page.goto(new URL(path, session.server.origin).href);
      return { context, page, traffic };
    },
    checkTraffic(traffic) {
      expect(foreignRequests(traffic, session.server.origin), 'requests that left the server origin').toEqual([]);
      expect(traffic.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      expect(traffic.pageErrors, 'uncaught errors in the page').toEqual([]);
    },
    async screenshot(page, name) {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
    },
  };
  return session;
}

/** Polls until `read` returns a value `done` accepts, or fails after `timeoutMs` with the last value. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`still not there after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    value = await read();
  }
  return value;
}

/** Every clickable thing on the page smaller than 48×48 CSS px (hidden native inputs are measured by their label). */
export function undersizedTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=radio], [role=checkbox], [tabindex]:not([tabindex="-1"])',
    );
    for (const control of controls) {
      const style = getComputedStyle(control);
      const box = control.getBoundingClientRect();
      const visuallyHidden = box.width <= 2 || box.height <= 2 || style.opacity === '0';
      const target = visuallyHidden ? (control.closest('label') ?? control) : control;
      const rect = target.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue; // not rendered (display: none)
      if (rect.width < 48 || rect.height < 48) {
        const text = (target.textContent ?? '').trim().slice(0, 30) || (control as HTMLInputElement).value || control.getAttribute('aria-label') || '';
        problems.push(`${target.tagName.toLowerCase()}.${String(target.className).split(' ')[0]} "${text}" is ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    return problems;
  });
}
