/**
 * The shared filter's `includeTest` (issue 30): test answers (meta.test === true) are left out unless a read asks
 * for them, on records (matchesResponseFilter, filteredRecords) and on a live table's rows (rowTestOf, rowMask)
 * alike, and with the rest of the filter.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { appendStored, createLiveTable } from '../../../server/live-table/live-table.ts';
import { filteredRecords, FilterError, matchesResponseFilter, parseResponseFilter } from '../../../server/live-table/response-filter.ts';
import { rowMask, rowTestOf } from '../../../server/live-table/row-mask.ts';
import { readShipped } from '../../analysis/definitions/shipped-definition-files.ts';

const definition = loadDefinition(readShipped('ward-office-exit'), 'ward-office-exit');
const records = [...synthesizeResponses(definition, { count: 60, seed: 3 })];
// Every fifth a test answer.
records.forEach((record, k) => {
  if (k % 5 === 0) record.meta = { ...record.meta, test: true };
});
const isTest = (record: ResponseRecord) => record.meta.test === true;

describe('parseResponseFilter: includeTest', () => {
  it('is absent by default and for includeTest=0, true for includeTest=1', () => {
    expect(parseResponseFilter({}, definition)).toEqual({ segments: {} });
    expect(parseResponseFilter({ includeTest: '0' }, definition)).toEqual({ segments: {} });
    expect(parseResponseFilter({ includeTest: '1', channel: 'kiosk' }, definition)).toEqual({ segments: {}, channels: ['kiosk'], includeTest: true });
  });

  it('refuses anything else, naming it', () => {
    for (const value of ['true', 'yes', '2', ['1', '1']]) {
      expect(() => parseResponseFilter({ includeTest: value }, definition), JSON.stringify(value)).toThrow(FilterError);
    }
    expect(() => parseResponseFilter({ includeTest: 'yes' }, definition)).toThrow(/includeTest must be 1 .* or 0/);
    expect(() => parseResponseFilter({ nosuch: '1' }, definition)).toThrow(/includeTest/);
  });
});

describe('matchesResponseFilter and filteredRecords', () => {
  it('leave test answers out unless included, with the rest of the filter', async () => {
    const without = matchesResponseFilter(parseResponseFilter({}, definition), definition);
    expect(records.filter(without)).toEqual(records.filter((record) => !isTest(record)));
    const withTest = matchesResponseFilter(parseResponseFilter({ includeTest: '1' }, definition), definition);
    expect(records.filter(withTest)).toEqual(records);
    const kioskOnly = matchesResponseFilter(parseResponseFilter({ includeTest: '1', channel: 'kiosk' }, definition), definition);
    expect(records.filter(kioskOnly)).toEqual(records.filter((record) => record.channel === 'kiosk'));
    // A meta.test that is not true (stored before the schema said so) is not a test answer.
    expect(without({ ...records[1], meta: { ...records[1].meta, test: 'true' as never } })).toBe(true);

    const list = async function* () {
      yield* records;
    };
    const streamed: ResponseRecord[] = [];
    for await (const record of filteredRecords(list, definition.id, parseResponseFilter({}, definition), definition)) streamed.push(record);
    expect(streamed.map((record) => record.id)).toEqual(records.filter((record) => !isTest(record)).map((record) => record.id));
  });
});

describe('rowTestOf and rowMask over a live table', () => {
  const live = createLiveTable([definition]);
  for (const record of records) appendStored(live, { surveyId: record.surveyId, id: record.id, receivedAt: record.receivedAt, bytes: Buffer.from(JSON.stringify(record)), test: isTest(record) });

  it('keep each row the record filter keeps', () => {
    for (const query of [{}, { includeTest: '1' }, { channel: 'online' }, { includeTest: '1', channel: 'online' }, { ward: 'kita,chuo' }]) {
      const filter = parseResponseFilter(query, definition);
      const matches = matchesResponseFilter(filter, definition);
      const test = rowTestOf(live, filter)!;
      const mask = rowMask(live, filter)!;
      records.forEach((record, row) => {
        expect(test(row), `${JSON.stringify(query)} row ${row}`).toBe(matches(record));
        expect(mask[row], `${JSON.stringify(query)} row ${row}`).toBe(matches(record) ? 1 : 0);
      });
    }
  });

  it('read the flags of rows appended after the mask was made', () => {
    const filter = parseResponseFilter({}, definition);
    const before = rowMask(live, filter)!.slice(0, live.table.rowCount);
    const extra = { ...records[2], id: 'late-test', submissionId: 'late-test', meta: { ...records[2].meta, test: true as const } };
    appendStored(live, { surveyId: extra.surveyId, id: extra.id, receivedAt: extra.receivedAt, bytes: Buffer.from(JSON.stringify(extra)), test: true });
    const after = rowMask(live, filter)!;
    expect([...after.slice(0, before.length)]).toEqual([...before]);
    expect(after[live.table.rowCount - 1]).toBe(0);
    expect(rowMask(live, parseResponseFilter({ includeTest: '1' }, definition))![live.table.rowCount - 1]).toBe(1);
  });
});
