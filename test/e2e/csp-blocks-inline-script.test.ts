/**
 * The server's Content-Security-Policy in a real browser: a script served by the
 * server runs, while a script injected into the page (an inline <script>, an
 * event-handler attribute, a javascript: URL) does not.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSecureApp, type SecureApp } from '../server/auth/start-secure-app.ts';
import { launchChromium, recordTraffic } from './support/chromium.ts';

let app: SecureApp;
let browser: Browser;
let clientDir: string;

beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'csp-client-'));
  await mkdir(join(clientDir, 'assets'));
  await writeFile(join(clientDir, 'assets', 'app.js'), 'window.ownScriptRan = true; document.body.dataset.own = "yes";');
  // What a stored-XSS payload would look like if some page ever rendered a comment as HTML.
  await writeFile(
    join(clientDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>csp</title></head><body>
      <p style="color: rgb(1, 2, 3)" id="styled">inline style attribute</p>
      <script>window.inlineScriptRan = true;</script>
      <img src="/does-not-exist.png" onerror="window.handlerRan = true">
      <a id="js-link" href="javascript:window.linkRan = true">link</a>
      <script src="/assets/app.js"></script>
    </body></html>`,
  );
  app = await startSecureApp({ clientDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await rm(clientDir, { recursive: true, force: true });
});

it('runs the server\'s own script and inline styles, and blocks injected inline script', async () => {
  const context = await browser.newContext();
  const traffic = recordTraffic(context);
  const page = await context.newPage();
  await page.goto(app.url + '/');
  await page.waitForFunction(() => document.body.dataset.own === 'yes');
  await page.click('#js-link');
  await page.waitForTimeout(300);

  const ran = await page.evaluate(() => ({
    own: (window as unknown as Record<string, unknown>).ownScriptRan ?? false,
    inline: (window as unknown as Record<string, unknown>).inlineScriptRan ?? false,
    handler: (window as unknown as Record<string, unknown>).handlerRan ?? false,
    link: (window as unknown as Record<string, unknown>).linkRan ?? false,
    styleColor: getComputedStyle(document.getElementById('styled')!).color,
  }));
  expect(ran).toEqual({ own: true, inline: false, handler: false, link: false, styleColor: 'rgb(1, 2, 3)' });
  expect(traffic.cspViolations.length).toBeGreaterThanOrEqual(3);
  await context.close();
});
