/**
 * The dashboard's pages (/dashboard, /dashboard/:surveyId) are the client's
 * index.html like every page, but nobody anonymous has a use for them: send
 * them to /login at once, with the page they asked for as `next`, instead of
 * loading the app only for it to find out from GET /api/auth/me. The client
 * does the same on a 401, which also covers a session that ends while the page
 * is open. Everything the dashboard shows comes from API routes the access
 * policy protects; this redirect is convenience, not the protection.
 */
import type { RequestHandler } from 'express';
import { principalOf } from '../auth/principal.ts';

export const DASHBOARD_PAGES = '/dashboard{/*rest}';
/** Kiosk enrollment and invitation codes (client/pages/admin/); its API is admin-only. */
export const ADMIN_PAGE = '/admin';
export const LOGIN_PAGE = '/login';

export const redirectAnonymousToLogin: RequestHandler = (req, res, next) => {
  if (principalOf(req)) return next();
  // originalUrl keeps the query (the dashboard's filters); it is always a path on this server.
  res.redirect(302, `${LOGIN_PAGE}?next=${encodeURIComponent(req.originalUrl)}`);
};
