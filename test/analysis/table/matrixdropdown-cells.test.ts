/**
 * matrixdropdown cells (`data[matrix][row][column]`, issue 25) in the byte scanner: it must build
 * exactly the table JSON.parse + appendRecord builds, line for line, error for error, and read
 * ordinary lines on the fast path. The matrix is the SurveyJS corpus's every-cell-type fixture
 * with a free-text and a computed (expression) column added.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { planFor } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import type { ResponseTable, TableSpec } from '../../../analysis/table/response-table.ts';

const corpus = JSON.parse(readFileSync(new URL('../../fixtures/surveyjs-corpus/matrixdropdown-every-celltype.json', import.meta.url), 'utf8'));
const matrix = corpus.pages[0].elements[0];
matrix.columns.push({ name: 'said', cellType: 'text' }, { name: 'twice', cellType: 'expression', expression: '{row.minutes} * 2' });
// An "other" item: survey-core keeps its text beside the cell, as `freq-Comment` in the row.
matrix.columns[0].showOtherItem = true;
const definition = loadDefinition({ id: 'facilities', version: 1, audience: 'citizen', ...corpus }, 'matrixdropdown-every-celltype.json');
const spec: TableSpec = planFor([definition]).tableSpec;
const encoder = new TextEncoder();

function dump(table: ResponseTable) {
  const n = table.rowCount;
  return {
    rowCount: n,
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

/** Both paths over the same lines; a run stops at its first error. */
function both(lines: string[]): { fast: Outcome; reference: Outcome; slowLines: number } {
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
  const fast = run((line, index) => {
    const bytes = encoder.encode(`${line}\n`);
    append(bytes, 0, bytes.length - 1, index + 1, index + 1);
  }, fastTable);
  const reference = run((line, index) => {
    let record: unknown;
    try {
      record = JSON.parse(new TextDecoder().decode(encoder.encode(line)));
    } catch (error) {
      throw new Error(`not valid JSON (${(error as Error).message})`);
    }
    appendRecord(referenceTable, record, index + 1, index + 1);
  }, referenceTable);
  return { fast, reference, slowLines: append.slowLines };
}

const records = [...synthesizeResponses(definition, { count: 300, seed: 8 })];
const lineWith = (facilities: unknown) => JSON.stringify({ ...records[0], data: { facilities } });

describe('matrixdropdown cells in the JSONL scanner', () => {
  it('names a variable per row and column, of the kind its cell type reads', () => {
    const kinds = Object.fromEntries(spec.variables.filter((v) => v.name.startsWith('facilities.library.')).map((v) => [v.name, v.kind]));
    expect(kinds).toEqual({
      'facilities.library.freq': 'single',
      'facilities.library.freq-Comment': 'comment',
      'facilities.library.access': 'single',
      'facilities.library.purpose': 'multiple',
      'facilities.library.tags': 'multiple',
      'facilities.library.again': 'single',
      'facilities.library.score': 'single',
      'facilities.library.minutes': 'number',
      'facilities.library.remark': 'comment',
      'facilities.library.said': 'comment',
      'facilities.library.twice': 'comment',
    });
    expect(spec.variables.find((v) => v.name === 'facilities.pool.score')!.values).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads synthetic lines on the fast path into the same table as JSON.parse', () => {
    const lines = records.map((r) => JSON.stringify(r));
    const { fast, reference, slowLines } = both(lines);
    expect(fast).toEqual(reference);
    expect('table' in fast && fast.table.rowCount).toBe(300);
    expect(slowLines).toBe(0);
  });

  it('agrees with JSON.parse on nulls, empty rows, computed values of any kind, escapes and repeats', () => {
    const variants = [
      lineWith(null),
      lineWith({}),
      lineWith({ library: null, pool: {} }),
      lineWith({ library: { freq: null, purpose: [], minutes: null, remark: '' } }),
      lineWith({ library: { twice: 12 }, pool: { twice: 'x' }, center: { twice: '' } }),
      lineWith({ library: { twice: [1, { a: null }] }, pool: { twice: { n: -1.5e-3 } }, center: { twice: false } }),
      lineWith({ library: { twice: null, said: '改行\nと"引用"' } }),
      lineWith({ library: { freq: '週1以上', again: false, score: 5, minutes: 12.5, tags: ['清潔', '便利'] } }),
      lineWith({ library: { freq: 'other', 'freq-Comment': '月2回くらい' }, pool: { 'freq-Comment': '' } }),
      lineWith({ library: { minutes: 1e2, score: 5.0 } }),
      lineWith({ library: { freq: '週1以上' } }).replace('"freq"', '"\\u0066req"'),
      lineWith({ library: { freq: '週1以上' } }).replace('"週1以上"', '"\\u90311以上"'),
      lineWith({ library: { freq: '週1以上' } }).replace('"freq":"週1以上"', '"freq":"月1以上","freq":"週1以上"'),
      lineWith({ library: { freq: '週1以上' }, pool: {} }).replace('"pool":{}', '"library":{"freq":"年数回"}'),
      lineWith({ library: { freq: '週1以上' } }).replace('{"library"', '{ "library" ').replace(':{"freq"', ' : { "freq" '),
    ];
    for (const line of variants) {
      const { fast, reference } = both([JSON.stringify(records[1]), line]);
      expect(fast, line).toEqual(reference);
      expect('table' in fast, line).toBe(true);
    }
  });

  it('rejects a row, a column or a value the definitions lack, and a cell of the wrong type, with the same message', () => {
    const bad = [
      lineWith({ gym: { freq: '週1以上' } }),
      lineWith({ library: { colour: 'red' } }),
      // Only a column with an "other" item or a comment area keeps a text beside it.
      lineWith({ library: { 'access-Comment': 'バス' } }),
      lineWith({ library: { freq: 'daily' } }),
      lineWith({ library: { freq: ['週1以上'] } }),
      lineWith({ library: { purpose: '学習' } }),
      lineWith({ library: { purpose: ['学習', '昼寝'] } }),
      lineWith({ library: { score: 6 } }),
      lineWith({ library: { again: 'yes' } }),
      lineWith({ library: { minutes: '12' } }),
      lineWith({ library: { remark: 3 } }),
      lineWith({ library: '週1以上' }),
      lineWith(['library']),
    ];
    for (const line of bad) {
      const { fast, reference } = both([JSON.stringify(records[1]), line]);
      expect(fast, line).toEqual(reference);
      expect('error' in fast, line).toBe(true);
    }
    expect(both([lineWith({ library: { colour: 'red' } })]).fast).toEqual({
      error: 'answer to "facilities", row "library" has a column "colour" the definitions do not have',
    });
  });

  it('agrees with JSON.parse on arbitrary cell values and damaged lines', () => {
    const text = JSON.stringify(records[2]);
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('freq', 'purpose', 'again', 'score', 'minutes', 'remark', 'twice', 'other'), fc.nat(), fc.integer({ min: 0, max: 127 }).filter((b) => b !== 10), (value, column, at, byte) => {
        const line = lineWith({ library: { [column]: value }, pool: { freq: '年数回', twice: value } });
        const position = at % line.length;
        const damaged = line.slice(0, position) + String.fromCharCode(byte) + line.slice(position + 1);
        for (const candidate of [line, damaged]) {
          const { fast, reference } = both([text, candidate]);
          expect(fast).toEqual(reference);
        }
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});
