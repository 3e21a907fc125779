/**
 * A ResponseStore on MongoDB, through the official driver, for deployments that
 * outgrow one machine (docs/decisions/0070-deployment-topologies.md,
 * 0071-mongodb-response-documents.md).
 *
 * Durability: writes use write concern `{w: "majority", journal: true}` unless
 * the connection string sets its own, and the driver's retryable writes, so an
 * insert resolves only once a majority of the replica set has it in its
 * journal: a 201 survives the primary failing the instant after
 * (https://www.mongodb.com/docs/manual/reference/write-concern/).
 *
 * Uniqueness: a unique index on submissionId decides which of two racing
 * inserts wins, in this process or any other; the loser reads the winner's id.
 */
import { randomUUID } from 'node:crypto';
import { MongoServerError, ObjectId, type Collection, type Db, type Filter, type MongoClient } from 'mongodb';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { connectMongoDb, type MongoConnectionOptions } from './connect-mongodb.ts';
import { escapeFieldNames, unescapeFieldNames } from './escape-mongo-field-names.ts';
import {
  dailyCountsPipeline,
  needsCountsPipeline,
  readDailyCounts,
  readNeedsCounts,
  type DailyCount,
  type DailyCountOptions,
  type NeedsCounts,
  type NeedsQuestion,
} from './mongodb-pipelines.ts';
import type { InsertResult, NewResponse, ResponseQuery, ResponseStore, StoredLine, StoredPage } from './response-store.ts';
import { normaliseSubmissionId } from './submission-id.ts';
import { sameSubmissionContent, type SubmissionContent } from './submission-content.ts';
import { toUtcIso } from '../to-utc-iso.ts';

export const RESPONSES_COLLECTION = 'responses';
export const SUBMISSION_ID_INDEX = 'submissionId_unique';
export const SURVEY_RECEIVED_INDEX = 'surveyId_receivedAt';
export const RECEIVED_ORDER_INDEX = 'receivedOrder';

/**
 * How long a document may still be committing after the second its receivedOrder names: readStoredAfter, the live
 * tables' follow cursor, reads only documents of seconds at least this long past (docs/decisions/0098). So a view
 * on MongoDB shows a response about this long after its 201, and the servers' clocks must agree within it (NTP).
 */
export const FOLLOW_SETTLE_MS = 5_000;

/** Documents per cursor batch in `list`: bounds memory on both ends. */
const LIST_BATCH_SIZE = 500;
/** How often a duplicate insert looks for the record it collided with before giving up (see insertOrFindDuplicate). */
const DUPLICATE_LOOKUP_ATTEMPTS = 10;
const DUPLICATE_LOOKUP_BACKOFF_MS = 25;
/** Concurrent inserts per import batch: enough to hide round trips, within the driver's pool of 100. */
const IMPORT_CONCURRENCY = 50;

/** A response as stored: the record, with escaped keys and a hidden tie-break for order of receipt. */
export interface ResponseDocument {
  /** The record's id. */
  _id: string;
  /**
   * Orders records received in the same millisecond. ObjectIds made by one
   * process increase with every call; across processes they order by second,
   * then arbitrarily but consistently.
   */
  receivedOrder: ObjectId;
  surveyId: string;
  surveyVersion: number;
  submissionId: string;
  channel: string;
  meta: Record<string, unknown>;
  startedAt: string;
  completedAt: string;
  receivedAt: string;
  data: Record<string, unknown>;
}

/** The ResponseStore, plus what server-side analysis needs. */
export interface MongoResponseStore extends ResponseStore {
  readStoredAfter(cursor: string | null, limit: number): Promise<StoredPage>;
  /** Needs counts computed on the server by mongodb-pipelines.ts, one entry per question in order. */
  aggregateNeedsCounts(query: ResponseQuery, questions: NeedsQuestion[]): Promise<NeedsCounts[]>;
  /** Responses per day, channel and ward, computed on the server. */
  aggregateDailyCounts(query: ResponseQuery, options?: DailyCountOptions): Promise<DailyCount[]>;
}

/** Connects, creates the indexes if missing, and resolves once the store can be used. */
export async function openMongoResponseStore(options: MongoConnectionOptions): Promise<MongoResponseStore> {
  const { client, db } = await connectMongoDb(options, 'MongoDB response store', (db) =>
    ensureResponseIndexes(db.collection<ResponseDocument>(RESPONSES_COLLECTION)),
  );
  return new MongoDbResponseStore(client, db);
}

/** Idempotent: creating an index that exists with the same definition does nothing. */
async function ensureResponseIndexes(responses: Collection<ResponseDocument>): Promise<void> {
  await responses.createIndexes([
    { key: { submissionId: 1 }, name: SUBMISSION_ID_INDEX, unique: true },
    // Serves list/count/pipelines by survey and period, and the order of `list` without an in-memory sort.
    { key: { surveyId: 1, receivedAt: 1, receivedOrder: 1 }, name: SURVEY_RECEIVED_INDEX },
    // The live tables follow every survey's documents in the order they were stored (readStoredAfter).
    { key: { receivedOrder: 1 }, name: RECEIVED_ORDER_INDEX },
  ]);
  await lowerCaseStoredSubmissionIds(responses);
}

/**
 * Issue 20: submissionIds are stored lower-case (submission-id.ts); documents stored before are
 * lower-cased here, at every start (an index scan that finds nothing once they are done). A document
 * whose lower-case id is taken, a response stored twice when "ABC…" and "abc…" were different ids,
 * is left as it was: both are kept, and the lower-case one answers every later retry.
 */
async function lowerCaseStoredSubmissionIds(responses: Collection<ResponseDocument>): Promise<void> {
  const upper = responses.find({ submissionId: /[A-Z]/ }, { projection: { _id: 1, submissionId: 1 } });
  for await (const document of upper) {
    try {
      await responses.updateOne({ _id: document._id }, { $set: { submissionId: normaliseSubmissionId(document.submissionId) } });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

class MongoDbResponseStore implements MongoResponseStore {
  private readonly responses: Collection<ResponseDocument>;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.responses = db.collection<ResponseDocument>(RESPONSES_COLLECTION);
  }

  insert(response: NewResponse): Promise<InsertResult> {
    if (this.closed) return Promise.reject(new Error('response store is closed'));
    const document = toDocument({ ...response, id: randomUUID(), receivedAt: new Date().toISOString() });
    return this.track(this.insertOrFindDuplicate(document, 'new id'));
  }

  async importRecords(records: ResponseRecord[]): Promise<InsertResult[]> {
    this.assertOpen();
    const documents = records.map((record) => toDocument({ ...record, receivedAt: toUtcIso(record.receivedAt, 'receivedAt') }));
    const results: InsertResult[] = [];
    for (let i = 0; i < documents.length; i += IMPORT_CONCURRENCY) {
      const slice = documents.slice(i, i + IMPORT_CONCURRENCY);
      results.push(...(await Promise.all(slice.map((document) => this.track(this.insertOrFindDuplicate(document, 'keep id'))))));
    }
    return results;
  }

  /**
   * Insert; on a duplicate-key error, answer with the record that holds the
   * submissionId. That record is read with majority read concern: if the
   * winning insert is not majority-committed yet (or was rolled back by a
   * failover), it is not seen, and the insert is tried again after a pause,
   * so a duplicate is only ever answered with a durable id.
   */
  private async insertOrFindDuplicate(document: ResponseDocument, ids: 'new id' | 'keep id'): Promise<InsertResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.responses.insertOne(document);
        return { id: document._id, duplicate: false };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await this.responses.findOne(
        { submissionId: document.submissionId },
        { projection: { _id: 1, surveyId: 1, surveyVersion: 1, meta: 1, data: 1 }, readPreference: 'primary', readConcern: { level: 'majority' } },
      );
      if (existing) {
        // Escaped field names on both sides compare alike; unescaped, they read as the records do.
        const same = sameSubmissionContent(contentOf(document), contentOf(existing));
        return same ? { id: existing._id, duplicate: true } : { id: existing._id, duplicate: true, conflict: true };
      }
      if (await this.idTaken(document._id)) {
        // A random UUID never collides; an imported id can.
        if (ids === 'new id') document._id = randomUUID();
        else throw new Error(`record id ${JSON.stringify(document._id)} already exists with another submissionId than ${JSON.stringify(document.submissionId)}`);
      }
      if (attempt === DUPLICATE_LOOKUP_ATTEMPTS) {
        throw new Error(`submissionId ${JSON.stringify(document.submissionId)} is taken, but its record could not be read back after ${attempt} attempts`);
      }
      await pause(DUPLICATE_LOOKUP_BACKOFF_MS * attempt);
    }
  }

  private async idTaken(id: string): Promise<boolean> {
    return (await this.responses.findOne({ _id: id }, { projection: { _id: 1 }, readPreference: 'primary' })) !== null;
  }

  async get(id: string): Promise<ResponseRecord | undefined> {
    this.assertOpen();
    const document = await this.track(this.responses.findOne({ _id: id }));
    return document ? fromDocument(document) : undefined;
  }

  async getBySubmissionId(submissionId: string): Promise<ResponseRecord | undefined> {
    this.assertOpen();
    const document = await this.track(this.responses.findOne({ submissionId: normaliseSubmissionId(submissionId) }));
    return document ? fromDocument(document) : undefined;
  }

  async *list(query: ResponseQuery): AsyncIterable<ResponseRecord> {
    this.assertOpen();
    const cursor = this.responses
      .find(toFilter(query))
      .sort({ receivedAt: 1, receivedOrder: 1 })
      .hint(SURVEY_RECEIVED_INDEX)
      .batchSize(LIST_BATCH_SIZE);
    try {
      // The cursor fetches the next batch only when this one is consumed.
      for await (const document of cursor) yield fromDocument(document);
    } finally {
      await cursor.close(); // also when the consumer stops early
    }
  }

  /**
   * The follow cursor: documents by receivedOrder, an ObjectId made when the document was written, in this
   * process or another. Ids of one process increase; across processes they order by second only, so only seconds
   * that ended FOLLOW_SETTLE_MS ago are read: by then every document of that second is committed (a write waits for
   * the majority's journal, well within it), and none can appear behind the cursor later.
   */
  async readStoredAfter(cursor: string | null, limit: number): Promise<StoredPage> {
    this.assertOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`limit must be a whole number ≥ 1; got ${limit}`);
    const documents = await this.track(
      this.responses.find(followFilter(cursor, Date.now())).sort({ receivedOrder: 1 }).hint(RECEIVED_ORDER_INDEX).limit(limit).toArray(),
    );
    return { records: documents.map(toStoredLine), cursor: documents.length === 0 ? cursor : documents[documents.length - 1].receivedOrder.toHexString() };
  }

  async count(query: ResponseQuery): Promise<number> {
    this.assertOpen();
    return this.track(this.responses.countDocuments(toFilter(query)));
  }

  async listSurveyIds(): Promise<string[]> {
    this.assertOpen();
    const ids = await this.track(this.responses.distinct('surveyId'));
    return (ids as string[]).sort();
  }

  async aggregateNeedsCounts(query: ResponseQuery, questions: NeedsQuestion[]): Promise<NeedsCounts[]> {
    this.assertOpen();
    const results: NeedsCounts[] = [];
    for (const question of questions) {
      const output = await this.track(this.responses.aggregate(needsCountsPipeline(query, question), { allowDiskUse: true }).toArray());
      results.push(readNeedsCounts(question, output));
    }
    return results;
  }

  async aggregateDailyCounts(query: ResponseQuery, options?: DailyCountOptions): Promise<DailyCount[]> {
    this.assertOpen();
    const output = await this.track(this.responses.aggregate(dailyCountsPipeline(query, options), { allowDiskUse: true }).toArray());
    return readDailyCounts(output);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Inserts already accepted are answered first, as with the SQLite store.
    await Promise.allSettled([...this.inFlight]);
    await this.client.close();
  }

  private track<T>(operation: Promise<T>): Promise<T> {
    this.inFlight.add(operation);
    const forget = () => this.inFlight.delete(operation);
    operation.then(forget, forget);
    return operation;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('response store is closed');
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** The stored document for a record. Exported for the BSON round-trip tests. */
export function toDocument(record: ResponseRecord): ResponseDocument {
  return {
    _id: record.id,
    receivedOrder: new ObjectId(),
    surveyId: record.surveyId,
    surveyVersion: record.surveyVersion,
    submissionId: normaliseSubmissionId(record.submissionId),
    channel: record.channel,
    meta: escapeFieldNames(record.meta) as Record<string, unknown>,
    startedAt: record.startedAt,
    completedAt: record.completedAt,
    receivedAt: record.receivedAt,
    data: escapeFieldNames(record.data) as Record<string, unknown>,
  };
}

/** The record a stored document holds. */
export function fromDocument(document: ResponseDocument): ResponseRecord {
  return {
    id: document._id,
    surveyId: document.surveyId,
    surveyVersion: document.surveyVersion,
    submissionId: document.submissionId,
    channel: document.channel as ResponseRecord['channel'],
    meta: unescapeFieldNames(document.meta) as ResponseRecord['meta'],
    startedAt: document.startedAt,
    completedAt: document.completedAt,
    receivedAt: document.receivedAt,
    data: unescapeFieldNames(document.data) as Record<string, unknown>,
  };
}

/** The documents after `cursor` (a receivedOrder in hex; null: from the first) of seconds that settled by `now`. */
export function followFilter(cursor: string | null, now: number): Filter<ResponseDocument> {
  const settled = ObjectId.createFromTime(Math.floor((now - FOLLOW_SETTLE_MS) / 1000));
  if (cursor === null) return { receivedOrder: { $lt: settled } };
  if (!ObjectId.isValid(cursor) || !/^[0-9a-f]{24}$/.test(cursor)) throw new Error(`not a cursor of this store: ${JSON.stringify(cursor)}`);
  return { receivedOrder: { $gt: new ObjectId(cursor), $lt: settled } };
}

/** A stored document as the JSON line of its record (ResponseRecord's keys, in its order, as SQLite gives them). */
export function toStoredLine(document: ResponseDocument): StoredLine {
  const record = fromDocument(document);
  const line: StoredLine = { surveyId: record.surveyId, id: record.id, receivedAt: record.receivedAt, bytes: Buffer.from(JSON.stringify(record)), test: record.meta.test === true };
  if (typeof record.meta.kioskId === 'string') line.kioskId = record.meta.kioskId;
  return line;
}

function contentOf(document: Pick<ResponseDocument, 'surveyId' | 'surveyVersion' | 'meta' | 'data'>): SubmissionContent {
  return {
    surveyId: document.surveyId,
    surveyVersion: document.surveyVersion,
    meta: unescapeFieldNames(document.meta) as ResponseRecord['meta'],
    data: unescapeFieldNames(document.data) as Record<string, unknown>,
  };
}

function toFilter(query: ResponseQuery): Filter<ResponseDocument> {
  const receivedAt: { $gte?: string; $lt?: string } = {};
  if (query.receivedFrom !== undefined) receivedAt.$gte = toUtcIso(query.receivedFrom, 'receivedFrom');
  if (query.receivedTo !== undefined) receivedAt.$lt = toUtcIso(query.receivedTo, 'receivedTo');
  return Object.keys(receivedAt).length > 0 ? { surveyId: query.surveyId, receivedAt } : { surveyId: query.surveyId };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
