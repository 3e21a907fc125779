/**
 * GET …/timeline from a live table's view (issue 23): responses per Japan-time day by channel or by a segment,
 * counted by the analysis library's day counter from the rows' receivedAt and codes, in the store's list order
 * (the series come in the order their first response did, as when the records were streamed).
 */
import { createDayCounter, japanDayNumber } from '../../analysis/timeline/count-responses-by-day.ts';
import { NO_CHANNEL, TABLE_CHANNELS, type SingleColumn } from '../../analysis/table/response-table.ts';
import type { DailyCounts } from '../../contracts/timeline.ts';
import type { LiveTable } from './live-table.ts';

/**
 * The counts of `rows` (viewRows), split by `by` (channel, or a segment the table has a single-answer column
 * for); null when `by` is not such a column (a free-text segment: the route reads the store).
 */
export function countTimeline(
  live: LiveTable,
  rows: Int32Array,
  by: string,
  minGroupSize: number,
  /** Responses not in the table's rows that count too (stored records the analysis cannot read), in list order. */
  extra: ReadonlyArray<{ receivedAt: number; series: string | undefined }> = [],
): DailyCounts | null {
  const { table, receivedAt } = live;
  let seriesOf: (row: number) => string | undefined;
  /** A number per distinct series value of a row, cheap to read (its code). */
  let seriesKey: (row: number) => number;
  if (by === 'channel') {
    seriesOf = (row) => (table.channel[row] === NO_CHANNEL ? undefined : TABLE_CHANNELS[table.channel[row]]);
    seriesKey = (row) => table.channel[row];
  } else {
    const column = table.byName.get(by);
    if (!column || column.kind !== 'single') return null;
    const names = column.values.map(String);
    const { codes } = column as SingleColumn;
    seriesOf = (row) => (codes[row] < 0 ? undefined : names[codes[row]]);
    seriesKey = (row) => codes[row];
  }
  // Counted into a day × series grid first (a Map update per response cost ~1 µs; this is a typed-array add),
  // then handed to the day counter per cell, series in the order their first response came, as when streamed.
  const seriesCodes = new Map<string | undefined, number>();
  const codeOf = (series: string | undefined) => {
    let code = seriesCodes.get(series);
    if (code === undefined) seriesCodes.set(series, (code = seriesCodes.size));
    return code;
  };
  const days: number[] = [];
  const series: number[] = [];
  const push = (at: number, value: string | undefined) => {
    days.push(japanDayNumber(at));
    series.push(codeOf(value));
  };
  // In the store's list order: the unreadable records merged in by receivedAt.
  let next = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  const dayOfRow = new Int32Array(rows.length);
  const seriesOfRow = new Int32Array(rows.length);
  // Series codes are assigned in list order; rows' series come from their single codes, looked up once per code.
  const byCode = new Map<number, number>();
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const at = receivedAt[row];
    while (next < extra.length && extra[next].receivedAt < at) push(extra[next].receivedAt, extra[next++].series);
    const day = japanDayNumber(at);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    dayOfRow[k] = day;
    const key = seriesKey(row);
    let code = byCode.get(key);
    if (code === undefined) byCode.set(key, (code = codeOf(seriesOf(row))));
    seriesOfRow[k] = code;
  }
  while (next < extra.length) push(extra[next].receivedAt, extra[next++].series);
  const counter = createDayCounter(by, minGroupSize);
  const seriesCount = seriesCodes.size;
  const values = [...seriesCodes.keys()];
  if (rows.length > 0) {
    const span = lastDay - firstDay + 1;
    const grid = new Float64Array(span * seriesCount);
    for (let k = 0; k < rows.length; k++) grid[seriesOfRow[k] * span + dayOfRow[k] - firstDay] += 1;
    // Series by series, in first-seen order, so the counter lists them as it would have.
    for (let code = 0; code < seriesCount; code++) {
      for (let d = 0; d < span; d++) counter.addDays(firstDay + d, values[code], grid[code * span + d]);
      for (let k = 0; k < days.length; k++) if (series[k] === code) counter.addDays(days[k], values[code], 1);
    }
  } else {
    for (let k = 0; k < days.length; k++) counter.addDays(days[k], values[series[k]], 1);
  }
  return counter.finish();
}
