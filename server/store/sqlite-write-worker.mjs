// The SQLite store's writer, in a worker thread, so that a commit's fsync (and
// the WAL checkpoints that ride on commits) never block the HTTP event loop:
// the main thread keeps parsing and validating the next requests meanwhile.
//
// Plain JavaScript on purpose: a worker does not inherit tsx's loader when tsx
// was registered programmatically (bin/start.js) or under Vitest, so a .ts
// worker would not start everywhere. The SQL comes from sqlite-response-store.ts.
//
// Protocol: the main thread posts one batch per event-loop turn and does not
// wait; answers come back in order, one per batch.
//   in:  { type: 'commit', rows }      out: { type: 'committed', results } | { type: 'failed', error }
//   in:  { type: 'import', rows }      out: the same
//   in:  { type: 'close' }             out: { type: 'closed' }
//   at start: { type: 'ready' } or { type: 'failed', error }
// Group commit: 'commit' batches that queued up while a commit ran are committed
// together in the next transaction, so one fsync acknowledges all of them. An
// 'import' batch (records that keep their own ids) is committed alone: its ids
// may collide, and its failure must not roll back anyone else's response.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { filePath, busyTimeoutMs, insertSql, selectStoredSql } = workerData;

function describe(error) {
  return { message: error instanceof Error ? error.message : String(error), code: error?.code };
}

let db;
let commitBatch;
try {
  db = new Database(filePath, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  // FULL: fsync the WAL on every commit, so a committed response survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const insert = db.prepare(insertSql);
  const selectStored = db.prepare(selectStoredSql);
  // Inside one IMMEDIATE transaction, "insert or do nothing, then read the
  // winner" cannot interleave with another writer, in this process or another.
  commitBatch = db.transaction((rows) =>
    rows.map((row) => {
      try {
        if (insert.run(row).changes === 1) return { id: row.id, duplicate: false };
      } catch (error) {
        // ON CONFLICT covers submission_id only; the other unique column is id, which only an import can repeat.
        if (error?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new Error(`record id ${JSON.stringify(row.id)} already exists with another submissionId than ${JSON.stringify(row.submission_id)}`);
        }
        throw error;
      }
      // The stored content goes back too: the main thread decides duplicate or conflict (submission-content.ts).
      const { id, ...stored } = selectStored.get(row.submission_id);
      return { id, duplicate: true, stored };
    }),
  );
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'failed', error: describe(error) });
}

function commitTogether(batches) {
  let results;
  try {
    results = commitBatch.immediate(batches.flat());
  } catch (error) {
    // The transaction rolled back: nothing of these batches is stored.
    for (let i = 0; i < batches.length; i++) parentPort.postMessage({ type: 'failed', error: describe(error) });
    return;
  }
  let offset = 0;
  for (const rows of batches) {
    parentPort.postMessage({ type: 'committed', results: results.slice(offset, offset + rows.length) });
    offset += rows.length;
  }
}

function close() {
  db?.close();
  parentPort.postMessage({ type: 'closed' });
  parentPort.close();
}

parentPort.on('message', (first) => {
  // Take every message already waiting, without yielding to the event loop, and answer them in order.
  const messages = [first];
  for (let next = receiveMessageOnPort(parentPort); next; next = receiveMessageOnPort(parentPort)) messages.push(next.message);
  let commits = [];
  for (const message of messages) {
    if (message.type === 'commit') {
      commits.push(message.rows);
      continue;
    }
    if (commits.length > 0) commitTogether(commits);
    commits = [];
    if (message.type === 'import') commitTogether([message.rows]);
    else if (message.type === 'close') return close(); // nothing is posted after close
  }
  if (commits.length > 0) commitTogether(commits);
});
