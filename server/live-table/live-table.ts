/**
 * One survey's responses, kept in the server as the analysis library's columnar table (issue 23), so that a
 * dashboard view counts typed arrays instead of reading every record back from the store on each click.
 *
 * - **The CLI's table, not a second one.** Rows are added by the CLI's JSONL scanner
 *   (analysis/table/create-jsonl-appender.ts: the stored JSON text is read once, never built as objects, and
 *   anything unusual goes to appendRecord) into a ResponseTable planned for every variable any report of the
 *   survey may read (every single answer, so any `by`, `crosstabBy` or pilot variable is a column). A view is
 *   selectRows of it, handed to buildReport.
 * - **Beside it, per row, what a view needs and the CLI's table does not:** when the store received the
 *   response (period filters, the timeline, the order the store lists responses in), the response id (to read
 *   a shown comment's text from the store), the comment-sample id (analysis/table/offer-comment.ts
 *   sampleIdOf), whether it is a test answer (StoredLine.test, issue 30) and its kiosk (StoredLine.kioskId, for test markings). Free text stays in the store: the table keeps only which rows wrote a comment.
 * - **Rows arrive in the order the store stored them** (server/live-table/live-tables.ts follows the store's
 *   cursor); a view lists them in the order the store's `list` does, by receivedAt, ties in stored order.
 *   Responses are stored in receivedAt order except for imports, so that order is usually the rows' own.
 * - **A stored record the analysis cannot read** (an answer no definition allows) is kept aside, as the report
 *   from the store refused it: a view that includes it is refused with the same message (liveView).
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { planFor } from '../../analysis/report/build-report.ts';
import { createJsonlAppender, type JsonlAppender } from '../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../analysis/table/create-response-table.ts';
import { sampleIdOf } from '../../analysis/table/offer-comment.ts';
import { RecordError } from '../../analysis/table/record-error.ts';
import type { ResponseTable } from '../../analysis/table/response-table.ts';
import { selectRows } from '../../analysis/table/select-rows.ts';
import type { StoredLine } from '../store/response-store.ts';
import { createAttachmentColumns, setAttachmentCounts, type AttachmentColumns } from './attachment-counts.ts';

export interface LiveTable {
  surveyId: string;
  /** Every kept version of the survey, ascending: what the table was planned for. */
  versions: readonly SurveyDefinition[];
  table: ResponseTable;
  /** Adds one JSON line to `table`. */
  append: JsonlAppender;
  /** Epoch milliseconds of each row's receivedAt. */
  receivedAt: Float64Array;
  /** Each row's comment-sample id (sampleIdOf its response id). */
  sampleIds: Uint32Array;
  /** Each row's response id, to read its comments from the store. */
  ids: string[];
  /** 1 for each row that is a test answer (meta.test, issue 30): left out of every view unless it asks for them. */
  test: Uint8Array;
  /**
   * Each row's kiosk (meta.kioskId) as 1 + its index in `kioskIds`, 0 for none: a test marking may name a kiosk and
   * a period (issue 30, server/test-markings/). Codes, not strings: a few kiosks give every row.
   */
  kiosk: Int32Array;
  kioskIds: string[];
  /**
   * Per signaturepad and file question, each row's number of files (issue 22: the dashboard shows counts only, never
   * the data URLs, which are not kept); null for a survey without such questions.
   */
  attachments: AttachmentColumns | null;
  /** Stored records appendRecord refused, with its message, in stored order. */
  unreadable: Array<{ record: ResponseRecord; message: string }>;
  /** The rows in the store's list order; null while that is their own order (the common case). */
  order: Int32Array | null;
  /** Whether every row so far came in receivedAt order, so `order` is not needed. */
  inOrder: boolean;
  /** Bumped on every change, so caches of views (masks, reports) know when they are stale. */
  generation: number;
}

/** An empty live table for the survey whose kept versions are `versions` (any order). */
export function createLiveTable(versions: readonly SurveyDefinition[]): LiveTable {
  const ascending = [...versions].sort((a, b) => a.version - b.version);
  // Every single answer as a column: a view may be broken down, weighted or split by any of them.
  const singles = planFor(ascending).singleAnswerVariables;
  const plan = planFor(ascending, { crosstabBy: singles, commentSampleSize: 0 });
  const table = createResponseTable(plan.tableSpec);
  return {
    surveyId: plan.surveyId,
    versions: ascending,
    table,
    append: createJsonlAppender(table),
    receivedAt: new Float64Array(table.capacity),
    sampleIds: new Uint32Array(table.capacity),
    ids: [],
    test: new Uint8Array(table.capacity),
    kiosk: new Int32Array(table.capacity),
    kioskIds: [],
    attachments: createAttachmentColumns(ascending, table.capacity),
    unreadable: [],
    order: null,
    inOrder: true,
    generation: 0,
  };
}

/** Adds one record the store holds; one the analysis cannot read is kept aside (LiveTable.unreadable). */
export function appendStored(live: LiveTable, line: StoredLine): void {
  const { table } = live;
  const row = table.rowCount;
  const { bytes } = line;
  const sampleId = sampleIdOf(line.id);
  try {
    // The scanner keys the comment sample by the id it reads; sampleIdOf is for a line it could not read one from.
    live.append(bytes, 0, bytes.length, row + 1, sampleId);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    live.unreadable.push({ record: JSON.parse(utf8.decode(bytes)) as ResponseRecord, message: error.message });
    live.generation += 1;
    return;
  }
  if (table.capacity > live.receivedAt.length) {
    live.receivedAt = grown(live.receivedAt, table.capacity);
    live.sampleIds = grown(live.sampleIds, table.capacity);
    live.test = grown(live.test, table.capacity);
    live.kiosk = grown(live.kiosk, table.capacity);
    if (live.attachments) live.attachments.files = live.attachments.files.map((files) => grown(files, table.capacity));
  }
  // Only a survey with attachment questions parses its lines a second time, for the counts (the scanner skips them).
  if (live.attachments) setAttachmentCounts(live.attachments, row, utf8.decode(bytes));
  const receivedAt = Date.parse(line.receivedAt);
  live.receivedAt[row] = receivedAt;
  live.sampleIds[row] = sampleId;
  live.test[row] = line.test ? 1 : 0;
  live.kiosk[row] = kioskCode(live, line.kioskId);
  live.ids.push(line.id);
  if (row > 0 && receivedAt < live.receivedAt[row - 1]) live.inOrder = false;
  live.order = null;
  live.generation += 1;
}

const utf8 = new TextDecoder();

function kioskCode(live: LiveTable, kioskId: string | undefined): number {
  if (kioskId === undefined) return 0;
  // Linear: a survey has tens of kiosks, and a hit is almost always the last one seen.
  const index = live.kioskIds.lastIndexOf(kioskId);
  if (index >= 0) return index + 1;
  live.kioskIds.push(kioskId);
  return live.kioskIds.length;
}

/** The row's meta.kioskId, undefined for none. */
export function kioskIdOf(live: LiveTable, row: number): string | undefined {
  const code = live.kiosk[row];
  return code === 0 ? undefined : live.kioskIds[code - 1];
}

/**
 * The rows in the order the store lists them (receivedAt, then stored order): each row's index, or null when
 * that is 0, 1, 2, … already. Sorted once after an out-of-order append, then kept until the next append.
 */
export function listOrder(live: LiveTable): Int32Array | null {
  if (live.inOrder) return null;
  if (live.order === null) {
    const rows = Int32Array.from({ length: live.table.rowCount }, (_, row) => row);
    // A typed array's sort is not promised stable; ties fall back to the stored order explicitly.
    rows.sort((a, b) => live.receivedAt[a] - live.receivedAt[b] || a - b);
    live.order = rows;
  }
  return live.order;
}

/**
 * Puts the rows themselves in the store's list order, so that a view of every row shares the table's columns
 * instead of gathering them (a million rows × every column, a fifth of a view), and the order is not sorted again
 * after each append. The first pass calls it once it has read the store, before any view exists: no one holds a
 * row number then (a view, a mask or a kept comment of the old order would name other responses after it).
 * Responses imported later out of order (migrate) are listed through `order` again until the next start-up.
 */
export function sortIntoListOrder(live: LiveTable): void {
  const order = listOrder(live);
  if (order === null) return;
  const table = selectRows(live.table, order);
  const capacity = table.capacity;
  live.table = table;
  live.append = createJsonlAppender(table);
  live.receivedAt = gathered(live.receivedAt, order, capacity);
  live.sampleIds = gathered(live.sampleIds, order, capacity);
  live.test = gathered(live.test, order, capacity);
  live.kiosk = gathered(live.kiosk, order, capacity);
  if (live.attachments) live.attachments.files = live.attachments.files.map((files) => gathered(files, order, capacity));
  live.ids = Array.from(order, (row) => live.ids[row]);
  live.order = null;
  live.inOrder = true;
  live.generation += 1;
}

function gathered<T extends Float64Array | Uint32Array | Uint8Array | Int32Array>(array: T, order: Int32Array, capacity: number): T {
  const result = new (array.constructor as new (length: number) => T)(capacity);
  for (let k = 0; k < order.length; k++) result[k] = array[order[k]];
  return result;
}

function grown<T extends Float64Array | Uint32Array | Uint8Array | Int32Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
