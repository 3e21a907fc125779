/**
 * The MongoDB store's follow cursor for the live tables (readStoredAfter, docs/decisions/0098), without a server:
 * the filter it sends (followFilter) is applied here to documents whose receivedOrder ObjectIds were made at known
 * seconds, in several "processes", to show that a reader polling it sees every document once, in receivedOrder
 * order, never one of a second that has not settled, and none written late behind its cursor. The query itself runs
 * against a real server in the MongoDB contract suite when MONGODB_URI is set.
 */
import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { FOLLOW_SETTLE_MS, followFilter, toDocument, toStoredLine, type ResponseDocument } from '../../server/store/mongodb-response-store.ts';
import { newResponse } from './new-response.ts';

/** An ObjectId of `second` from `process` (its 5 random bytes) with counter `n`: the layout the driver uses. */
function objectIdAt(second: number, process: number, n: number): ObjectId {
  const hex = second.toString(16).padStart(8, '0') + process.toString(16).padStart(10, '0') + n.toString(16).padStart(6, '0');
  return new ObjectId(hex);
}

/** The documents `filter` selects, sorted by receivedOrder, at most `limit`: find().sort().limit() on a list. */
function find(documents: ResponseDocument[], filter: ReturnType<typeof followFilter>, limit: number): ResponseDocument[] {
  const bounds = filter.receivedOrder as { $gt?: ObjectId; $lt: ObjectId };
  return documents
    .filter((document) => {
      const hex = document.receivedOrder.toHexString();
      return (bounds.$gt === undefined || hex > bounds.$gt.toHexString()) && hex < bounds.$lt.toHexString();
    })
    .sort((a, b) => a.receivedOrder.toHexString().localeCompare(b.receivedOrder.toHexString()))
    .slice(0, limit);
}

function documentAt(second: number, process: number, n: number): ResponseDocument {
  const record = { ...newResponse(), id: `r-${second}-${process}-${n}`, receivedAt: new Date(second * 1000).toISOString() };
  return { ...toDocument(record), receivedOrder: objectIdAt(second, process, n) };
}

describe('followFilter', () => {
  it('reads each settled document once, in order, and a late write of an unsettled second is not skipped', () => {
    const start = 1_765_000_000;
    const stored: ResponseDocument[] = [];
    // Two processes writing in the same seconds.
    for (let second = start; second < start + 10; second++) for (let n = 0; n < 3; n++) for (const process of [7, 3]) stored.push(documentAt(second, process, n));
    const seen: string[] = [];
    let cursor: string | null = null;
    const poll = (now: number) => {
      for (;;) {
        const page = find(stored, followFilter(cursor, now), 4);
        seen.push(...page.map((document) => document._id));
        if (page.length === 0) return;
        cursor = page[page.length - 1].receivedOrder.toHexString();
      }
    };
    poll((start + 10) * 1000);
    // Only seconds that ended FOLLOW_SETTLE_MS ago: start … start+4.
    const settledSeconds = Math.floor(((start + 10) * 1000 - FOLLOW_SETTLE_MS) / 1000) - start;
    expect(seen.length).toBe(settledSeconds * 6);
    // A process commits late, within the settle time, a document of an unsettled second: it is still read.
    stored.push(documentAt(start + 6, 5, 99));
    poll((start + 20) * 1000);
    expect(seen.length).toBe(stored.length);
    expect(new Set(seen).size).toBe(stored.length);
    const order = [...stored].sort((a, b) => a.receivedOrder.toHexString().localeCompare(b.receivedOrder.toHexString())).map((document) => document._id);
    expect(seen).toEqual(order);
  });

  it('refuses a cursor it did not make', () => {
    expect(() => followFilter('1; drop', Date.now())).toThrow('not a cursor of this store: "1; drop"');
  });

  it('gives each document as its record in JSON, keys in the record order, escaped field names restored', () => {
    const record = { ...newResponse({ data: JSON.parse('{"a.b":1,"$where":"x","comment":"待ち時間"}') }), id: 'r-1', receivedAt: '2025-06-02T00:18:31.123Z' };
    const line = toStoredLine(toDocument(record));
    expect(JSON.parse(Buffer.from(line.bytes).toString('utf8'))).toEqual(record);
    expect(Object.keys(JSON.parse(Buffer.from(line.bytes).toString('utf8')))).toEqual(['id', 'surveyId', 'surveyVersion', 'submissionId', 'channel', 'meta', 'startedAt', 'completedAt', 'receivedAt', 'data']);
    expect([line.id, line.surveyId, line.receivedAt]).toEqual(['r-1', record.surveyId, record.receivedAt]);
  });
});
