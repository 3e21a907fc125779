/**
 * The behaviour every AuthStore must have. Run it for each implementation:
 *   runAuthStoreContract({ name: 'sqlite', newStore: () => openSqliteAuthStore(file) })
 * The MongoDB issue reuses it unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NameTakenError, type AuthStore } from '../../server/auth/auth-store.ts';
import { describeEnrollmentStore } from './enrollment-store.contract.ts';

export interface AuthStoreContractOptions {
  name: string;
  /** A new, empty store for each test. */
  newStore: () => Promise<AuthStore>;
  /** A second handle on the same data, as another server process would open it; omit when the store cannot. */
  reopen?: (store: AuthStore) => Promise<AuthStore>;
}

const HOUR = 3_600_000;

export function runAuthStoreContract({ name, newStore, reopen }: AuthStoreContractOptions): void {
  describe(`AuthStore contract: ${name}`, () => {
    let store: AuthStore;
    beforeEach(async () => {
      store = await newStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('users', () => {
      it('creates a user and finds it by name and by id', async () => {
        const created = await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'scrypt$hash-of-sato' });
        expect(created).toEqual({
          id: expect.any(String),
          name: 'sato',
          role: 'analyst',
          passwordHash: 'scrypt$hash-of-sato',
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        });
        expect(await store.findUserByName('sato')).toEqual(created);
        expect(await store.findUserById(created.id)).toEqual(created);
        expect(await store.findUserByName('suzuki')).toBeUndefined();
        expect(await store.findUserById('no-such-id')).toBeUndefined();
      });

      it('refuses a second user with the same name, also when both are created at once', async () => {
        await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'h1' });
        await expect(store.createUser({ name: 'sato', role: 'admin', passwordHash: 'h2' })).rejects.toBeInstanceOf(NameTakenError);
        const racing = await Promise.allSettled([
          store.createUser({ name: 'tanaka', role: 'analyst', passwordHash: 'a' }),
          store.createUser({ name: 'tanaka', role: 'analyst', passwordHash: 'b' }),
        ]);
        expect(racing.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect((await store.listUsers()).map((u) => u.name)).toEqual(['sato', 'tanaka']);
      });

      it('lists users in order of creation', async () => {
        for (const userName of ['c', 'a', 'b']) await store.createUser({ name: userName, role: 'analyst', passwordHash: 'h' });
        expect((await store.listUsers()).map((u) => u.name)).toEqual(['c', 'a', 'b']);
      });

      it('disables a user once, and ends its sessions but not other users\' sessions', async () => {
        const sato = await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'h' });
        const ito = await store.createUser({ name: 'ito', role: 'analyst', passwordHash: 'h' });
        const now = new Date('2030-01-01T09:00:00Z');
        const later = new Date(now.getTime() + 10 * HOUR).toISOString();
        await store.createSession({ idHash: 's1', userId: sato.id, createdAt: now.toISOString(), expiresAt: later });
        await store.createSession({ idHash: 'i1', userId: ito.id, createdAt: now.toISOString(), expiresAt: later });

        const disabled = await store.disableUser('sato', new Date('2030-01-01T10:00:00Z'));
        expect(disabled).toEqual({ ...sato, disabledAt: '2030-01-01T10:00:00.000Z' });
        const again = await store.disableUser('sato', new Date('2030-01-02T10:00:00Z'));
        expect(again?.disabledAt).toBe('2030-01-01T10:00:00.000Z');
        expect(await store.findSession('s1', now)).toBeUndefined();
        expect(await store.findSession('i1', now)).toBeDefined();
        expect(await store.disableUser('nobody', now)).toBeUndefined();
      });

      it('knows whether an enabled admin exists', async () => {
        expect(await store.hasActiveAdmin()).toBe(false);
        await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'h' });
        expect(await store.hasActiveAdmin()).toBe(false);
        await store.createUser({ name: 'root', role: 'admin', passwordHash: 'h' });
        expect(await store.hasActiveAdmin()).toBe(true);
        await store.disableUser('root', new Date());
        expect(await store.hasActiveAdmin()).toBe(false);
      });
    });

    describe('sessions', () => {
      it('finds a session until it expires, and not after', async () => {
        const user = await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'h' });
        const session = {
          idHash: 'a'.repeat(64),
          userId: user.id,
          createdAt: '2030-01-01T09:00:00.000Z',
          expiresAt: '2030-01-01T17:00:00.000Z',
        };
        await store.createSession(session);
        expect(await store.findSession(session.idHash, new Date('2030-01-01T16:59:59.999Z'))).toEqual(session);
        expect(await store.findSession(session.idHash, new Date('2030-01-01T17:00:00.000Z'))).toBeUndefined();
        expect(await store.findSession('b'.repeat(64), new Date('2030-01-01T10:00:00Z'))).toBeUndefined();
      });

      it('deletes one session on logout', async () => {
        const user = await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'h' });
        const times = { createdAt: '2030-01-01T09:00:00.000Z', expiresAt: '2030-01-01T17:00:00.000Z' };
        await store.createSession({ idHash: 'one', userId: user.id, ...times });
        await store.createSession({ idHash: 'two', userId: user.id, ...times });
        await store.deleteSession('one');
        await store.deleteSession('never-existed');
        const at = new Date('2030-01-01T10:00:00Z');
        expect(await store.findSession('one', at)).toBeUndefined();
        expect(await store.findSession('two', at)).toBeDefined();
      });

      it('purges expired sessions only', async () => {
        const user = await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'h' });
        await store.createSession({ idHash: 'old', userId: user.id, createdAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-01T08:00:00.000Z' });
        await store.createSession({ idHash: 'new', userId: user.id, createdAt: '2030-01-01T09:00:00.000Z', expiresAt: '2030-01-01T17:00:00.000Z' });
        expect(await store.deleteExpiredSessions(new Date('2030-01-01T12:00:00Z'))).toBe(1);
        expect(await store.findSession('new', new Date('2030-01-01T12:00:00Z'))).toBeDefined();
      });
    });

    describe('API tokens', () => {
      it('creates a token, finds it by hash and lists it', async () => {
        const token = await store.createToken({ name: 'nightly-export', role: 'analyst', tokenHash: 'f'.repeat(64) });
        expect(token).toEqual({
          id: expect.any(String),
          name: 'nightly-export',
          role: 'analyst',
          tokenHash: 'f'.repeat(64),
          createdAt: expect.stringMatching(/Z$/),
        });
        expect(await store.findTokenByHash('f'.repeat(64))).toEqual(token);
        expect(await store.findTokenByHash('e'.repeat(64))).toBeUndefined();
        expect(await store.listTokens()).toEqual([token]);
      });

      it('refuses a second token with the same name', async () => {
        await store.createToken({ name: 'ci', role: 'analyst', tokenHash: '1' });
        await expect(store.createToken({ name: 'ci', role: 'analyst', tokenHash: '2' })).rejects.toBeInstanceOf(NameTakenError);
      });

      it('revokes a token by name; a revoked token is still found, marked revoked', async () => {
        await store.createToken({ name: 'ci', role: 'admin', tokenHash: 'h1' });
        const revoked = await store.revokeToken('ci', new Date('2030-02-01T00:00:00Z'));
        expect(revoked?.revokedAt).toBe('2030-02-01T00:00:00.000Z');
        expect((await store.revokeToken('ci', new Date('2030-03-01T00:00:00Z')))?.revokedAt).toBe('2030-02-01T00:00:00.000Z');
        expect((await store.findTokenByHash('h1'))?.revokedAt).toBe('2030-02-01T00:00:00.000Z');
        expect(await store.revokeToken('unknown', new Date())).toBeUndefined();
      });
    });

    describeEnrollmentStore(() => store, reopen);

    if (reopen) {
      it('shares users, sessions and revocations with a second handle on the same data', async () => {
        const user = await store.createUser({ name: 'sato', role: 'analyst', passwordHash: 'h' });
        await store.createSession({ idHash: 'shared', userId: user.id, createdAt: '2030-01-01T09:00:00.000Z', expiresAt: '2030-01-01T17:00:00.000Z' });
        await store.createToken({ name: 'ci', role: 'analyst', tokenHash: 'tok' });
        const other = await reopen(store);
        try {
          expect(await other.findUserByName('sato')).toEqual(user);
          expect(await other.findSession('shared', new Date('2030-01-01T10:00:00Z'))).toBeDefined();
          await other.revokeToken('ci', new Date('2030-01-01T11:00:00Z'));
          expect((await store.findTokenByHash('tok'))?.revokedAt).toBe('2030-01-01T11:00:00.000Z');
        } finally {
          await other.close();
        }
      });
    }

    it('refuses to work once closed', async () => {
      await store.close();
      await expect(store.listUsers()).rejects.toThrow(/closed/);
    });
  });
}
