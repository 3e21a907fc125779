/**
 * Issue 24 (ADR 0100): the JSONL scanner compares keys, choice values, the survey id, the channel and timestamps in
 * place, four bytes at a time, reads one-digit answers by table and skips strings four bytes at a time. This checks
 * the edges of those shortcuts against JSON.parse + appendRecord on a survey made for it: values that are prefixes of
 * one another, the empty text, values JSON must escape, numbers in every form, keys that are prefixes of one another,
 * timestamps in and out of the stored form; and every line cut at every byte, with the rest of the line still in the
 * buffer after the cut (a shortcut that read past the line's end would see a valid record there).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import type { ResponseTable, TableSpec } from '../../../analysis/table/response-table.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';

const spec: TableSpec = {
  surveyId: 'in-place',
  versions: [1, 2],
  commentSampleSize: 3,
  seed: 1,
  variables: [
    { name: 'pick', kind: 'single', source: { from: 'data', key: 'pick' }, values: ['a', 'ab', 'abcd', 'abcde', '', 'q"uote', 'back\\slash', 'tab\there', 'ｶﾅ', '日本語のテキスト', 1, 5, 10, true] },
    { name: 'rate', kind: 'single', source: { from: 'data', key: 'rate' }, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0.5, -1, 1e21] },
    { name: 'm.r1', kind: 'single', source: { from: 'matrix', key: 'm', row: 'r1' }, values: [1, 2, 3] },
    { name: 'm.r10', kind: 'single', source: { from: 'matrix', key: 'm', row: 'r10' }, values: [1, 2, 3] },
    { name: 'many', kind: 'multiple', source: { from: 'data', key: 'many' }, values: ['x', 'xy', 'xyz1', 'xyz12'] },
    { name: 'order', kind: 'ranking', source: { from: 'data', key: 'order' }, values: ['x', 'xy', 'xyz1'] },
    { name: 'note', kind: 'comment', source: { from: 'data', key: 'note' }, values: [] },
    { name: 'ward', kind: 'single', source: { from: 'meta', key: 'ward' }, values: ['chuo', 'kita'] },
    { name: 'channel', kind: 'single', source: { from: 'channel' }, values: ['kiosk', 'online'] },
  ],
};

const encoder = new TextEncoder();

function dump(table: ResponseTable) {
  const n = table.rowCount;
  return {
    rowCount: n,
    version: Array.from(table.version.subarray(0, n)),
    origin: Array.from(table.origin.subarray(0, n)),
    completedAt: Array.from(table.completedAt.subarray(0, n)),
    startedAt: Array.from(table.startedAt.subarray(0, n)),
    channel: Array.from(table.channel.subarray(0, n)),
    columns: table.columns.map((column) =>
      column.kind === 'single'
        ? Array.from(column.codes.subarray(0, n))
        : column.kind === 'number'
          ? Array.from(column.numbers.subarray(0, n))
          : column.kind === 'comment'
            ? { answered: Array.from(column.answered.subarray(0, n)), sample: column.sample }
            : { answered: Array.from(column.answered.subarray(0, n)), cells: column.cells.map((cells) => Array.from(cells.subarray(0, n))) },
    ),
  };
}

type Outcome = { error: string } | { table: ReturnType<typeof dump> };

/**
 * Both paths over the same lines. Line k is handed to the scanner as bytes [0, cut) of `${line}${after}`: what follows
 * the cut stays in the buffer, as the next bytes of a file do.
 */
function both(lines: Array<{ text: string; cut?: number; after?: string }>): { fast: Outcome; reference: Outcome; slowLines: number } {
  const fastTable = createResponseTable(spec, 2);
  const append = createJsonlAppender(fastTable);
  const referenceTable = createResponseTable(spec, 2);
  const run = (add: (line: { text: string; cut?: number; after?: string }, index: number) => void, table: ResponseTable): Outcome => {
    try {
      lines.forEach(add);
      return { table: dump(table) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  const fast = run(({ text, cut, after = '\n' }, index) => {
    const bytes = encoder.encode(`${text}${after}`);
    append(bytes, 0, cut ?? encoder.encode(text).length, index + 1, index * 1000);
  }, fastTable);
  const reference = run(({ text, cut }, index) => {
    const bytes = encoder.encode(text).subarray(0, cut);
    let record: unknown;
    try {
      record = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      throw new Error(`not valid JSON (${(error as Error).message})`);
    }
    appendRecord(referenceTable, record, index + 1, index * 1000);
  }, referenceTable);
  return { fast, reference, slowLines: append.slowLines };
}

const record = (data: string, rest = '') =>
  `{"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","surveyId":"in-place","surveyVersion":1,"channel":"kiosk","meta":{"ward":"chuo"},` +
  `"startedAt":"2026-04-01T09:00:00.000Z","completedAt":"2026-04-01T09:05:00.123Z"${rest},"data":{${data}}}`;

const LINES = [
  record('"pick":"a","rate":5,"m":{"r1":1,"r10":3},"many":["x","xyz12"],"order":["xy","x"],"note":"ok"'),
  record('"pick":"ab","rate":0,"m":{"r10":2,"r1":1}'),
  record('"pick":"abcd","rate":9'),
  record('"pick":"abcde","rate":10'),
  record('"pick":"abc"'), // a prefix of known values, itself unknown
  record('"pick":"abcdef"'),
  record('"pick":""'),
  record('"pick":"q\\"uote"'),
  record('"pick":"back\\\\slash"'),
  record('"pick":"back\\slash"'), // \s is no escape
  record('"pick":"tab\\there"'),
  record('"pick":"ｶﾅ"'),
  record('"pick":"日本語のテキスト","note":"日本語のコメント、少し長めに書いたもの。"'),
  record('"pick":"\\u65e5本語のテキスト"'),
  record('"pick":1'),
  record('"pick":5.0'),
  record('"pick":10'),
  record('"pick":1e1'),
  record('"pick":true'),
  record('"pick":"true"'),
  record('"rate":0.5'),
  record('"rate":5e-1'),
  record('"rate":-1'),
  record('"rate":-0'),
  record('"rate":05'),
  record('"rate":1E21'),
  record('"rate":1000000000000000000000'),
  record('"rate":12345678901234567890123'),
  record('"rate":3 '),
  record('"rate":3\t'),
  record('"rate":7.'),
  record('"rate":7e'),
  record('"m":{"r1":2,"r100":1}'),
  record('"m":{"r1 ":2}'),
  record('"m":{"r1" :2}'),
  record('"m" : {"r1":2}'),
  record('"many":["x","x"],"order":["x","x"]'),
  record('"many":["xyz1","xyz"]'),
  record('"note":"a\\nb"'),
  record('"note":"\\ud83d\\ude00 surrogate pair"'),
  record('"note":"\\ud83d lone"'),
  record('"pick":"a"', ',"startedAt2":"2026-04-01T09:00:00.000Z"'),
  record('"pick":"a"').replace('09:05:00.123Z', '09:05:00Z'),
  record('"pick":"a"').replace('09:05:00.123Z', '09:05:00.123+09:00'),
  record('"pick":"a"').replace('09:05:00.123Z', '09:05:60.123Z'),
  record('"pick":"a"').replace('09:05:00.123Z', '09:05:00.12xZ'),
  record('"pick":"a"').replace('2026-04-01T09:05', '2026-02-30T09:05'),
  record('"pick":"a"').replace('09:05:00.123Z', '09:05:00.123Z\\u0000'),
  record('"pick":"a"').replace('"kiosk"', '"kiosks"'),
  record('"pick":"a"').replace('"kiosk"', '"online"'),
  record('"pick":"a"').replace('"kiosk"', '"\\u006biosk"'),
  record('"pick":"a"').replace('"in-place"', '"in-placex"'),
  record('"pick":"a"').replace('"in-place"', '"in-plac"'),
  record('"pick":"a"').replace('"surveyVersion":1', '"surveyVersion":2'),
  record('"pick":"a"').replace('"surveyVersion":1', '"surveyVersion":1.0'),
  record('"pick":"a"').replace('"surveyVersion":1', '"surveyVersion":3'),
  record('"pick":"a"').replace('"ward":"chuo"', '"ward":"kita","locale":"ja"'),
];

describe('the scanner\'s in-place shortcuts (issue 24)', () => {
  it.each(LINES.map((line, k) => [k, line]))('line %i builds the same table or error as JSON.parse', (_, line) => {
    // After the same line once, so every key is predicted and every shortcut is tried.
    const { fast, reference } = both([{ text: LINES[0] }, { text: LINES[0] }, { text: line }]);
    expect(fast, line).toEqual(reference);
  });

  it('keeps ordinary lines on the fast path', () => {
    expect(both(LINES.slice(0, 4).map((text) => ({ text }))).slowLines).toBe(0);
  });

  it(
    'gives the same outcome for every line cut at any byte, the rest of it still in the buffer',
    () => {
      fc.assert(
        fc.property(fc.nat(LINES.length - 1), fc.nat(), (k, at) => {
          const text = LINES[k];
          const length = encoder.encode(text).length;
          const cut = at % (length + 1);
          const { fast, reference } = both([{ text: LINES[0] }, { text, cut, after: '\n' }]);
          expect(fast, `${text} cut at ${cut}`).toEqual(reference);
        }),
        { numRuns: propertyRuns(3000), seed: 24_1207 },
      );
    },
    propertyTimeout(),
  );
});
