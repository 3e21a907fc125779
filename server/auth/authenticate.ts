/**
 * Works out who is asking, from `Authorization: Bearer …` or the session
 * cookie, and remembers it for the access policy (server/auth/access-policy.ts).
 * It never refuses a request by itself, except for a Bearer token that is
 * wrong or revoked: a client that sends one expects it to count.
 */
import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http-error.ts';
import type { AuthStore } from './auth-store.ts';
import { hashSecret } from './hash-secret.ts';
import { setPrincipal, type Principal } from './principal.ts';
import { readCookie, SESSION_COOKIE } from './session-cookie.ts';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export function authenticate(authStore: AuthStore | undefined, now: () => number): RequestHandler {
  return async (req, _res, next) => {
    const principal = await findPrincipal(req, authStore, now);
    if (principal) setPrincipal(req, principal);
    next();
  };
}

async function findPrincipal(req: Request, authStore: AuthStore | undefined, now: () => number): Promise<Principal | undefined> {
  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match) throw new HttpError(401, 'invalid_token', 'The Authorization header must be "Bearer <token>"');
    const token = authStore && (await authStore.findTokenByHash(hashSecret(match[1])));
    if (!token) throw new HttpError(401, 'invalid_token', 'The API token is not valid');
    if (token.revokedAt) throw new HttpError(401, 'token_revoked', `The API token ${JSON.stringify(token.name)} was revoked at ${token.revokedAt}`);
    return { kind: 'token', token };
  }

  const secret = readCookie(req.get('cookie'), SESSION_COOKIE);
  if (!secret || !authStore) return undefined;
  const sessionIdHash = hashSecret(secret);
  const session = await authStore.findSession(sessionIdHash, new Date(now()));
  if (!session) return undefined;
  const user = await authStore.findUserById(session.userId);
  // Disabling a user deletes its sessions; checking again covers a store that is mid-way.
  if (!user || user.disabledAt) return undefined;
  return { kind: 'session', user, sessionIdHash };
}
