/**
 * The table with only the rows `keep` marks (1 = keep), e.g. --drop-incomplete: selectRows of the kept rows in
 * their order. A plain typed-array compaction rather than a dataframe library, whose import alone costs more than
 * the compaction (docs/decisions/0041-arquero-at-the-edges.md).
 */
import type { ResponseTable } from './response-table.ts';
import { selectRows } from './select-rows.ts';

export function filterRows(table: ResponseTable, keep: Uint8Array): ResponseTable {
  let count = 0;
  for (let row = 0; row < table.rowCount; row++) if (keep[row] === 1) count++;
  const rows = new Int32Array(count);
  for (let row = 0, k = 0; row < table.rowCount; row++) if (keep[row] === 1) rows[k++] = row;
  return selectRows(table, rows);
}
