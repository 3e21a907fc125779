import type { CookieOptions, Request } from 'express';

export const SESSION_COOKIE = 'survey_toolkit_session';
/** A working day; a new login is needed the next morning. Sessions are absolute, not sliding. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * httpOnly: page scripts (and so injected scripts) cannot read it.
 * SameSite=Strict: browsers never send it on requests started by another site (CSRF).
 * Secure when this request came over HTTPS — directly, or through a proxy trusted
 * by TRUST_PROXY that says so in X-Forwarded-Proto (`req.secure`).
 */
export function sessionCookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure };
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
