import type { CellValue, ExportColumn } from './build-export-columns.ts';

export const CODEBOOK_HEADER = ['column', 'header', 'question', 'type', 'code', 'label', 'note'] as const;

/**
 * The codebook that travels with an export: one row per column, then one row
 * per code of that column, so a colleague can read either a codes export or a
 * labels export without the definition.
 */
export function buildCodebook(columns: readonly ExportColumn[]): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const column of columns) {
    rows.push([column.key, column.label, column.source, column.type, null, null, column.note || null]);
    for (const { code, label } of column.codes) {
      rows.push([column.key, null, null, null, typeof code === 'boolean' ? String(code) : code, label, null]);
    }
  }
  return rows;
}
