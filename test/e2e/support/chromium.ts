/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot
 * run here). Every context records every request its pages and service worker
 * make, and every CSP violation, so tests can prove the pages never leave
 * their own origin and run under the server's Content-Security-Policy.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const TABLET = { width: 1024, height: 768 };
export const PHONE = { width: 390, height: 844 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A launch with a profile folder of our own, so a test can close the browser and start it again on the same storage. */
export function launchPersistentChromium(userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, ...options });
}

export interface RecordedTraffic {
  /** Every URL requested, by pages and service workers, in order. */
  requests: string[];
  /** Console messages reporting a Content-Security-Policy violation. */
  cspViolations: string[];
  /** Uncaught page errors. */
  pageErrors: string[];
}

export function recordTraffic(context: BrowserContext): RecordedTraffic {
  const traffic: RecordedTraffic = { requests: [], cspViolations: [], pageErrors: [] };
  context.on('request', (request) => traffic.requests.push(request.url()));
  const watchPage = (page: import('playwright-core').Page) => {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) traffic.cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => traffic.pageErrors.push(String(error)));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return traffic;
}

/** Requests that went anywhere but `origin` (data: and blob: URLs never leave the browser). */
export function foreignRequests(traffic: RecordedTraffic, origin: string): string[] {
  return traffic.requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
}
