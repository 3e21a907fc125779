/**
 * The byte scanner must build exactly the table JSON.parse + appendRecord builds, line for
 * line, error for error; and it must really be the fast path for ordinary lines.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { planFor } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { concatTables } from '../../../analysis/table/concat-tables.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import type { ResponseTable, TableSpec } from '../../../analysis/table/response-table.ts';

const SURVEYS = ['ward-office-exit', 'citizen-needs', 'staff-workstyle'];
const definitions = Object.fromEntries(
  SURVEYS.map((id) => {
    const url = new URL(`../../../survey-definitions/${id}/v1.json`, import.meta.url);
    return [id, loadDefinition(JSON.parse(readFileSync(url, 'utf8')), id)];
  }),
);
const specs: Record<string, TableSpec> = Object.fromEntries(
  SURVEYS.map((id) => [id, { ...planFor([definitions[id]], { by: id === 'staff-workstyle' ? undefined : 'ageBand', commentSampleSize: 5 }).tableSpec }]),
);
const encoder = new TextEncoder();

/** The table's contents as plain data, for whole-table comparison. */
function dump(table: ResponseTable) {
  const n = table.rowCount;
  return {
    rowCount: n,
    version: Array.from(table.version.subarray(0, n)),
    origin: Array.from(table.origin.subarray(0, n)),
    completedAt: Array.from(table.completedAt.subarray(0, n)),
    startedAt: Array.from(table.startedAt.subarray(0, n)),
    channel: Array.from(table.channel.subarray(0, n)),
    kiosk: Array.from(table.kiosk.subarray(0, n)),
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

/** Both paths over the same lines: each line either goes in or throws; the run stops at the first throw. */
function both(spec: TableSpec, lines: string[]): { fast: Outcome; reference: Outcome; slowLines: number } {
  const fastTable = createResponseTable(spec, 4);
  const append = createJsonlAppender(fastTable);
  const referenceTable = createResponseTable(spec, 4);
  const run = (add: (line: string, index: number) => void, table: ResponseTable): Outcome => {
    try {
      lines.forEach(add);
      return { table: dump(table) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  let offset = 0;
  const fast = run((line, index) => {
    // Lines inside one buffer, newline-terminated, as the file reader hands them over.
    const bytes = encoder.encode(`${line}\n{"next":"line"}\n`);
    append(bytes, 0, bytes.indexOf(10), index + 1, offset);
    offset += bytes.length;
  }, fastTable);
  offset = 0;
  const reference = run((line, index) => {
    let record: unknown;
    try {
      // The file holds bytes: decode what was encoded (a lone surrogate has become U+FFFD).
      record = JSON.parse(new TextDecoder().decode(encoder.encode(line)));
    } catch (error) {
      throw new Error(`not valid JSON (${(error as Error).message})`);
    }
    appendRecord(referenceTable, record, index + 1, offset);
    offset += encoder.encode(`${line}\n{"next":"line"}\n`).length;
  }, referenceTable);
  return { fast, reference, slowLines: append.slowLines };
}

describe('createJsonlAppender', () => {
  it.each(SURVEYS)('reads synthetic %s lines on the fast path into the same table as JSON.parse', (id) => {
    const lines = [...synthesizeResponses(definitions[id], { count: 400, seed: 11 })].map((r) => JSON.stringify(r));
    const { fast, reference, slowLines } = both(specs[id], lines);
    expect(fast).toEqual(reference);
    expect('table' in fast && fast.table.rowCount).toBe(400);
    expect(slowLines).toBe(0);
  });

  it('agrees with JSON.parse on whitespace, escapes, reordered and unknown keys, duplicates and number forms', () => {
    const [base] = [...synthesizeResponses(definitions['staff-workstyle'], { count: 1, seed: 3 })];
    const text = JSON.stringify(base);
    const variants = [
      JSON.stringify(base, null, 2).replace(/\n/g, ' '),
      JSON.stringify(base, null, '\t').replace(/\n/g, '\r'),
      text.replace('"surveyId"', '"\\u0073urveyId"'),
      // The first letter of a value written as a \u escape: same string, escaped bytes.
      text.replace(/"yearsOfService":"([a-z])/, (_, c: string) => `"yearsOfService":"\\u00${c.charCodeAt(0).toString(16)}`),
      text.replace('"data":{', '"data":{"yearsOfService":"veteran",'),
      text.replace('"data":{', '"data":{"practices":{"telework":1},'),
      text.replace('"telework":', '"telework":1,"telework":'),
      text.replace(/"telework":(\d)/, '"telework":$1.0').replace(/"paperless":(\d)/, '"paperless":$1e0'),
      text.replace('"data":{', '"data":{"extra":{"deep":[1,2,{"x":null,"y":[true,false,"\\"\\\\"]}],"n":-1.5e-3},'),
      text.replace('"meta":{', '"meta":{"ward":null,'),
      text.replace('"data":{', '"data":{"comment":"改行\\nと\\"引用\\"と\\u2028",'),
      `{"data":${JSON.stringify(base.data)},"surveyVersion":1,"surveyId":"staff-workstyle"}`,
      text.replace('"surveyVersion":1', '"surveyVersion":1.0'),
      text.replace('"data":{', '"data":{"priorities":null,"barriers":[],'),
      // completedAt and channel in every form a record may carry them.
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":"2026-04-01T09:00:00+09:00"'),
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":"2026-04-01T09:00:00.123456Z"'),
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":"2026-02-30T00:00:00Z"'),
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":"\\u0032026-04-01T00:00:00Z"'),
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":"yesterday"'),
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":null'),
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":1775034000000'),
      text.replace(/"completedAt":"[^"]+"/, '"completedAt":"2026-04-01T00:00:00Z","completedAt":"2026-05-01T00:00:00Z"'),
      text.replace(/"startedAt":"[^"]+"/, '"startedAt":"2026-04-01T08:55:00+09:00"'),
      text.replace(/"startedAt":"[^"]+"/, '"startedAt":null'),
      text.replace(/"startedAt":"[^"]+"/, '"startedAt":"\\u0032026-04-01T00:00:00Z"'),
      text.replace(/"startedAt":"[^"]+"/, '"startedAt":"2026-04-01T00:00:00Z","startedAt":"2026-05-01T00:00:00Z"'),
      text.replace('"channel":"online"', '"channel":"kiosk"'),
      text.replace('"channel":"online"', '"channel":"paper"'),
      text.replace('"channel":"online"', '"channel":"\\u006biosk"'),
      text.replace('"channel":"online"', '"channel":["online"]'),
      text.replace('"channel":"online"', '"channel":"kiosk","channel":"online"'),
      // A tablet's id in every form meta may carry it.
      text.replace('"meta":{', '"meta":{"kioskId":"chuo-1",'),
      text.replace('"meta":{', '"meta":{"kioskId":"",'),
      text.replace('"meta":{', '"meta":{"kioskId":null,'),
      text.replace('"meta":{', '"meta":{"kioskId":7,'),
      text.replace('"meta":{', '"meta":{"kioskId":"\\u006bita-2",'),
      text.replace('"meta":{', '"meta":{"kioskId":"a","kioskId":"b",'),
    ];
    for (const line of variants) {
      const { fast, reference } = both(specs['staff-workstyle'], [text, line, text]);
      expect(fast, line).toEqual(reference);
      expect('table' in fast, line).toBe(true);
    }
  });

  it('keeps each row\'s completion instant and channel', () => {
    const records = [...synthesizeResponses(definitions['staff-workstyle'], { count: 2, seed: 3 })];
    const lines = [
      JSON.stringify({ ...records[0], channel: 'kiosk', completedAt: '2026-04-01T09:00:00+09:00' }),
      JSON.stringify({ ...records[1], channel: 'online', completedAt: '2026-12-31T23:59:59.999Z' }),
      JSON.stringify({ ...records[1], channel: 'fax', completedAt: 'soon' }),
    ];
    const { fast, reference } = both(specs['staff-workstyle'], lines);
    expect(fast).toEqual(reference);
    const table = 'table' in fast ? fast.table : undefined;
    expect(table?.completedAt).toEqual([Date.UTC(2026, 3, 1, 0, 0, 0), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Number.NaN]);
    expect(table?.channel).toEqual([0, 1, 255]);
  });

  it('rejects what JSON.parse rejects, and what appendRecord rejects, with the same message', () => {
    const [base] = [...synthesizeResponses(definitions['staff-workstyle'], { count: 1, seed: 3 })];
    const text = JSON.stringify(base);
    const bad = [
      text.slice(0, -1),
      `${text},`,
      text.replace('"channel":"online"', '"channel":tru'),
      text.replace(/"yearsOfService":"([a-z_]+)"/, '"yearsOfService":"jun\tior"'),
      text.replace('"surveyVersion":1', '"surveyVersion":01'),
      text.replace('"surveyVersion":1', '"surveyVersion":2'),
      text.replace('"staff-workstyle"', '"ward-office-exit"'),
      text.replace(/"yearsOfService":"[a-z_]+"/, '"yearsOfService":"retired"'),
      text.replace(/"barriers":\[/, '"barriers":"x","b":['),
      text.replace('"practices":{', '"practices":{"typing":3,'),
      text.replace(/"priorities":\["([a-z_]+)"/, '"priorities":["$1","$1"'),
      '[]',
      '{}',
      'null',
      '{"surveyId":"staff-workstyle","surveyVersion":1}',
    ];
    for (const line of bad) {
      expect(line).not.toBe(text);
      const { fast, reference } = both(specs['staff-workstyle'], [text, line]);
      expect(fast, line).toEqual(reference);
      expect('error' in fast, line).toBe(true);
    }
  });

  it('agrees with JSON.parse on arbitrary extra values, comments and damaged lines', () => {
    const [base] = [...synthesizeResponses(definitions['citizen-needs'], { count: 1, seed: 5 })];
    const text = JSON.stringify(base);
    fc.assert(
      // Any byte but a newline, which would make two lines in a file.
      fc.property(fc.jsonValue(), fc.string({ unit: 'grapheme' }), fc.nat(), fc.integer({ min: 0, max: 127 }).filter((b) => b !== 10), (extra, comment, at, byte) => {
        const withExtra = JSON.stringify({ ...base, data: { ...base.data, zzz: extra, comment: comment || 'x' } });
        const position = at % withExtra.length;
        const damaged = withExtra.slice(0, position) + String.fromCharCode(byte) + withExtra.slice(position + 1);
        for (const line of [withExtra, damaged]) {
          const { fast, reference } = both(specs['citizen-needs'], [text, line]);
          expect(fast).toEqual(reference);
        }
      }),
      { numRuns: 300, seed: 20250602 },
    );
  });
});

describe('concatTables', () => {
  it('joins tables read in parts into the table one pass gives, comment sample included', () => {
    const lines = [...synthesizeResponses(definitions['ward-office-exit'], { count: 300, seed: 9 })].map((r) => `${JSON.stringify(r)}\n`);
    const spec = specs['ward-office-exit'];
    const bytes = encoder.encode(lines.join(''));
    const read = (table: ResponseTable, from: number, to: number, firstLine: number) => {
      const append = createJsonlAppender(table);
      let start = 0;
      for (let line = 0; line < from; line++) start += encoder.encode(lines[line]).length;
      for (let line = from; line < to; line++) {
        const end = bytes.indexOf(10, start);
        append(bytes, start, end, line - from + firstLine, start);
        start = end + 1;
      }
      return table;
    };
    const whole = read(createResponseTable(spec), 0, 300, 1);
    const parts = [read(createResponseTable(spec), 0, 120, 1), read(createResponseTable(spec), 120, 200, 1), read(createResponseTable(spec), 200, 300, 1)];
    const joined = concatTables(parts, [0, 120, 200]);
    const withoutSampleOrder = (table: ResponseTable) => {
      const data = dump(table);
      return { ...data, columns: data.columns.map((c) => (c && typeof c === 'object' && 'sample' in c && c.sample ? { ...c, sample: [...c.sample].sort((a, b) => a.row - b.row) } : c)) };
    };
    expect(withoutSampleOrder(joined)).toEqual(withoutSampleOrder(whole));
  });
});
