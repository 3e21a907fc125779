import type { ResponseRecord } from '../../contracts/response-record.ts';

/** What the API hands to a store; the store assigns `id` and `receivedAt`. */
export type NewResponse = Omit<ResponseRecord, 'id' | 'receivedAt'>;

export interface InsertResult {
  /** The stored record's id; for a duplicate, the id of the first one. */
  id: string;
  /** The submissionId was stored already; nothing was added. */
  duplicate: boolean;
  /**
   * Only with duplicate: the stored record is another response (other survey, version, meta or
   * answers: server/store/submission-content.ts), not this one again. The API answers 409.
   */
  conflict?: true;
}

export interface ResponseQuery {
  surveyId: string;
  /** Inclusive lower bound on receivedAt (ISO 8601). */
  receivedFrom?: string;
  /** Exclusive upper bound on receivedAt (ISO 8601). */
  receivedTo?: string;
}

/**
 * Durable storage of responses. Every implementation must pass the shared
 * contract suite in test/store/response-store.contract.ts.
 *
 * `insert` resolves only once the record is durable: a caller that answers 201
 * after it may be killed the next instant without losing the record.
 * A second insert with the same submissionId never creates a second record,
 * even when both race; it resolves to the first record's id with duplicate: true,
 * and conflict: true when its content differs from the first's.
 */
export interface ResponseStore {
  insert(response: NewResponse): Promise<InsertResult>;
  get(id: string): Promise<ResponseRecord | undefined>;
  getBySubmissionId(submissionId: string): Promise<ResponseRecord | undefined>;
  /** Records in order of receipt, streamed so that memory stays bounded. */
  list(query: ResponseQuery): AsyncIterable<ResponseRecord>;
  count(query: ResponseQuery): Promise<number>;
  /** Every surveyId that has responses, sorted. */
  listSurveyIds(): Promise<string[]>;
  /**
   * Stores records as they are, keeping their id and receivedAt (`survey-toolkit
   * migrate`, test seeding): the one way into a store besides `insert`, so no
   * caller needs to know a store's schema. Durable when it resolves, like
   * `insert`. A record whose submissionId is stored already is skipped and
   * answered with the stored id and duplicate: true (and conflict: true when
   * the stored one is another response); a record whose id is taken
   * by another submissionId fails the call, naming the id (SQLite: nothing of
   * the batch is stored; MongoDB: the records before it may be).
   */
  importRecords(records: ResponseRecord[]): Promise<InsertResult[]>;
  /**
   * Every survey's records stored after `cursor` (null: from the first), in the order they were stored, at most
   * `limit` of them, with the cursor to read on from. The server's live tables (server/live-table/) follow the
   * store with it: inserts of this process and of any other on the same store (a `migrate` while the server
   * runs) arrive in one order, exactly once. Each record comes as its JSON text, which the live table scans
   * without building the object (analysis/table/create-jsonl-appender.ts). Absent where a store cannot give that
   * order (MongoDB, for now): the server then reads each view from the store as before.
   */
  readStoredAfter?(cursor: string | null, limit: number): Promise<StoredPage>;
  /**
   * Every stored line after `cursor`, page by page in readStoredAfter's order, up to the end of the store as the
   * read finds it, read ahead in a worker thread so the caller's work on one page overlaps the reading of the next
   * (the live tables' first pass at start-up). Absent: the caller pages with readStoredAfter.
   */
  readAllStoredAfter?(cursor: string | null, pageSize: number): AsyncIterable<StoredPage>;
  close(): Promise<void>;
}

export interface StoredPage {
  records: StoredLine[];
  /** Where the next read starts; the same as the one given when nothing new was stored. */
  cursor: string | null;
}

/** A stored record as one line of JSON (the keys of ResponseRecord), with what a reader sorts it by unparsed. */
export interface StoredLine {
  surveyId: string;
  id: string;
  receivedAt: string;
  /**
   * The record's JSON line as UTF-8 bytes, what the live table's scanner reads. Bytes rather than text: SQLite
   * holds UTF-8 and hands a BLOB over as it is, where a string would be decoded only to be encoded again
   * (measured: a third of building a table at start-up, issue 23).
   */
  bytes: Uint8Array;
  /** Whether the record is a test answer (meta.test === true, issue 30), read without parsing the line. */
  test: boolean;
  /** meta.kioskId, read without parsing the line (a test marking may name a kiosk, issue 30); absent for none. */
  kioskId?: string;
}
