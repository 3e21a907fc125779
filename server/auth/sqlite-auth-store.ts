/**
 * The default AuthStore: its own SQLite file next to the responses
 * (`DATA_DIR/auth.sqlite`, docs/decisions/0061-auth-store-in-its-own-sqlite-file.md).
 *
 * A separate file because the response store owns `PRAGMA user_version` of its
 * file for its own migrations, because logins then never wait for the
 * submissions' write lock, and because account data and personal answers can be
 * backed up and access-controlled separately. Sessions live here, not in memory,
 * so several server processes on one machine share them.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  NameTakenError,
  type ApiToken,
  type AuthStore,
  type NewApiToken,
  type NewUser,
  type Role,
  type Session,
  type User,
} from './auth-store.ts';
import { toUtcIso } from '../to-utc-iso.ts';
import { runSqliteMigrations } from '../sqlite/run-sqlite-migrations.ts';
import { guardEnrollmentStore, type EnrollmentStore } from './enrollment-store.ts';
import { ENROLLMENT_TABLES_MIGRATION, sqliteEnrollmentTables } from './sqlite-enrollment-tables.ts';

const BUSY_TIMEOUT_MS = 10_000;

/** Applied in order by runSqliteMigrations; `PRAGMA user_version` counts them. Append, never edit. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('analyst', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
  ) STRICT;
  CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_user_id ON sessions (user_id);
  CREATE INDEX sessions_expires_at ON sessions (expires_at);
  CREATE TABLE api_tokens (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('analyst', 'admin')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  ) STRICT;
  `,
  // 2: enrolled kiosks and invitation codes (server/auth/enrollment-store.ts).
  ENROLLMENT_TABLES_MIGRATION,
];

interface UserRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}
interface SessionRow {
  id_hash: string;
  user_id: string;
  expires_at: string;
  created_at: string;
}
interface TokenRow {
  id: string;
  name: string;
  role: Role;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** Opens (creating and migrating if needed) the auth store in `filePath`. */
export async function openSqliteAuthStore(filePath: string): Promise<AuthStore> {
  const db = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    // A revoked token or disabled account must stay revoked after a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    runSqliteMigrations(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw new Error(`cannot open auth store "${filePath}": ${(error as Error).message}`, { cause: error });
  }
  return new SqliteAuthStore(db);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// Its enrollment methods are mixed in by the constructor (guardEnrollmentStore).
interface SqliteAuthStore extends EnrollmentStore {}
class SqliteAuthStore implements AuthStore {
  private closed = false;
  private readonly statements;
  private readonly enrollment: EnrollmentStore;

  constructor(private readonly db: Database.Database) {
    this.enrollment = sqliteEnrollmentTables(db);
    // Kiosks and invitations come from the enrollment tables, each call checked for an open store.
    Object.assign(this, guardEnrollmentStore(this.enrollment, (call) => this.guarded(call)));
    this.statements = {
      insertUser: db.prepare<[UserRow]>(`
        INSERT INTO users (id, name, role, password_hash, created_at, disabled_at)
        VALUES (@id, @name, @role, @password_hash, @created_at, @disabled_at)`),
      userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?'),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      allUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY seq'),
      disableUser: db.prepare<[string, string]>('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE name = ?'),
      deleteUserSessions: db.prepare<[string]>('DELETE FROM sessions WHERE user_id = ?'),
      activeAdmin: db.prepare<[], { one: number }>(
        "SELECT 1 AS one FROM users WHERE role = 'admin' AND disabled_at IS NULL LIMIT 1",
      ),
      insertSession: db.prepare<[SessionRow]>(`
        INSERT INTO sessions (id_hash, user_id, expires_at, created_at)
        VALUES (@id_hash, @user_id, @expires_at, @created_at)`),
      liveSession: db.prepare<[string, string], SessionRow>('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?'),
      deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?'),
      deleteExpired: db.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?'),
      insertToken: db.prepare<[TokenRow]>(`
        INSERT INTO api_tokens (id, name, role, token_hash, created_at, revoked_at)
        VALUES (@id, @name, @role, @token_hash, @created_at, @revoked_at)`),
      tokenByHash: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?'),
      tokenByName: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE name = ?'),
      allTokens: db.prepare<[], TokenRow>('SELECT * FROM api_tokens ORDER BY seq'),
      revokeToken: db.prepare<[string, string]>('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE name = ?'),
    };
  }

  async createUser(user: NewUser): Promise<User> {
    this.assertOpen();
    const row: UserRow = {
      id: randomUUID(),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: new Date().toISOString(),
      disabled_at: null,
    };
    try {
      this.statements.insertUser.run(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new NameTakenError('user', user.name);
      throw error;
    }
    return userFromRow(row);
  }

  async findUserByName(name: string): Promise<User | undefined> {
    this.assertOpen();
    const row = this.statements.userByName.get(name);
    return row && userFromRow(row);
  }

  async findUserById(id: string): Promise<User | undefined> {
    this.assertOpen();
    const row = this.statements.userById.get(id);
    return row && userFromRow(row);
  }

  async listUsers(): Promise<User[]> {
    this.assertOpen();
    return this.statements.allUsers.all().map(userFromRow);
  }

  async disableUser(name: string, at: Date): Promise<User | undefined> {
    this.assertOpen();
    return this.db.transaction(() => {
      if (this.statements.disableUser.run(at.toISOString(), name).changes === 0) return undefined;
      const row = this.statements.userByName.get(name)!;
      this.statements.deleteUserSessions.run(row.id);
      return userFromRow(row);
    }).immediate();
  }

  async hasActiveAdmin(): Promise<boolean> {
    this.assertOpen();
    return this.statements.activeAdmin.get() !== undefined;
  }

  async createSession(session: Session): Promise<void> {
    this.assertOpen();
    this.statements.insertSession.run({
      id_hash: session.idHash,
      user_id: session.userId,
      expires_at: toUtcIso(session.expiresAt),
      created_at: toUtcIso(session.createdAt),
    });
  }

  async findSession(idHash: string, now: Date): Promise<Session | undefined> {
    this.assertOpen();
    const row = this.statements.liveSession.get(idHash, now.toISOString());
    return row && { idHash: row.id_hash, userId: row.user_id, expiresAt: row.expires_at, createdAt: row.created_at };
  }

  async deleteSession(idHash: string): Promise<void> {
    this.assertOpen();
    this.statements.deleteSession.run(idHash);
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    this.assertOpen();
    return this.statements.deleteExpired.run(now.toISOString()).changes;
  }

  async createToken(token: NewApiToken): Promise<ApiToken> {
    this.assertOpen();
    const row: TokenRow = {
      id: randomUUID(),
      name: token.name,
      role: token.role,
      token_hash: token.tokenHash,
      created_at: new Date().toISOString(),
      revoked_at: null,
    };
    try {
      this.statements.insertToken.run(row);
    } catch (error) {
      // token_hash is unique too, but two 256-bit secrets never collide: a clash is a name clash.
      if (isUniqueViolation(error) && this.statements.tokenByName.get(token.name)) throw new NameTakenError('token', token.name);
      throw error;
    }
    return tokenFromRow(row);
  }

  async findTokenByHash(tokenHash: string): Promise<ApiToken | undefined> {
    this.assertOpen();
    const row = this.statements.tokenByHash.get(tokenHash);
    return row && tokenFromRow(row);
  }

  async listTokens(): Promise<ApiToken[]> {
    this.assertOpen();
    return this.statements.allTokens.all().map(tokenFromRow);
  }

  async revokeToken(name: string, at: Date): Promise<ApiToken | undefined> {
    this.assertOpen();
    if (this.statements.revokeToken.run(at.toISOString(), name).changes === 0) return undefined;
    return tokenFromRow(this.statements.tokenByName.get(name)!);
  }


  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('auth store is closed');
  }

  /** Runs an enrollment-table call once the store is known to be open; rejects like every other method otherwise. */
  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    this.assertOpen();
    return call();
  }
}

function userFromRow(row: UserRow): User {
  const user: User = {
    id: row.id,
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
  if (row.disabled_at !== null) user.disabledAt = row.disabled_at;
  return user;
}

function tokenFromRow(row: TokenRow): ApiToken {
  const token: ApiToken = {
    id: row.id,
    name: row.name,
    role: row.role,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
  };
  if (row.revoked_at !== null) token.revokedAt = row.revoked_at;
  return token;
}
