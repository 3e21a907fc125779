/**
 * Accounts, sessions and API tokens. The SQLite implementation is the default
 * (server/auth/sqlite-auth-store.ts); the MongoDB issue adds a second one, and
 * both must pass the shared contract suite in test/auth/auth-store.contract.ts.
 *
 * Secrets never reach a store: sessions and tokens are kept as the SHA-256 of
 * their 256-bit random secret, passwords as a salted scrypt string
 * (docs/decisions/0060-scrypt-passwords-and-hashed-session-ids.md).
 * Every method is async so that a networked store fits the same interface.
 */

import { ROLES, type Role } from '../../contracts/auth.ts';
import type { EnrollmentStore } from './enrollment-store.ts';

export { ROLES, type Role };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `actual` may do what `required` may: admin includes analyst. */
export function roleSatisfies(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export interface User {
  id: string;
  /** Login name; unique. */
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (server/auth/hash-password.ts). */
  passwordHash: string;
  createdAt: string;
  /** Set once the account is disabled; a disabled account cannot log in and its sessions stop working. */
  disabledAt?: string;
}

export interface Session {
  /** SHA-256 (hex) of the cookie's secret; the secret itself is never stored. */
  idHash: string;
  userId: string;
  expiresAt: string;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  /** Unique among tokens, revoked ones included, so a name always means one token. */
  name: string;
  role: Role;
  /** SHA-256 (hex) of the bearer secret. */
  tokenHash: string;
  createdAt: string;
  revokedAt?: string;
}

export type NewUser = Pick<User, 'name' | 'role' | 'passwordHash'>;
export type NewApiToken = Pick<ApiToken, 'name' | 'role' | 'tokenHash'>;

/** Thrown by `createUser` / `createToken` when the name is taken. */
export class NameTakenError extends Error {
  constructor(
    readonly kind: 'user' | 'token' | 'kiosk',
    readonly takenName: string,
  ) {
    super(`a ${kind} named ${JSON.stringify(takenName)} already exists`);
    this.name = 'NameTakenError';
  }
}

/** Kiosks and invitations: server/auth/enrollment-store.ts. */
export interface AuthStore extends EnrollmentStore {
  /** Rejects with NameTakenError when the name exists (also under a concurrent create). */
  createUser(user: NewUser): Promise<User>;
  findUserByName(name: string): Promise<User | undefined>;
  findUserById(id: string): Promise<User | undefined>;
  /** In order of creation. */
  listUsers(): Promise<User[]>;
  /** Sets disabledAt (keeping the first one) and deletes the user's sessions. Undefined when no such user. */
  disableUser(name: string, at: Date): Promise<User | undefined>;
  /** Whether an enabled admin exists; start-up prints how to create one otherwise. */
  hasActiveAdmin(): Promise<boolean>;

  createSession(session: Session): Promise<void>;
  /** The session whose hash this is, if it has not expired at `now`. */
  findSession(idHash: string, now: Date): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes sessions expired at `now`; resolves to how many. */
  deleteExpiredSessions(now: Date): Promise<number>;

  /** Rejects with NameTakenError when the name exists. */
  createToken(token: NewApiToken): Promise<ApiToken>;
  /** The token with this hash, revoked or not: the caller decides (and answers 401 for revoked ones). */
  findTokenByHash(tokenHash: string): Promise<ApiToken | undefined>;
  listTokens(): Promise<ApiToken[]>;
  /** Sets revokedAt (keeping the first one). Undefined when no such token. */
  revokeToken(name: string, at: Date): Promise<ApiToken | undefined>;

  close(): Promise<void>;
}
