/**
 * The one schema-migration runner for the toolkit's SQLite files (responses,
 * accounts). `PRAGMA user_version` records how many steps a file has run
 * (https://www.sqlite.org/pragma.html#pragma_user_version); each store keeps its
 * own list. Append new steps, never edit old ones: files in the field have run them.
 */
import type Database from 'better-sqlite3';

/**
 * Runs the steps `db` has not run yet, in order, in one IMMEDIATE transaction:
 * it takes the write lock first, so two processes opening a new file at once
 * migrate it once (the second waits, then sees the new user_version), and a
 * failing step leaves the file as it was. A file migrated by a newer program
 * is refused, naming both versions.
 */
export function runSqliteMigrations(db: Database.Database, migrations: readonly string[]): void {
  db.transaction(() => {
    const applied = db.pragma('user_version', { simple: true }) as number;
    if (applied > migrations.length) {
      throw new Error(`schema version ${applied} is newer than this program knows (${migrations.length}); upgrade the toolkit`);
    }
    for (let step = applied; step < migrations.length; step++) db.exec(migrations[step]);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}
