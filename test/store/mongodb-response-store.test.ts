/**
 * The MongoDB ResponseStore: the same contract suite as SQLite, plus what only
 * MongoDB has. Runs against the server in MONGODB_URI (`MONGODB_URI=mongodb://… npm test`);
 * without it, every server test is reported as skipped and one skipped test
 * says why. The checks after that need no server and always run.
 */
import { aggregate } from 'mingo';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { databaseWithWriteConcern } from '../../server/store/connect-mongodb.ts';
import { needsCountsPipeline, readNeedsCounts, type NeedsQuestion } from '../../server/store/mongodb-pipelines.ts';
import {
  RESPONSES_COLLECTION,
  FOLLOW_SETTLE_MS,
  openMongoResponseStore,
  toDocument,
  type MongoResponseStore,
} from '../../server/store/mongodb-response-store.ts';
import { MONGODB_SKIP_REASON, MONGODB_URI, dropTestDatabase, uniqueTestDbName } from './mongodb-test-database.ts';
import { runResponseStoreContract } from './response-store.contract.ts';
import { asStored, seededRecords } from './seeded-records.ts';

if (!MONGODB_URI) it.skip(MONGODB_SKIP_REASON, () => {});

describe.skipIf(!MONGODB_URI)(`MongoDB response store at MONGODB_URI`, () => {
  const uri = MONGODB_URI!;

  runResponseStoreContract({
    name: 'MongoDB',
    newStorage: async () => {
      const dbName = uniqueTestDbName('rs');
      return { open: () => openMongoResponseStore({ uri, dbName }), cleanup: () => dropTestDatabase(uri, dbName) };
    },
  });

  describe('beyond the contract', () => {
    let dbName: string;
    let stores: MongoResponseStore[];
    beforeEach(() => {
      dbName = uniqueTestDbName('rsx');
      stores = [];
    });
    afterEach(async () => {
      for (const store of stores) await store.close();
      await dropTestDatabase(uri, dbName);
    });
    async function open(): Promise<MongoResponseStore> {
      const store = await openMongoResponseStore({ uri, dbName });
      stores.push(store);
      return store;
    }

    it('creates the unique submissionId index and the (surveyId, receivedAt) index', async () => {
      await open();
      const client = new MongoClient(uri);
      try {
        const indexes = await client.db(dbName).collection(RESPONSES_COLLECTION).indexes();
        expect(indexes.map(({ name, key, unique }) => ({ name, key, unique: unique ?? false })).sort((a, b) => a.name!.localeCompare(b.name!))).toEqual([
          { name: '_id_', key: { _id: 1 }, unique: false },
          { name: 'receivedOrder', key: { receivedOrder: 1 }, unique: false },
          { name: 'submissionId_unique', key: { submissionId: 1 }, unique: true },
          { name: 'surveyId_receivedAt', key: { surveyId: 1, receivedAt: 1, receivedOrder: 1 }, unique: false },
        ]);
      } finally {
        await client.close();
      }
    });

    it('computes needs counts on the server exactly as the same pipeline does in mingo', async () => {
      const store = await open();
      const records = asStored(seededRecords(1500, 31));
      await store.importRecords(records);
      const questions: NeedsQuestion[] = [
        { name: 'improvements', kind: 'choice' },
        { name: 'priorities', kind: 'ranking' },
      ];
      const query = { surveyId: 'ward-office-exit', receivedFrom: '2025-06-02T00:00:00Z' };
      const onServer = await store.aggregateNeedsCounts(query, questions);
      const inMingo = questions.map((q) => readNeedsCounts(q, aggregate(records.map(toDocument), needsCountsPipeline(query, q)) as Array<Record<string, unknown>>));
      expect(onServer).toEqual(inMingo);
      expect(onServer[0].answered).toBeGreaterThan(1000);
    });

    it('follows every record once, in stored order, once its second has settled (readStoredAfter)', async () => {
      const store = await open();
      const other = await open();
      const records = asStored(seededRecords(300, 51));
      await store.importRecords(records.slice(0, 200));
      await other.importRecords(records.slice(200));
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_SETTLE_MS + 1100));
      const seen: string[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page = await store.readStoredAfter(cursor, 64);
        for (const line of page.records) {
          seen.push(line.id);
          expect(JSON.parse(Buffer.from(line.bytes).toString('utf8'))).toEqual(await store.get(line.id));
        }
        if (page.records.length === 0) break;
        cursor = page.cursor;
      }
      // Once each: across two writers the order within a second is the ObjectIds', not the import's.
      expect(seen).toHaveLength(records.length);
      expect(new Set(seen)).toEqual(new Set(records.map((record) => record.id)));
    }, 30_000);

    it('streams a list that the consumer stops early, and stays usable', async () => {
      const store = await open();
      await store.importRecords(asStored(seededRecords(1200, 41)));
      const seen: ResponseRecord[] = [];
      for await (const record of store.list({ surveyId: 'ward-office-exit' })) {
        seen.push(record);
        if (seen.length === 700) break;
      }
      expect(seen).toHaveLength(700);
      expect(await store.count({ surveyId: 'ward-office-exit' })).toBe(1200);
    });
  });
});

describe('MongoDB store set-up, without a server', () => {
  it('writes with majority + journal by default, and keeps a write concern the URI sets', () => {
    const writeConcernOf = (uri: string) => {
      const { w, journal } = databaseWithWriteConcern(new MongoClient(uri), 'x').collection(RESPONSES_COLLECTION).writeConcern ?? {};
      return { w, journal };
    };
    expect(writeConcernOf('mongodb://db1.example.jp/surveys')).toEqual({ w: 'majority', journal: true });
    expect(writeConcernOf('mongodb://db1.example.jp/surveys?w=1')).toEqual({ w: 1, journal: undefined });
  });

  it('uses retryable writes unless the URI turns them off', () => {
    expect(new MongoClient('mongodb://db1.example.jp/surveys').options.retryWrites).toBe(true);
  });

  it('fails to open with one line naming the server, without the password, when nothing answers', async () => {
    const opening = openMongoResponseStore({ uri: 'mongodb://toolkit:s3cret@127.0.0.1:1/surveys', serverSelectionTimeoutMS: 300 });
    await expect(opening).rejects.toThrow(/^cannot open MongoDB response store at mongodb:\/\/toolkit:\*\*\*@127\.0\.0\.1:1\/surveys \(database "surveys"\): /);
    const message = await opening.catch((error: Error) => error.message);
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('\n');
  });

  it('refuses a connection string that is not one, quoting it', async () => {
    await expect(openMongoResponseStore({ uri: 'mongo://db1/surveys' })).rejects.toThrow(/^cannot open MongoDB response store at mongo:\/\/db1\/surveys .*Invalid scheme/);
  });
});
