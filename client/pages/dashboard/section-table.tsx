/**
 * A table of core/report-view's descriptions (describeMeans, wardTable, …) as HTML: the same
 * strings the printed report and the workbook print, laid out as the dashboard's data tables
 * (first column the row's name, numeric columns right-aligned).
 */
import type { Table } from '../../../core/report-view/view-types.ts';

/** `totalFirst`: the first row is 全体 (describeMeans), drawn as the cross-tab's 全体 row. */
export function SectionTable({ table, testId, caption, totalFirst = false }: { table: Table; testId?: string; caption?: string; totalFirst?: boolean }) {
  return (
    <table className="data-table" data-testid={testId}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {table.columns.map((column, k) => (
            <th scope="col" key={k} className={table.numeric[k] ? 'num' : undefined}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r} className={totalFirst && r === 0 ? 'total-row' : undefined}>
            {row.map((cell, k) =>
              k === 0 ? (
                <th scope="row" key={k}>
                  {cell}
                </th>
              ) : (
                <td key={k} className={table.numeric[k] ? 'num' : undefined}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
