/**
 * The default ResponseStore: one SQLite file through better-sqlite3
 * (docs/decisions/0001-embedded-sqlite-store.md).
 *
 * Durability: WAL with synchronous=FULL fsyncs the WAL on every commit, and
 * `insert` resolves only after its commit returned, so a 201 survives `kill -9`
 * and power loss the instant after (https://www.sqlite.org/pragma.html#pragma_synchronous).
 *
 * Throughput: commits run in a worker thread (sqlite-write-worker.mjs), so an
 * fsync never blocks the HTTP event loop. Inserts of one event-loop turn go to
 * the worker as one batch, and batches that queue up while a commit runs are
 * committed together (group commit): under load one fsync acknowledges many
 * responses. Nobody is answered before the commit that holds their response returned.
 * Reads (get, list, count) use a second connection on the main thread; WAL
 * lets them run beside the writer.
 *
 * Imports (`importRecords`: migrate, test seeding) go through the same writer,
 * each batch in a transaction of its own, so a bad imported record can never
 * roll back respondents' inserts that would have shared its commit.
 */
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { InsertResult, NewResponse, ResponseQuery, ResponseStore, StoredLine, StoredPage } from './response-store.ts';
import { makeUuidV7 } from './make-uuid-v7.ts';
import { normaliseSubmissionId } from './submission-id.ts';
import { sameSubmissionContent } from './submission-content.ts';
import { toUtcIso } from '../to-utc-iso.ts';
import { runSqliteMigrations } from '../sqlite/run-sqlite-migrations.ts';

/** Rows read per page of `list`; bounds memory and how long the connection is held. */
const LIST_PAGE_SIZE = 500;
/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Schema migrations, applied in order by runSqliteMigrations; `PRAGMA user_version`
 * records how many ran. Append new steps, never edit old ones: files in the field have run them.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE responses (
    -- Explicit INTEGER PRIMARY KEY: the rowid is stable across VACUUM, so it can order and page.
    seq            INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    survey_id      TEXT    NOT NULL,
    survey_version INTEGER NOT NULL,
    submission_id  TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    meta           TEXT    NOT NULL CHECK (json_valid(meta)),
    started_at     TEXT    NOT NULL,
    completed_at   TEXT    NOT NULL,
    received_at    TEXT    NOT NULL,
    data           TEXT    NOT NULL CHECK (json_valid(data))
  ) STRICT;
  CREATE UNIQUE INDEX responses_submission_id ON responses (submission_id);
  CREATE INDEX responses_survey_received ON responses (survey_id, received_at);
  `,
  // Issue 20: submissionIds are stored lower-case (submission-id.ts). Rows stored before are lower-cased;
  // OR IGNORE leaves a row as it was if its lower-case id is taken: a response stored twice before,
  // when "ABC…" and "abc…" were different ids. Both rows are kept; the lower-case one answers every later retry.
  `
  UPDATE OR IGNORE responses SET submission_id = lower(submission_id) WHERE submission_id <> lower(submission_id);
  `,
];

interface ResponseRow {
  seq: number;
  id: string;
  survey_id: string;
  survey_version: number;
  submission_id: string;
  channel: string;
  meta: string;
  started_at: string;
  completed_at: string;
  received_at: string;
  data: string;
}

interface PendingInsert {
  row: Omit<ResponseRow, 'seq'>;
  resolve: (result: InsertResult) => void;
  reject: (error: unknown) => void;
}

const INSERT_SQL = `
  INSERT INTO responses (id, survey_id, survey_version, submission_id, channel, meta, started_at, completed_at, received_at, data)
  VALUES (@id, @survey_id, @survey_version, @submission_id, @channel, @meta, @started_at, @completed_at, @received_at, @data)
  ON CONFLICT (submission_id) DO NOTHING`;
/** The record holding a submissionId, with what sameSubmissionContent compares. */
const SELECT_STORED_SQL = 'SELECT id, survey_id, survey_version, meta, data FROM responses WHERE submission_id = ?';
const SURVEY_IDS_SQL = 'SELECT DISTINCT survey_id FROM responses ORDER BY survey_id';

/** Opens (creating and migrating if needed) the store in `filePath`. */
export async function openSqliteResponseStore(filePath: string): Promise<ResponseStore> {
  const db = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL'); // this connection only reads, except for migrations
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    runSqliteMigrations(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw new Error(`cannot open response store "${filePath}": ${(error as Error).message}`, { cause: error });
  }
  try {
    const writer = await startWriter(filePath);
    return new SqliteResponseStore(db, writer);
  } catch (error) {
    db.close();
    throw new Error(`cannot open response store "${filePath}" for writing: ${(error as Error).message}`, { cause: error });
  }
}

interface WorkerError {
  message: string;
  code?: string;
}
type WriterMessage =
  | { type: 'ready' }
  | { type: 'committed'; results: WriterResult[] }
  | { type: 'failed'; error: WorkerError }
  | { type: 'closed' };

function startWriter(filePath: string): Promise<Worker> {
  const worker = new Worker(new URL('./sqlite-write-worker.mjs', import.meta.url), {
    workerData: { filePath, busyTimeoutMs: BUSY_TIMEOUT_MS, insertSql: INSERT_SQL, selectStoredSql: SELECT_STORED_SQL },
  });
  return new Promise((resolve, reject) => {
    const onMessage = (message: WriterMessage) => {
      worker.off('error', reject);
      if (message.type === 'ready') {
        worker.unref(); // idle: do not keep the process alive; ref'd again while a batch is in flight
        resolve(worker);
      } else {
        void worker.terminate();
        reject(toError(message.type === 'failed' ? message.error : { message: `unexpected ${message.type}` }));
      }
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
  });
}

/** The writer's answer for one row: for a duplicate, also the stored record's content columns. */
type WriterResult =
  | { id: string; duplicate: false }
  | { id: string; duplicate: true; stored: Pick<ResponseRow, 'survey_id' | 'survey_version' | 'meta' | 'data'> };

function toInsertResult(row: PendingInsert['row'], result: WriterResult): InsertResult {
  if (!result.duplicate) return result;
  const { stored } = result;
  const same = sameSubmissionContent(
    { surveyId: row.survey_id, surveyVersion: row.survey_version, meta: JSON.parse(row.meta), data: JSON.parse(row.data) },
    { surveyId: stored.survey_id, surveyVersion: stored.survey_version, meta: JSON.parse(stored.meta), data: JSON.parse(stored.data) },
  );
  return same ? { id: result.id, duplicate: true } : { id: result.id, duplicate: true, conflict: true };
}

function toError({ message, code }: WorkerError): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

class SqliteResponseStore implements ResponseStore {
  private readonly selectById;
  private readonly selectBySubmissionId;
  private readonly selectPage;
  private readonly countStatement;
  private readonly surveyIdsStatement;
  private readonly selectAfterSeq;
  private pending: PendingInsert[] = [];
  /** Batches posted to the writer, oldest first; it answers them in this order. */
  private inFlight: PendingInsert[][] = [];
  private flushScheduled = false;
  private closed = false;
  /** Set when the writer died: every later insert fails with it. */
  private writerError: Error | undefined;
  private idleWaiters: Array<() => void> = [];
  /** Bulk readers running (readAllStoredAfter): ended by close, so none holds the file after it. */
  private readonly readers = new Set<Worker>();

  constructor(
    private readonly db: Database.Database,
    private readonly writer: Worker,
  ) {
    this.selectById = db.prepare<[string], ResponseRow>('SELECT * FROM responses WHERE id = ?');
    this.selectBySubmissionId = db.prepare<[string], ResponseRow>('SELECT * FROM responses WHERE submission_id = ?');
    // Keyset paging on (received_at, seq), the order of the index, so every page is an index range scan.
    this.selectPage = db.prepare<[PageParams], ResponseRow>(`
      SELECT * FROM responses
      WHERE survey_id = @surveyId AND received_at >= @from AND received_at < @to
        AND (received_at, seq) > (@afterReceivedAt, @afterSeq)
      ORDER BY received_at, seq
      LIMIT ${LIST_PAGE_SIZE}`);
    this.surveyIdsStatement = db.prepare<[], { survey_id: string }>(SURVEY_IDS_SQL);
    // The rowid is the commit order, also of rows another process wrote: a cursor on it misses none and repeats none.
    // test: whether meta.test is JSON true (issue 30), and kiosk_id, read by SQLite so no line is parsed here.
    this.selectAfterSeq = db.prepare<[number, number], StoredRow>(SELECT_AFTER_SEQ_SQL);
    this.countStatement = db.prepare<[RangeParams], { n: number }>(`
      SELECT count(*) AS n FROM responses
      WHERE survey_id = @surveyId AND received_at >= @from AND received_at < @to`);
    writer.on('message', (message: WriterMessage) => this.onWriterMessage(message));
    writer.on('error', (error) => this.onWriterDied(error));
    writer.on('exit', (code) => {
      if (!this.closed || this.inFlight.length > 0) this.onWriterDied(new Error(`the SQLite writer thread exited (code ${code})`));
    });
  }

  insert(response: NewResponse): Promise<InsertResult> {
    if (this.closed) return Promise.reject(new Error('response store is closed'));
    if (this.writerError) return Promise.reject(this.writerError);
    let row: PendingInsert['row'];
    try {
      const now = Date.now();
      // serialise now, so one bad record cannot fail the whole batch
      row = toRow({ ...response, id: makeUuidV7(now), receivedAt: new Date(now).toISOString() });
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<InsertResult>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.scheduleFlush();
    });
  }

  importRecords(records: ResponseRecord[]): Promise<InsertResult[]> {
    if (this.closed) return Promise.reject(new Error('response store is closed'));
    if (this.writerError) return Promise.reject(this.writerError);
    if (records.length === 0) return Promise.resolve([]);
    let rows: Array<PendingInsert['row']>;
    try {
      rows = records.map((record) => toRow({ ...record, receivedAt: toUtcIso(record.receivedAt, 'receivedAt') }));
    } catch (error) {
      return Promise.reject(error);
    }
    const batch: PendingInsert[] = [];
    const results = rows.map((row) => new Promise<InsertResult>((resolve, reject) => batch.push({ row, resolve, reject })));
    // Posted now, alone: the writer commits it in a transaction of its own, in order with the batches around it.
    this.post('import', batch);
    return Promise.all(results);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate runs after the poll phase, so every request parsed in this turn joins the batch.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.pending.length === 0 || this.writerError) return;
    const batch = this.pending;
    this.pending = [];
    this.post('commit', batch);
  }

  private post(type: 'commit' | 'import', batch: PendingInsert[]): void {
    this.inFlight.push(batch);
    this.writer.ref(); // a batch in flight keeps the process alive until it is answered
    this.writer.postMessage({ type, rows: batch.map((item) => item.row) });
  }

  private onWriterMessage(message: WriterMessage): void {
    if (message.type !== 'committed' && message.type !== 'failed') return;
    const batch = this.inFlight.shift();
    if (!batch) return;
    if (message.type === 'committed') {
      batch.forEach((item, index) => item.resolve(toInsertResult(item.row, message.results[index])));
    } else {
      // Nothing of this batch was committed (the transaction rolled back); callers answer 5xx and clients retry.
      const error = toError(message.error);
      for (const item of batch) item.reject(error);
    }
    if (this.inFlight.length === 0) {
      this.writer.unref();
      if (this.pending.length === 0 && !this.flushScheduled) this.notifyIdle();
    }
  }

  private onWriterDied(error: Error): void {
    this.writerError ??= error;
    const waiting = [...this.inFlight.flat(), ...this.pending];
    this.inFlight = [];
    this.pending = [];
    for (const item of waiting) item.reject(this.writerError);
    this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  async get(id: string): Promise<ResponseRecord | undefined> {
    this.assertOpen();
    const row = this.selectById.get(id);
    return row && fromRow(row);
  }

  async getBySubmissionId(submissionId: string): Promise<ResponseRecord | undefined> {
    this.assertOpen();
    const row = this.selectBySubmissionId.get(normaliseSubmissionId(submissionId));
    return row && fromRow(row);
  }

  async *list(query: ResponseQuery): AsyncIterable<ResponseRecord> {
    const range = toRangeParams(query);
    let after = { afterReceivedAt: '', afterSeq: 0 };
    for (;;) {
      this.assertOpen();
      // Read one page completely before yielding: an open better-sqlite3
      // iterator would block every other statement on this connection while
      // the consumer awaits.
      const page: ResponseRow[] = [];
      for (const row of this.selectPage.iterate({ ...range, ...after })) page.push(row);
      for (const row of page) yield fromRow(row);
      if (page.length < LIST_PAGE_SIZE) return;
      const last = page[page.length - 1];
      after = { afterReceivedAt: last.received_at, afterSeq: last.seq };
    }
  }

  async readStoredAfter(cursor: string | null, limit: number): Promise<StoredPage> {
    this.assertOpen();
    const after = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(after) || after < 0) throw new Error(`not a cursor of this store: ${JSON.stringify(cursor)}`);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`limit must be a whole number ≥ 1; got ${limit}`);
    const rows = this.selectAfterSeq.all(after, limit);
    return { records: rows.map(toLine), cursor: rows.length === 0 ? cursor : String(rows[rows.length - 1].seq) };
  }

  async *readAllStoredAfter(cursor: string | null, pageSize: number): AsyncIterable<StoredPage> {
    this.assertOpen();
    const after = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(after) || after < 0) throw new Error(`not a cursor of this store: ${JSON.stringify(cursor)}`);
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a whole number ≥ 1; got ${pageSize}`);
    const reader = new Worker(new URL('./sqlite-read-worker.mjs', import.meta.url), {
      workerData: { filePath: this.db.name, busyTimeoutMs: BUSY_TIMEOUT_MS, sql: SELECT_AFTER_SEQ_SQL, after, pageSize, ahead: READ_AHEAD_PAGES },
    });
    const arrived: ReaderMessage[] = [];
    let wake: (() => void) | null = null;
    const receive = (message: ReaderMessage) => {
      arrived.push(message);
      wake?.();
    };
    const onError = (error: Error) => receive({ type: 'failed', error: { message: error.message } });
    const onExit = (code: number) => receive({ type: 'failed', error: { message: `the SQLite reader thread exited (code ${code})` } });
    reader.on('message', receive);
    reader.on('error', onError);
    reader.on('exit', onExit);
    this.readers.add(reader);
    try {
      for (;;) {
        while (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const message = arrived.shift()!;
        if (message.type === 'end') return;
        // Ended by close: said as every read of a closed store says it (the live tables take it as a shutdown).
        if (message.type === 'failed' && this.closed) this.assertOpen();
        if (message.type === 'failed') throw new Error(`cannot read the stored responses: ${message.error.message}`);
        reader.postMessage({ type: 'next' });
        yield pageOf(message);
      }
    } finally {
      // Only this reader's own listeners: removeAllListeners('exit') also removed the one a close()'s
      // reader.terminate() waits on, and that close never returned (a test's afterEach hung 120 s, about 1 run in 6).
      // The error listener stays: a worker's 'error' with no listener would throw in this process.
      reader.off('exit', onExit);
      reader.off('message', receive);
      this.readers.delete(reader);
      await reader.terminate();
    }
  }

  async count(query: ResponseQuery): Promise<number> {
    this.assertOpen();
    return this.countStatement.get(toRangeParams(query))!.n;
  }

  async listSurveyIds(): Promise<string[]> {
    this.assertOpen();
    return this.surveyIdsStatement.all().map((row) => row.survey_id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A first pass still reading (a server stopped just after its start) must not hold the file once close returns:
    // its connection would be closed, and its files touched, while the caller removes them.
    await Promise.all([...this.readers].map((reader) => reader.terminate()));
    // Inserts already accepted are committed and answered first.
    while (!this.writerError && (this.inFlight.length > 0 || this.pending.length > 0 || this.flushScheduled)) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    if (!this.writerError) {
      this.writer.ref();
      await new Promise<void>((resolve) => {
        this.writer.once('exit', () => resolve());
        this.writer.postMessage({ type: 'close' });
      });
    }
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('response store is closed');
  }
}

interface RangeParams {
  surveyId: string;
  from: string;
  to: string;
}
interface PageParams extends RangeParams {
  afterReceivedAt: string;
  afterSeq: number;
}

/**
 * receivedAt is stored as `Date#toISOString()` (fixed width, UTC), so bounds
 * normalised the same way compare correctly as text. Missing bounds become
 * strings below and above every timestamp, which keeps one prepared statement.
 */
function toRangeParams({ surveyId, receivedFrom, receivedTo }: ResponseQuery): RangeParams {
  return {
    surveyId,
    from: receivedFrom === undefined ? '' : toUtcIso(receivedFrom, 'receivedFrom'),
    to: receivedTo === undefined ? '\u{10FFFF}' : toUtcIso(receivedTo, 'receivedTo'),
  };
}

/** The one mapping of a record to its row, for inserts (new id and receivedAt) and imports (kept). */
function toRow(record: ResponseRecord): Omit<ResponseRow, 'seq'> {
  return {
    id: record.id,
    survey_id: record.surveyId,
    survey_version: record.surveyVersion,
    submission_id: normaliseSubmissionId(record.submissionId),
    channel: record.channel,
    meta: JSON.stringify(record.meta),
    started_at: record.startedAt,
    completed_at: record.completedAt,
    received_at: record.receivedAt,
    data: JSON.stringify(record.data),
  };
}

/**
 * A row as the JSON line of its record, keys in ResponseRecord's order. `meta` and `data` are stored as
 * JSON.stringify wrote them (toRow; the table's CHECK (json_valid …) holds every row to JSON), so they are spliced
 * in as they are: nothing is parsed here.
 */
type StoredRow = Pick<ResponseRow, 'seq' | 'id' | 'survey_id' | 'received_at'> & { line: Buffer; test: number; kiosk_id: unknown };

/** Pages the bulk reader (sqlite-read-worker.mjs) may read before the first is taken: enough to keep it busy. */
const READ_AHEAD_PAGES = 4;

type ReaderMessage =
  | { type: 'page'; bytes: Uint8Array; ends: Int32Array; ids: string[]; surveyIds: string[]; receivedAts: string[]; tests: Uint8Array; kioskIds: Array<string | null>; cursor: number }
  | { type: 'end'; cursor: number }
  | { type: 'failed'; error: WorkerError };

/** A page of the bulk reader as readStoredAfter's StoredPage; each line's bytes are a view of the page's buffer. */
function pageOf(page: Extract<ReaderMessage, { type: 'page' }>): StoredPage {
  const records: StoredLine[] = page.ids.map((id, k) => {
    const line: StoredLine = {
      surveyId: page.surveyIds[k],
      id,
      receivedAt: page.receivedAts[k],
      bytes: page.bytes.subarray(k === 0 ? 0 : page.ends[k - 1], page.ends[k]),
      test: page.tests[k] === 1,
    };
    const kioskId = page.kioskIds[k];
    if (kioskId !== null) line.kioskId = kioskId;
    return line;
  });
  return { records, cursor: String(page.cursor) };
}

/**
 * The stored lines after a rowid, in rowid order (readStoredAfter and the bulk reader): `line` is the record's JSON
 * put together by SQLite and handed over as a BLOB (UTF-8 bytes, StoredLine.bytes); `test` whether meta.test is JSON
 * true (issue 30) and `kiosk_id` meta.kioskId, read by SQLite so no line is parsed here.
 */
const selectAfterSeqSql = (line: string) =>
  `SELECT seq, id, survey_id, received_at, ${line} AS line, json_type(meta, '$.test') IS 'true' AS test, json_extract(meta, '$.kioskId') AS kiosk_id FROM responses WHERE seq > ? ORDER BY seq LIMIT ?`;

/**
 * A record's JSON line, ResponseRecord's keys in its order, spliced by SQLite from the columns: json_quote writes
 * each text as a JSON string (NULL as null, as JSON.stringify does), meta and data are JSON already.
 */
const STORED_LINE_SQL =
  `CAST('{"id":' || json_quote(id) || ',"surveyId":' || json_quote(survey_id) || ',"surveyVersion":' || survey_version || ` +
  `',"submissionId":' || json_quote(submission_id) || ',"channel":' || json_quote(channel) || ',"meta":' || meta || ` +
  `',"startedAt":' || json_quote(started_at) || ',"completedAt":' || json_quote(completed_at) || ` +
  `',"receivedAt":' || json_quote(received_at) || ',"data":' || data || '}' AS BLOB)`;

const SELECT_AFTER_SEQ_SQL = selectAfterSeqSql(STORED_LINE_SQL);

function toLine(row: StoredRow): StoredLine {
  const line: StoredLine = { surveyId: row.survey_id, id: row.id, receivedAt: row.received_at, bytes: row.line, test: row.test === 1 };
  if (typeof row.kiosk_id === 'string') line.kioskId = row.kiosk_id;
  return line;
}

function fromRow(row: ResponseRow): ResponseRecord {
  return {
    id: row.id,
    surveyId: row.survey_id,
    surveyVersion: row.survey_version,
    submissionId: row.submission_id,
    channel: row.channel as ResponseRecord['channel'],
    // JSON.parse makes "__proto__" an own data property, never a prototype.
    meta: JSON.parse(row.meta),
    startedAt: row.started_at,
    completedAt: row.completed_at,
    receivedAt: row.received_at,
    data: JSON.parse(row.data),
  };
}
