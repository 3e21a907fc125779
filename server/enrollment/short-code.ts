/**
 * One-time codes a person types or scans: kiosk enrollment codes and staff
 * invitation codes. 12 characters of Crockford's base32 (no I, L, O, U, so
 * nothing reads as 1 or 0; https://www.crockford.com/base32.html), shown in
 * groups of four: 60 random bits, far beyond guessing through a rate-limited
 * endpoint, and short enough to type on a tablet.
 */
import { randomInt } from 'node:crypto';
import { hashSecret } from '../auth/hash-secret.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

export function makeShortCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * The code as typed, in its one canonical form, or undefined when it cannot be
 * one of ours. Case, spaces and hyphens do not matter, and the letters people
 * confuse with digits are read as those digits, as Crockford's scheme intends.
 */
export function normaliseShortCode(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  const plain = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (plain.length !== LENGTH || [...plain].some((char) => !ALPHABET.includes(char))) return undefined;
  return plain;
}

/** What the store keeps of a code (server/auth/hash-secret.ts). */
export function hashShortCode(normalised: string): string {
  return hashSecret(`code:${normalised}`);
}
