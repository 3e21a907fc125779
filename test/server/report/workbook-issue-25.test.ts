/**
 * What issue 25 adds to the 集計表 workbook, read back with ExcelJS from the bytes the writer made:
 * the 平均値の比較 sheet (linked from the 目次, 全体 first, numbers as numbers, ＊ for a hidden
 * group, the test line), a matrixdropdown summarised once per cell column (numbered Q0n-1, Q0n-2, …,
 * a number column as row × n and seven numbers, a text column as row × n), each ward's population
 * and response rate in 調査概要, and the channels named as every other surface names them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crosstab, Report } from '../../../contracts/report.ts';
import { describeMeansTest, fillText, tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { workbookTexts } from '../../../server/report/workbook-texts.ts';
import { writeReportWorkbook } from '../../../server/report/write-report-workbook.ts';
import { readXlsx } from './read-xlsx-xml.ts';
import { crosstabByAge, handMadeReport, matrixDropdownSummaries, meansByAge } from '../../core/report-view/hand-made-report.ts';

const t = tabulationTexts('ja');
const w = workbookTexts('ja');

/** A cross-tab of one matrixdropdown column, labelled as its summary is. */
function columnCrosstab(label: string): Crosstab {
  return { ...crosstabByAge(), question: 'visits', label };
}

function fixture(): Report {
  const report = handMadeReport();
  const [often, , , ways] = matrixDropdownSummaries();
  const scale = { ...meansByAge()[0], question: 'counterReasons', label: '窓口の満足度', scale: true, test: { method: 'kruskal' as const, statistic: 7.5, df1: 2, df2: null, p: 0.0235, pAdjusted: 0.047 } };
  return {
    ...report,
    summaries: [...report.summaries!, ...matrixDropdownSummaries()],
    crosstabs: [...report.crosstabs!, columnCrosstab(often.label), columnCrosstab(ways.label)],
    means: [...meansByAge(), scale],
    overview: {
      period: null,
      byChannel: [
        { value: 'kiosk', n: 60 },
        { value: 'online', n: 40 },
      ],
      byWard: [
        { value: 'chuo', label: '中央区', n: 60, population: 248_680, responseRate: 60 / 248_680 },
        { value: 'kita', label: '北区', n: null, population: 285_321, responseRate: null },
        { value: 'higashi', label: '東区', n: 40, population: 265_379, responseRate: 40 / 265_379 },
      ],
      responseRate: null,
      population: null,
    },
  };
}

/**
 * Each row's shown values (a hyperlink's text, a number as a number), trailing empty cells dropped;
 * a merged cell counts once, where it starts (ExcelJS repeats its value in every cell it covers).
 */
function rows(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = sheet.getRow(r).getCell(c);
      const value = cell.isMerged && cell.master !== cell ? null : cell.value;
      values.push(value && typeof value === 'object' && 'text' in value ? (value as { text: string }).text : (value ?? null));
    }
    while (values.length > 0 && values[values.length - 1] === null) values.pop();
    out.push(values);
  }
  return out;
}

let book: ExcelJS.Workbook;
beforeAll(async () => {
  book = new ExcelJS.Workbook();
  await book.xlsx.load((await writeReportWorkbook(fixture(), 'ja')) as unknown as ArrayBuffer);
});

describe('the 平均値の比較 sheet (issue 25)', () => {
  it('follows the 単純集計, and the 目次 links to it and says how many tables it holds', async () => {
    const names = book.worksheets.map((sheet) => sheet.name);
    expect(names.slice(0, 4)).toEqual([w.contents, t.overview, t.gt, w.meansSheet]);
    const contents = rows(book.getWorksheet(w.contents)!);
    const entry = contents.find((row) => row[0] === w.meansSheet)!;
    expect(entry[1]).toBe(fillText(w.meansOf, { count: 2 }));
    // A link within the workbook (read from the XML: the writer leaves it no relationship, which ExcelJS reads past).
    const dir = mkdtempSync(join(tmpdir(), 'workbook-issue-25-'));
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, await writeReportWorkbook(fixture(), 'ja'));
    const xml = (await readXlsx(file)).sheet(w.contents).xml.replace(/&apos;/g, "'");
    rmSync(dir, { recursive: true, force: true });
    expect(xml).toContain(`location="'${w.meansSheet}'!A1"`);
  });

  it('heads the sheet with the columns once, then per breakdown a table per question: 全体, each group, the test', () => {
    const sheet = book.getWorksheet(w.meansSheet)!;
    const all = rows(sheet);
    expect(all[1]).toEqual([t.group, t.n, t.mean, t.sd, t.median]);
    expect(all).toContainEqual([fillText(w.meansByHeading, { by: 'あなたの年代' })]);
    const at = all.findIndex((row) => typeof row[0] === 'string' && (row[0] as string).endsWith('待ち時間（分）'));
    expect(at).toBeGreaterThan(1);
    expect(all[at + 1]).toEqual([t.total, 100, 13.1, 4.9, 13]);
    expect(all[at + 2]).toEqual(['20歳未満', t.hidden, t.hidden, t.hidden, t.hidden]);
    expect(all[at + 3]).toEqual(['20代', 40, 11.25, 3.5, 11]);
    expect(all[at + 4]).toEqual(['30代', 57, 14.5, 5.25, 14]);
    expect(all[at + 5]).toEqual([describeMeansTest(meansByAge()[0].test, 5, 'ja')]);
    // Numbers stay numbers in their formats, bordered like every other table of the workbook.
    const total = sheet.getRow(at + 2);
    expect(total.getCell(2).numFmt).toBe('#,##0');
    expect([3, 4, 5].map((c) => total.getCell(c).numFmt)).toEqual(['0.00', '0.00', '0.00']);
    expect([1, 2, 3, 4, 5].every((c) => total.getCell(c).border?.top?.style === 'thin')).toBe(true);
    // The scale's table is numbered as its question is in the 単純集計 (Q02), and says why its test is on ranks.
    expect(all.some((row) => row[0] === 'Q02 窓口の満足度')).toBe(true);
    expect(all).toContainEqual([t.meansScalesNote]);
    // It hides a group, so it says why, where the ＊ is.
    expect(all).toContainEqual([w.hiddenLegend]);
  });

  it('prints on A4 one page wide with the title and column heads on every page', () => {
    const sheet = book.getWorksheet(w.meansSheet)!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
  });

  it('is left out when the report has no means to compare', async () => {
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load((await writeReportWorkbook({ ...fixture(), means: [] }, 'ja')) as unknown as ArrayBuffer);
    expect(plain.worksheets.map((sheet) => sheet.name)).not.toContain(w.meansSheet);
  });
});

describe('a matrixdropdown summarised once per cell column (issue 25)', () => {
  it('numbers its columns Q05-1 … Q05-4 in the 単純集計 and gives each cross-tabulated column a sheet of its own', () => {
    const gt = rows(book.getWorksheet(t.gt)!);
    const headings = gt.map((row) => row[0]).filter((cell): cell is string => typeof cell === 'string' && cell.startsWith('Q05'));
    expect(headings).toEqual(matrixDropdownSummaries().map((summary, k) => `Q05-${k + 1} ${summary.label}`));
    const sheets = book.worksheets.map((sheet) => sheet.name).filter((name) => name.startsWith('Q05'));
    expect(sheets.map((name) => name.split(' ')[0])).toEqual(['Q05-1', 'Q05-4']);
    expect(new Set(sheets).size).toBe(2);
    expect(rows(book.getWorksheet(sheets[1])!)[0]).toEqual([`Q05-4 ${matrixDropdownSummaries()[3].label}`]);
  });

  it('tabulates a column of numbers as row × 回答者数 and seven numbers, a hidden row ＊, an unanswered one empty', () => {
    const gt = rows(book.getWorksheet(t.gt)!);
    const at = gt.findIndex((row) => row[0] === `Q05-2 ${matrixDropdownSummaries()[1].label}`);
    expect(gt[at + 1]).toEqual([w.item, t.answered, t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max]);
    expect(gt[at + 2]).toEqual(['戸籍', 60, 12.5, 4.25, 0, 10, 12, 15, 45]);
    expect(gt[at + 3]).toEqual(['税', t.hidden, t.hidden, t.hidden, t.hidden, t.hidden, t.hidden, t.hidden, t.hidden]);
    expect(gt[at + 4]).toEqual(['介護', 0]);
    const row = book.getWorksheet(t.gt)!.getRow(at + 3);
    expect(row.getCell(3).numFmt).toBe('0.00');
    expect(row.getCell(2).numFmt).toBe('#,##0');
  });

  it('counts a column of text per row, and notes that checkbox shares do not add up', () => {
    const gt = rows(book.getWorksheet(t.gt)!);
    const at = gt.findIndex((row) => row[0] === `Q05-3 ${matrixDropdownSummaries()[2].label}`);
    expect(gt.slice(at + 1, at + 5)).toEqual([[w.item, t.answered], ['戸籍', 30], ['税', t.hidden], [t.textColumnNote]]);
    const ways = gt.findIndex((row) => row[0] === `Q05-4 ${matrixDropdownSummaries()[3].label}`);
    expect(gt[ways + 2]).toEqual(['戸籍', 60, 0.75, 0.5]);
    expect(gt[ways + 3]).toEqual([t.chosenNote]);
  });
});

describe('調査概要 (issue 25)', () => {
  it('gives each ward its population and response rate beside its n, the rate ＊ where the n is hidden', () => {
    const sheet = book.getWorksheet(t.overview)!;
    const all = rows(sheet);
    const at = all.findIndex((row) => row[0] === t.byWard);
    expect(all[at]).toEqual([t.byWard, t.n, t.population, t.responseRate]);
    expect(all[at + 1]).toEqual(['中央区', 60, 248_680, 60 / 248_680]);
    expect(all[at + 2]).toEqual(['北区', t.hidden, 285_321, t.hidden]);
    expect(sheet.getRow(at + 2).getCell(4).numFmt).toBe('0.00%');
    expect(sheet.getRow(at + 2).getCell(3).numFmt).toBe('#,##0');
  });

  it('names the channels as the printed report and the overview’s sentence do', () => {
    const all = rows(book.getWorksheet(t.overview)!);
    expect(all).toContainEqual([t.channelNames.kiosk, 60]);
    expect(all).toContainEqual([t.channelNames.online, 40]);
    expect(all.flat()).toContain(t.methodFromChannels([t.channelNames.kiosk, t.channelNames.online]));
  });

  it('capitalises an English channel name standing alone as a row label', async () => {
    const english = new ExcelJS.Workbook();
    await english.xlsx.load((await writeReportWorkbook(fixture(), 'en')) as unknown as ArrayBuffer);
    const all = rows(english.getWorksheet(tabulationTexts('en').overview)!);
    expect(all).toContainEqual(['Ward-office tablets', 60]);
    expect(all).toContainEqual(['The web', 40]);
  });
});
