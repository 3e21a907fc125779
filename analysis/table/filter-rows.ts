/**
 * The table with only the rows `keep` marks (1 = keep), e.g. --drop-incomplete. A plain
 * typed-array compaction rather than a dataframe library, whose import alone costs more than the
 * compaction (docs/decisions/0041-arquero-at-the-edges.md).
 */
import type { CommentTexts, ResponseTable, TableColumn } from './response-table.ts';

export function filterRows(table: ResponseTable, keep: Uint8Array): ResponseTable {
  const n = table.rowCount;
  const newIndex = new Int32Array(n).fill(-1);
  let rowCount = 0;
  for (let row = 0; row < n; row++) if (keep[row] === 1) newIndex[row] = rowCount++;
  const compact = <T extends Int16Array | Int32Array | Uint8Array | Float64Array>(array: T): T => {
    const kept = new (array.constructor as new (length: number) => T)(rowCount);
    for (let row = 0; row < n; row++) if (newIndex[row] >= 0) kept[newIndex[row]] = array[row];
    return kept;
  };
  const columns: TableColumn[] = table.columns.map((column) => {
    if (column.kind === 'single') return { ...column, codes: compact(column.codes) };
    if (column.kind === 'number') return { ...column, numbers: compact(column.numbers) };
    if (column.kind === 'comment') {
      return {
        ...column,
        answered: compact(column.answered),
        sample: column.sample.filter(({ row }) => newIndex[row] >= 0).map((entry) => ({ ...entry, row: newIndex[entry.row] })),
        ...(column.texts ? { texts: keptTexts(column.texts, newIndex) } : {}),
      };
    }
    return { ...column, answered: compact(column.answered), cells: column.cells.map(compact) };
  });
  return {
    spec: table.spec,
    rowCount,
    capacity: rowCount,
    version: compact(table.version),
    origin: compact(table.origin),
    startedAt: compact(table.startedAt),
    completedAt: compact(table.completedAt),
    channel: compact(table.channel),
    kiosk: compact(table.kiosk),
    columns,
    byName: new Map(columns.map((column) => [column.name, column])),
  };
}

/** The texts of kept rows, renumbered. */
function keptTexts(all: CommentTexts, newIndex: Int32Array): CommentTexts {
  const kept: CommentTexts = { rows: [], texts: [] };
  all.rows.forEach((row, k) => {
    if (newIndex[row] < 0) return;
    kept.rows.push(newIndex[row]);
    kept.texts.push(all.texts[k]);
  });
  return kept;
}
