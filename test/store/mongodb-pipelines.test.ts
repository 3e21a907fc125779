/**
 * The MongoDB aggregation pipelines, tested as data without a server: mingo
 * (an in-process engine of MongoDB's query language) runs them on the same
 * documents the MongoDB store writes, and the numbers must equal an in-process
 * count over the records.
 *
 * The in-process side is a plain reference count written here, because the
 * analysis library's needs counting did not exist yet when these tests were
 * written; it follows issue 4's definitions (answered = a non-empty array;
 * share = chosen / answered; rank = 1-based position).
 */
import { aggregate } from 'mingo';
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import {
  dailyCountsPipeline,
  needsCountsPipeline,
  readDailyCounts,
  readNeedsCounts,
  type DailyCount,
  type NeedsCounts,
  type NeedsQuestion,
  type Pipeline,
} from '../../server/store/mongodb-pipelines.ts';
import { toDocument } from '../../server/store/mongodb-response-store.ts';
import type { ResponseQuery } from '../../server/store/response-store.ts';
import { asStored, seededRecords } from './seeded-records.ts';

function runInMingo(records: ResponseRecord[], pipeline: Pipeline): Array<Record<string, unknown>> {
  return aggregate(records.map(toDocument), pipeline) as Array<Record<string, unknown>>;
}

function inRange(record: ResponseRecord, query: ResponseQuery): boolean {
  const at = Date.parse(record.receivedAt);
  return (
    record.surveyId === query.surveyId &&
    (query.receivedFrom === undefined || at >= Date.parse(query.receivedFrom)) &&
    (query.receivedTo === undefined || at < Date.parse(query.receivedTo))
  );
}

/** The in-process count, written the obvious way. */
function referenceNeedsCounts(records: ResponseRecord[], query: ResponseQuery, question: NeedsQuestion): NeedsCounts {
  let answered = 0;
  const byValue = new Map<string, { value: unknown; count: number; rankSum: number }>();
  for (const record of records.filter((r) => inRange(r, query))) {
    const answer = record.data[question.name];
    if (!Array.isArray(answer) || answer.length === 0) continue;
    answered++;
    for (const value of new Set(answer)) {
      const entry = byValue.get(JSON.stringify(value)) ?? { value, count: 0, rankSum: 0 };
      entry.count++;
      entry.rankSum += answer.indexOf(value) + 1;
      byValue.set(JSON.stringify(value), entry);
    }
  }
  const items = [...byValue.values()]
    .map(({ value, count, rankSum }) => (question.kind === 'ranking' ? { value, count, rankSum } : { value, count }))
    .sort((a, b) => b.count - a.count || (JSON.stringify(a.value) < JSON.stringify(b.value) ? -1 : 1));
  return { question: question.name, kind: question.kind, answered, items };
}

function referenceDailyCounts(records: ResponseRecord[], query: ResponseQuery, timeZone: string): DailyCount[] {
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const counts = new Map<string, DailyCount>();
  for (const record of records.filter((r) => inRange(r, query))) {
    const day = dayOf.format(new Date(record.receivedAt));
    const ward = record.meta.ward ?? null;
    const key = JSON.stringify([day, record.channel, ward]);
    const entry = counts.get(key) ?? { day, channel: record.channel, ward, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const text = (s: string | null) => s ?? '';
  return [...counts.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel) || text(a.ward).localeCompare(text(b.ward)),
  );
}

const improvements: NeedsQuestion = { name: 'improvements', kind: 'choice' };
const priorities: NeedsQuestion = { name: 'priorities', kind: 'ranking' };

describe('needs counts pipeline', () => {
  it('counts a small literal case exactly', () => {
    const records = asStored(seededRecords(4, 1)).map((record, index) => ({
      ...record,
      data: [{ p: ['b', 'a'] }, { p: ['a'] }, { p: [] }, { p: ['c', 'a', 'b'], other: 1 }][index],
    }));
    const question: NeedsQuestion = { name: 'p', kind: 'ranking' };
    const output = runInMingo(records, needsCountsPipeline({ surveyId: 'ward-office-exit' }, question));
    expect(readNeedsCounts(question, output)).toEqual({
      question: 'p',
      kind: 'ranking',
      answered: 3,
      items: [
        { value: 'a', count: 3, rankSum: 2 + 1 + 2 },
        { value: 'b', count: 2, rankSum: 1 + 3 },
        { value: 'c', count: 1, rankSum: 1 },
      ],
    });
  });

  it('gives the in-process numbers on 3,000 seeded records, for a choice and a ranking question', () => {
    const records = asStored(seededRecords(3000, 42));
    const query = { surveyId: 'ward-office-exit' };
    for (const question of [improvements, priorities]) {
      const fromPipeline = readNeedsCounts(question, runInMingo(records, needsCountsPipeline(query, question)));
      const inProcess = referenceNeedsCounts(records, query, question);
      expect(fromPipeline).toEqual(inProcess);
      expect(fromPipeline.answered).toBeGreaterThan(2500); // the seeded data really exercises the counts
      expect(fromPipeline.items.length).toBeGreaterThan(5);
    }
  });

  it('counts only the survey and receivedAt range asked for, bounds given with any offset', () => {
    const records = asStored([...seededRecords(800, 7), ...seededRecords(200, 8).map((r) => ({ ...r, surveyId: 'citizen-needs' }))]);
    const query = { surveyId: 'ward-office-exit', receivedFrom: '2025-06-03T09:00:00+09:00', receivedTo: '2025-06-06T00:00:00.000Z' };
    const fromPipeline = readNeedsCounts(priorities, runInMingo(records, needsCountsPipeline(query, priorities)));
    const inProcess = referenceNeedsCounts(records, query, priorities);
    expect(fromPipeline).toEqual(inProcess);
    expect(fromPipeline.answered).toBeGreaterThan(100);
    expect(fromPipeline.answered).toBeLessThan(500);
  });

  it('reaches a question whose name needs escaping in MongoDB', () => {
    const records = asStored(seededRecords(3, 3)).map((record, index) => ({ ...record, data: { 'q.1$': [['x', 'y'], ['y'], ['y', 'z']][index] } }));
    const question: NeedsQuestion = { name: 'q.1$', kind: 'choice' };
    expect(readNeedsCounts(question, runInMingo(records, needsCountsPipeline({ surveyId: 'ward-office-exit' }, question)))).toEqual({
      question: 'q.1$',
      kind: 'choice',
      answered: 3,
      items: [
        { value: 'y', count: 3 },
        { value: 'x', count: 1 },
        { value: 'z', count: 1 },
      ],
    });
  });

  it('answers zero for a survey without responses', () => {
    const output = runInMingo(asStored(seededRecords(50, 9)), needsCountsPipeline({ surveyId: 'staff-workstyle' }, improvements));
    expect(readNeedsCounts(improvements, output)).toEqual({ question: 'improvements', kind: 'choice', answered: 0, items: [] });
  });

  it('is plain JSON data', () => {
    const pipeline = needsCountsPipeline({ surveyId: 's', receivedFrom: '2025-06-01T00:00:00Z' }, priorities);
    expect(JSON.parse(JSON.stringify(pipeline))).toEqual(pipeline);
    expect(pipeline[0]).toEqual({ $match: { surveyId: 's', receivedAt: { $gte: '2025-06-01T00:00:00.000Z' } } });
  });

  it('rejects a bound that is not a date, quoting it', () => {
    expect(() => needsCountsPipeline({ surveyId: 's', receivedTo: 'last week' }, improvements)).toThrow('receivedTo must be an ISO 8601 date-time, got "last week"');
  });
});

describe('daily counts pipeline', () => {
  it('cuts days at midnight in Sapporo, not in UTC', () => {
    const [a, b, c] = asStored(seededRecords(3, 5));
    const records = [
      { ...a, channel: 'kiosk' as const, meta: { ward: 'kita', locale: 'ja' }, receivedAt: '2025-06-01T14:59:59.999Z' },
      { ...b, channel: 'kiosk' as const, meta: { ward: 'kita', locale: 'ja' }, receivedAt: '2025-06-01T15:00:00.000Z' },
      { ...c, channel: 'online' as const, meta: { locale: 'en' }, receivedAt: '2025-06-01T16:00:00.000Z' },
    ];
    expect(readDailyCounts(runInMingo(records, dailyCountsPipeline({ surveyId: 'ward-office-exit' })))).toEqual([
      { day: '2025-06-01', channel: 'kiosk', ward: 'kita', count: 1 },
      { day: '2025-06-02', channel: 'kiosk', ward: 'kita', count: 1 },
      { day: '2025-06-02', channel: 'online', ward: null, count: 1 },
    ]);
  });

  it('gives the in-process numbers on 3,000 seeded records, in Tokyo and in UTC (mingo knows "Etc/UTC", not "UTC")', () => {
    const records = asStored(seededRecords(3000, 11));
    const query = { surveyId: 'ward-office-exit' };
    for (const timeZone of ['Asia/Tokyo', 'Etc/UTC']) {
      const fromPipeline = readDailyCounts(runInMingo(records, dailyCountsPipeline(query, { timeZone })));
      expect(fromPipeline).toEqual(referenceDailyCounts(records, query, timeZone));
      expect(fromPipeline.reduce((sum, row) => sum + row.count, 0)).toBe(3000);
    }
  });

  it('can place responses by completedAt, written with an offset', () => {
    const [a] = asStored(seededRecords(1, 6));
    const record = { ...a, channel: 'online' as const, meta: { locale: 'ja' }, receivedAt: '2025-06-02T01:00:00.000Z', completedAt: '2025-06-01T23:50:00+09:00' };
    expect(readDailyCounts(runInMingo([record], dailyCountsPipeline({ surveyId: 'ward-office-exit' }, { dateField: 'completedAt' })))).toEqual([
      { day: '2025-06-01', channel: 'online', ward: null, count: 1 },
    ]);
  });
});
