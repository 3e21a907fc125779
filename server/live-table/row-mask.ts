/**
 * A filter (response-filter.ts) as a row mask of a live table: 1 for each row the filter keeps. The same
 * filter the exports apply to records, read from the table's columns instead: test answers from the rows'
 * test flags, the period from the rows' receivedAt, the channel from the channel codes, a segment from its single-answer column's codes (a value
 * matches when its text is one the filter names, as matchesResponseFilter compares).
 *
 * Masks are kept per filter in a small cache and extended, not rebuilt, as rows are appended: an analyst's
 * next click with the same filter costs only the rows added since.
 */
import type { SingleColumn } from '../../analysis/table/response-table.ts';
import { TABLE_CHANNELS } from '../../analysis/table/response-table.ts';
import { kioskIdOf, type LiveTable } from './live-table.ts';
import { markedTest } from '../test-markings/marked-responses.ts';
import type { ResponseFilter } from './response-filter.ts';

type RowTest = (row: number) => boolean;

/**
 * The test of one row, or null when part of the filter is not a column of the table (a free-text segment):
 * such a view is read from the store instead.
 */
export function rowTestOf(live: LiveTable, filter: ResponseFilter): RowTest | null {
  // Every array is read through `live` on each call: an append that outgrows the table replaces them, and a cached
  // mask's test outlives many appends (a captured array would read past its end as no row at all).
  const tests: RowTest[] = [];
  // Test answers (issue 30) only when asked for. Read the array on each call: appends replace it as the table grows.
  if (!filter.includeTest) tests.push((row) => live.test[row] !== 1);
  // Marked by hand (issue 30): the markings are part of the filter, so of its cache key; a new one is a new mask.
  if (!filter.includeTest && filter.marked) {
    const marked = markedTest(filter.marked);
    tests.push((row) => !marked(live.ids[row], live.receivedAt[row], kioskIdOf(live, row)));
  }
  if (filter.receivedFrom !== undefined) {
    const from = Date.parse(filter.receivedFrom);
    tests.push((row) => live.receivedAt[row] >= from);
  }
  if (filter.receivedTo !== undefined) {
    const to = Date.parse(filter.receivedTo);
    tests.push((row) => live.receivedAt[row] < to);
  }
  if (filter.channels) {
    const codes = new Set(filter.channels.map((channel) => TABLE_CHANNELS.indexOf(channel)));
    tests.push((row) => codes.has(live.table.channel[row]));
  }
  for (const [name, values] of Object.entries(filter.segments)) {
    const column = live.table.byName.get(name);
    if (!column || column.kind !== 'single') return null;
    const accepted = new Set(values);
    const codes = new Uint8Array(column.values.length);
    column.values.forEach((value, code) => (codes[code] = accepted.has(String(value)) ? 1 : 0));
    const single = column as SingleColumn;
    // Read the column's array on each call: appends replace it as the table grows.
    tests.push((row) => {
      const code = single.codes[row];
      return code >= 0 && codes[code] === 1;
    });
  }
  return (row) => {
    for (const test of tests) if (!test(row)) return false;
    return true;
  };
}

interface CachedMask {
  mask: Uint8Array;
  /** Rows 0 … upTo−1 are decided. */
  upTo: number;
  test: RowTest;
}

const MASKS_PER_TABLE = 16;
const masks = new WeakMap<LiveTable, Map<string, CachedMask>>();

/** The mask of `filter` over every row of the table now, from the cache when it can; null as rowTestOf. */
export function rowMask(live: LiveTable, filter: ResponseFilter): Uint8Array | null {
  const key = JSON.stringify(filter);
  let cache = masks.get(live);
  if (!cache) masks.set(live, (cache = new Map()));
  let cached = cache.get(key);
  if (!cached) {
    const test = rowTestOf(live, filter);
    if (!test) return null;
    cached = { mask: new Uint8Array(0), upTo: 0, test };
    if (cache.size >= MASKS_PER_TABLE) cache.delete(cache.keys().next().value!);
  } else cache.delete(key); // re-inserted below: the Map's order is the least recently used first
  cache.set(key, cached);
  const rowCount = live.table.rowCount;
  if (cached.mask.length < rowCount) {
    const bigger = new Uint8Array(live.table.capacity);
    bigger.set(cached.mask.subarray(0, cached.upTo));
    cached.mask = bigger;
  }
  for (let row = cached.upTo; row < rowCount; row++) cached.mask[row] = cached.test(row) ? 1 : 0;
  cached.upTo = rowCount;
  return cached.mask;
}
