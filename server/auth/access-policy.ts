/**
 * Who may call what: the ONE place (docs/decisions/0062-one-access-policy-table.md).
 *
 * Every route the app registers must have a row here; test/server/route-table.test.ts
 * walks the app's router and fails for a route without one, and checks that every
 * non-public row answers 401 anonymously and 403 to a role below its minimum.
 *
 * Rows use Express's own path syntax and are matched by an Express Router, so a
 * row matches exactly the requests its route does (same parameters, same
 * trailing-slash and case rules).
 */
import { Router, type Request, type RequestHandler } from 'express';
import { HttpError } from '../http-error.ts';
import { roleSatisfies, type Role } from './auth-store.ts';
import { principalOf, roleOf } from './principal.ts';

export type Access = 'public' | Role;
export type PolicyMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteAccess {
  method: PolicyMethod;
  /** Express 5 path, exactly as the route is registered (mount path + route path). */
  path: string;
  access: Access;
}

export const ACCESS_POLICY: readonly RouteAccess[] = [
  // Collection: anyone with a tablet or a link.
  { method: 'GET', path: '/healthz', access: 'public' },
  { method: 'GET', path: '/api/surveys', access: 'public' },
  { method: 'GET', path: '/api/surveys/:id', access: 'public' },
  { method: 'GET', path: '/api/surveys/:id/versions/:version', access: 'public' },
  { method: 'POST', path: '/api/surveys/:id/responses', access: 'public' },
  // A tablet redeems its one-time enrollment code and asks what it is enrolled as; a respondent checks an invitation code.
  { method: 'POST', path: '/api/kiosks/enroll', access: 'public' },
  { method: 'GET', path: '/api/kiosks/me', access: 'public' },
  { method: 'POST', path: '/api/surveys/:id/invitations/check', access: 'public' },
  // Sessions: logging in must be possible without being logged in; `me` answers {user: null} then.
  { method: 'POST', path: '/api/auth/login', access: 'public' },
  { method: 'POST', path: '/api/auth/logout', access: 'public' },
  { method: 'GET', path: '/api/auth/me', access: 'public' },
  // Personal data: analysts.
  { method: 'GET', path: '/api/surveys/:id/responses', access: 'analyst' },
  { method: 'GET', path: '/api/surveys/:id/report', access: 'analyst' },
  { method: 'GET', path: '/api/surveys/:id/timeline', access: 'analyst' },
  // How many responses attached a signature or files, and how many files (issue 22): counts, never content.
  { method: 'GET', path: '/api/surveys/:id/attachment-counts', access: 'analyst' },
  // The comments: a page, a search, keyword in context (?kwic=) and the CSV/XLSX download (?format=), one route.
  { method: 'GET', path: '/api/surveys/:id/comments', access: 'analyst' },
  // The survey's weighting margins (issue 30): whether the dashboard offers 「重み付け」, and which file.
  { method: 'GET', path: '/api/surveys/:id/weights', access: 'analyst' },
  // Test data marked by hand (issue 30): analysts and admins mark a kiosk and a period or single responses, and
  // withdraw a marking; each act is recorded in the audit log with its reason.
  { method: 'GET', path: '/api/surveys/:id/test-markings', access: 'analyst' },
  { method: 'POST', path: '/api/surveys/:id/test-markings', access: 'analyst' },
  { method: 'POST', path: '/api/surveys/:id/test-markings/:markingId/unmark', access: 'analyst' },
  // Admins. (The route-table test disables its analyst account on the last row, so accounts stay last.)
  // Which definition files start-up left out (the dashboard's banner for admins).
  { method: 'GET', path: '/api/definition-problems', access: 'admin' },
  // Kiosk enrollment and invitation codes.
  { method: 'GET', path: '/api/kiosks', access: 'admin' },
  { method: 'POST', path: '/api/kiosks', access: 'admin' },
  { method: 'POST', path: '/api/kiosks/:kioskId/revoke', access: 'admin' },
  { method: 'GET', path: '/api/surveys/:id/invitations', access: 'admin' },
  { method: 'POST', path: '/api/surveys/:id/invitations', access: 'admin' },
  // Signatures and attached files of the responses, as a zip (issue 22): personal data, recorded in the audit log.
  { method: 'GET', path: '/api/surveys/:id/responses/attachments', access: 'admin' },
  // Replacing a survey's weighting margins (a JSON body with the CSV's text; recorded in the audit log).
  { method: 'PUT', path: '/api/surveys/:id/weights', access: 'admin' },
  { method: 'GET', path: '/api/users', access: 'admin' },
  { method: 'POST', path: '/api/users', access: 'admin' },
  { method: 'POST', path: '/api/users/:name/disable', access: 'admin' },
  // Pages of the client app (index.html; the pages fetch data through the API above).
  { method: 'GET', path: '/', access: 'public' },
  { method: 'GET', path: '/kiosk{/*rest}', access: 'public' },
  { method: 'GET', path: '/s{/*rest}', access: 'public' },
  // The analysts' pages: the page itself is public (anonymous visitors of /dashboard are redirected to /login); its data is not.
  { method: 'GET', path: '/login', access: 'public' },
  { method: 'GET', path: '/dashboard{/*rest}', access: 'public' },
  { method: 'GET', path: '/admin', access: 'public' },
];

/**
 * A request no row matches: the client's static files (GET/HEAD outside /api)
 * are public; anything else needs an admin, so a route forgotten here fails
 * closed at run time as well as in the route-table test.
 */
export function accessForUnlistedRequest(method: string, path: string): Access {
  const read = method === 'GET' || method === 'HEAD';
  // Express matches routes case-insensitively, so /API/… reaches the same routes as /api/….
  const lower = path.toLowerCase();
  const api = lower === '/api' || lower.startsWith('/api/');
  return read && !api ? 'public' : 'admin';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Marks the policy's own matching router, so the route-table test does not mistake its rows for routes. */
export const POLICY_ROUTER_MARK = Symbol('access-policy-router');

const accessOfRequest = new WeakMap<Request, Access>();

/**
 * Enforces `policy`: 401 without credentials, 403 with too low a role, and 415
 * for a state-changing request that is not JSON. The JSON rule is our CSRF
 * defence besides SameSite=Strict: an HTML form cannot send application/json,
 * and a cross-site fetch that does needs a CORS preflight this server never grants.
 */
export function enforceAccessPolicy(policy: readonly RouteAccess[] = ACCESS_POLICY): RequestHandler[] {
  const matcher = Router();
  for (const row of policy) {
    matcher[row.method.toLowerCase() as Lowercase<PolicyMethod>](row.path, (req, _res, next) => {
      // The first matching row wins, like routes.
      if (!accessOfRequest.has(req)) accessOfRequest.set(req, row.access);
      next('router');
    });
  }
  Object.defineProperty(matcher, POLICY_ROUTER_MARK, { value: true });

  const enforce: RequestHandler = (req, _res, next) => {
    const access = accessOfRequest.get(req) ?? accessForUnlistedRequest(req.method, req.path);
    if (access !== 'public') {
      const principal = principalOf(req);
      if (!principal) {
        throw new HttpError(401, 'unauthenticated', `Log in or send an API token to ${req.method} ${JSON.stringify(req.path)}`);
      }
      if (!roleSatisfies(roleOf(principal), access)) {
        throw new HttpError(403, 'forbidden', `${req.method} ${JSON.stringify(req.path)} needs the ${access} role; you are ${roleOf(principal)}`);
      }
    }
    if (UNSAFE_METHODS.has(req.method) && !req.is('application/json')) {
      const sent = req.get('content-type');
      throw new HttpError(415, 'unsupported_media_type', `Send ${req.method} requests as application/json; got ${sent === undefined ? 'no Content-Type' : JSON.stringify(sent)}`);
    }
    next();
  };
  return [matcher, enforce];
}
