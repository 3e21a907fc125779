/**
 * What `survey-toolkit migrate` needs from an SQLite response file beyond the
 * ResponseStore interface: every surveyId in it, and storing records as they
 * are (keeping their id and receivedAt) rather than as new responses.
 *
 * The file is opened through openSqliteResponseStore first, which creates and
 * migrates it, so this writes only to a schema it knows: version 1 of
 * sqlite-response-store.ts. A newer file is refused, naming both versions.
 * (Better placed in the SQLite store itself once its owner adds an import
 * method; until then this is the one place that knows its columns.)
 */
import Database from 'better-sqlite3';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { InsertResult, ResponseStore } from './response-store.ts';
import { openSqliteResponseStore } from './sqlite-response-store.ts';

const KNOWN_SCHEMA_VERSION = 1;
const BUSY_TIMEOUT_MS = 10_000;

export interface SqliteRecordImport {
  /** The store itself, for reading (`list`, `count`). */
  store: ResponseStore;
  listSurveyIds(): Promise<string[]>;
  /**
   * Stores the records in one transaction (one fsync), each kept as it is; a
   * record whose submissionId is already stored is left out and answered with
   * the stored id and duplicate: true.
   */
  importRecords(records: ResponseRecord[]): Promise<InsertResult[]>;
  close(): Promise<void>;
}

export async function openSqliteRecordImport(filePath: string): Promise<SqliteRecordImport> {
  const store = await openSqliteResponseStore(filePath);
  const db = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('synchronous = FULL');
    const version = db.pragma('user_version', { simple: true });
    if (version !== KNOWN_SCHEMA_VERSION) {
      throw new Error(`"${filePath}" has response schema version ${version}; migrate knows version ${KNOWN_SCHEMA_VERSION} only`);
    }
  } catch (error) {
    db.close();
    await store.close();
    throw error;
  }

  const insert = db.prepare(`
    INSERT INTO responses (id, survey_id, survey_version, submission_id, channel, meta, started_at, completed_at, received_at, data)
    VALUES (@id, @survey_id, @survey_version, @submission_id, @channel, @meta, @started_at, @completed_at, @received_at, @data)
    ON CONFLICT (submission_id) DO NOTHING`);
  const idBySubmissionId = db.prepare<[string], { id: string }>('SELECT id FROM responses WHERE submission_id = ?');
  const surveyIds = db.prepare<[], { survey_id: string }>('SELECT DISTINCT survey_id FROM responses ORDER BY survey_id');
  const importBatch = db.transaction((records: ResponseRecord[]) =>
    records.map((record): InsertResult => {
      try {
        if (insert.run(toRow(record)).changes === 1) return { id: record.id, duplicate: false };
      } catch (error) {
        // ON CONFLICT covers submission_id only; the other unique column is id.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new Error(`record id ${JSON.stringify(record.id)} already exists with another submissionId than ${JSON.stringify(record.submissionId)}`);
        }
        throw error;
      }
      return { id: idBySubmissionId.get(record.submissionId)!.id, duplicate: true };
    }),
  );

  let closed = false;
  return {
    store,
    async listSurveyIds() {
      return surveyIds.all().map((row) => row.survey_id);
    },
    async importRecords(records) {
      if (closed) throw new Error('response store is closed');
      return importBatch.immediate(records);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
      await store.close();
    },
  };
}

function toRow(record: ResponseRecord) {
  return {
    id: record.id,
    survey_id: record.surveyId,
    survey_version: record.surveyVersion,
    submission_id: record.submissionId,
    channel: record.channel,
    meta: JSON.stringify(record.meta),
    started_at: record.startedAt,
    completed_at: record.completedAt,
    received_at: record.receivedAt,
    data: JSON.stringify(record.data),
  };
}
