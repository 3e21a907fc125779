/**
 * Issue 20, finding 7: the order in which invitation codes are spent must leave no trace in
 * auth.sqlite or its write-ahead log. Otherwise an admin with the files reads the spending order
 * (WAL frames are appended in commit order, one per spend, each holding the page with the code's
 * row) and lines it up with the order of the responses in responses.sqlite: code → response.
 *
 * The test spends codes in a known, shuffled order and checks, after every single spend, what a
 * reader of the files could use: the WAL holds no page with any code in it, and no code's row has
 * moved in the database file (a spend flips a flag in place; rows stay where their creation put
 * them), so neither frame order nor row placement can carry the spending order.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteAuthStore } from '../../server/auth/sqlite-auth-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'invitation-order-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const read = (file: string) => (existsSync(file) ? readFileSync(file).toString('latin1') : '');

/** Where each hash first occurs in the bytes (-1: absent). */
function positions(bytes: string, hashes: string[]): number[] {
  return hashes.map((hash) => bytes.indexOf(hash));
}

describe('spending invitation codes (SQLite auth store)', () => {
  it('leaves no frame of a code page in the WAL after any spend, whatever the spending order', async () => {
    const file = join(dir, 'auth.sqlite');
    const store = await openSqliteAuthStore(file);
    try {
      // 150 codes: several pages of rows, so an order could show both across and within pages.
      const hashes = Array.from({ length: 150 }, () => sha(randomBytes(16).toString('hex')));
      await store.createInvitations({ surveyId: 'staff', workplace: '本庁舎', codeHashes: hashes });
      const spendingOrder = [...hashes].sort(() => Math.random() - 0.5);

      for (const [k, hash] of spendingOrder.entries()) {
        expect(await store.spendInvitation('staff', hash)).toBe('spent');
        const wal = read(`${file}-wal`);
        const inWal = hashes.filter((h) => wal.includes(h));
        expect(inWal, `after spend ${k + 1}, the WAL holds pages with ${inWal.length} codes`).toEqual([]);
      }
      // What is spent is in the file itself.
      expect(positions(read(file), hashes).every((at) => at >= 0)).toBe(true);
      for (const hash of hashes) expect(await store.invitationStatus('staff', hash)).toBe('spent');
      // Giving a code back is a write too, and leaves no trace either.
      await store.unspendInvitation('staff', spendingOrder[7]);
      expect(hashes.filter((h) => read(`${file}-wal`).includes(h))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('keeps every row in place: the file before and after spending differs only in spent flags', async () => {
    const file = join(dir, 'auth-places.sqlite');
    const store = await openSqliteAuthStore(file);
    try {
      const hashes = Array.from({ length: 150 }, () => sha(randomBytes(16).toString('hex')));
      await store.createInvitations({ surveyId: 'staff', codeHashes: hashes });
      // Checkpoint what creating wrote, so the file holds every row before the first spend.
      expect(await store.spendInvitation('staff', 'no such code')).toBe('unknown');
      await store.spendInvitation('staff', hashes[0]);
      await store.unspendInvitation('staff', hashes[0]);
      const before = positions(read(file), hashes);
      expect(before.every((at) => at >= 0)).toBe(true);
      // Spend half, in an order unrelated to where the rows lie.
      for (const hash of [...hashes].reverse().filter((_, k) => k % 2 === 0)) await store.spendInvitation('staff', hash);
      expect(positions(read(file), hashes)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('spends at once while another connection (another process) holds a read open, and empties the WAL at the next spend', async () => {
    const file = join(dir, 'auth-reader.sqlite');
    const store = await openSqliteAuthStore(file);
    const reader = new Database(file, { readonly: true });
    try {
      const hashes = Array.from({ length: 40 }, () => sha(randomBytes(16).toString('hex')));
      await store.createInvitations({ surveyId: 'staff', codeHashes: hashes });
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM invitation_codes').get(); // a read transaction pins the WAL
      const started = Date.now();
      expect(await store.spendInvitation('staff', hashes[0])).toBe('spent');
      expect(Date.now() - started).toBeLessThan(2_000); // not the store's 10 s busy timeout
      reader.exec('COMMIT');
      expect(await store.spendInvitation('staff', hashes[1])).toBe('spent');
      expect(hashes.filter((h) => read(`${file}-wal`).includes(h))).toEqual([]);
      expect(await store.spendInvitation('staff', hashes[0])).toBe('already-spent');
    } finally {
      reader.close();
      await store.close();
    }
  });
});
