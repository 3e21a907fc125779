/**
 * A new table of the rows `rows` names, in that order: row k of the result is row rows[k] of `table`.
 * The server's live table (issue 23) answers a filtered view with it: the filter's rows, in the order the store
 * lists them, gathered into the compact table every analysis reads. A plain typed-array gather, like filterRows
 * (which is this with the kept rows in order).
 *
 * Comment samples and texts move with their rows; a sample entry whose row is not selected is dropped.
 */
import type { CommentTexts, ResponseTable, TableColumn } from './response-table.ts';

export function selectRows(table: ResponseTable, rows: Int32Array): ResponseTable {
  const rowCount = rows.length;
  for (let k = 0; k < rowCount; k++) {
    if (!(rows[k] >= 0 && rows[k] < table.rowCount)) throw new RangeError(`row ${rows[k]} is not in the table (${table.rowCount} rows)`);
  }
  const gather = <T extends Int16Array | Int32Array | Uint8Array | Float64Array>(array: T): T => {
    const selected = new (array.constructor as new (length: number) => T)(rowCount);
    for (let k = 0; k < rowCount; k++) selected[k] = array[rows[k]];
    return selected;
  };
  // Only comment samples and texts need the old → new map; built once, and only when some column has them.
  let newIndex: Map<number, number> | undefined;
  const newIndexOf = () => (newIndex ??= new Map(Array.from(rows, (row, k) => [row, k])));
  const columns: TableColumn[] = table.columns.map((column) => {
    if (column.kind === 'single') return { ...column, codes: gather(column.codes) };
    if (column.kind === 'number') return { ...column, numbers: gather(column.numbers) };
    if (column.kind === 'comment') {
      const moved = column.sample.length > 0 || column.texts ? newIndexOf() : undefined;
      return {
        ...column,
        answered: gather(column.answered),
        sample: moved ? column.sample.filter(({ row }) => moved.has(row)).map((entry) => ({ ...entry, row: moved.get(entry.row)! })) : [],
        ...(column.texts ? { texts: selectedTexts(column.texts, moved!) } : {}),
      };
    }
    return { ...column, answered: gather(column.answered), cells: column.cells.map(gather) };
  });
  return {
    spec: table.spec,
    rowCount,
    capacity: rowCount,
    version: gather(table.version),
    origin: gather(table.origin),
    startedAt: gather(table.startedAt),
    completedAt: gather(table.completedAt),
    channel: gather(table.channel),
    kiosk: gather(table.kiosk),
    columns,
    byName: new Map(columns.map((column) => [column.name, column])),
  };
}

/** The texts of selected rows, renumbered, in the new row order. */
function selectedTexts(all: CommentTexts, newIndex: Map<number, number>): CommentTexts {
  const kept: Array<[number, string]> = [];
  all.rows.forEach((row, k) => {
    const moved = newIndex.get(row);
    if (moved !== undefined) kept.push([moved, all.texts[k]]);
  });
  kept.sort((a, b) => a[0] - b[0]);
  return { rows: kept.map(([row]) => row), texts: kept.map(([, text]) => text) };
}
