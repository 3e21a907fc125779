/**
 * The 自由記述 sheet (issue 27), read back with ExcelJS: in the 目次, each comment question's top
 * words as numbers (count, share, shares by group with ＊ for a hidden group) and its codes by group
 * with the cross-tabs' marks in the number format and a test line per code.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { writeReportWorkbook } from '../../../server/report/write-report-workbook.ts';
import { handMadeReport, handMadeText } from '../../core/report-view/hand-made-report.ts';

async function read(report: Report, locale: 'ja' | 'en'): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writeReportWorkbook(report, locale)) as unknown as ArrayBuffer);
  return book;
}

function rows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const list: ExcelJS.Row[] = [];
  sheet.eachRow((row) => list.push(row));
  return list;
}

describe('the 自由記述 sheet', () => {
  it('is in the 目次 only when the report has text analysis', async () => {
    const book = await read({ ...handMadeReport(), text: [handMadeText()] }, 'ja');
    expect(book.worksheets.map((sheet) => sheet.name)).toContain('自由記述');
    const contents = rows(book.getWorksheet('目次')!).map((row) => row.getCell(1).text);
    expect(contents).toContain('自由記述');
    expect((await read(handMadeReport(), 'ja')).worksheets.map((sheet) => sheet.name)).not.toContain('自由記述');
  });

  it('keeps words and codes as numbers, marks in the format, ＊ for a hidden group, a test line per code', async () => {
    const sheet = (await read({ ...handMadeReport(), text: [handMadeText()] }, 'ja')).getWorksheet('自由記述')!;
    const all = rows(sheet);
    const parking = all.find((row) => row.getCell(1).text === '駐車場')!;
    expect([2, 3, 4, 5].map((c) => parking.getCell(c).value)).toEqual([80, 0.4, 10 / 120, '＊']);
    expect(parking.getCell(3).numFmt).toBe('0.0%');
    const young = all.find((row) => row.getCell(1).text === '20代' && typeof row.getCell(2).value === 'number')!;
    expect(young.getCell(3).value).toBeCloseTo(50 / 120, 12);
    expect(young.getCell(3).numFmt).toBe('0.0%" ▲▲"');
    const texts = all.map((row) => row.getCell(1).text);
    expect(texts.some((text) => /^待ち時間: χ² = 9\.50/.test(text))).toBe(true);
    expect(texts.some((text) => /^紙文化: 検定なし/.test(text))).toBe(true);
    for (let c = 1; c <= 4; c++) expect(young.getCell(c).border?.left?.style).toBe('thin');
  });
});
