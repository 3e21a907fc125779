/**
 * Security headers from helmet (server/app.ts): a CSP that lets the client run
 * (its own scripts and styles; survey-core and React set inline style
 * attributes) and refuses injected inline script, on pages and on the API.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecureApp, type SecureApp } from './auth/start-secure-app.ts';

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
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-powered-by': null,
    });
  });

  it('marks exports as not cacheable (personal data)', async () => {
    const response = await fetch(`${app.url}/api/surveys/ward-office-exit/responses?format=csv`, { headers: { authorization: `Bearer ${app.tokens.analyst}` } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
