/**
 * The kiosk and invitation half of the AuthStore contract
 * (server/auth/enrollment-store.ts), run inside runAuthStoreContract for every
 * implementation. `current()` is the fresh store of the running test.
 */
import { describe, expect, it } from 'vitest';
import { NameTakenError, type AuthStore } from '../../server/auth/auth-store.ts';

const EXPIRES = '2030-01-02T00:00:00.000Z';
const BEFORE = new Date('2030-01-01T12:00:00Z');
const AFTER = new Date('2030-01-02T00:00:01Z');

export function describeEnrollmentStore(current: () => AuthStore, reopen?: (store: AuthStore) => Promise<AuthStore>): void {
  describe('kiosks', () => {
    it('creates a pending kiosk, redeems its code once for a credential, and finds it by that credential', async () => {
      const store = current();
      const created = await store.createKiosk({ kioskId: 'chuo-01', ward: 'chuo', enrollCodeHash: 'code-1', enrollExpiresAt: EXPIRES });
      expect(created).toEqual({ kioskId: 'chuo-01', ward: 'chuo', createdAt: expect.stringMatching(/Z$/), enrollExpiresAt: EXPIRES });
      const enrolled = await store.redeemEnrollment('code-1', 'cred-1', BEFORE);
      expect(enrolled).toEqual({ kioskId: 'chuo-01', ward: 'chuo', createdAt: created.createdAt, enrolledAt: BEFORE.toISOString() });
      expect(await store.redeemEnrollment('code-1', 'cred-2', BEFORE)).toBeUndefined();
      expect(await store.findKioskByCredential('cred-1')).toEqual(enrolled);
      expect(await store.findKioskByCredential('cred-2')).toBeUndefined();
    });

    it('of concurrent redeems of one code, exactly one wins', async () => {
      const store = current();
      await store.createKiosk({ kioskId: 'kita-01', ward: 'kita', enrollCodeHash: 'race', enrollExpiresAt: EXPIRES });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.redeemEnrollment('race', `cred-${i}`, BEFORE)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('refuses an expired or revoked code, and a taken kiosk id', async () => {
      const store = current();
      await store.createKiosk({ kioskId: 'a', ward: 'chuo', enrollCodeHash: 'ca', enrollExpiresAt: EXPIRES });
      await store.createKiosk({ kioskId: 'b', ward: 'chuo', enrollCodeHash: 'cb', enrollExpiresAt: EXPIRES });
      expect(await store.redeemEnrollment('ca', 'x', AFTER)).toBeUndefined();
      await store.revokeKiosk('b', BEFORE);
      expect(await store.redeemEnrollment('cb', 'y', BEFORE)).toBeUndefined();
      await expect(store.createKiosk({ kioskId: 'a', ward: 'kita', enrollCodeHash: 'cc', enrollExpiresAt: EXPIRES })).rejects.toBeInstanceOf(NameTakenError);
    });

    it('revokes by kiosk id keeping the first date; a revoked kiosk is still found by credential, marked revoked', async () => {
      const store = current();
      await store.createKiosk({ kioskId: 'teine-01', ward: 'teine', enrollCodeHash: 'c', enrollExpiresAt: EXPIRES });
      await store.redeemEnrollment('c', 'cred', BEFORE);
      expect((await store.revokeKiosk('teine-01', new Date('2030-02-01T00:00:00Z')))?.revokedAt).toBe('2030-02-01T00:00:00.000Z');
      expect((await store.revokeKiosk('teine-01', new Date('2030-03-01T00:00:00Z')))?.revokedAt).toBe('2030-02-01T00:00:00.000Z');
      expect((await store.findKioskByCredential('cred'))?.revokedAt).toBe('2030-02-01T00:00:00.000Z');
      expect(await store.revokeKiosk('nobody', BEFORE)).toBeUndefined();
      expect((await store.listKiosks()).map((kiosk) => kiosk.kioskId)).toEqual(['teine-01']);
    });
  });

  describe('invitations', () => {
    it('spends a code once, per survey, and can give it back', async () => {
      const store = current();
      const batch = await store.createInvitations({ surveyId: 'staff', workplace: '本庁舎', codeHashes: ['h1', 'h2'] });
      expect(batch).toEqual({ id: expect.any(String), surveyId: 'staff', workplace: '本庁舎', createdAt: expect.any(String), count: 2, spent: 0 });
      expect(await store.invitationStatus('staff', 'h1')).toBe('unused');
      expect(await store.spendInvitation('other-survey', 'h1')).toBe('unknown');
      expect(await store.spendInvitation('staff', 'h1')).toBe('spent');
      expect(await store.spendInvitation('staff', 'h1')).toBe('already-spent');
      expect(await store.invitationStatus('staff', 'h1')).toBe('spent');
      expect(await store.spendInvitation('staff', 'nope')).toBe('unknown');
      expect(await store.listInvitationBatches('staff')).toEqual([{ ...batch, spent: 1 }]);
      await store.unspendInvitation('staff', 'h1');
      expect(await store.invitationStatus('staff', 'h1')).toBe('unused');
      expect(await store.listInvitationBatches('other-survey')).toEqual([]);
    });

    it('of concurrent spends of one code, exactly one gets "spent"', async () => {
      const store = current();
      await store.createInvitations({ surveyId: 'staff', codeHashes: ['only'] });
      const results = await Promise.all(Array.from({ length: 10 }, () => store.spendInvitation('staff', 'only')));
      expect(results.filter((result) => result === 'spent')).toHaveLength(1);
      expect(results.filter((result) => result === 'already-spent')).toHaveLength(9);
    });

    if (reopen) {
      it('a code spent through one handle is spent for another', async () => {
        const store = current();
        await store.createInvitations({ surveyId: 'staff', codeHashes: ['shared'] });
        const other = await reopen(store);
        try {
          expect(await other.spendInvitation('staff', 'shared')).toBe('spent');
          expect(await store.spendInvitation('staff', 'shared')).toBe('already-spent');
        } finally {
          await other.close();
        }
      });
    }
  });
}
