// A bulk reader of the SQLite store's stored lines, in a worker thread: the live tables' first pass at start-up
// (issue 23) reads every stored record here while the main thread scans the pages already read, so reading and
// scanning share the machine's two cores instead of taking turns on one (docs/architecture.md, "The dashboard's
// memory"). Plain JavaScript for the reason sqlite-write-worker.mjs gives; the SQL comes from
// sqlite-response-store.ts.
//
// Protocol: the worker reads pages of `pageSize` rows after `after` (the rowid cursor) and posts each as
//   { type: 'page', bytes, ends, ids, surveyIds, receivedAts, tests, kioskIds, cursor }
// where the page's JSON lines are one buffer (line k is bytes[ends[k-1] … ends[k]), transferred, not copied),
// then { type: 'end', cursor } after the first page shorter than asked (the end of the store as it was then), or
// { type: 'failed', error }. It keeps at most `ahead` pages unanswered: the main thread posts { type: 'next' } for
// each page it has taken, so a slow scan holds the reader back instead of filling memory.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { filePath, busyTimeoutMs, sql, after, pageSize, ahead } = workerData;

let db;
let select;
let cursor = after;
let credit = ahead;
let ended = false;

try {
  db = new Database(filePath, { readonly: true, timeout: busyTimeoutMs });
  select = db.prepare(sql);
} catch (error) {
  fail(error);
}

parentPort.on('message', (message) => {
  if (message.type === 'next') {
    credit += 1;
    readWhileAllowed();
  }
});
readWhileAllowed();

function readWhileAllowed() {
  try {
    while (!ended && credit > 0) {
      const rows = select.all(cursor, pageSize);
      if (rows.length > 0) {
        cursor = rows[rows.length - 1].seq;
        postPage(rows);
        credit -= 1;
      }
      if (rows.length < pageSize) {
        ended = true;
        db.close();
        parentPort.postMessage({ type: 'end', cursor });
      }
    }
  } catch (error) {
    fail(error);
  }
}

function postPage(rows) {
  let total = 0;
  for (const row of rows) total += row.line.length;
  const bytes = new Uint8Array(total);
  const ends = new Int32Array(rows.length);
  const ids = new Array(rows.length);
  const surveyIds = new Array(rows.length);
  const receivedAts = new Array(rows.length);
  const tests = new Uint8Array(rows.length);
  const kioskIds = new Array(rows.length);
  let at = 0;
  rows.forEach((row, k) => {
    bytes.set(row.line, at);
    at += row.line.length;
    ends[k] = at;
    ids[k] = row.id;
    surveyIds[k] = row.survey_id;
    receivedAts[k] = row.received_at;
    tests[k] = row.test === 1 ? 1 : 0;
    kioskIds[k] = typeof row.kiosk_id === 'string' ? row.kiosk_id : null;
  });
  parentPort.postMessage({ type: 'page', bytes, ends, ids, surveyIds, receivedAts, tests, kioskIds, cursor }, [bytes.buffer, ends.buffer, tests.buffer]);
}

function fail(error) {
  ended = true;
  try {
    db?.close();
  } catch {
    // Already closed or never opened: the failure below is what matters.
  }
  parentPort.postMessage({ type: 'failed', error: { message: error instanceof Error ? error.message : String(error) } });
}
