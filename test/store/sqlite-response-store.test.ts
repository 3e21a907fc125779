import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { newResponse } from './new-response.ts';
import { runResponseStoreContract } from './response-store.contract.ts';

async function newTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sqlite-store-'));
}

runResponseStoreContract({
  name: 'SQLite',
  newStorage: async () => {
    const dir = await newTempDir();
    return { open: () => openSqliteResponseStore(join(dir, 'responses.sqlite')), cleanup: () => rm(dir, { recursive: true, force: true }) };
  },
});

describe('SQLite response store on its file', () => {
  let dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    dirs = [];
  });
  async function tempFile(): Promise<string> {
    const dir = await newTempDir();
    dirs.push(dir);
    return join(dir, 'responses.sqlite');
  }

  it('creates a WAL-mode file with the unique submission index at schema version 2', async () => {
    const file = await tempFile();
    await (await openSqliteResponseStore(file)).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses' AND sql IS NOT NULL ORDER BY name").all();
    expect(indexes).toEqual([
      { name: 'responses_submission_id', sql: 'CREATE UNIQUE INDEX responses_submission_id ON responses (submission_id)' },
      { name: 'responses_survey_received', sql: 'CREATE INDEX responses_survey_received ON responses (survey_id, received_at)' },
    ]);
    db.close();
  });

  it('refuses a file written by a newer schema, naming both versions', async () => {
    const file = await tempFile();
    await (await openSqliteResponseStore(file)).close();
    const db = new Database(file);
    db.pragma('user_version = 7');
    db.close();
    await expect(openSqliteResponseStore(file)).rejects.toThrow(/responses\.sqlite.*schema version 7 is newer than this program knows \(2\)/);
  });

  it('lower-cases the submissionIds of a file written before issue 20, keeping both rows of a response stored twice', async () => {
    const file = await tempFile();
    const old = new Database(file);
    // Schema version 1, as files in the field have it.
    old.exec(`
      CREATE TABLE responses (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, survey_id TEXT NOT NULL, survey_version INTEGER NOT NULL,
        submission_id TEXT NOT NULL, channel TEXT NOT NULL, meta TEXT NOT NULL CHECK (json_valid(meta)),
        started_at TEXT NOT NULL, completed_at TEXT NOT NULL, received_at TEXT NOT NULL, data TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT;
      CREATE UNIQUE INDEX responses_submission_id ON responses (submission_id);
      CREATE INDEX responses_survey_received ON responses (survey_id, received_at);
      PRAGMA user_version = 1;`);
    const insert = old.prepare(`INSERT INTO responses (id, survey_id, survey_version, submission_id, channel, meta, started_at, completed_at, received_at, data)
      VALUES (?, 'ward-office-exit', 1, ?, 'kiosk', '{"locale":"ja"}', '2025-06-02T00:00:00.000Z', '2025-06-02T00:00:00.000Z', ?, '{}')`);
    const upper = randomUUID().toUpperCase();
    const twice = randomUUID();
    insert.run('r1', upper, '2025-06-02T00:00:01.000Z');
    insert.run('r2', twice, '2025-06-02T00:00:02.000Z');
    insert.run('r3', twice.toUpperCase(), '2025-06-02T00:00:03.000Z'); // the same response, stored again before issue 20
    old.close();

    const store = await openSqliteResponseStore(file);
    expect((await store.get('r1'))!.submissionId).toBe(upper.toLowerCase());
    expect((await store.getBySubmissionId(upper))!.id).toBe('r1');
    expect((await store.getBySubmissionId(twice.toUpperCase()))!.id).toBe('r2');
    expect((await store.get('r3'))!.submissionId).toBe(twice.toUpperCase()); // kept, nothing deleted
    expect(await store.count({ surveyId: 'ward-office-exit' })).toBe(3);
    const retry = await store.insert(newResponse({ submissionId: upper, meta: { locale: 'ja' }, data: {} }));
    expect(retry).toMatchObject({ id: 'r1', duplicate: true });
    await store.close();
  });

  it('stores one record per submissionId when three processes insert the same ones at once', async () => {
    const file = await tempFile();
    await (await openSqliteResponseStore(file)).close(); // schema first: this test is about the inserts (the next one races the migration)
    const submissionIds = Array.from({ length: 300 }, () => randomUUID());
    const outputs = await Promise.all([0, 1, 2].map((seed) => runInsertWorker(file, submissionIds, seed)));

    const store = await openSqliteResponseStore(file);
    expect(await store.count({ surveyId: 'ward-office-exit' })).toBe(300);
    for (const submissionId of submissionIds) {
      const stored = (await store.getBySubmissionId(submissionId))!;
      const answers = outputs.map((output) => output[submissionId]);
      expect(answers.map((a) => a.id)).toEqual([stored.id, stored.id, stored.id]);
      expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    }
    await store.close();
  });

  it('migrates a new file once when three processes open it at the same moment', async () => {
    const file = await tempFile();
    const submissionIds = Array.from({ length: 20 }, () => randomUUID());
    await Promise.all([0, 1, 2].map((seed) => runInsertWorker(file, submissionIds, seed)));
    const store = await openSqliteResponseStore(file);
    expect(await store.count({ surveyId: 'ward-office-exit' })).toBe(20);
    await store.close();
  });
});

type WorkerOutput = Record<string, { id: string; duplicate: boolean }>;

/** Runs test/store/insert-worker.ts in its own Node process and resolves to its answers. */
function runInsertWorker(file: string, submissionIds: string[], seed: number): Promise<WorkerOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'insert-worker.ts'), file, String(seed)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`insert worker exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
    child.stdin.end(JSON.stringify(submissionIds));
  });
}
