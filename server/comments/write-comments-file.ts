/**
 * The comments download (issue 30): one row per comment, newest first, with the question's label, the masked
 * text, its codes and the response's segment values; never the time nor the response id. CSV as every export of
 * the toolkit writes it (server/export/write-csv.ts: BOM, CRLF, quoting, formulas neutralised); XLSX with exceljs,
 * loaded only when a workbook is asked for, every cell through safeExportCell as well.
 */
import type { Locale } from '../../core/i18n/locale.ts';
import { safeExportCell } from '../export/neutralise-formula.ts';
import { csvLine, UTF8_BOM } from '../export/write-csv.ts';

export interface CommentsFile {
  locale: Locale;
  /** The segment columns: variable name and its title in `locale`. */
  segments: ReadonlyArray<{ name: string; title: string }>;
  rows: ReadonlyArray<{ questionLabel: string; text: string; codes: readonly string[]; segments: Readonly<Record<string, string>> }>;
}

const HEADINGS = {
  ja: { question: '設問', text: '記述（個人情報はマスク済み）', codes: '分類（コーディングルール）', sheet: '自由記述', joiner: '、' },
  en: { question: 'Question', text: 'Comment (personal data masked)', codes: 'Codes (coding rules)', sheet: 'Comments', joiner: '; ' },
} as const;

function table(file: CommentsFile): { header: string[]; rows: string[][] } {
  const words = HEADINGS[file.locale];
  return {
    header: [words.question, words.text, words.codes, ...file.segments.map((segment) => segment.title)],
    rows: file.rows.map((row) => [row.questionLabel, row.text, row.codes.join(words.joiner), ...file.segments.map((segment) => row.segments[segment.name] ?? '')]),
  };
}

export function writeCommentsCsv(file: CommentsFile): string {
  const { header, rows } = table(file);
  return UTF8_BOM + csvLine(header) + rows.map((row) => csvLine(row)).join('');
}

export async function writeCommentsXlsx(file: CommentsFile): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { header, rows } = table(file);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(HEADINGS[file.locale].sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header.map((cell) => safeExportCell(cell)));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => safeExportCell(cell)));
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 60 : index === 0 ? 30 : 18;
    if (index <= 2) column.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
