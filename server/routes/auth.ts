/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me
 * (docs/decisions/0060-scrypt-passwords-and-hashed-session-ids.md).
 * The /login page is the client's; this is its API.
 */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { CurrentUserAnswer, LoginAccepted } from '../../contracts/auth.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import { hashSecret } from '../auth/hash-secret.ts';
import { makeSecret } from '../auth/make-secret.ts';
import { principalOf, viewOf } from '../auth/principal.ts';
import { readCookie, SESSION_COOKIE, SESSION_TTL_MS, sessionCookieOptions } from '../auth/session-cookie.ts';
import { verifyAgainstDummy, verifyPassword } from '../auth/verify-password.ts';
import { HttpError } from '../http-error.ts';
import type { AbuseLimiters } from '../limits/abuse-limits.ts';
import { LoginLockout } from '../limits/login-lockout.ts';
import { tooManyRequests } from '../limits/too-many-requests.ts';

export interface AuthRouterOptions {
  authStore: AuthStore | undefined;
  limiters: Pick<AbuseLimiters, 'loginPerAccountAndAddress' | 'loginPerAddress'>;
  now: () => number;
}

const loginSchema = z.strictObject({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

const INVALID_CREDENTIALS = 'The name or the password is wrong';

export function authRouter({ authStore, limiters, now }: AuthRouterOptions): Router {
  const router = Router();

  router.post('/login', express.json({ limit: '8kb' }), async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'invalid_login', 'Send {"name": "…", "password": "…"} as JSON');
    const { name, password } = parsed.data;
    if (!authStore) throw new HttpError(503, 'accounts_unavailable', 'This server has no account store');

    // Checked before the (deliberately slow) password check, so a burst cannot buy CPU time.
    // Failures count per account *and* address: nobody elsewhere can lock this user out (issue 13).
    const addressKey = `address:${req.ip}`;
    const pairKey = LoginLockout.keyOf(name, req.ip);
    const byPair = limiters.loginPerAccountAndAddress.check(pairKey);
    if (!byPair.allowed) throw tooManyRequests(res, byPair.retryAfterSeconds, `failed logins for ${JSON.stringify(name)} from address ${req.ip}`);
    const byAddress = limiters.loginPerAddress.take(addressKey);
    if (!byAddress.allowed) throw tooManyRequests(res, byAddress.retryAfterSeconds, `login attempts from address ${req.ip}`);

    const user = await authStore.findUserByName(name);
    const valid = user && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
    if (!user || user.disabledAt || !valid) {
      limiters.loginPerAccountAndAddress.recordFailure(pairKey);
      throw new HttpError(401, 'invalid_credentials', INVALID_CREDENTIALS);
    }

    // Only failures use up the budget.
    limiters.loginPerAddress.refund(addressKey);
    limiters.loginPerAccountAndAddress.recordSuccess(pairKey);

    await endCurrentSession(req, authStore); // a fresh id on every login: no session fixation
    const at = now();
    await authStore.deleteExpiredSessions(new Date(at));
    const secret = makeSecret();
    await authStore.createSession({
      idHash: hashSecret(secret),
      userId: user.id,
      createdAt: new Date(at).toISOString(),
      expiresAt: new Date(at + SESSION_TTL_MS).toISOString(),
    });
    res.cookie(SESSION_COOKIE, secret, { ...sessionCookieOptions(req), maxAge: SESSION_TTL_MS });
    const body: LoginAccepted = { user: { name: user.name, role: user.role, via: 'session' } };
    res.json(body);
  });

  router.post('/logout', async (req, res) => {
    if (authStore) await endCurrentSession(req, authStore);
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
    res.status(204).end();
  });

  // Public, and 200 either way: the client asks it to decide whether to show /login.
  router.get('/me', (req, res) => {
    const principal = principalOf(req);
    const body: CurrentUserAnswer = { user: principal ? viewOf(principal) : null };
    res.json(body);
  });

  return router;
}

async function endCurrentSession(req: Request, authStore: AuthStore): Promise<void> {
  const secret = readCookie(req.get('cookie'), SESSION_COOKIE);
  if (secret) await authStore.deleteSession(hashSecret(secret));
}
