/**
 * GET …/timeline from a live table's view (issue 23): responses per Japan-time day by channel or by a segment,
 * counted by the analysis library's day counter from the rows' receivedAt and codes, in the store's list order
 * (the series come in the order their first response did, as when the records were streamed).
 */
import { createDayCounter } from '../../analysis/timeline/count-responses-by-day.ts';
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
  if (by === 'channel') {
    seriesOf = (row) => (table.channel[row] === NO_CHANNEL ? undefined : TABLE_CHANNELS[table.channel[row]]);
  } else {
    const column = table.byName.get(by);
    if (!column || column.kind !== 'single') return null;
    const names = column.values.map(String);
    const { codes } = column as SingleColumn;
    seriesOf = (row) => (codes[row] < 0 ? undefined : names[codes[row]]);
  }
  const counter = createDayCounter(by, minGroupSize);
  // In the store's list order, so the series come in the order of their first response, as when streamed.
  let next = 0;
  for (let k = 0; k < rows.length; k++) {
    const at = receivedAt[rows[k]];
    while (next < extra.length && extra[next].receivedAt < at) counter.addAt(extra[next].receivedAt, extra[next++].series);
    counter.addAt(at, seriesOf(rows[k]));
  }
  while (next < extra.length) counter.addAt(extra[next].receivedAt, extra[next++].series);
  return counter.finish();
}
