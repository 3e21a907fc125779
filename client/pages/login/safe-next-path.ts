/**
 * Where to go after logging in: the `next` the server or the dashboard put in
 * /login?next=…, but only a path of the dashboard (or /admin) on this server. Anything
 * else (another site, "//evil.example", "javascript:", a survey page) goes to
 * /dashboard, so the login page can never be used to bounce someone elsewhere.
 */
export const DEFAULT_AFTER_LOGIN = '/dashboard';

export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next) return DEFAULT_AFTER_LOGIN;
  // A path on this origin; URL() resolves tricks like "/\\evil.example" or "/%2F%2Fevil" the way the browser would.
  let url: URL;
  try {
    url = new URL(next, 'http://this-server.invalid');
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== 'http://this-server.invalid' || !next.startsWith('/')) return DEFAULT_AFTER_LOGIN;
  if (url.pathname !== '/dashboard' && !url.pathname.startsWith('/dashboard/') && url.pathname !== '/admin') return DEFAULT_AFTER_LOGIN;
  return url.pathname + url.search;
}
