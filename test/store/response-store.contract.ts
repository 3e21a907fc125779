/**
 * The behaviour every ResponseStore must have (server/store/response-store.ts).
 * Each implementation's test file calls `runResponseStoreContract` with a
 * factory that makes fresh, empty, real storage (a file, a database) which any
 * number of stores can open: so reopening and two server processes racing are
 * tested once here, for every store.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseStore } from '../../server/store/response-store.ts';
import { newResponse } from './new-response.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { asStored, seededRecords } from './seeded-records.ts';

export interface ResponseStoreContractOptions {
  name: string;
  /**
   * Fresh, empty storage: `open` opens a store on it (again and again, as a
   * restarted or second server process would); `cleanup` removes it, after
   * every store opened on it is closed.
   */
  newStorage: () => Promise<{ open: () => Promise<ResponseStore>; cleanup: () => Promise<void> }>;
}

async function collect(iterable: AsyncIterable<ResponseRecord>): Promise<ResponseRecord[]> {
  const records: ResponseRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function runResponseStoreContract({ name, newStorage }: ResponseStoreContractOptions): void {
  describe(`ResponseStore contract: ${name}`, () => {
    let cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups) await cleanup();
      cleanups = [];
    });
    /** A store on fresh storage, and `again()` to open another store on the same storage. */
    async function openWithStorage(): Promise<{ store: ResponseStore; again: () => Promise<ResponseStore> }> {
      const storage = await newStorage();
      const stores: ResponseStore[] = [];
      cleanups.push(async () => {
        for (const store of stores) await store.close(); // closing twice is harmless (tested below)
        await storage.cleanup();
      });
      const again = async () => {
        const store = await storage.open();
        stores.push(store);
        return store;
      };
      return { store: await again(), again };
    }
    async function open(): Promise<ResponseStore> {
      return (await openWithStorage()).store;
    }

    it('stores every field and gives it back by id and by submissionId', async () => {
      const store = await open();
      const response = newResponse();
      const before = Date.now();
      const result = await store.insert(response);
      const after = Date.now();

      expect(result).toEqual({ id: expect.any(String), duplicate: false });
      const record = await store.get(result.id);
      expect(record).toEqual({ ...response, id: result.id, receivedAt: expect.stringMatching(ISO_UTC_MS) });
      const receivedAt = Date.parse(record!.receivedAt);
      expect(receivedAt).toBeGreaterThanOrEqual(before - 1);
      expect(receivedAt).toBeLessThanOrEqual(after + 1);
      expect(await store.getBySubmissionId(response.submissionId)).toEqual(record);
    });

    it('keeps optional meta fields absent when they were absent', async () => {
      const store = await open();
      const response = newResponse({ channel: 'online', meta: { locale: 'en' } });
      const { id } = await store.insert(response);
      const record = await store.get(id);
      expect(record!.meta).toStrictEqual({ locale: 'en' });
      expect(record!.channel).toBe('online');
    });

    it('answers undefined for an unknown id or submissionId', async () => {
      const store = await open();
      await store.insert(newResponse());
      expect(await store.get(randomUUID())).toBeUndefined();
      expect(await store.getBySubmissionId(randomUUID())).toBeUndefined();
    });

    it('gives each new record its own id', async () => {
      const store = await open();
      const first = await store.insert(newResponse());
      const second = await store.insert(newResponse());
      expect(first.id).not.toBe(second.id);
    });

    it('answers the same submission again with the first id and duplicate: true, keeping the first record', async () => {
      const store = await open();
      const original = newResponse();
      const first = await store.insert(original);
      // As the offline queue retries: the identical body. Key order is not content.
      const reordered = { ...original, data: Object.fromEntries(Object.entries(original.data).reverse()) };
      expect(await store.insert(structuredClone(original))).toEqual({ id: first.id, duplicate: true });
      expect(await store.insert(reordered)).toEqual({ id: first.id, duplicate: true });
      expect(await store.count({ surveyId: original.surveyId })).toBe(1);
    });

    it('answers a reused submissionId with other content as a conflict, keeping the first record (issue 13)', async () => {
      const store = await open();
      const original = newResponse({ surveyId: 'citizen-needs' });
      const first = await store.insert(original);
      const others = [
        { ...original, surveyId: 'staff-workstyle' },
        { ...original, surveyVersion: 2 },
        { ...original, data: { ...original.data, purpose: 'changed' } },
        { ...original, data: { ...original.data, extra: 1 } },
        { ...original, meta: { ...original.meta, ward: 'chuo' } },
      ];
      for (const other of others) expect(await store.insert(other)).toEqual({ id: first.id, duplicate: true, conflict: true });
      expect(await store.count({ surveyId: 'staff-workstyle' })).toBe(0);
      expect(await store.count({ surveyId: 'citizen-needs' })).toBe(1);
      expect(await store.get(first.id)).toEqual({ ...original, id: first.id, receivedAt: expect.any(String) });
    });

    it('stores one record when 20 inserts of the same submissionId race', async () => {
      const store = await open();
      const response = newResponse();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.insert({ ...response })));

      const ids = new Set(results.map((r) => r.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await store.count({ surveyId: response.surveyId })).toBe(1);
      expect((await store.getBySubmissionId(response.submissionId))!.id).toBe(results[0].id);
    });

    it('compares submissionIds case-insensitively and stores them lower-case (issue 20)', async () => {
      const store = await open();
      const response = newResponse({ submissionId: randomUUID().toUpperCase() });
      const lower = response.submissionId.toLowerCase();
      const first = await store.insert(response);
      expect(first.duplicate).toBe(false);
      expect((await store.get(first.id))!.submissionId).toBe(lower);
      expect(await store.insert({ ...response, submissionId: lower })).toEqual({ id: first.id, duplicate: true });
      expect(await store.insert({ ...response, submissionId: lower.replace(/[a-f]/g, (c, at: number) => (at % 2 ? c.toUpperCase() : c)) })).toEqual({ id: first.id, duplicate: true });
      for (const asked of [lower, response.submissionId]) expect((await store.getBySubmissionId(asked))!.id).toBe(first.id);
      expect(await store.count({ surveyId: response.surveyId })).toBe(1);
    });

    it('stores one record when 20 inserts of one submissionId in mixed case race', async () => {
      const store = await open();
      const response = newResponse();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, k) => store.insert({ ...response, submissionId: k % 2 ? response.submissionId.toUpperCase() : response.submissionId })),
      );
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await store.count({ surveyId: response.surveyId })).toBe(1);
    });

    it('imports an upper-case submissionId lower-case, and skips one that differs only in case', async () => {
      const store = await open();
      const [first, second] = asStored(seededRecords(2, 20)).map((record) => ({ ...record, submissionId: randomUUID().toUpperCase() }));
      expect(await store.importRecords([first])).toEqual([{ id: first.id, duplicate: false }]);
      expect(await store.get(first.id)).toStrictEqual({ ...first, submissionId: first.submissionId.toLowerCase() });
      const again = { ...second, submissionId: first.submissionId.toLowerCase(), data: first.data, meta: first.meta, surveyId: first.surveyId, surveyVersion: first.surveyVersion };
      expect(await store.importRecords([again])).toEqual([{ id: first.id, duplicate: true }]);
      expect(await store.get(second.id)).toBeUndefined();
    });

    it('stores every one of many different submissions that race', async () => {
      const store = await open();
      const responses = Array.from({ length: 50 }, () => newResponse());
      const results = await Promise.all(responses.map((r) => store.insert(r)));
      expect(results.every((r) => !r.duplicate)).toBe(true);
      expect(new Set(results.map((r) => r.id)).size).toBe(50);
      expect(await store.count({ surveyId: 'ward-office-exit' })).toBe(50);
    });

    it('keeps responses after the store is closed and the storage reopened', async () => {
      const { store: first, again } = await openWithStorage();
      const response = newResponse();
      const { id } = await first.insert(response);
      await first.close();

      const reopened = await again();
      expect(await reopened.get(id)).toEqual({ ...response, id, receivedAt: expect.stringMatching(ISO_UTC_MS) });
      expect(await reopened.insert(response)).toEqual({ id, duplicate: true });
      expect(await reopened.count({ surveyId: response.surveyId })).toBe(1);
    });

    it('stores one record per submissionId when two stores on the same storage (two server processes) race', async () => {
      const { store: a, again } = await openWithStorage();
      const b = await again();
      const responses = Array.from({ length: 100 }, () => newResponse());
      const results = await Promise.all(responses.flatMap((r) => [a.insert(r), b.insert({ ...r })]));

      for (let i = 0; i < responses.length; i++) {
        const [fromA, fromB] = [results[2 * i], results[2 * i + 1]];
        expect(fromA.id).toBe(fromB.id);
        expect([fromA.duplicate, fromB.duplicate].sort()).toEqual([false, true]);
      }
      expect(await a.count({ surveyId: 'ward-office-exit' })).toBe(100);
      expect(await b.count({ surveyId: 'ward-office-exit' })).toBe(100);
    });

    it('imports records as they are, keeping id and receivedAt, and skips a known submissionId', async () => {
      const store = await open();
      const [first, second, third] = asStored(seededRecords(3, 21));
      expect(await store.importRecords([first, second])).toEqual([
        { id: first.id, duplicate: false },
        { id: second.id, duplicate: false },
      ]);
      expect(await store.get(first.id)).toStrictEqual(first);
      expect(await store.getBySubmissionId(second.submissionId)).toStrictEqual(second);
      // Again, under another id: answered with the stored one, nothing added.
      expect(await store.importRecords([{ ...first, id: randomUUID() }, third])).toEqual([
        { id: first.id, duplicate: true },
        { id: third.id, duplicate: false },
      ]);
      expect(await store.count({ surveyId: first.surveyId })).toBe(3);
      // A new response with an imported one's submissionId is a duplicate of it.
      const { id: _id, receivedAt: _receivedAt, ...asNew } = second;
      expect(await store.insert(asNew)).toEqual({ id: second.id, duplicate: true });
      expect(await store.importRecords([])).toEqual([]);
    });

    it('imports a reused submissionId with other content as a conflict, storing nothing for it', async () => {
      const store = await open();
      const [first, second] = asStored(seededRecords(2, 24));
      await store.importRecords([first]);
      const impostor = { ...second, id: 'impostor-1', submissionId: first.submissionId };
      expect(await store.importRecords([impostor, second])).toEqual([
        { id: first.id, duplicate: true, conflict: true },
        { id: second.id, duplicate: false },
      ]);
      expect(await store.get(impostor.id)).toBeUndefined();
      expect(await store.getBySubmissionId(first.submissionId)).toStrictEqual(first);
    });

    it('refuses an imported record whose id another submissionId holds, naming the id', async () => {
      const store = await open();
      const [first, second] = asStored(seededRecords(2, 22));
      await store.importRecords([first]);
      await expect(store.importRecords([{ ...second, id: first.id }])).rejects.toThrow(`record id "${first.id}" already exists`);
      expect(await store.getBySubmissionId(second.submissionId)).toBeUndefined();
      expect(await store.get(first.id)).toStrictEqual(first);
    });

    it('lists imported records by their receivedAt, normalised to UTC, among inserted ones', async () => {
      const store = await open();
      const inserted = await store.insert(newResponse());
      const [early] = asStored(seededRecords(1, 23));
      const imported = { ...early, receivedAt: '2025-06-02T09:00:00+09:00' };
      await store.importRecords([imported]);
      expect((await store.get(imported.id))!.receivedAt).toBe('2025-06-02T00:00:00.000Z');
      const listed = await collect(store.list({ surveyId: 'ward-office-exit' }));
      expect(listed.map((r) => r.id)).toEqual([imported.id, inserted.id]);
      expect(await store.count({ surveyId: 'ward-office-exit', receivedTo: '2025-06-02T00:00:00.001Z' })).toBe(1);
    });

    it('lists the surveyIds that have responses, sorted', async () => {
      const store = await open();
      expect(await store.listSurveyIds()).toEqual([]);
      await store.insert(newResponse({ surveyId: 'staff-workstyle' }));
      await store.insert(newResponse({ surveyId: 'citizen-needs' }));
      await store.insert(newResponse({ surveyId: 'staff-workstyle' }));
      expect(await store.listSurveyIds()).toEqual(['citizen-needs', 'staff-workstyle']);
    });

    it('lists one survey in order of receipt', async () => {
      const store = await open();
      const inserted: string[] = [];
      for (let i = 0; i < 7; i++) {
        const surveyId = i % 2 === 0 ? 'ward-office-exit' : 'citizen-needs';
        const { id } = await store.insert(newResponse({ surveyId, data: { n: i } }));
        if (surveyId === 'ward-office-exit') inserted.push(id);
      }
      const listed = await collect(store.list({ surveyId: 'ward-office-exit' }));
      expect(listed.map((r) => r.id)).toEqual(inserted);
      expect(listed.map((r) => r.data.n)).toEqual([0, 2, 4, 6]);
      expect(await collect(store.list({ surveyId: 'no-such-survey' }))).toEqual([]);
    });

    it('lists more records than fit in one page, each once, in order', async () => {
      const store = await open();
      const ids: string[] = [];
      // Sequential batches of concurrent inserts: many share a millisecond, which exercises the tie-break.
      for (let batch = 0; batch < 12; batch++) {
        const results = await Promise.all(Array.from({ length: 100 }, (_, i) => store.insert(newResponse({ data: { n: batch * 100 + i } }))));
        ids.push(...results.map((r) => r.id));
      }
      const listed = await collect(store.list({ surveyId: 'ward-office-exit' }));
      expect(listed).toHaveLength(1200);
      expect(new Set(listed.map((r) => r.id)).size).toBe(1200);
      expect(new Set(listed.map((r) => r.id))).toEqual(new Set(ids));
      const receivedTimes = listed.map((r) => r.receivedAt);
      expect(receivedTimes).toEqual([...receivedTimes].sort());
    });

    it('filters list and count by receivedAt: from inclusive, to exclusive', async () => {
      const store = await open();
      const first = await store.insert(newResponse());
      await pause(5);
      const second = await store.insert(newResponse());
      await pause(5);
      const third = await store.insert(newResponse());
      const [a, b, c] = await Promise.all([first, second, third].map(async (r) => (await store.get(r.id))!));
      const surveyId = 'ward-office-exit';

      const ids = async (q: { receivedFrom?: string; receivedTo?: string }) =>
        (await collect(store.list({ surveyId, ...q }))).map((r) => r.id);
      expect(await ids({ receivedFrom: b.receivedAt })).toEqual([b.id, c.id]);
      expect(await ids({ receivedTo: b.receivedAt })).toEqual([a.id]);
      expect(await ids({ receivedFrom: a.receivedAt, receivedTo: c.receivedAt })).toEqual([a.id, b.id]);
      expect(await ids({ receivedFrom: c.receivedAt, receivedTo: c.receivedAt })).toEqual([]);
      expect(await store.count({ surveyId, receivedFrom: b.receivedAt })).toBe(2);
      expect(await store.count({ surveyId, receivedTo: b.receivedAt })).toBe(1);
      expect(await store.count({ surveyId })).toBe(3);
    });

    it('compares receivedAt bounds as instants, whatever their time zone offset', async () => {
      const store = await open();
      const { id } = await store.insert(newResponse());
      const record = (await store.get(id))!;
      const inTokyo = toTokyoOffset(record.receivedAt);
      expect(await store.count({ surveyId: record.surveyId, receivedFrom: inTokyo })).toBe(1);
      expect(await store.count({ surveyId: record.surveyId, receivedTo: inTokyo })).toBe(0);
    });

    it('counts per survey', async () => {
      const store = await open();
      await Promise.all([
        store.insert(newResponse({ surveyId: 'citizen-needs' })),
        store.insert(newResponse({ surveyId: 'citizen-needs' })),
        store.insert(newResponse({ surveyId: 'staff-workstyle' })),
      ]);
      expect(await store.count({ surveyId: 'citizen-needs' })).toBe(2);
      expect(await store.count({ surveyId: 'staff-workstyle' })).toBe(1);
      expect(await store.count({ surveyId: 'ward-office-exit' })).toBe(0);
    });

    it('round-trips Japanese text, emoji, control characters and a large answer exactly', async () => {
      const store = await open();
      const data = {
        comment: '待ち時間が長かったです。😀👍🏽 家族👨‍👩‍👧‍👦 「書かない窓口」に期待します\n改行\tタブ',
        nul: 'before\u0000after',
        loneSurrogateFree: '𠮷野家',
        long: 'あ'.repeat(60_000),
        nested: { deep: [1, 2.5, -0, null, true, { 'キー': ['値'] }] },
        big: Number.MAX_SAFE_INTEGER,
      };
      const { id } = await store.insert(newResponse({ data }));
      const record = (await store.get(id))!;
      expect(record.data).toEqual(JSON.parse(JSON.stringify(data)));
      expect(record.data.comment).toBe(data.comment);
      expect((record.data.long as string).length).toBe(60_000);
    });

    it('keeps "__proto__" and "constructor" keys as plain data without touching any prototype', async () => {
      const store = await open();
      const data = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"q":{"__proto__":["x"]}}');
      const { id } = await store.insert(newResponse({ data }));
      const record = (await store.get(id))!;

      expect(Object.keys(record.data)).toEqual(['__proto__', 'constructor', 'q']);
      expect(Object.getPrototypeOf(record.data)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(record.data, '__proto__')!.value).toEqual({ polluted: 'yes' });
      expect(Object.getOwnPropertyDescriptor(record.data.q, '__proto__')!.value).toEqual(['x']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((record.data as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('rejects a receivedAt bound that is not a date, quoting it', async () => {
      const store = await open();
      await expect(store.count({ surveyId: 's', receivedFrom: 'yesterday' })).rejects.toThrow(/"yesterday"/);
    });

    it('finishes inserts already under way when closed, then refuses new ones', async () => {
      const store = await open();
      const pending = Array.from({ length: 5 }, () => store.insert(newResponse()));
      await store.close();
      const results = await Promise.all(pending);
      expect(results.every((r) => r.duplicate === false)).toBe(true);
      await expect(store.insert(newResponse())).rejects.toThrow(/closed/);
      await expect(store.importRecords(asStored(seededRecords(1, 24)))).rejects.toThrow(/closed/);
      await store.close(); // closing twice is harmless
    });
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The same instant written with Japan's +09:00 offset, e.g. 2025-06-02T18:00:00.000+09:00. */
function toTokyoOffset(utcIso: string): string {
  const shifted = new Date(Date.parse(utcIso) + 9 * 3600_000).toISOString();
  return shifted.replace('Z', '+09:00');
}
