/**
 * What the MongoDB store writes, checked without a server: a record goes
 * through the real BSON serialiser the driver uses, and must come back exactly,
 * keys that BSON or MongoDB treat specially included.
 */
import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { escapeFieldName, escapeFieldNames, unescapeFieldName } from '../../server/store/escape-mongo-field-names.ts';
import { databaseNameInUri } from '../../server/store/connect-mongodb.ts';
import { redactUri } from '../../server/store/redact-uri.ts';
import { fromDocument, toDocument, type ResponseDocument } from '../../server/store/mongodb-response-store.ts';

function throughBson(record: ResponseRecord): ResponseRecord {
  return fromDocument(BSON.deserialize(BSON.serialize(toDocument(record))) as ResponseDocument);
}

const record: ResponseRecord = {
  id: '0f8e4c55-6a55-4c8e-9d3e-0a4e2b7c1d10',
  surveyId: 'ward-office-exit',
  surveyVersion: 2,
  submissionId: '6b1f1f4e-8a43-4f0e-b1a3-2c9d7e5a4b21',
  channel: 'kiosk',
  meta: { ward: 'chuo', locale: 'ja', kioskId: 'chuo-01' },
  startedAt: '2025-06-02T09:15:00.000+09:00',
  completedAt: '2025-06-02T09:18:30.000+09:00',
  receivedAt: '2025-06-02T00:18:31.123Z',
  data: { purpose: 'koseki', improvements: ['online', 'reservation'], satisfaction: { waiting: 4 }, comment: '待ち時間😀\u0000', n: [1, 2.5, 2 ** 40, Number.MAX_SAFE_INTEGER, null, true] },
};

describe('MongoDB response documents', () => {
  it('round-trips a record through BSON exactly', () => {
    expect(throughBson(record)).toStrictEqual(record);
  });

  it('keeps keys that BSON would turn into a DBRef, reject, or that MongoDB cannot address', () => {
    const data = JSON.parse('{"m":{"$ref":"users","$id":1},"x":{"_bsontype":"ObjectId"},"a.b":1,"$where":"1","50%":2,"%2E":3,"nul\\u0000key":4,"":5}');
    const back = throughBson({ ...record, data });
    expect(back.data).toStrictEqual(data);
    expect(Object.keys(back.data)).toEqual(Object.keys(data));
  });

  it('keeps "__proto__" and "constructor" as own data keys without touching a prototype', () => {
    const data = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"q":{"__proto__":["x"]}}');
    const back = throughBson({ ...record, data });
    expect(Object.keys(back.data)).toEqual(['__proto__', 'constructor', 'q']);
    expect(Object.getPrototypeOf(back.data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back.data, '__proto__')!.value).toEqual({ polluted: 'yes' });
    expect(Object.getOwnPropertyDescriptor(back.data.q, '__proto__')!.value).toEqual(['x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads back what JSON would: -0 as 0, an undefined value absent, or null in an array', () => {
    const back = throughBson({ ...record, meta: { locale: 'ja', ward: undefined }, data: { n: -0, gone: undefined, list: [1, undefined] } });
    expect(Object.is(back.data.n, 0)).toBe(true);
    expect(back.data).toStrictEqual({ n: 0, list: [1, null] });
    expect(back.meta).toStrictEqual({ locale: 'ja' });
  });

  it('stores ordinary question names unchanged, so pipelines reach them as $data.<name>', () => {
    const stored = escapeFieldNames({ visit_purpose: 'x', 満足度: { 待ち時間: 3 }, q1: ['a.b'] });
    expect(stored).toEqual({ visit_purpose: 'x', 満足度: { 待ち時間: 3 }, q1: ['a.b'] });
  });

  it('escapes only what it must, reversibly', () => {
    const cases: Array<[string, string]> = [
      ['a.b', 'a%2Eb'],
      ['$ref', '%24ref'],
      ['100%', '100%25'],
      ['_bsontype', '%5Fbsontype'],
      ['x_bsontype', 'x_bsontype'],
      ['nul\u0000', 'nul%00'],
      ['%2E', '%252E'],
    ];
    expect(cases.map(([key]) => escapeFieldName(key))).toEqual(cases.map(([, stored]) => stored));
    expect(cases.map(([, stored]) => unescapeFieldName(stored))).toEqual(cases.map(([key]) => key));
  });

  it('stores the record id as _id and a receipt-order tie-break, nothing else extra', () => {
    const document = toDocument(record);
    expect(Object.keys(document).sort()).toEqual(
      ['_id', 'channel', 'completedAt', 'data', 'meta', 'receivedAt', 'receivedOrder', 'startedAt', 'submissionId', 'surveyId', 'surveyVersion'],
    );
    expect(document._id).toBe(record.id);
    expect(toDocument(record).receivedOrder.toHexString() > document.receivedOrder.toHexString()).toBe(true);
  });
});

describe('MongoDB connection strings', () => {
  it('finds the database named in the path, if any', () => {
    expect(databaseNameInUri('mongodb://db1.example.jp:27017,db2.example.jp:27017/surveys?replicaSet=rs0')).toBe('surveys');
    expect(databaseNameInUri('mongodb+srv://user:p%40ss@cluster.example.jp/surveys')).toBe('surveys');
    expect(databaseNameInUri('mongodb://localhost:27017')).toBeUndefined();
    expect(databaseNameInUri('mongodb://localhost:27017/?replicaSet=rs0')).toBeUndefined();
  });

  it('hides the password in messages', () => {
    expect(redactUri('mongodb://toolkit:s3cret@db1:27017/surveys')).toBe('mongodb://toolkit:***@db1:27017/surveys');
    expect(redactUri('mongodb://db1:27017/surveys')).toBe('mongodb://db1:27017/surveys');
  });
});
