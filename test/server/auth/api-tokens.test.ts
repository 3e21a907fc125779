import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { bearer, startSecureApp, type SecureApp } from './start-secure-app.ts';

let app: SecureApp;
beforeAll(async () => {
  app = await startSecureApp();
});
afterAll(async () => {
  await app?.close();
});

const exportPath = '/api/surveys/ward-office-exit/responses?format=jsonl';

describe('Authorization: Bearer <token>', () => {
  it('authenticates automation with the token\'s role', async () => {
    const response = await fetch(`${app.url}/api/auth/me`, { headers: bearer(app.tokens.analyst) });
    expect(await response.json()).toEqual({ user: { name: 'analyst-automation', role: 'analyst', via: 'token' } });
    expect((await fetch(app.url + exportPath, { headers: bearer(app.tokens.analyst) })).status).toBe(200);
    expect((await fetch(`${app.url}/api/users`, { headers: bearer(app.tokens.analyst) })).status).toBe(403);
    expect((await fetch(`${app.url}/api/users`, { headers: bearer(app.tokens.admin) })).status).toBe(200);
  });

  it('answers 401 for an unknown token and for a malformed header, even on public routes', async () => {
    for (const authorization of ['Bearer stk_not-a-real-token', 'Basic dXNlcjpwdw==', 'Bearer', `Bearer ${app.tokens.analyst} extra`]) {
      const response = await fetch(app.url + exportPath, { headers: { authorization } });
      expect(response.status, authorization).toBe(401);
    }
    expect((await fetch(`${app.url}/api/surveys`, { headers: { authorization: 'Bearer stk_wrong' } })).status).toBe(401);
  });

  it('answers 401 once the token is revoked, naming it', async () => {
    const { secret } = await createApiToken(app.authStore, { name: 'nightly-export', role: 'analyst' });
    expect((await fetch(app.url + exportPath, { headers: bearer(secret) })).status).toBe(200);
    await app.authStore.revokeToken('nightly-export', new Date());
    const response = await fetch(app.url + exportPath, { headers: bearer(secret) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'token_revoked',
      message: expect.stringContaining('"nightly-export"'),
    });
  });

  it('is stored only as a hash', async () => {
    const tokens = await app.authStore.listTokens();
    expect(tokens.map((t) => t.tokenHash).some((hash) => hash === app.tokens.analyst || hash.includes(app.tokens.analyst.slice(4)))).toBe(false);
  });
});
