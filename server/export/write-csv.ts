/**
 * CSV for Excel users in Japan: UTF-8 with a byte-order mark (without it,
 * Japanese Excel reads UTF-8 as Shift_JIS and shows mojibake), CRLF line ends,
 * RFC 4180 quoting, formula-looking text neutralised and control characters cleaned.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { CellValue, ExportColumn } from './build-export-columns.ts';
import { safeExportCell } from './neutralise-formula.ts';

export const UTF8_BOM = '\uFEFF';
/** Rows are joined into chunks of about this many characters, so a stream is not one write per row. */
const CHUNK_CHARS = 64 * 1024;

export function csvField(value: CellValue): string {
  const safe = safeExportCell(value);
  if (safe === null) return '';
  const text = String(safe);
  // Quoted also when it holds a separator another locale's importer splits on (";", tab, "|"),
  // so the cell stays one cell wherever it is opened.
  return /[",;|\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * The export as CSV text chunks, BOM and header first; pulls records only as fast as the chunks are consumed.
 * `T`: a response for the main table, a panel or matrix row for a long table (build-long-tables.ts).
 */
export async function* csvChunks<T = ResponseRecord>(
  columns: readonly ExportColumn<T>[],
  records: AsyncIterable<T>,
  headerOf: (column: ExportColumn<T>) => string,
): AsyncGenerator<string> {
  let chunk = UTF8_BOM + csvLine(columns.map(headerOf));
  for await (const record of records) {
    chunk += csvLine(columns.map((column) => column.cell(record)));
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Plain rows (a codebook) as CSV chunks with a BOM. */
export async function* csvRowsChunks(header: readonly string[], rows: Iterable<readonly CellValue[]>): AsyncGenerator<string> {
  let chunk = UTF8_BOM + csvLine(header);
  for (const row of rows) {
    chunk += csvLine(row);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
