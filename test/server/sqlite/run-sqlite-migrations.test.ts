/**
 * The one migration runner both SQLite stores use (responses, accounts):
 * steps run once, in order, from where a file left off; a failing step
 * changes nothing; a newer file is refused. Real files, real SQLite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSqliteMigrations } from '../../../server/sqlite/run-sqlite-migrations.ts';

const STEPS = ['CREATE TABLE a (x INTEGER) STRICT; INSERT INTO a VALUES (1);', 'CREATE TABLE b (y TEXT) STRICT;', "INSERT INTO a VALUES (2); INSERT INTO b VALUES ('two');"];

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sqlite-migrations-'));
  file = join(dir, 'x.sqlite');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function withDb<T>(use: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}
const tables = (db: Database.Database) => db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((row) => row.name);

describe('runSqliteMigrations', () => {
  it('runs every step on a new file and records how many in user_version', () => {
    withDb((db) => runSqliteMigrations(db, STEPS));
    withDb((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(tables(db)).toEqual(['a', 'b']);
      expect(db.prepare('SELECT x FROM a ORDER BY x').pluck().all()).toEqual([1, 2]);
    });
  });

  it('runs only the steps a file has not run, and nothing when it is current', () => {
    withDb((db) => runSqliteMigrations(db, STEPS.slice(0, 1)));
    withDb((db) => runSqliteMigrations(db, STEPS));
    withDb((db) => runSqliteMigrations(db, STEPS)); // current: the inserts of steps 1 and 3 do not run again
    withDb((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.prepare('SELECT x FROM a ORDER BY x').pluck().all()).toEqual([1, 2]);
      expect(db.prepare('SELECT y FROM b').pluck().all()).toEqual(['two']);
    });
  });

  it('leaves the file as it was when a step fails', () => {
    withDb((db) => runSqliteMigrations(db, STEPS.slice(0, 1)));
    expect(() => withDb((db) => runSqliteMigrations(db, [...STEPS.slice(0, 2), 'INSERT INTO no_such_table VALUES (1);']))).toThrow(/no_such_table/);
    withDb((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(tables(db)).toEqual(['a']);
    });
  });

  it('refuses a file migrated by a newer program, naming both versions', () => {
    withDb((db) => runSqliteMigrations(db, STEPS));
    expect(() => withDb((db) => runSqliteMigrations(db, STEPS.slice(0, 2)))).toThrow('schema version 3 is newer than this program knows (2); upgrade the toolkit');
  });
});
