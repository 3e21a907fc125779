/**
 * Password hashing with Node's built-in scrypt: salted, memory-hard, and with
 * its parameters written into the hash so they can be raised later without
 * breaking stored hashes (docs/decisions/0060-scrypt-passwords-and-hashed-session-ids.md).
 *
 * Format: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`.
 */
import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's scrypt minimum is N=2^17, r=8, p=1 (128 MiB per hash). Logins are
 * rare but a 2-core server also takes submissions, so we use N=2^15 (32 MiB,
 * tens of ms), which still makes offline guessing costly, together with the
 * login rate limit. https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt
 */
export const DEFAULT_SCRYPT_PARAMETERS: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };
export const PASSWORD_HASH_BYTES = 64;
const SALT_BYTES = 16;

export function scryptAsync(password: string, salt: Buffer, keyLength: number, { N, r, p }: ScryptParameters): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; allow twice that so the default 32 MiB cap never refuses our own parameters.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(password, salt, PASSWORD_HASH_BYTES, parameters);
  const { N, r, p } = parameters;
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}
