/**
 * A dashboard view of a live table: the rows a filter keeps, in the order the store lists them, as the compact
 * ResponseTable buildReport reads, with the comment samples the request's seed picks. It is the table
 * buildReportFromRecords would have built from the same records streamed out of the store (the equivalence
 * test, test/server/live-table/live-view.test.ts, holds it to that).
 *
 * Comment samples: the table keeps no texts, only each row's sample id, so the bottom-k rows of a comment
 * question are chosen here, by the same seeded key offerComment uses (sampleKey of the response's sample id),
 * and only their texts are read from the store, by response id: at most commentSampleSize per question.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { sampleKey } from '../../analysis/table/offer-comment.ts';
import type { CommentColumn, ResponseTable, TableSpec, VariableSource } from '../../analysis/table/response-table.ts';
import { selectRows } from '../../analysis/table/select-rows.ts';
import { listOrder, type LiveTable } from './live-table.ts';
import { matchesResponseFilter, type ResponseFilter } from './response-filter.ts';
import { rowMask } from './row-mask.ts';

export interface LiveViewOptions {
  /** The definition filters are read with (the survey's current one). */
  definition: SurveyDefinition;
  /** The request's plan's table spec (planFor(…).tableSpec): its seed and comment-sample size. */
  spec: TableSpec;
  /** The store's get: a sampled comment's record, by response id. */
  readRecord: (id: string) => Promise<ResponseRecord | undefined>;
}

/**
 * The rows of `filter`, in the store's list order; null when the filter names what the table has no column
 * for (the caller then reads the store).
 */
export function viewRows(live: LiveTable, filter: ResponseFilter): Int32Array | null {
  const mask = rowMask(live, filter);
  if (!mask) return null;
  const order = listOrder(live);
  const n = live.table.rowCount;
  let count = 0;
  for (let row = 0; row < n; row++) count += mask[row];
  const rows = new Int32Array(count);
  let k = 0;
  if (order === null) for (let row = 0; row < n; row++) if (mask[row] === 1) rows[k++] = row;
  if (order !== null) for (let position = 0; position < n; position++) if (mask[order[position]] === 1) rows[k++] = order[position];
  return rows;
}

/**
 * The view's table, or null as viewRows. Throws ReportInputError, as the report from the store does, when the
 * filter keeps a stored record the analysis cannot read.
 */
export async function liveView(live: LiveTable, filter: ResponseFilter, options: LiveViewOptions): Promise<ResponseTable | null> {
  const rows = viewRows(live, filter);
  if (!rows) return null;
  const unreadable = unreadableIn(live, filter, options.definition);
  if (unreadable.length > 0) {
    // The first in the store's order, as the report that streamed the store met it.
    const first = unreadable.reduce((a, b) => (Date.parse(b.record.receivedAt) < Date.parse(a.record.receivedAt) ? b : a));
    throw new ReportInputError(`stored response ${first.record.id}: ${first.message}`);
  }
  const spec = { ...live.table.spec, seed: options.spec.seed, commentSampleSize: options.spec.commentSampleSize };
  const view = isEveryRowInOrder(live, rows) ? shareRows(live.table) : selectRows(live.table, rows);
  // As buildReportFromRecords numbers the records it is given (the table's own origins are so already).
  for (let k = 0; k < view.rowCount; k++) view.origin[k] = k + 1;
  view.spec = spec;
  await sampleComments(live, rows, view, options);
  return view;
}

/** The stored records the filter keeps that the analysis could not read (LiveTable.unreadable), in stored order. */
export function unreadableIn(live: LiveTable, filter: ResponseFilter, definition: SurveyDefinition): LiveTable['unreadable'] {
  if (live.unreadable.length === 0) return [];
  const matches = matchesResponseFilter(filter, definition);
  const from = filter.receivedFrom === undefined ? -Infinity : Date.parse(filter.receivedFrom);
  const to = filter.receivedTo === undefined ? Infinity : Date.parse(filter.receivedTo);
  return live.unreadable.filter(({ record }) => {
    const at = Date.parse(record.receivedAt);
    return at >= from && at < to && matches(record);
  });
}

/** Whether the view is the whole table in its own order: the common first view of a survey, with no filter. */
function isEveryRowInOrder(live: LiveTable, rows: Int32Array): boolean {
  return rows.length === live.table.rowCount && listOrder(live) === null;
}

/**
 * The whole table as a view without copying its columns: the analyses only read them. Comment columns get their
 * own objects, since the view's samples are its own; `origin` is the table's (each row's position already).
 */
function shareRows(table: ResponseTable): ResponseTable {
  const columns = table.columns.map((column) => (column.kind === 'comment' ? { ...column, sample: [] } : column));
  return { ...table, capacity: table.rowCount, origin: table.origin.subarray(0, table.rowCount), columns, byName: new Map(columns.map((column) => [column.name, column])) };
}

async function sampleComments(live: LiveTable, rows: Int32Array, view: ResponseTable, options: LiveViewOptions): Promise<void> {
  const size = view.spec.commentSampleSize;
  if (size <= 0) return;
  const seed = view.spec.seed;
  const chosen: Array<{ column: CommentColumn; picks: Array<{ row: number; key: number }> }> = [];
  for (const column of view.columns) {
    if (column.kind !== 'comment' || isComputed(column.source)) continue;
    const picks: Array<{ row: number; key: number }> = [];
    for (let row = 0; row < view.rowCount; row++) {
      if (column.answered[row] !== 1) continue;
      const key = sampleKey(seed, live.sampleIds[rows[row]]);
      if (picks.length < size) {
        picks.push({ row, key });
        continue;
      }
      // As offerComment: the largest key leaves for a smaller one; on a tie the one seen first stays.
      let largest = 0;
      for (let k = 1; k < picks.length; k++) if (picks[k].key > picks[largest].key) largest = k;
      if (key < picks[largest].key) picks[largest] = { row, key };
    }
    chosen.push({ column, picks });
  }
  const records = new Map<number, Promise<ResponseRecord | undefined>>();
  const recordOf = (row: number) => {
    let record = records.get(row);
    if (!record) records.set(row, (record = options.readRecord(live.ids[rows[row]])));
    return record;
  };
  for (const { column, picks } of chosen) {
    const sample: CommentColumn['sample'] = [];
    for (const { row, key } of picks) {
      const text = textAt(await recordOf(row), column.source);
      // Gone from the store since (nothing deletes responses today): left out rather than shown empty.
      if (text !== undefined) sample.push({ row, key, text });
    }
    column.sample = sample;
  }
}

function isComputed(source: VariableSource): boolean {
  return source.from === 'matrixCell' && source.computed === true;
}

/** The comment a column reads, from a stored record (as appendRecord reads it). */
function textAt(record: ResponseRecord | undefined, source: VariableSource): string | undefined {
  if (!record) return undefined;
  const data = record.data as Record<string, unknown>;
  let value: unknown;
  if (source.from === 'data') value = data[source.key];
  else if (source.from === 'matrixCell') value = (((data[source.key] as Record<string, unknown> | undefined)?.[source.row]) as Record<string, unknown> | undefined)?.[source.column];
  else if (source.from === 'meta') value = (record.meta as Record<string, unknown>)[source.key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
