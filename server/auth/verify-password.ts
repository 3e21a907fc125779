import { timingSafeEqual } from 'node:crypto';
import { DEFAULT_SCRYPT_PARAMETERS, hashPassword, scryptAsync } from './hash-password.ts';

const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;
/** Refuse stored parameters that would let a tampered row exhaust memory. */
const MAX_N = 2 ** 20;

/**
 * Whether `password` matches a hash made by hashPassword. Compares in constant
 * time; a malformed stored hash never matches.
 */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(storedHash);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(match[4], 'base64');
  const expected = Buffer.from(match[5], 'base64');
  if (expected.length < 16) return false;
  const actual = await scryptAsync(password, salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for names that have no account,
 * so that response time does not tell an attacker which names exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy password that matches nothing', DEFAULT_SCRYPT_PARAMETERS);
  await verifyPassword(password, await dummyHash);
  return false;
}
