/**
 * The response table as an Arquero table, for ad-hoc dataframe work on respondents (filters,
 * joins, derived columns), e.g. the dashboard's ward/channel/period filters: one column per
 * single answer (its value, null when unanswered), one 0/1 column per checkbox option
 * (`question:value`), one rank column per ranking item (null = not ranked), plus `version`
 * and `origin`. Single answers are decoded into values here (one array per column).
 *
 * Kept out of the report's hot path on purpose (docs/decisions/0041-arquero-at-the-edges.md).
 */
import * as aq from 'arquero';
import type { AnswerValue, ResponseTable } from './response-table.ts';

export function toArqueroTable(table: ResponseTable): ReturnType<typeof aq.table> {
  const n = table.rowCount;
  const columns: Record<string, ArrayLike<unknown>> = {
    version: table.version.subarray(0, n),
    origin: table.origin.subarray(0, n),
  };
  for (const column of table.columns) {
    if (column.kind === 'single') {
      const { codes, values } = column;
      columns[column.name] = Array.from({ length: n }, (_, row): AnswerValue | null => (codes[row] < 0 ? null : values[codes[row]]));
    } else if (column.kind === 'multiple') {
      column.values.forEach((value, code) => (columns[`${column.name}:${String(value)}`] = column.cells[code].subarray(0, n)));
    } else if (column.kind === 'ranking') {
      column.values.forEach((value, code) => {
        const ranks = column.cells[code];
        columns[`${column.name}:${String(value)}`] = Array.from({ length: n }, (_, row) => (ranks[row] === 0 ? null : ranks[row]));
      });
    } else {
      columns[column.name] = Array.from(column.answered.subarray(0, n));
    }
  }
  return aq.table(columns);
}
