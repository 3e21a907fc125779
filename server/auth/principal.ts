import type { Request } from 'express';
import type { CurrentUser } from '../../contracts/auth.ts';
import type { ApiToken, Role, User } from './auth-store.ts';

/** Who made a request: a logged-in user (session cookie) or an automation token (Bearer). */
export type Principal =
  | { kind: 'session'; user: User; sessionIdHash: string }
  | { kind: 'token'; token: ApiToken };

export function roleOf(principal: Principal): Role {
  return principal.kind === 'session' ? principal.user.role : principal.token.role;
}

/** What the API shows about a principal; never a hash. */
export function viewOf(principal: Principal): CurrentUser {
  return principal.kind === 'session'
    ? { name: principal.user.name, role: principal.user.role, via: 'session' }
    : { name: principal.token.name, role: principal.token.role, via: 'token' };
}

// Kept beside the request rather than on it, so no global type augmentation of Express is needed.
const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}
