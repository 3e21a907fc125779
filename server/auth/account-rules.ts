/**
 * Rules for names and passwords, shared by the CLI and the users API so both
 * refuse the same input with the same words.
 */
import { isRole, ROLES, type Role } from './auth-store.ts';

/** NIST SP 800-63B asks for at least 8; staff accounts guard personal data, so we ask for 12. */
export const MIN_PASSWORD_LENGTH = 12;
/** scrypt of a huge input still costs little, but there is no reason to accept one. */
export const MAX_PASSWORD_LENGTH = 1024;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Thrown for input the person can fix; the CLI and API turn it into their own error. */
export class AccountInputError extends Error {
  override name = 'AccountInputError';
}

export function checkAccountName(name: unknown, what: 'user' | 'token' = 'user'): string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new AccountInputError(
      `${what} name must be 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit; got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

export function checkRole(role: unknown): Role {
  if (!isRole(role)) throw new AccountInputError(`role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(role)}`);
  return role;
}

/** Never quotes the password: it could end up in a log. */
export function checkPassword(password: unknown): string {
  if (typeof password !== 'string' || password.length === 0) throw new AccountInputError('the password is empty');
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new AccountInputError(`the password is too short (${length} characters); use at least ${MIN_PASSWORD_LENGTH}`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new AccountInputError(`the password is too long (${length} characters); use at most ${MAX_PASSWORD_LENGTH}`);
  }
  return password;
}
