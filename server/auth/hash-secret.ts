import { createHash } from 'node:crypto';

/**
 * What the store keeps instead of a session id or API token. The secrets carry
 * 256 random bits, so a fast unsalted SHA-256 is enough: there is nothing to
 * guess, and a stolen table gives no usable credential
 * (docs/decisions/0060-scrypt-passwords-and-hashed-session-ids.md).
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
