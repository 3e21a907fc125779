/**
 * The 集計表 workbook a Japanese survey report is handed round in: a 調査概要 sheet, a GT sheet
 * (単純集計) with every question, and one sheet per breakdown with its cross-tabs (クロス集計).
 * Used by `survey-toolkit report --format xlsx` and by the dashboard's download.
 *
 * Shares stay numbers, so colleagues can compute with them in Excel; the significance marks
 * are part of each cell's number format (`0.0%" ▲"`), which shows the mark without turning
 * the number into text. Hidden (suppressed) groups show "＊" with a note on the sheet.
 * Every text goes through the export guard (formulas, control characters, whatever XML 1.0
 * forbids), sheet names included, since labels and breakdown values come from definition files
 * and responses.
 */
import ExcelJS from 'exceljs';
import type { Crosstab, CrosstabTest, QuestionSummary, Report, ResidualMark } from '../../contracts/report.ts';
import { describeCrosstabTest as describeTest, fillText as fill, tabulationTexts as texts } from '../../core/report-view/tabulation-texts.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import { formatNumber, formatP } from '../../core/i18n/number-format.ts';
import { safeExportCell } from '../export/neutralise-formula.ts';
import { xmlSafeText } from '../export/xml-safe-text.ts';

type Cell = string | number | null;

const PERCENT = '0.0%';
/** Printed on A4, one page wide, as the sheets of a 集計表 are handed out. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
const BOLD = { bold: true } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };

/** The number format of a share that carries a mark: the mark is shown, the number stays a number. */
function markedPercent(mark: ResidualMark): string {
  return mark ? `${PERCENT}" ${mark}"` : PERCENT;
}

export async function writeReportWorkbook(report: Report, locale: Locale): Promise<Buffer> {
  const t = texts(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sapporo-survey-toolkit';
  writeOverview(workbook.addWorksheet(t.overview, { pageSetup: PAGE_SETUP }), report, locale);
  writeSummaries(workbook.addWorksheet(t.gt, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }], pageSetup: PAGE_SETUP }), report, locale);
  const used = new Set([t.overview, t.gt]);
  for (const breakdown of report.breakdowns ?? []) {
    const crosstabs = (report.crosstabs ?? []).filter((crosstab) => crosstab.by === breakdown.by);
    if (!crosstabs.length) continue;
    const name = sheetName(`${t.crosstabPrefix} ${breakdown.label}`, used);
    writeCrosstabs(workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }], pageSetup: PAGE_SETUP }), report, crosstabs, breakdown.label, locale);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel's sheet names: XML-safe, at most 31 characters, none of []:*?/\ and unique regardless of case. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base = xmlSafeText(wanted).replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let k = 2; [...used].some((u) => u.toLowerCase() === name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
  used.add(name);
  return name;
}

function addRow(sheet: ExcelJS.Worksheet, cells: Cell[]): ExcelJS.Row {
  return sheet.addRow(cells.map((cell) => (typeof cell === 'string' ? (safeExportCell(cell) as string) : cell)));
}

function titleRow(sheet: ExcelJS.Worksheet, text: string): void {
  addRow(sheet, [text]).font = BOLD;
}

function headerRow(sheet: ExcelJS.Worksheet, cells: Cell[]): void {
  const row = addRow(sheet, cells);
  row.font = BOLD;
  let lines = 1;
  row.eachCell((cell, column) => {
    cell.fill = HEADER_FILL;
    if (column === 1) return; // the row's own title may run on into the empty cells beside it
    // Answer labels are long (「内容によってはオンラインを利用したい」): wrap them instead of cutting them off.
    cell.alignment = { wrapText: true, vertical: 'top' };
    const width = sheet.getColumn(column).width ?? 10;
    lines = Math.max(lines, Math.ceil(displayWidth(String(cell.value ?? '')) / Math.max(1, width - 1)));
  });
  // Neither Excel nor LibreOffice grows a row for wrapped text written by a program: set it.
  if (lines > 1) row.height = 15 * Math.min(lines, 8);
}

/** Width in Excel's character units: a CJK character takes about two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char) ? 2 : 1;
  return width;
}

function writeOverview(sheet: ExcelJS.Worksheet, report: Report, locale: Locale): void {
  const t = texts(locale);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 48;
  const title = report.survey.title[locale] ?? Object.values(report.survey.title)[0] ?? report.survey.id;
  titleRow(sheet, title);
  addRow(sheet, [t.survey, report.survey.id]);
  addRow(sheet, [t.versions, report.survey.versions.join(', ')]);
  addRow(sheet, [t.responses, report.responses]);
  const overview = report.overview;
  if (overview?.period) addRow(sheet, [t.period, `${overview.period.from} – ${overview.period.to}`]);
  if (overview?.population != null) addRow(sheet, [t.population, overview.population]);
  if (overview?.responseRate != null) addRow(sheet, [t.responseRate, overview.responseRate]).getCell(2).numFmt = PERCENT;
  const weighting = report.weighting
    ? fill(t.weightingRaked, { variables: report.weighting.variables.join(', '), effectiveN: formatNumber(report.weighting.effectiveN, locale, 1) })
    : t.weightingNone;
  addRow(sheet, [t.weighting, weighting]);
  addRow(sheet, [t.minGroupSize, report.minGroupSize]);
  for (const [heading, rows] of [
    [t.byChannel, overview?.byChannel.map((c) => [c.value, c.n]) ?? []],
    [t.kiosks, overview?.kiosks ? [[t.kioskEnrolled, overview.kiosks.enrolled], [t.kioskUnenrolled, overview.kiosks.unenrolled]] : []],
    [t.byWard, overview?.byWard.map((w) => [w.label, w.n]) ?? []],
  ] as const) {
    if (!rows.length) continue;
    addRow(sheet, []);
    headerRow(sheet, [heading, t.n]);
    for (const [label, n] of rows) addRow(sheet, [label, n ?? t.hidden]);
  }
  addRow(sheet, []);
  addRow(sheet, [fill(t.hiddenNote, { min: report.minGroupSize })]);
  addRow(sheet, [t.marksNote]);
}

function writeSummaries(sheet: ExcelJS.Worksheet, report: Report, locale: Locale): void {
  const t = texts(locale);
  sheet.getColumn(1).width = 44;
  for (let c = 2; c <= 12; c++) sheet.getColumn(c).width = 12;
  headerRow(sheet, [t.question, t.answered, t.noAnswer]);
  for (const summary of report.summaries ?? []) {
    addRow(sheet, []);
    titleRow(sheet, summary.label);
    if (summary.notSummarised) {
      addRow(sheet, [fill(t.notSummarised, { reason: summary.notSummarised })]);
      continue;
    }
    addRow(sheet, [t.answered, summary.answered ?? t.hidden, summary.noAnswer]);
    if (summary.answered === null) continue;
    writeSummaryBody(sheet, summary, locale);
  }
}

function writeSummaryBody(sheet: ExcelJS.Worksheet, summary: QuestionSummary, locale: Locale): void {
  const t = texts(locale);
  if (summary.items) {
    headerRow(sheet, ['', t.count, t.share]);
    for (const item of summary.items) addRow(sheet, [item.label, item.count ?? t.hidden, item.share ?? t.hidden]).getCell(3).numFmt = PERCENT;
    if (summary.type === 'checkbox' || summary.type === 'tagbox') addRow(sheet, [t.chosenNote]);
    if (summary.mean != null) addRow(sheet, [t.mean, summary.mean]).getCell(2).numFmt = '0.00';
    if (summary.topTwo != null) addRow(sheet, [t.topTwo, summary.topTwo]).getCell(2).numFmt = PERCENT;
  }
  if (summary.rows?.length) {
    const values = summary.rows[0].items;
    const ordered = summary.rows.some((row) => row.mean != null);
    headerRow(sheet, ['', t.answered, ...values.map((v) => v.label), ...(ordered ? [t.mean, t.topTwo] : [])]);
    for (const row of summary.rows) {
      if (row.answered === null) {
        addRow(sheet, [row.label, t.hidden]);
        continue;
      }
      const added = addRow(sheet, [row.label, row.answered, ...row.items.map((i) => i.share ?? t.hidden), ...(ordered ? [row.mean ?? null, row.topTwo ?? null] : [])]);
      row.items.forEach((_, k) => (added.getCell(3 + k).numFmt = PERCENT));
      if (ordered) {
        added.getCell(3 + row.items.length).numFmt = '0.00';
        added.getCell(4 + row.items.length).numFmt = PERCENT;
      }
    }
  }
  if (summary.numeric) {
    const n = summary.numeric;
    headerRow(sheet, ['', t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max]);
    const added = addRow(sheet, ['', n.mean, n.sd, n.min, n.q1, n.median, n.q3, n.max]);
    for (let c = 2; c <= 8; c++) added.getCell(c).numFmt = '0.00';
  }
  if (summary.ranks?.length) {
    const positions = summary.ranks[0].shares.map((_, r) => fill(t.rank, { rank: r + 1 }));
    headerRow(sheet, ['', ...positions, t.meanRank]);
    for (const item of summary.ranks) {
      const added = addRow(sheet, [item.label, ...item.shares, item.meanRank]);
      item.shares.forEach((_, k) => (added.getCell(2 + k).numFmt = PERCENT));
      added.getCell(2 + item.shares.length).numFmt = '0.00';
    }
  }
}

function writeCrosstabs(sheet: ExcelJS.Worksheet, report: Report, crosstabs: Crosstab[], byLabel: string, locale: Locale): void {
  const t = texts(locale);
  sheet.getColumn(1).width = 28;
  for (let c = 2; c <= 16; c++) sheet.getColumn(c).width = 13;
  headerRow(sheet, [byLabel]);
  for (const crosstab of crosstabs) {
    addRow(sheet, []);
    titleRow(sheet, crosstab.rowLabel ? `${crosstab.label} — ${crosstab.rowLabel}` : crosstab.label);
    headerRow(sheet, [t.group, t.n, ...crosstab.values.map((v) => v.label)]);
    for (const group of crosstab.groups) {
      if (!group.cells) {
        addRow(sheet, [group.label, t.hidden, ...crosstab.values.map(() => t.hidden)]);
        continue;
      }
      const row = addRow(sheet, [group.label, group.n, ...group.cells.map((cell) => cell.share)]);
      group.cells.forEach((cell, k) => (row.getCell(3 + k).numFmt = markedPercent(cell.mark)));
    }
    if (crosstab.kind === 'single') addRow(sheet, [describeTest(crosstab.test, locale)]);
    else {
      crosstab.optionTests?.forEach((test, k) => addRow(sheet, [`${crosstab.values[k].label}: ${describeTest(test, locale)}`]));
      addRow(sheet, [t.chosenNote]);
    }
  }
  addRow(sheet, []);
  addRow(sheet, [fill(t.hiddenNote, { min: report.minGroupSize })]);
  addRow(sheet, [t.marksNote]);
}

