/**
 * The comments of a live view (issue 23): the table keeps no texts, only which rows wrote one, so the records of
 * just those rows are read from the store by id. A dashboard's comment page then reads the writers of the selection
 * (typically a tenth of it) instead of every response the selection holds.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { CommentColumn } from '../../analysis/table/response-table.ts';
import type { LiveTable } from './live-table.ts';

/** The table's comment columns of `questions` (data keys), or null when one is not a column of it. */
export function commentColumnsOf(live: LiveTable, questions: readonly string[]): CommentColumn[] | null {
  const columns: CommentColumn[] = [];
  for (const name of questions) {
    const column = live.table.byName.get(name);
    if (!column || column.kind !== 'comment' || column.source.from !== 'data' || column.source.key !== name) return null;
    columns.push(column);
  }
  return columns;
}

/** The stored records of the view's rows (viewRows) that wrote in any of `columns`, in the view's order. */
export async function* writerRecords(
  live: LiveTable,
  rows: Int32Array,
  columns: readonly CommentColumn[],
  readRecord: (id: string) => Promise<ResponseRecord | undefined>,
): AsyncGenerator<ResponseRecord> {
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (!columns.some((column) => column.answered[row] === 1)) continue;
    const record = await readRecord(live.ids[row]);
    // Nothing deletes a stored response; were one gone, its comment is simply not shown.
    if (record) yield record;
  }
}
