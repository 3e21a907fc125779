/**
 * Security headers from helmet (server/app.ts): a CSP that lets the client run
 * (its own scripts and styles; survey-core and React set inline style
 * attributes) and refuses injected inline script, on pages and on the API.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYST, startSecureApp, type SecureApp } from './auth/start-secure-app.ts';

let app: SecureApp;
let clientDir: string;
beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'client-build-'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>client</title><script type="module" src="/assets/main.js"></script>');
  app = await startSecureApp({ clientDir });
});
afterAll(async () => {
  await app?.close();
  await rm(clientDir, { recursive: true, force: true });
});

function directives(header: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('Content-Security-Policy', () => {
  for (const path of ['/', '/kiosk/ward-office-exit', '/api/surveys', '/api/users']) {
    it(`on ${path}: same-origin only; scripts without any inline allowance; styles may be inline`, async () => {
      const response = await fetch(app.url + path);
      expect(directives(response.headers.get('content-security-policy'))).toEqual({
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
      });
    });
  }

  it('allows no inline script, eval, nonce or hash, and no other origin anywhere', async () => {
    const header = (await fetch(app.url + '/')).headers.get('content-security-policy')!;
    const scriptSources = directives(header)['script-src'];
    for (const loophole of ["'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", '*', 'http:', 'https:']) expect(scriptSources).not.toContain(loophole);
    expect(scriptSources.some((source) => source.startsWith("'nonce-") || source.startsWith("'sha"))).toBe(false);
    expect(header).not.toMatch(/https?:\/\//);
  });
});

describe('other helmet headers', () => {
  it('sends the hardening headers an analyst page needs', async () => {
    const headers = (await fetch(app.url + '/')).headers;
    expect({
      'x-content-type-options': headers.get('x-content-type-options'),
      'x-frame-options': headers.get('x-frame-options'),
      'referrer-policy': headers.get('referrer-policy'),
      'cross-origin-opener-policy': headers.get('cross-origin-opener-policy'),
      'cross-origin-resource-policy': headers.get('cross-origin-resource-policy'),
      'strict-transport-security': headers.get('strict-transport-security'),
      'x-powered-by': headers.get('x-powered-by'),
    }).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': null, // plain HTTP: see "HSTS" below
      'x-powered-by': null,
    });
  });

  it('marks exports as not cacheable (personal data)', async () => {
    const response = await fetch(`${app.url}/api/surveys/ward-office-exit/responses?format=csv`, { headers: { authorization: `Bearer ${app.tokens.analyst}` } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('account routes are never cached (issue 13)', () => {
  it('GET /api/auth/me answers Cache-Control: no-store, logged in or not', async () => {
    expect((await fetch(`${app.url}/api/auth/me`)).headers.get('cache-control')).toBe('no-store');
    const cookie = await app.login(ANALYST);
    const me = await fetch(`${app.url}/api/auth/me`, { headers: { cookie } });
    expect((await me.json()).user.name).toBe(ANALYST.name);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('GET /api/users, and the login answer, are no-store too', async () => {
    const users = await fetch(`${app.url}/api/users`, { headers: { authorization: `Bearer ${app.tokens.admin}` } });
    expect(users.status).toBe(200);
    expect(users.headers.get('cache-control')).toBe('no-store');
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ANALYST),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
  });
});

describe('HSTS (issue 13)', () => {
  it('is not sent over plain HTTP, where browsers ignore it (RFC 6797 §8.1)', async () => {
    for (const path of ['/', '/api/surveys', '/api/auth/me']) {
      expect((await fetch(app.url + path)).headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('is not sent when an untrusted client claims X-Forwarded-Proto: https', async () => {
    const response = await fetch(`${app.url}/api/surveys`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('is sent behind a trusted proxy that terminated HTTPS, on pages and on the API', async () => {
    const behindProxy = await startSecureApp({ trustProxy: ['loopback'] });
    try {
      for (const path of ['/', '/api/surveys', '/api/auth/me']) {
        const response = await fetch(behindProxy.url + path, { headers: { 'x-forwarded-proto': 'https' } });
        expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      }
      expect((await fetch(`${behindProxy.url}/api/surveys`)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await behindProxy.close();
    }
  });
});
