import type { CellValue, ExportColumn } from './build-export-columns.ts';
import type { LongTable } from './build-long-tables.ts';

export const CODEBOOK_HEADER = ['column', 'header', 'question', 'type', 'code', 'label', 'note'] as const;

const TABLE_NOTE: Record<string, string> = {
  ja: '縦長の表：1パネル・1行ごとに1行、回答IDで主表と結合。CSVは ?table={table}（CLIは --table {table}）、XLSXはシート「{table}」',
  en: 'a long table: one row per panel or matrix row, joined to the main table by responseId. CSV: ?table={table} (CLI: --table {table}); XLSX: its own sheet',
};

/**
 * The codebook that travels with an export: one row per column, then one row
 * per code of that column, so a colleague can read either a codes export or a
 * labels export without the definition. Then each long table (build-long-tables.ts):
 * a row naming it and how to get it, and its columns as `table/column`.
 */
export function buildCodebook(columns: readonly ExportColumn<any>[], longTables: readonly LongTable[] = [], locale = 'en'): CellValue[][] {
  const rows = columnRows(columns, '');
  for (const table of longTables) {
    const note = (TABLE_NOTE[locale] ?? TABLE_NOTE.en).replaceAll('{table}', table.name);
    rows.push([table.name, table.label, table.name, table.type, null, null, note]);
    rows.push(...columnRows(table.columns, `${table.name}/`));
  }
  return rows;
}

function columnRows(columns: readonly ExportColumn<any>[], prefix: string): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const column of columns) {
    const key = prefix + column.key;
    rows.push([key, column.label, column.source, column.type, null, null, column.note || null]);
    for (const { code, label } of column.codes) {
      rows.push([key, null, null, null, typeof code === 'boolean' ? String(code) : code, label, null]);
    }
  }
  return rows;
}
