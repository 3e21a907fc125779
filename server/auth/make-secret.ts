import { randomBytes } from 'node:crypto';

/**
 * A 256-bit random secret for a session cookie or an API token, base64url so it
 * fits a cookie and a header unchanged. `prefix` makes tokens recognisable to
 * secret scanners and to people (`stk_…`).
 */
export function makeSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export const API_TOKEN_PREFIX = 'stk_';
