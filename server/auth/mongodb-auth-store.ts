/**
 * Accounts, sessions and API tokens in MongoDB, in the same database as the
 * responses, so that any number of stateless server processes share logins and
 * revocations (docs/decisions/0070-deployment-topologies.md).
 *
 * Writes use `{w: "majority", journal: true}` unless the URI sets a write
 * concern: a revoked token or disabled account stays revoked after a failover.
 * Sessions carry their expiry also as a BSON date, for a TTL index that lets
 * the server delete expired sessions by itself; `findSession` still checks the
 * expiry, because the TTL monitor runs only once a minute
 * (https://www.mongodb.com/docs/manual/core/index-ttl/).
 */
import { randomUUID } from 'node:crypto';
import { ObjectId, type Collection, type Db, type MongoClient } from 'mongodb';
import { connectMongoDb, type MongoConnectionOptions } from '../store/connect-mongodb.ts';
import { isDuplicateKeyError } from '../store/mongodb-response-store.ts';
import { NameTakenError, type ApiToken, type AuthStore, type NewApiToken, type NewUser, type Role, type Session, type User } from './auth-store.ts';
import { toUtcIso } from '../to-utc-iso.ts';
import { guardEnrollmentStore, type EnrollmentStore } from './enrollment-store.ts';
import { ensureEnrollmentIndexes, mongoEnrollmentCollections } from './mongodb-enrollment-collections.ts';

export const USERS_COLLECTION = 'users';
export const SESSIONS_COLLECTION = 'sessions';
export const TOKENS_COLLECTION = 'api_tokens';

interface UserDocument {
  _id: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  /** Orders listUsers by creation, also within one millisecond. */
  createdOrder: ObjectId;
  disabledAt?: string;
}

interface SessionDocument {
  /** The session id's SHA-256: the lookup key. */
  _id: string;
  userId: string;
  expiresAt: string;
  /** expiresAt as a BSON date, for the TTL index and range queries. */
  expiresAtDate: Date;
  createdAt: string;
}

interface TokenDocument {
  _id: string;
  name: string;
  role: Role;
  tokenHash: string;
  createdAt: string;
  createdOrder: ObjectId;
  revokedAt?: string;
}

/** Connects and creates the indexes if missing. */
export async function openMongoAuthStore(options: MongoConnectionOptions): Promise<AuthStore> {
  const { client, db } = await connectMongoDb(options, 'MongoDB auth store', ensureAuthIndexes);
  return new MongoDbAuthStore(client, db);
}

async function ensureAuthIndexes(db: Db): Promise<void> {
  await db.collection(USERS_COLLECTION).createIndexes([{ key: { name: 1 }, name: 'name_unique', unique: true }]);
  await db.collection(SESSIONS_COLLECTION).createIndexes([
    { key: { userId: 1 }, name: 'userId' },
    // expireAfterSeconds 0: a document expires at the date its field holds.
    { key: { expiresAtDate: 1 }, name: 'expiresAtDate_ttl', expireAfterSeconds: 0 },
  ]);
  await db.collection(TOKENS_COLLECTION).createIndexes([
    { key: { name: 1 }, name: 'name_unique', unique: true },
    { key: { tokenHash: 1 }, name: 'tokenHash_unique', unique: true },
  ]);
  await ensureEnrollmentIndexes(db);
}

// Its enrollment methods are mixed in by the constructor (guardEnrollmentStore).
interface MongoDbAuthStore extends EnrollmentStore {}
class MongoDbAuthStore implements AuthStore {
  private readonly users: Collection<UserDocument>;
  private readonly sessions: Collection<SessionDocument>;
  private readonly tokens: Collection<TokenDocument>;
  private readonly enrollment: EnrollmentStore;
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.users = db.collection<UserDocument>(USERS_COLLECTION);
    this.sessions = db.collection<SessionDocument>(SESSIONS_COLLECTION);
    this.tokens = db.collection<TokenDocument>(TOKENS_COLLECTION);
    this.enrollment = mongoEnrollmentCollections(db);
    // Kiosks and invitations come from the enrollment tables, each call checked for an open store.
    Object.assign(this, guardEnrollmentStore(this.enrollment, (call) => this.guarded(call)));
  }

  async createUser(user: NewUser): Promise<User> {
    this.assertOpen();
    const document: UserDocument = {
      _id: randomUUID(),
      name: user.name,
      role: user.role,
      passwordHash: user.passwordHash,
      createdAt: new Date().toISOString(),
      createdOrder: new ObjectId(),
    };
    try {
      await this.users.insertOne(document);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new NameTakenError('user', user.name);
      throw error;
    }
    return userFromDocument(document);
  }

  async findUserByName(name: string): Promise<User | undefined> {
    this.assertOpen();
    const document = await this.users.findOne({ name });
    return document ? userFromDocument(document) : undefined;
  }

  async findUserById(id: string): Promise<User | undefined> {
    this.assertOpen();
    const document = await this.users.findOne({ _id: id });
    return document ? userFromDocument(document) : undefined;
  }

  async listUsers(): Promise<User[]> {
    this.assertOpen();
    return (await this.users.find().sort({ createdOrder: 1 }).toArray()).map(userFromDocument);
  }

  /**
   * Disable first, then end the sessions: without a multi-document transaction
   * (which needs a replica set) the order matters, so that no moment has an
   * enabled account whose sessions were already deleted.
   */
  async disableUser(name: string, at: Date): Promise<User | undefined> {
    this.assertOpen();
    const document = await this.users.findOneAndUpdate(
      { name },
      // An update pipeline keeps the first disabledAt in one atomic step.
      [{ $set: { disabledAt: { $ifNull: ['$disabledAt', at.toISOString()] } } }],
      { returnDocument: 'after' },
    );
    if (!document) return undefined;
    await this.sessions.deleteMany({ userId: document._id });
    return userFromDocument(document);
  }

  async hasActiveAdmin(): Promise<boolean> {
    this.assertOpen();
    return (await this.users.findOne({ role: 'admin', disabledAt: { $exists: false } }, { projection: { _id: 1 } })) !== null;
  }

  async createSession(session: Session): Promise<void> {
    this.assertOpen();
    const expiresAt = toUtcIso(session.expiresAt);
    await this.sessions.insertOne({
      _id: session.idHash,
      userId: session.userId,
      expiresAt,
      expiresAtDate: new Date(expiresAt),
      createdAt: toUtcIso(session.createdAt),
    });
  }

  async findSession(idHash: string, now: Date): Promise<Session | undefined> {
    this.assertOpen();
    const document = await this.sessions.findOne({ _id: idHash, expiresAtDate: { $gt: now } });
    return document ? { idHash: document._id, userId: document.userId, expiresAt: document.expiresAt, createdAt: document.createdAt } : undefined;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.assertOpen();
    await this.sessions.deleteOne({ _id: idHash });
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    this.assertOpen();
    return (await this.sessions.deleteMany({ expiresAtDate: { $lte: now } })).deletedCount;
  }

  async createToken(token: NewApiToken): Promise<ApiToken> {
    this.assertOpen();
    const document: TokenDocument = {
      _id: randomUUID(),
      name: token.name,
      role: token.role,
      tokenHash: token.tokenHash,
      createdAt: new Date().toISOString(),
      createdOrder: new ObjectId(),
    };
    try {
      await this.tokens.insertOne(document);
    } catch (error) {
      // tokenHash is unique too, but two 256-bit secrets never collide: a clash is a name clash.
      if (isDuplicateKeyError(error) && (await this.tokens.findOne({ name: token.name }))) throw new NameTakenError('token', token.name);
      throw error;
    }
    return tokenFromDocument(document);
  }

  async findTokenByHash(tokenHash: string): Promise<ApiToken | undefined> {
    this.assertOpen();
    const document = await this.tokens.findOne({ tokenHash });
    return document ? tokenFromDocument(document) : undefined;
  }

  async listTokens(): Promise<ApiToken[]> {
    this.assertOpen();
    return (await this.tokens.find().sort({ createdOrder: 1 }).toArray()).map(tokenFromDocument);
  }

  async revokeToken(name: string, at: Date): Promise<ApiToken | undefined> {
    this.assertOpen();
    const document = await this.tokens.findOneAndUpdate(
      { name },
      [{ $set: { revokedAt: { $ifNull: ['$revokedAt', at.toISOString()] } } }],
      { returnDocument: 'after' },
    );
    return document ? tokenFromDocument(document) : undefined;
  }


  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('auth store is closed');
  }

  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    this.assertOpen();
    return call();
  }
}

function userFromDocument(document: UserDocument): User {
  const user: User = { id: document._id, name: document.name, role: document.role, passwordHash: document.passwordHash, createdAt: document.createdAt };
  if (typeof document.disabledAt === 'string') user.disabledAt = document.disabledAt;
  return user;
}

function tokenFromDocument(document: TokenDocument): ApiToken {
  const token: ApiToken = { id: document._id, name: document.name, role: document.role, tokenHash: document.tokenHash, createdAt: document.createdAt };
  if (typeof document.revokedAt === 'string') token.revokedAt = document.revokedAt;
  return token;
}
