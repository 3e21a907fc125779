/**
 * The SQLite half of EnrollmentStore (server/auth/enrollment-store.ts): its
 * migration step and its statements, used by server/auth/sqlite-auth-store.ts.
 * Kept apart so the account code stays readable.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { WardCode } from '../../contracts/wards.ts';
import { NameTakenError } from './auth-store.ts';
import type { EnrollmentStore, InvitationBatch, Kiosk, NewInvitationBatch, NewKiosk, SpendResult } from './enrollment-store.ts';

/**
 * Migration step 2. invitation_codes has no time column and no rowid (WITHOUT
 * ROWID, keyed by the hash), so neither a timestamp nor an insertion order can
 * tie a spent code to the response stored at that moment. Spending flips `spent`
 * in place (0 and 1 take no bytes in a SQLite record, so the row keeps its size
 * and its place in the page), and the write-ahead log is emptied right after
 * (`forgetSpendingOrder`): see there.
 */
export const ENROLLMENT_TABLES_MIGRATION = `
  CREATE TABLE kiosks (
    seq               INTEGER PRIMARY KEY,
    kiosk_id          TEXT NOT NULL UNIQUE,
    ward              TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    enroll_code_hash  TEXT UNIQUE,
    enroll_expires_at TEXT,
    credential_hash   TEXT UNIQUE,
    enrolled_at       TEXT,
    revoked_at        TEXT
  ) STRICT;
  CREATE TABLE invitation_batches (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    survey_id  TEXT NOT NULL,
    workplace  TEXT,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE invitation_codes (
    code_hash TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL,
    batch_id  TEXT NOT NULL REFERENCES invitation_batches (id),
    spent     INTEGER NOT NULL DEFAULT 0 CHECK (spent IN (0, 1))
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX invitation_codes_batch ON invitation_codes (batch_id);
`;

interface KioskRow {
  kiosk_id: string;
  ward: WardCode;
  created_at: string;
  enroll_code_hash: string | null;
  enroll_expires_at: string | null;
  credential_hash: string | null;
  enrolled_at: string | null;
  revoked_at: string | null;
}

interface BatchRow {
  id: string;
  survey_id: string;
  workplace: string | null;
  created_at: string;
  count: number;
  spent: number;
}

export function sqliteEnrollmentTables(db: Database.Database): EnrollmentStore {
  const statements = {
    insertKiosk: db.prepare<[KioskRow]>(`
      INSERT INTO kiosks (kiosk_id, ward, created_at, enroll_code_hash, enroll_expires_at, credential_hash, enrolled_at, revoked_at)
      VALUES (@kiosk_id, @ward, @created_at, @enroll_code_hash, @enroll_expires_at, @credential_hash, @enrolled_at, @revoked_at)`),
    // One statement, so two tablets racing with one code cannot both win.
    redeem: db.prepare<[{ code: string; credential: string; now: string }], KioskRow>(`
      UPDATE kiosks SET credential_hash = @credential, enrolled_at = @now, enroll_code_hash = NULL, enroll_expires_at = NULL
      WHERE enroll_code_hash = @code AND enroll_expires_at > @now AND revoked_at IS NULL
      RETURNING *`),
    kioskByCredential: db.prepare<[string], KioskRow>('SELECT * FROM kiosks WHERE credential_hash = ?'),
    kioskById: db.prepare<[string], KioskRow>('SELECT * FROM kiosks WHERE kiosk_id = ?'),
    allKiosks: db.prepare<[], KioskRow>('SELECT * FROM kiosks ORDER BY seq'),
    revokeKiosk: db.prepare<[string, string]>(
      'UPDATE kiosks SET revoked_at = coalesce(revoked_at, ?), enroll_code_hash = NULL WHERE kiosk_id = ?',
    ),
    insertBatch: db.prepare<[{ id: string; survey_id: string; workplace: string | null; created_at: string }]>(
      'INSERT INTO invitation_batches (id, survey_id, workplace, created_at) VALUES (@id, @survey_id, @workplace, @created_at)',
    ),
    insertCode: db.prepare<[string, string, string]>('INSERT INTO invitation_codes (code_hash, survey_id, batch_id) VALUES (?, ?, ?)'),
    codeSpent: db.prepare<[string, string], { spent: number }>('SELECT spent FROM invitation_codes WHERE code_hash = ? AND survey_id = ?'),
    spend: db.prepare<[string, string]>('UPDATE invitation_codes SET spent = 1 WHERE code_hash = ? AND survey_id = ? AND spent = 0'),
    unspend: db.prepare<[string, string]>('UPDATE invitation_codes SET spent = 0 WHERE code_hash = ? AND survey_id = ?'),
    batches: db.prepare<[string], BatchRow>(`
      SELECT b.id, b.survey_id, b.workplace, b.created_at, count(c.code_hash) AS count, coalesce(sum(c.spent), 0) AS spent
      FROM invitation_batches b LEFT JOIN invitation_codes c ON c.batch_id = b.id
      WHERE b.survey_id = ? GROUP BY b.id ORDER BY b.seq`),
  };

  return {
    async createKiosk(kiosk: NewKiosk): Promise<Kiosk> {
      const row: KioskRow = {
        kiosk_id: kiosk.kioskId,
        ward: kiosk.ward,
        created_at: new Date().toISOString(),
        enroll_code_hash: kiosk.enrollCodeHash,
        enroll_expires_at: kiosk.enrollExpiresAt,
        credential_hash: null,
        enrolled_at: null,
        revoked_at: null,
      };
      try {
        statements.insertKiosk.run(row);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && statements.kioskById.get(kiosk.kioskId)) {
          throw new NameTakenError('kiosk', kiosk.kioskId);
        }
        throw error;
      }
      return kioskFromRow(row);
    },
    async redeemEnrollment(codeHash, credentialHash, now) {
      const row = statements.redeem.get({ code: codeHash, credential: credentialHash, now: now.toISOString() });
      return row && kioskFromRow(row);
    },
    async findKioskByCredential(credentialHash) {
      const row = statements.kioskByCredential.get(credentialHash);
      return row && kioskFromRow(row);
    },
    async listKiosks() {
      return statements.allKiosks.all().map(kioskFromRow);
    },
    async revokeKiosk(kioskId, at) {
      if (statements.revokeKiosk.run(at.toISOString(), kioskId).changes === 0) return undefined;
      return kioskFromRow(statements.kioskById.get(kioskId)!);
    },

    async createInvitations(batch: NewInvitationBatch): Promise<InvitationBatch> {
      const id = randomUUID();
      const createdAt = new Date().toISOString();
      db.transaction(() => {
        statements.insertBatch.run({ id, survey_id: batch.surveyId, workplace: batch.workplace ?? null, created_at: createdAt });
        for (const hash of batch.codeHashes) statements.insertCode.run(hash, batch.surveyId, id);
      }).immediate();
      return withWorkplace({ id, surveyId: batch.surveyId, createdAt, count: batch.codeHashes.length, spent: 0 }, batch.workplace ?? null);
    },
    async invitationStatus(surveyId, codeHash) {
      const row = statements.codeSpent.get(codeHash, surveyId);
      return row === undefined ? 'unknown' : row.spent ? 'spent' : 'unused';
    },
    async spendInvitation(surveyId, codeHash): Promise<SpendResult> {
      // A single UPDATE … WHERE spent = 0: SQLite runs it under the write lock, so only one caller changes the row.
      if (statements.spend.run(codeHash, surveyId).changes === 1) {
        forgetSpendingOrder(db);
        return 'spent';
      }
      return statements.codeSpent.get(codeHash, surveyId) ? 'already-spent' : 'unknown';
    },
    async unspendInvitation(surveyId, codeHash) {
      if (statements.unspend.run(codeHash, surveyId).changes > 0) forgetSpendingOrder(db);
    },
    async listInvitationBatches(surveyId) {
      return statements.batches.all(surveyId).map((row) =>
        withWorkplace({ id: row.id, surveyId: row.survey_id, createdAt: row.created_at, count: row.count, spent: row.spent }, row.workplace),
      );
    },
  };
}

/**
 * Issue 20, finding 7. In WAL mode every commit appends the pages it changed to auth.sqlite-wal,
 * in commit order, until a checkpoint copies them into the database file. So after ten spends the
 * WAL would hold ten frames, in the order the codes were spent, each with the page of the code's
 * row: anyone with the files could read the spending order and line it up with the order of the
 * responses in responses.sqlite. A TRUNCATE checkpoint right after each spend copies the page into
 * the file, in place, and cuts the WAL to zero bytes, so at rest the files hold only which codes
 * are spent. The spend itself stays one atomic UPDATE, committed before the response is stored.
 *
 * If another connection is reading at that moment (another server process or a CLI command on the
 * same file), SQLite cannot reset the WAL yet: the checkpoint waits for it at most
 * CHECKPOINT_WAIT_MS (not the store's 10 s busy timeout, which would hold up the respondent), and
 * the next spend's checkpoint empties the WAL instead.
 */
const CHECKPOINT_WAIT_MS = 250;

function forgetSpendingOrder(db: Database.Database): void {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${CHECKPOINT_WAIT_MS}`);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // The spend is committed: a checkpoint that cannot run now must not turn it into a failed submission.
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

function withWorkplace(batch: InvitationBatch, workplace: string | null): InvitationBatch {
  return workplace === null ? batch : { ...batch, workplace };
}

function kioskFromRow(row: KioskRow): Kiosk {
  const kiosk: Kiosk = { kioskId: row.kiosk_id, ward: row.ward, createdAt: row.created_at };
  if (row.enroll_expires_at !== null) kiosk.enrollExpiresAt = row.enroll_expires_at;
  if (row.enrolled_at !== null) kiosk.enrolledAt = row.enrolled_at;
  if (row.revoked_at !== null) kiosk.revokedAt = row.revoked_at;
  return kiosk;
}
