/**
 * The 効果検証 sheet (issue 28), read back with ExcelJS: listed and linked in the 目次 after 平均値の
 *比較, the split and warnings above one table of every figure, numbers kept as numbers (points,
 * shares, p) with ◆ in the number format where Holm-adjusted p < 0.05, ＊ as text with the reason,
 * and no sheet at all without --compare.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { writeReportWorkbook } from '../../../server/report/write-report-workbook.ts';
import { handMadeComparison, handMadeEffects, handMadeReport } from '../../core/report-view/hand-made-report.ts';

async function read(report: Report, locale: 'ja' | 'en'): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writeReportWorkbook(report, locale)) as unknown as ArrayBuffer);
  return book;
}

const withEffects = (): Report => ({ ...handMadeReport(), effectComparison: handMadeComparison(), effects: handMadeEffects() });

/** The row whose first cell is exactly `label`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).text === label) found ??= row;
  });
  if (!found) throw new Error(`no row ${label}`);
  return found;
}

describe('the 効果検証 sheet', () => {
  it('follows the 単純集計 in the 目次 with a link, and is absent without effects', async () => {
    const book = await read(withEffects(), 'ja');
    expect(book.worksheets.map((sheet) => sheet.name).slice(0, 4)).toEqual(['目次', '調査概要', '単純集計', '効果検証']);
    const contents = book.getWorksheet('目次')!;
    const link = rowOf(contents, '効果検証');
    expect(link.getCell(2).text).toBe('導入前後の変化と差の差（DiD）（4指標）');
    const plain = await read(handMadeReport(), 'ja');
    expect(plain.worksheets.map((sheet) => sheet.name)).not.toContain('効果検証');
  });

  it('keeps figures as numbers, points for shares, ◆ in the format where adjusted p < 0.05, ＊ with the reason', async () => {
    const sheet = (await read(withEffects(), 'ja')).getWorksheet('効果検証')!;
    const header = rowOf(sheet, '項目');
    expect((header.values as unknown[]).slice(1)).toEqual(['項目', '導入前 n', '導入前 値', '導入後 n', '導入後 値', '変化', '下限', '上限', '調整済み p', 'DiD', '下限', '上限', '調整済み p', '試行前の傾向 p', '注']);
    // Frozen at and printed with the header.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header.number });
    expect(sheet.pageSetup.printTitlesRow).toBe(`${header.number}:${header.number}`);
    const koseki = rowOf(sheet, '窓口に来た理由: 戸籍・住民票の写しの取得');
    expect([2, 3, 4, 5].map((c) => koseki.getCell(c).value)).toEqual([60, 0.55, 40, 0.45]);
    expect(koseki.getCell(3).numFmt).toBe('0.0%');
    expect(koseki.getCell(6).value).toBeCloseTo(-10, 9);
    expect(koseki.getCell(7).value).toBeCloseTo(-14, 9);
    expect(koseki.getCell(9).value).toBe(0.01);
    expect(koseki.getCell(9).numFmt).toBe('0.000" ◆"');
    expect(koseki.getCell(13).numFmt).toBe('0.000" ◆"');
    expect(koseki.getCell(14).value).toBe(0.6);
    const tax = rowOf(sheet, '窓口に来た理由: 税の証明');
    // Not under 0.05: no mark.
    expect(tax.getCell(9).numFmt).toBe('0.000');
    const care = rowOf(sheet, '窓口に来た理由: 介護');
    expect([2, 6, 10, 14].map((c) => care.getCell(c).value)).toEqual(['＊', '＊', '＊', '＊']);
    expect(care.getCell(15).text).toContain('導入後が5人未満');
    const mean = rowOf(sheet, 'あなたの年代: 平均');
    expect(mean.getCell(3).numFmt).toBe('0.00');
    expect(mean.getCell(6).value).toBeCloseTo(0.3, 9);
    // Every table cell is bordered, as on the other sheets.
    for (let c = 1; c <= 15; c++) expect(care.getCell(c).border?.left?.style).toBe('thin');
    // The split above the table, the warnings and the assumptions below it.
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.getCell(1).text));
    expect(texts.findIndex((text) => text.startsWith('区切り: 2026-04-01'))).toBeLessThan(header.number);
    expect(texts).toContain('・窓口に来た理由: 税の証明（試行前の差の差 +15.0ポイント、p 0.010）');
    expect(texts.findIndex((text) => text === 'DiD の前提')).toBeGreaterThan(header.number);
    expect(sheet.pageSetup.paperSize).toBe(9);
  });

  it('speaks English in an English workbook', async () => {
    const book = await read(withEffects(), 'en');
    const sheet = book.getWorksheet('Effect evaluation')!;
    const header = rowOf(sheet, 'Item');
    expect(header.getCell(6).text).toBe('Change');
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    // Only the labels, which the report carries in the language it was built in, are Japanese.
    const japanese = texts.filter((text) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text)).filter((text) => !/窓口に来た理由|あなたの年代|テスト調査/.test(text));
    expect(japanese).toEqual([]);
  });
});
