import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ANALYST, bearer, startSecureApp, type SecureApp } from './start-secure-app.ts';

let app: SecureApp;
let adminCookie: string;
beforeAll(async () => {
  app = await startSecureApp();
  adminCookie = await app.login(ADMIN);
});
afterAll(async () => {
  await app?.close();
});

function asAdmin(path: string, init: RequestInit = {}) {
  return fetch(app.url + path, { ...init, headers: { cookie: adminCookie, 'content-type': 'application/json', ...init.headers } });
}

describe('/api/users (admins only)', () => {
  it('lists accounts without any password hash', async () => {
    const response = await asAdmin('/api/users');
    expect(response.status).toBe(200);
    const users = (await response.json()) as Array<Record<string, unknown>>;
    expect(users.map((u) => [u.name, u.role])).toEqual([
      [ANALYST.name, 'analyst'],
      [ADMIN.name, 'admin'],
    ]);
    expect(Object.keys(users[0]).sort()).toEqual(['createdAt', 'id', 'name', 'role']);
  });

  it('creates an account that can then log in', async () => {
    const created = await asAdmin('/api/users', { method: 'POST', body: JSON.stringify({ name: 'suzuki', role: 'analyst', password: 'a long enough password' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'suzuki', role: 'analyst' });
    await expect(app.login({ name: 'suzuki', password: 'a long enough password' })).resolves.toMatch(/=/);
  });

  it('refuses bad input with 422 or 409 and says why', async () => {
    const attempts = [
      [{ name: 'short', role: 'analyst', password: 'abc' }, 422, 'too short (3 characters)'],
      [{ name: 'x', role: 'superuser', password: 'a long enough password' }, 422, 'role must be one of analyst, admin; got "superuser"'],
      [{ name: 'bad name!', role: 'analyst', password: 'a long enough password' }, 422, 'got "bad name!"'],
      [{ name: ANALYST.name, role: 'analyst', password: 'a long enough password' }, 409, `a user named "${ANALYST.name}" already exists`],
      [{ name: 'x', role: 'analyst', password: 'a long enough password', isAdmin: true }, 422, 'Unknown field "isAdmin"'],
    ] as const;
    for (const [body, status, message] of attempts) {
      const response = await asAdmin('/api/users', { method: 'POST', body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });

  it('disables an account, but not your own', async () => {
    await asAdmin('/api/users', { method: 'POST', body: JSON.stringify({ name: 'temp', role: 'analyst', password: 'a long enough password' }) });
    const disabled = await asAdmin('/api/users/temp/disable', { method: 'POST' });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ name: 'temp', disabledAt: expect.any(String) });
    expect((await asAdmin(`/api/users/${ADMIN.name}/disable`, { method: 'POST' })).status).toBe(409);
    expect((await asAdmin('/api/users/nobody/disable', { method: 'POST' })).status).toBe(404);
  });

  it('is closed to analysts (403) and to anonymous visitors (401)', async () => {
    const analystCookie = await app.login(ANALYST);
    expect((await fetch(`${app.url}/api/users`, { headers: { cookie: analystCookie } })).status).toBe(403);
    expect((await fetch(`${app.url}/api/users`, { headers: bearer(app.tokens.analyst) })).status).toBe(403);
    expect((await fetch(`${app.url}/api/users`)).status).toBe(401);
  });

  it('refuses a state change that is not JSON, even from an admin (CSRF)', async () => {
    const response = await fetch(`${app.url}/api/users`, {
      method: 'POST',
      headers: { cookie: adminCookie, 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'csrf', role: 'admin', password: 'a long enough password' }),
    });
    expect(response.status).toBe(415);
    expect(await app.authStore.findUserByName('csrf')).toBeUndefined();
  });
});
