import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../../server/auth/session-cookie.ts';
import { ADMIN, ANALYST, startSecureApp, type SecureApp } from './start-secure-app.ts';

let app: SecureApp;
beforeAll(async () => {
  app = await startSecureApp();
});
afterAll(async () => {
  await app?.close();
});

function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(app.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
/** The user a cookie stands for, by GET /api/auth/me (public: `{user: null}` without a session). */
async function whoAmI(cookie?: string): Promise<{ name: string; role: string; via: string } | null> {
  const response = await fetch(`${app.url}/api/auth/me`, { headers: cookie ? { cookie } : {} });
  expect(response.status).toBe(200);
  return ((await response.json()) as { user: { name: string; role: string; via: string } | null }).user;
}

describe('POST /api/auth/login', () => {
  it('sets an httpOnly, SameSite=Strict session cookie for the whole site, not Secure over plain HTTP', async () => {
    const before = Date.now();
    const response = await postJson('/api/auth/login', ANALYST);
    const after = Date.now();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { name: ANALYST.name, role: 'analyst', via: 'session' } });
    const cookie = response.headers.get('set-cookie')!;
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}$`));
    const expires = attributes.find((attribute) => attribute.startsWith('Expires='));
    expect(attributes.filter((attribute) => attribute !== expires).sort()).toEqual(['HttpOnly', `Max-Age=${SESSION_TTL_MS / 1000}`, 'Path=/', 'SameSite=Strict']);
    // Set while the request ran, however long that took on a loaded machine (Expires has whole seconds).
    const expiresAt = Date.parse(expires!.slice('Expires='.length));
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor((before + SESSION_TTL_MS) / 1000) * 1000);
    expect(expiresAt).toBeLessThanOrEqual(after + SESSION_TTL_MS);
  });

  it('answers the same 401 for a wrong password and an unknown name', async () => {
    const wrongPassword = await postJson('/api/auth/login', { name: ANALYST.name, password: 'not the password' });
    const unknownName = await postJson('/api/auth/login', { name: 'nobody', password: 'not the password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownName.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownName.json());
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a form post (CSRF: only JSON may change state) and a malformed body', async () => {
    const form = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=${ANALYST.name}&password=${encodeURIComponent(ANALYST.password)}`,
    });
    expect(form.status).toBe(415);
    expect((await postJson('/api/auth/login', { name: ANALYST.name })).status).toBe(400);
  });

  it('stores only a hash of the session id', async () => {
    const cookie = await app.login(ANALYST);
    const secret = cookie.split('=')[1];
    const db = new Database(join(app.dir, 'auth.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT id_hash FROM sessions').all() as Array<{ id_hash: string }>;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((row) => row.id_hash.includes(secret))).toBe(false);
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.id_hash))).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe('GET /api/auth/me', () => {
  it('answers user null without a valid session and names the user with one', async () => {
    expect(await whoAmI()).toBeNull();
    expect(await whoAmI(`${SESSION_COOKIE}=forged-or-stale`)).toBeNull();
    const cookie = await app.login(ADMIN);
    expect(await whoAmI(cookie)).toEqual({ name: ADMIN.name, role: 'admin', via: 'session' });
  });

  it('ends a session after 8 hours', async () => {
    const cookie = await app.login(ANALYST);
    const start = app.clock.ms;
    try {
      app.clock.ms = start + SESSION_TTL_MS - 1_000;
      expect(await whoAmI(cookie)).not.toBeNull();
      app.clock.ms = start + SESSION_TTL_MS;
      expect(await whoAmI(cookie)).toBeNull();
    } finally {
      app.clock.ms = start;
    }
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session in the store and clears the cookie', async () => {
    const cookie = await app.login(ANALYST);
    const response = await postJson('/api/auth/logout', {}, { cookie });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$`));
    expect(await whoAmI(cookie)).toBeNull(); // the old cookie is worthless even if kept
  });

  it('gives a new session id on every login', async () => {
    const first = await app.login(ANALYST);
    const second = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first },
      body: JSON.stringify(ANALYST),
    });
    const secondCookie = second.headers.get('set-cookie')!.split(';')[0];
    expect(secondCookie).not.toBe(first);
    expect(await whoAmI(first)).toBeNull();
    expect(await whoAmI(secondCookie)).not.toBeNull();
  });
});

describe('disabled accounts', () => {
  it('cannot log in, and their open sessions stop working', async () => {
    await app.authStore.createUser({ name: 'leaving', role: 'analyst', passwordHash: (await app.authStore.findUserByName(ANALYST.name))!.passwordHash });
    const cookie = await app.login({ name: 'leaving', password: ANALYST.password });
    expect(await whoAmI(cookie)).not.toBeNull();
    await app.authStore.disableUser('leaving', new Date());
    expect(await whoAmI(cookie)).toBeNull();
    expect((await postJson('/api/auth/login', { name: 'leaving', password: ANALYST.password })).status).toBe(401);
  });
});

describe('Secure cookie behind HTTPS', () => {
  it('is Secure when a trusted proxy says the request came over HTTPS, and not when an untrusted client claims it', async () => {
    const proxied = await startSecureApp({ trustProxy: ['loopback'] });
    const direct = await startSecureApp();
    try {
      for (const [target, secure] of [[proxied, true], [direct, false]] as const) {
        const response = await fetch(`${target.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
          body: JSON.stringify(ANALYST),
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('set-cookie')!.split('; ').includes('Secure')).toBe(secure);
      }
    } finally {
      await proxied.close();
      await direct.close();
    }
  });
});
