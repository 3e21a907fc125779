/**
 * The live table's views are the reports the store gives (issue 23, "equivalence, proven"): for each filter and
 * each option a dashboard sends, the report of liveView must be exactly buildReportFromRecords of the same
 * records streamed out of the same SQLite store — the path every view took before. The records include imports
 * out of receivedAt order, comments, and one stored answer no definition allows.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { buildReport, planFor, type ReportOptions } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { appendStored, createLiveTable, listOrder, sortIntoListOrder, type LiveTable } from '../../../server/live-table/live-table.ts';
import { liveView } from '../../../server/live-table/live-view.ts';
import { filteredRecords, parseResponseFilter } from '../../../server/live-table/response-filter.ts';
import { buildReportFromRecords } from '../../../server/report/build-report-from-records.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { readShipped } from '../../analysis/definitions/shipped-definition-files.ts';

const definition = loadDefinition(readShipped('ward-office-exit'), 'ward-office-exit');
const versions = [definition];
const dir = mkdtempSync(join(tmpdir(), 'live-view-'));
let store: ResponseStore;
let live: LiveTable;

/** A record whose ward no definition allows: the report from the store refuses any view that holds it. */
function unreadable(after: ResponseRecord): ResponseRecord {
  return { ...after, id: 'unreadable-1', submissionId: 'unreadable-1', meta: { ...after.meta, ward: 'atlantis' }, receivedAt: '2025-07-20T03:00:00.000Z' };
}

beforeAll(async () => {
  const records = [...synthesizeResponses(definition, { count: 1200, seed: 5 })];
  // Imports need not come in receivedAt order: move every seventh record a day earlier.
  records.forEach((record, k) => {
    if (k % 7 === 3) record.receivedAt = new Date(Date.parse(record.receivedAt) - 86_400_000).toISOString();
  });
  const kiosk = records.find((record) => record.channel === 'kiosk')!;
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  for (let k = 0; k < records.length; k += 400) await store.importRecords(records.slice(k, k + 400));
  await store.importRecords([unreadable(kiosk)]);
  live = createLiveTable(versions);
  let cursor: string | null = null;
  for (;;) {
    const page = await store.readStoredAfter!(cursor, 300);
    for (const record of page.records) appendStored(live, record);
    if (page.records.length === 0) break;
    cursor = page.cursor;
  }
}, 60_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

async function fromStore(query: Record<string, unknown>, options: ReportOptions): Promise<string> {
  const filter = parseResponseFilter(query, definition);
  try {
    return JSON.stringify(await buildReportFromRecords(versions, filteredRecords((q) => store.list(q), definition.id, filter, definition), options));
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

async function fromLiveTable(query: Record<string, unknown>, options: ReportOptions): Promise<string> {
  const filter = parseResponseFilter(query, definition);
  try {
    const spec = planFor(versions, options).tableSpec;
    const view = await liveView(live, filter, { definition, spec, readRecord: (id) => store.get(id) });
    expect(view).not.toBeNull();
    return JSON.stringify(buildReport({ definitions: versions, table: view!, options }));
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

const FILTERS: Array<Record<string, unknown>> = [
  { ward: 'chuo,kita' },
  { channel: 'online' },
  { from: '2025-06-10', to: '2025-07-05' },
  { channel: 'kiosk', ward: ['higashi', 'nishi'] },
  { ageBand: ['30s', '40s'], channel: 'online' },
];
const OPTIONS: ReportOptions[] = [{}, { seed: 7, minGroupSize: 8 }, { crosstabBy: ['awareOnline'] }, { compare: { date: '2025-07-01' } }, { language: 'en' }];

describe('a live view', () => {
  it('holds every stored record but the unreadable one, in the store order', () => {
    expect(live.table.rowCount).toBe(1200);
    expect(live.unreadable.map(({ record }) => record.id)).toEqual(['unreadable-1']);
    expect(live.inOrder).toBe(false);
  });

  it('refuses, as the store does, a view that holds the unreadable record, and answers one that does not', async () => {
    const everything = await fromStore({}, {});
    expect(everything).toMatch(/^refused: stored response unreadable-1: /);
    expect(await fromLiveTable({}, {})).toBe(everything);
    expect(await fromLiveTable({ channel: 'online' }, {})).not.toMatch(/^refused/);
  });

  for (const filter of FILTERS) {
    for (const options of OPTIONS) {
      it(`reports ${JSON.stringify(filter)} with ${JSON.stringify(options)} exactly as the store does`, async () => {
        const expected = await fromStore(filter, options);
        expect(expected).not.toMatch(/^refused/);
        const actual = await fromLiveTable(filter, options);
        // The parts that differ first, so a failure says where rather than printing two whole reports.
        expect(differingParts(actual, expected)).toEqual([]);
        expect(actual).toBe(expected);
      });
    }
  }
});

function differingParts(actual: string, expected: string): string[] {
  if (actual.startsWith('refused') || expected.startsWith('refused')) return actual === expected ? [] : [actual.slice(0, 200)];
  const a = JSON.parse(actual) as Record<string, unknown>;
  const b = JSON.parse(expected) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

describe('the whole table in its own order', () => {
  it('is viewed without a copy and reports exactly as the store does', async () => {
    const inOrder = await openSqliteResponseStore(join(dir, 'in-order.sqlite'));
    try {
      const records = [...synthesizeResponses(definition, { count: 600, seed: 9 })].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
      await inOrder.importRecords(records);
      const table = createLiveTable(versions);
      const page = await inOrder.readStoredAfter!(null, 1000);
      for (const line of page.records) appendStored(table, line);
      expect(table.inOrder).toBe(true);
      // Spare capacity beyond the rows must not be read as rows.
      expect(table.table.capacity).toBeGreaterThan(table.table.rowCount);
      const filter = parseResponseFilter({}, definition);
      for (const options of [{}, { seed: 3, crosstabBy: ['awareOnline'] }] as ReportOptions[]) {
        const view = await liveView(table, filter, { definition, spec: planFor(versions, options).tableSpec, readRecord: (id) => inOrder.get(id) });
        expect(view!.columns.find((column) => column.kind === 'single')!.codes).toBe((table.table.columns.find((column) => column.kind === 'single') as { codes: Int16Array }).codes);
        const expected = JSON.stringify(await buildReportFromRecords(versions, filteredRecords((q) => inOrder.list(q), definition.id, filter, definition), options));
        expect(JSON.stringify(buildReport({ definitions: versions, table: view!, options }))).toBe(expected);
      }
    } finally {
      await inOrder.close();
    }
  });
});

describe('a table put into list order (the first pass ends so)', () => {
  it('reports every filter exactly as the store does, and keeps its order through later appends', async () => {
    const sorted = createLiveTable(versions);
    let cursor: string | null = null;
    for (;;) {
      const page = await store.readStoredAfter!(cursor, 500);
      for (const line of page.records) appendStored(sorted, line);
      if (page.records.length === 0) break;
      cursor = page.cursor;
    }
    expect(sorted.inOrder).toBe(false);
    const before = sorted.generation;
    sortIntoListOrder(sorted);
    expect(sorted.inOrder).toBe(true);
    expect(listOrder(sorted)).toBeNull();
    expect(sorted.generation).toBeGreaterThan(before);
    // Each row's side columns moved with it: the id names the record whose receipt the row holds.
    for (let row = 0; row < sorted.table.rowCount; row += 97) {
      expect(Date.parse((await store.get(sorted.ids[row]))!.receivedAt)).toBe(sorted.receivedAt[row]);
      if (row > 0) expect(sorted.receivedAt[row]).toBeGreaterThanOrEqual(sorted.receivedAt[row - 1]);
    }
    const view = async (table: LiveTable, query: Record<string, unknown>, options: ReportOptions) => {
      const filter = parseResponseFilter(query, definition);
      const spec = planFor(versions, options).tableSpec;
      const result = await liveView(table, filter, { definition, spec, readRecord: (id) => store.get(id) });
      return { result: result!, report: JSON.stringify(buildReport({ definitions: versions, table: result!, options })) };
    };
    for (const filter of FILTERS) {
      for (const options of [{}, { seed: 7, crosstabBy: ['awareOnline'] }] as ReportOptions[]) {
        const expected = await fromStore(filter, options);
        expect((await view(sorted, filter, options)).report).toBe(expected);
      }
    }
    // A later response, received after every stored one, keeps the order; an import from the past is listed
    // through `order` until the next start-up sorts it in.
    const [late, early] = [...synthesizeResponses(definition, { count: 2, seed: 44 })];
    late.receivedAt = '2026-01-01T00:00:00.000Z';
    early.receivedAt = '2025-01-01T00:00:00.000Z';
    for (const record of [late, early]) {
      await store.importRecords([record]);
      const page = await store.readStoredAfter!(cursor, 10);
      for (const line of page.records) appendStored(sorted, line);
      cursor = page.cursor;
      if (record === late) expect(sorted.inOrder).toBe(true);
    }
    expect(sorted.inOrder).toBe(false);
    for (const filter of [{ channel: 'online' }, { ward: 'chuo,kita' }]) {
      expect((await view(sorted, filter, {})).report).toBe(await fromStore(filter, {}));
    }
  });
});
