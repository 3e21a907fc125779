/**
 * /dashboard pages: anonymous visitors go to /login with the page they asked
 * for; a logged-in analyst gets the client app; /login itself is the app.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYST, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

let app: SecureApp;
let clientDir: string;

beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'guard-client-'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
  app = await startSecureApp({ clientDir });
});

afterAll(async () => {
  await app?.close();
  await rm(clientDir, { recursive: true, force: true });
});

const page = (path: string, cookie?: string) => fetch(`${app.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

describe('the dashboard pages', () => {
  it('redirect an anonymous visitor to /login, keeping the path and the filters', async () => {
    for (const [path, next] of [
      ['/dashboard', '/dashboard'],
      ['/dashboard/ward-office-exit?ward=kita&from=2025-06-01', '/dashboard/ward-office-exit?ward=kita&from=2025-06-01'],
    ]) {
      const response = await page(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(next)}`);
    }
  });

  it('serve the app to a logged-in analyst, and /login to anyone', async () => {
    const cookie = await app.login(ANALYST);
    const dashboard = await page('/dashboard/ward-office-exit', cookie);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('<div id="root"></div>');
    const login = await page('/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<div id="root"></div>');
  });
});
