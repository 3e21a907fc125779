/**
 * Everything createApp needs for accounts and access control, in the order it
 * must run: trust the proxy (so req.ip and req.secure are right), work out who
 * is asking, enforce the access policy, then the session and account routes.
 * Collection routes come after; their limits are in server/enrollment/admit-submission.ts.
 */
import type { Express, RequestHandler } from 'express';
import type { AuthStore } from './auth-store.ts';
import { authenticate } from './authenticate.ts';
import { ACCESS_POLICY, enforceAccessPolicy } from './access-policy.ts';
import { authRouter } from '../routes/auth.ts';
import { usersRouter } from '../routes/users.ts';
import { createAbuseLimiters, type AbuseLimiters, type AbuseLimitSettings } from '../limits/abuse-limits.ts';
import type { TrustProxy } from './parse-trust-proxy.ts';

export interface AccessControlOptions {
  /** Accounts, sessions and tokens. Without one, nobody can log in and every protected route answers 401. */
  authStore?: AuthStore;
  /**
   * Rate limits (docs/decisions/0063-abuse-limits-per-kiosk-and-address.md). server/main.ts passes
   * DEFAULT_ABUSE_LIMITS unless ABUSE_LIMITS=off; in-process callers (tests) get none unless they ask.
   */
  abuseLimits?: AbuseLimitSettings | 'off';
  /** Express's "trust proxy" (https://expressjs.com/en/guide/behind-proxies.html); default: trust none. */
  trustProxy?: TrustProxy;
  /** Clock in ms, for sessions and rate limits; tests pass a fake one. */
  now?: () => number;
}

const UNLIMITED = { capacity: Number.MAX_SAFE_INTEGER, refillPerSecond: Number.MAX_SAFE_INTEGER };
const NO_LOCKOUT = { freeFailures: Number.MAX_SAFE_INTEGER, firstDelaySeconds: 1, maxDelaySeconds: 1, forgetAfterSeconds: 1 };

export interface MountedAccessControl {
  /** Every limiter, unlimited when abuse limits are off (for submissions, kiosks and code redemption). */
  limiters: AbuseLimiters;
}

export function mountAccessControl(app: Express, options: AccessControlOptions): MountedAccessControl {
  const { authStore, abuseLimits = 'off', trustProxy = false, now = Date.now } = options;
  const off = abuseLimits === 'off';
  const limiters = createAbuseLimiters(
    off ? { loginPerAccountAndAddress: NO_LOCKOUT, loginPerAddress: UNLIMITED, submitPerKiosk: UNLIMITED, refusedPerKiosk: UNLIMITED, submitPerAddress: UNLIMITED } : abuseLimits,
    now,
  );

  app.set('trust proxy', trustProxy);
  app.use(authenticate(authStore, now));
  app.use(enforceAccessPolicy(ACCESS_POLICY));
  // Who is logged in, and the account list, must never be kept by a browser or a shared proxy
  // cache and shown to the next person at a ward-office PC (RFC 9111 §5.2.2.5).
  app.use(['/api/auth', '/api/users'], noStore);
  app.use('/api/auth', authRouter({ authStore, limiters, now }));
  app.use('/api/users', usersRouter({ authStore, now }));
  return { limiters };
}

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
