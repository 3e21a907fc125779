/**
 * The 集計表 workbook a Japanese survey report is handed round in: a 目次 sheet with a link to every
 * other sheet and the notes, a 調査概要 sheet, a GT sheet (単純集計) with every question, and one
 * sheet per question (`Q01 見出し`) with its cross-tabs (クロス集計) by every breakdown, each with a
 * 全体 row, and (issue 25) a 平均値の比較 sheet after the 単純集計: the means of every number answer and
 * ordered scale by every breakdown, grouped by breakdown as the printed report is, beside the
 * summaries a reader compares them with. A question summarised more than once (a matrixdropdown,
 * once per cell column) numbers its parts Q05-1, Q05-2, … in the 単純集計 and on its sheets. Used by `survey-toolkit report --format xlsx` and by the dashboard's download.
 *
 * Counts and shares stay numbers (`#,##0`, `0.0%`), so colleagues can compute with them in Excel;
 * the significance marks are part of each cell's number format (`0.0%" ▲"`), which shows the mark
 * without turning the number into text. A hidden (suppressed) number is the text ＊, never a number,
 * and a sheet that hides one says why. Every table has thin borders, and every sheet prints on A4,
 * one page wide, with its header rows repeated and the survey and page number in the footer, since
 * that is how the tables reach the ward offices.
 *
 * Every text goes through the export guard (formulas, control characters, whatever XML 1.0
 * forbids), sheet names included, since labels and breakdown values come from definition files
 * and responses.
 */
// Types only here: the library itself (some 400 ms to load) is imported when a workbook is asked for, so the
// server starts listening without it (issue 23's start-up).
import type ExcelJS from 'exceljs';
import type { Crosstab, CrosstabCell, Effect, EffectCell, EffectEstimate, MeansByGroup, QuestionSummary, Report, ResidualMark } from '../../contracts/report.ts';
import { describeEffects, effectLabel, effectsTexts, hiddenReason, MARK_BELOW } from '../../core/report-view/describe-effects.ts';
import { textTexts, TOP_WORDS } from '../../core/report-view/describe-text.ts';
import { crosstabTitle } from '../../core/report-view/crosstab-title.ts';
import { columnKind, meansByBreakdown } from '../../core/report-view/describe-tabulation.ts';
import { describeCrosstabTest as describeTest, describeMeansTest, fillText as fill, tabulationTexts as texts } from '../../core/report-view/tabulation-texts.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import { formatNumber } from '../../core/i18n/number-format.ts';
import { safeExportCell } from '../export/neutralise-formula.ts';
import { xmlSafeText } from '../export/xml-safe-text.ts';
import { rewriteZipEntries } from './rewrite-zip-entry.ts';
import { workbookTexts } from './workbook-texts.ts';

type Cell = string | number | null | ExcelJS.CellHyperlinkValue;

const PERCENT = '0.0%';
/** A response rate: a ward's is often a few per cent or less, so two decimals (as the HTML report prints it). */
const RATE = '0.00%';
const COUNT = '#,##0';
const DECIMAL = '0.00';
/** A4, one page wide and as many tall as it takes: fitting the height too shrinks a long sheet to unreadable type. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
};
/** A4 in points, and the margins above across (left + right) and down (top + bottom). */
const A4 = { short: 595, long: 842, across: 72, down: 1.3 * 72 };
/** Beyond this many character units a sheet is printed across the page. */
const PORTRAIT_WIDTH = 100;
const BOLD = { bold: true } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4F4F4' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
/** Points per line of 11-point text, Japanese included, and a little air round it. */
const LINE = 15;
const PADDING = 3;
/** Row labels wrap beyond this width rather than push the numbers off the page. */
const MAX_LABEL_WIDTH = 36;
const SHARE_WIDTH = 11;
const MAX_SHARE_WIDTH = 16;
const COUNT_WIDTH = 10;
const CONTENTS_WIDTH = 56;

/** The number format of a share that carries a mark: the mark is shown, the number stays a number. */
function markedPercent(mark: ResidualMark): string {
  return mark ? `${PERCENT}" ${mark}"` : PERCENT;
}

interface QuestionSheet {
  name: string;
  number: string;
  label: string;
  crosstabs: Crosstab[];
}

export async function writeReportWorkbook(report: Report, locale: Locale): Promise<Buffer> {
  const t = texts(locale);
  const w = workbookTexts(locale);
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'sapporo-survey-toolkit';
  const title = surveyTitle(report, locale);
  // A literal & in a footer is &&; Excel refuses a header or footer longer than 255 characters.
  const footer = `&L${[...xmlSafeText(title)].slice(0, 120).join('').replace(/&/g, '&&')}&R${w.footerPage}`;
  const used = new Set<string>();
  const hasMeans = (report.means ?? []).length > 0;
  const hasEffects = report.effectComparison !== undefined && report.effects !== undefined;
  const names = {
    contents: sheetName(w.contents, used),
    overview: sheetName(t.overview, used),
    gt: sheetName(t.gt, used),
    means: hasMeans ? sheetName(w.meansSheet, used) : undefined,
    effects: hasEffects ? sheetName(w.effectsSheet, used) : undefined,
    text: (report.text ?? []).length > 0 ? sheetName(w.textSheet, used) : undefined,
  };
  const numbers = questionNumbers(report, locale);
  const parts = partNumbers(report, numbers);
  const questions = questionSheets(report, parts, used);

  const contents = workbook.addWorksheet(names.contents);
  writeContents(contents, report, names, questions, locale);
  const overview = workbook.addWorksheet(names.overview);
  writeOverview(overview, report, locale);
  const gt = workbook.addWorksheet(names.gt, { views: [{ state: 'frozen', ySplit: 1 }] });
  writeSummaries(gt, report, parts, locale);
  if (names.means) {
    const means = workbook.addWorksheet(names.means, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
    writeMeans(means, report, numbers, parts, locale);
  }
  if (names.effects) {
    const effects = workbook.addWorksheet(names.effects);
    writeEffects(effects, report, locale);
  }
  if (names.text) writeText(workbook.addWorksheet(names.text), report, locale);
  for (const question of questions) {
    const sheet = workbook.addWorksheet(question.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
    writeCrosstabs(sheet, report, question, locale);
  }
  for (const sheet of workbook.worksheets) sheet.headerFooter = { oddFooter: footer };
  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  return internalLinks(written, `xl/worksheets/sheet${contents.id}.xml`);
}

/**
 * The 目次's links as Excel writes a link within the workbook: a `location` and no relationship.
 * ExcelJS adds a relationship to "#'Q01 …'!A1" too, which LibreOffice reads as a file to open.
 */
function internalLinks(xlsx: Buffer, sheetPath: string): Buffer {
  const rels = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
  return rewriteZipEntries(xlsx, {
    [sheetPath]: (xml) => xml.replace(/<hyperlink ref="([A-Z]+\d+)" r:id="[^"]+" location="#([^"]*)"\/>/g, '<hyperlink ref="$1" location="$2"/>'),
    [rels]: (xml) => xml.replace(/<Relationship Id="[^"]+" Type="[^"]+\/hyperlink" Target="#[^"]*" TargetMode="External"\/>/g, ''),
  });
}

function surveyTitle(report: Report, locale: Locale): string {
  return report.survey.title[locale] ?? Object.values(report.survey.title)[0] ?? report.survey.id;
}

/**
 * Excel's sheet names: XML-safe, at most 31 characters, none of []:*?/\ and unique regardless of case.
 * No apostrophe either: a link or a print range quotes the name in apostrophes.
 */
export function sheetName(wanted: string, used: Set<string>): string {
  const base = xmlSafeText(wanted).replace(/[[\]:*?/\\]/g, ' ').replace(/'/g, '’').trim().slice(0, 31).trim() || 'Sheet';
  let name = base;
  for (let k = 2; [...used].some((u) => u.toLowerCase() === name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
  used.add(name);
  return name;
}

/** Q01, Q02, … in survey order, the same in the 単純集計 and on the cross-tab sheets. */
function questionNumbers(report: Report, locale: Locale): Map<string, string> {
  const order = [...new Set([...(report.summaries ?? []).map((s) => s.question), ...(report.crosstabs ?? []).map((c) => c.question)])];
  const digits = Math.max(2, String(order.length).length);
  return new Map(order.map((question, k) => [question, fill(workbookTexts(locale).questionNumber, { number: String(k + 1).padStart(digits, '0') })]));
}

/** The key of one summarised part of a question: a matrixdropdown has one per cell column, labelled 「設問 — 列」. */
const partKey = (question: string, label: string) => `${question}\u0000${label}`;

/**
 * The number of each summarised part: Q05 for a question summarised once, Q05-1, Q05-2, … for one
 * summarised once per cell column, so its parts' tables and sheets never share a number.
 */
function partNumbers(report: Report, numbers: Map<string, string>): Map<string, string> {
  const labels = new Map<string, string[]>();
  for (const summary of report.summaries ?? []) labels.set(summary.question, [...(labels.get(summary.question) ?? []), summary.label]);
  for (const crosstab of report.crosstabs ?? []) {
    const known = labels.get(crosstab.question) ?? [];
    if (!known.includes(crosstab.label)) labels.set(crosstab.question, [...known, crosstab.label]);
  }
  const parts = new Map<string, string>();
  for (const [question, list] of labels) {
    const number = numbers.get(question)!;
    const distinct = [...new Set(list)];
    distinct.forEach((label, k) => parts.set(partKey(question, label), distinct.length > 1 ? `${number}-${k + 1}` : number));
  }
  return parts;
}

/**
 * One sheet per question part with cross-tabs (a question, or one cell column of a matrixdropdown):
 * every row of a matrix, each by every breakdown, in report order.
 */
function questionSheets(report: Report, parts: Map<string, string>, used: Set<string>): QuestionSheet[] {
  const byPart = new Map<string, Crosstab[]>();
  for (const crosstab of report.crosstabs ?? []) {
    const key = partKey(crosstab.question, crosstab.label);
    byPart.set(key, [...(byPart.get(key) ?? []), crosstab]);
  }
  const breakdowns = (report.breakdowns ?? []).map((b) => b.by);
  const sheets: QuestionSheet[] = [];
  // In the parts' order: the questions in survey order, a question's columns in the summaries' order.
  for (const [key, number] of parts) {
    const crosstabs = byPart.get(key);
    if (!crosstabs?.length) continue;
    const rows = [...new Set(crosstabs.map((c) => c.row))];
    const sorted = [...crosstabs].sort((a, b) => rows.indexOf(a.row) - rows.indexOf(b.row) || breakdowns.indexOf(a.by) - breakdowns.indexOf(b.by));
    const label = crosstabs[0].label;
    sheets.push({ name: sheetName(`${number} ${shortHeading(label, 31 - number.length - 1)}`, used), number, label, crosstabs: sorted });
  }
  return sheets;
}

/** A question's title made to fit a sheet tab: asides in brackets and the closing 。 dropped, then cut with …. */
function shortHeading(label: string, room: number): string {
  const plain = label.replace(/[（(][^（()）]*[）)]/gu, '').replace(/\s+/gu, ' ').replace(/[。．.？?！!\s]+$/u, '').trim() || label;
  const chars = [...plain];
  return chars.length <= room ? plain : `${chars.slice(0, room - 1).join('')}…`;
}

/** Width in Excel's character units: a CJK character takes about two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char) ? 2 : 1;
  return width;
}

/** Lines a wrapped text takes in a cell (or merged cells) this many units wide. */
function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split('\n').reduce((lines, part) => lines + Math.max(1, Math.ceil(displayWidth(part) / room)), 0);
}

function widthOf(sheet: ExcelJS.Worksheet, from: number, to: number): number {
  let width = 0;
  for (let c = from; c <= to; c++) width += sheet.getColumn(c).width ?? 9;
  return width;
}

/** Column widths, then the orientation they need, the repeated rows and the page. */
function layOut(sheet: ExcelJS.Worksheet, widths: number[], printTitles: string | undefined): void {
  widths.forEach((width, k) => (sheet.getColumn(k + 1).width = width));
  const total = widths.reduce((sum, width) => sum + width, 0);
  sheet.pageSetup = { ...sheet.pageSetup, ...PAGE_SETUP, orientation: total > PORTRAIT_WIDTH ? 'landscape' : 'portrait', ...(printTitles ? { printTitlesRow: printTitles } : {}) };
}

/**
 * Page breaks that keep each table (with its title and test line) on one printed page when it fits
 * on one: Excel and LibreOffice break wherever the page ends, leaving a title alone at the bottom.
 * The page is estimated as they lay it out (a column of width w is 7w + 5 pixels, shrunk to fit the
 * page's width), with a tenth to spare.
 */
function keepTogether(sheet: ExcelJS.Worksheet, blocks: Array<[number, number]>, titleRows: number): void {
  const landscape = sheet.pageSetup.orientation === 'landscape';
  let widthPt = 0;
  for (let c = 1; c <= sheet.columnCount; c++) widthPt += ((sheet.getColumn(c).width ?? 9) * 7 + 5) * 0.75;
  const printable = landscape ? { width: A4.long - A4.across, height: A4.short - A4.down } : { width: A4.short - A4.across, height: A4.long - A4.down };
  const scale = Math.min(1, printable.width / widthPt);
  const page = (printable.height / scale) * 0.9;
  const height = (from: number, to: number) => {
    let sum = 0;
    for (let r = from; r <= to; r++) sum += sheet.getRow(r).height ?? LINE;
    return sum;
  };
  const titles = height(1, titleRows);
  let used = titles;
  let next = titleRows + 1;
  for (const [start, end] of blocks) {
    used += height(next, start - 1);
    const block = height(start, end);
    if (used + block > page && block <= page - titles && used > titles) {
      sheet.getRow(start - 1).addPageBreak();
      used = titles;
    }
    used = titles + ((used - titles + block) % (page - titles));
    next = end + 1;
  }
}

function labelWidth(labels: string[], min: number): number {
  return Math.min(MAX_LABEL_WIDTH, Math.max(min, ...labels.map((label) => displayWidth(label) + 4)));
}

function addRow(sheet: ExcelJS.Worksheet, cells: Cell[]): ExcelJS.Row {
  return sheet.addRow(
    cells.map((cell) => {
      if (typeof cell === 'string') return safeExportCell(cell) as string;
      if (cell && typeof cell === 'object') return { ...cell, text: safeExportCell(cell.text) as string };
      return cell;
    }),
  );
}

/** A title or a note: one cell across the sheet's tables, wrapped, as tall as its lines. */
function textRow(sheet: ExcelJS.Worksheet, text: string, span: number, style: { bold?: boolean; size?: number; fill?: ExcelJS.Fill; border?: boolean } = {}): ExcelJS.Row {
  const row = addRow(sheet, [text]);
  const cell = row.getCell(1);
  cell.font = { ...(style.bold ? BOLD : {}), ...(style.size ? { size: style.size } : {}) };
  cell.alignment = { wrapText: true, vertical: 'middle' };
  if (style.fill) cell.fill = style.fill;
  if (style.border) cell.border = THIN;
  if (span > 1) sheet.mergeCells(row.number, 1, row.number, span);
  const lines = linesIn(text, widthOf(sheet, 1, span) * (style.size ? 11 / style.size : 1));
  row.height = Math.max(LINE, lines * LINE * ((style.size ?? 11) / 11)) + PADDING;
  return row;
}

/** A row of a table: every cell of its span bordered, numbers in their format, the label wrapped. */
function tableRow(sheet: ExcelJS.Worksheet, cells: Cell[], span: number, formats: Array<string | undefined> = [], style: { fill?: ExcelJS.Fill; bold?: boolean } = {}): ExcelJS.Row {
  const row = addRow(sheet, cells);
  let lines = 1;
  for (let c = 1; c <= span; c++) {
    const cell = row.getCell(c);
    cell.border = THIN;
    if (style.fill) cell.fill = style.fill;
    if (style.bold) cell.font = BOLD;
    const format = formats[c - 1];
    if (format && typeof cell.value === 'number') cell.numFmt = format;
    if (c === 1) {
      cell.alignment = { wrapText: true, vertical: 'middle' };
      lines = linesIn(String(cells[0] ?? ''), widthOf(sheet, 1, 1));
    } else if (typeof cell.value === 'string') {
      // ＊ stands where the number would: on the right, as numbers are.
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
    } else cell.alignment = { vertical: 'middle' };
  }
  if (lines > 1) row.height = lines * LINE + PADDING;
  return row;
}

/** A table's header: bold on a fill, each heading wrapped in its column and the row as tall as the longest. */
function headerRow(sheet: ExcelJS.Worksheet, cells: Cell[], span: number): ExcelJS.Row {
  const row = addRow(sheet, cells);
  let lines = 1;
  for (let c = 1; c <= span; c++) {
    const cell = row.getCell(c);
    cell.font = BOLD;
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: c === 1 ? 'left' : 'center' };
    lines = Math.max(lines, linesIn(String(cells[c - 1] ?? ''), widthOf(sheet, c, c)));
  }
  row.height = Math.min(lines, 8) * LINE + PADDING;
  return row;
}

function blankRow(sheet: ExcelJS.Worksheet): void {
  sheet.addRow([]);
}

/** The ＊ legend and the rule, on a sheet that hides a number, so a reader has both where the ＊ is. */
function suppressionNotes(sheet: ExcelJS.Worksheet, report: Report, span: number, locale: Locale): void {
  textRow(sheet, workbookTexts(locale).hiddenLegend, span);
  textRow(sheet, suppressionRule(report, locale), span);
}

function suppressionRule(report: Report, locale: Locale): string {
  return fill(texts(locale).suppressionRule, { min: report.minGroupSize, min_1: report.minGroupSize - 1 });
}

function writeContents(sheet: ExcelJS.Worksheet, report: Report, names: { overview: string; gt: string; means?: string; effects?: string; text?: string }, questions: QuestionSheet[], locale: Locale): void {
  const t = texts(locale);
  const w = workbookTexts(locale);
  const entries: Array<[string, string]> = [
    [names.overview, t.overview],
    [names.gt, t.gt],
    ...(names.means ? [[names.means, fill(w.meansOf, { count: (report.means ?? []).length })] as [string, string]] : []),
    ...(names.effects ? [[names.effects, fill(w.effectsOf, { count: (report.effects ?? []).length })] as [string, string]] : []),
    ...(names.text ? [[names.text, fill(w.textOf, { count: (report.text ?? []).length })] as [string, string]] : []),
    ...questions.map((q): [string, string] => [q.name, `${q.number} ${q.label}\n${fill(w.crosstabsOf, { count: q.crosstabs.length })}`]),
  ];
  // Portrait and no repeated header: the 目次 is one page, notes included.
  layOut(sheet, [labelWidth(entries.map(([name]) => name), 16), CONTENTS_WIDTH], undefined);
  textRow(sheet, surveyTitle(report, locale), 2, { bold: true, size: 14 });
  // Whether the figures are weighted, and to which margins file (issue 30), before anything else is read.
  textRow(sheet, `${t.weighting}${w.factSeparator}${describeWeighting(report, locale)}`, 2);
  if (report.weighting?.source) textRow(sheet, `${w.marginsFile}${w.factSeparator}${marginsSource(report.weighting.source, locale)}`, 2);
  blankRow(sheet);
  headerRow(sheet, [w.sheet, w.contentsOf], 2);
  for (const [name, what] of entries) {
    const row = tableRow(sheet, [{ text: name, hyperlink: `#'${name}'!A1` }, what], 2);
    row.getCell(1).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
    row.height = Math.max(linesIn(what, CONTENTS_WIDTH), linesIn(name, widthOf(sheet, 1, 1))) * LINE + PADDING;
  }
  blankRow(sheet);
  textRow(sheet, w.notes, 2, { bold: true });
  textRow(sheet, w.hiddenLegend, 2);
  textRow(sheet, suppressionRule(report, locale), 2);
  textRow(sheet, t.marksNote, 2);
  textRow(sheet, t.chosenNote, 2);
}

/** 重み付け: none, or raking with its variables and the effective n. */
function describeWeighting(report: Report, locale: Locale): string {
  const t = texts(locale);
  return report.weighting
    ? fill(t.weightingRaked, { variables: report.weighting.variables.join(', '), effectiveN: formatNumber(report.weighting.effectiveN, locale, 1) })
    : t.weightingNone;
}

/** The margins file a weighted report used: its name and SHA-256 (issue 30). */
function marginsSource(source: { file: string; sha256: string }, locale: Locale): string {
  return fill(workbookTexts(locale).marginsSource, { file: source.file, sha256: source.sha256 });
}

function writeOverview(sheet: ExcelJS.Worksheet, report: Report, locale: Locale): void {
  const t = texts(locale);
  const overview = report.overview;
  const weighting = describeWeighting(report, locale);
  const facts: Array<[string, Cell, string?]> = [
    [t.survey, report.survey.id],
    [t.versions, report.survey.versions.join(', ')],
    [t.responses, report.responses, COUNT],
  ];
  // The method and the time taken to answer (issue 25), worded as the printed report words them.
  if (overview?.method) facts.push([t.method, overview.method]);
  else if (overview && overview.byChannel.length > 0) facts.push([t.method, t.methodFromChannels(overview.byChannel.map((c) => t.channelNames[c.value] ?? c.value))]);
  if (overview?.period) facts.push([t.period, `${overview.period.from} – ${overview.period.to}`]);
  if (overview?.completionMinutes) {
    const { n, q1, median, q3 } = overview.completionMinutes;
    const minutes = (value: number) => formatNumber(value, locale, 1);
    facts.push([t.completion, fill(t.completionValue, { median: minutes(median), q1: minutes(q1), q3: minutes(q3), n: formatNumber(n, locale, 0) })]);
  }
  if (overview?.population != null) facts.push([t.population, overview.population, COUNT]);
  if (overview?.responseRate != null) facts.push([t.responseRate, overview.responseRate, PERCENT]);
  facts.push([t.weighting, weighting]);
  if (report.weighting?.source) facts.push([workbookTexts(locale).marginsFile, marginsSource(report.weighting.source, locale)]);
  facts.push([t.minGroupSize, report.minGroupSize, COUNT]);
  // The channels named as every other surface names them (tabulationTexts().channelNames, issue 25).
  const tables = [
    [t.byChannel, overview?.byChannel.map((c) => [standalone(t.channelNames[c.value] ?? c.value, locale), c.n] as const) ?? []],
    [t.kiosks, overview?.kiosks ? [[t.kioskEnrolled, overview.kiosks.enrolled] as const, [t.kioskUnenrolled, overview.kiosks.unenrolled] as const] : []],
  ] as const;
  const wards = overview?.byWard ?? [];
  // With ward populations (--population-by, or ward margins in --weights; issue 25): each ward's 母数 and 回収率 beside its n.
  const rates = wards.some((ward) => ward.population !== undefined);
  const labels = [...facts.map(([label]) => label), ...tables.flatMap(([heading, rows]) => [heading, ...rows.map(([label]) => label)]), t.byWard, ...wards.map((ward) => ward.label)];
  // Four columns: a fact's value spans the three on the right, a table of wards uses each.
  const span = 4;
  layOut(sheet, [labelWidth(labels, 24), 16, 16, 16], undefined);
  textRow(sheet, surveyTitle(report, locale), span, { bold: true, size: 14 });
  for (const [label, value, format] of facts) {
    const row = tableRow(sheet, [label, value], span, [undefined, format]);
    row.getCell(2).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    sheet.mergeCells(row.number, 2, row.number, span);
    const lines = Math.max(linesIn(String(label), widthOf(sheet, 1, 1)), typeof value === 'string' ? linesIn(value, widthOf(sheet, 2, span)) : 1);
    if (lines > 1) row.height = lines * LINE + PADDING;
  }
  let hidden = false;
  for (const [heading, rows] of tables) {
    if (!rows.length) continue;
    blankRow(sheet);
    headerRow(sheet, [heading, t.n], 2);
    for (const [label, n] of rows) {
      hidden ||= n === null;
      tableRow(sheet, [label, n ?? t.hidden], 2, [undefined, COUNT]);
    }
  }
  if (wards.length > 0) {
    blankRow(sheet);
    const width = rates ? 4 : 2;
    headerRow(sheet, [t.byWard, t.n, ...(rates ? [t.population, t.responseRate] : [])], width);
    for (const ward of wards) {
      hidden ||= ward.n === null;
      // A ward whose count is hidden has its rate hidden too; a ward without a population has neither.
      const rate: Cell = ward.population === undefined ? null : ward.responseRate == null ? t.hidden : ward.responseRate;
      tableRow(sheet, [ward.label, ward.n ?? t.hidden, ...(rates ? [ward.population ?? null, rate] : [])], width, [undefined, COUNT, COUNT, RATE]);
    }
  }
  blankRow(sheet);
  if (hidden) suppressionNotes(sheet, report, span, locale);
}

/** Columns a question's table takes in the 単純集計 (its label included). */
function summarySpan(summary: QuestionSummary): number {
  // A rating has its items and its numbers (issue 25): the wider of its tables.
  const spans = [3];
  if (summary.rows?.length) {
    const kind = columnKind(summary);
    const ordered = summary.rows.some((row) => row.mean != null);
    // A matrixdropdown column of numbers: row, n and the seven numbers; of text: row and n.
    if (kind === 'number') spans.push(9);
    else if (kind === 'choice') spans.push(2 + (summary.rows.find((row) => row.items.length > 0)?.items.length ?? 0) + (summary.rows.some((row) => row.fewer) ? 1 : 0) + (ordered ? 2 : 0));
  }
  if (summary.numeric) spans.push(9);
  if (summary.ranks?.length) spans.push(3 + rankDepth(summary));
  return Math.max(...spans);
}

/** How many places a ranking's table shows: as many as its shares go, not as many as it has items. */
function rankDepth(summary: QuestionSummary): number {
  return Math.max(0, ...(summary.ranks ?? []).map((item) => item.shares.length));
}

function writeSummaries(sheet: ExcelJS.Worksheet, report: Report, parts: Map<string, string>, locale: Locale): void {
  const t = texts(locale);
  const summaries = report.summaries ?? [];
  const span = Math.max(3, ...summaries.map(summarySpan));
  const labels = summaries.flatMap((s) => [...(s.items ?? []).map((i) => i.label), ...(s.rows ?? []).map((r) => r.label), ...(s.ranks ?? []).map((r) => r.label), s.fewer ? t.fewer : '']);
  layOut(sheet, [labelWidth(labels, 24), ...Array.from({ length: span - 1 }, () => SHARE_WIDTH)], '1:1');
  textRow(sheet, `${t.gt}　${surveyTitle(report, locale)}`, span, { bold: true, size: 12 });
  let hidden = false;
  const blocks: Array<[number, number]> = [];
  for (const summary of summaries) {
    blankRow(sheet);
    const start = sheet.lastRow!.number + 1;
    const number = parts.get(partKey(summary.question, summary.label));
    textRow(sheet, number ? `${number} ${summary.label}` : summary.label, span, { bold: true });
    if (summary.notSummarised) textRow(sheet, fill(t.notSummarised, { reason: summary.notSummarised }), span);
    else if (summary.answered === null) {
      hidden = true;
      tableRow(sheet, [t.answered, t.hidden], 2, [undefined, COUNT]);
      tableRow(sheet, [t.noAnswer, summary.noAnswer], 2, [undefined, COUNT]);
    } else hidden = writeSummaryBody(sheet, report, summary, span, locale) || hidden;
    blocks.push([start, sheet.lastRow!.number]);
  }
  blankRow(sheet);
  const notes = sheet.lastRow!.number + 1;
  if (hidden) suppressionNotes(sheet, report, span, locale);
  if (sheet.lastRow!.number >= notes) blocks.push([notes, sheet.lastRow!.number]);
  keepTogether(sheet, blocks, 1);
}

/** Writes one question's table; true when it hides a number. */
function writeSummaryBody(sheet: ExcelJS.Worksheet, report: Report, summary: QuestionSummary, span: number, locale: Locale): boolean {
  const t = texts(locale);
  const w = workbookTexts(locale);
  let hidden = false;
  const fewerNote = (members: string) => fill(t.fewerNote, { min: report.minGroupSize, members });
  if (summary.items) {
    headerRow(sheet, [w.answer, t.count, t.share], 3);
    for (const item of summary.items) {
      hidden ||= item.count === null;
      tableRow(sheet, [item.label, item.count ?? t.hidden, item.count === null ? t.hidden : item.share], 3, [undefined, COUNT, PERCENT]);
    }
    const fewer = summary.fewer;
    if (fewer) tableRow(sheet, [t.fewer, fewer.count, fewer.share], 3, [undefined, COUNT, PERCENT]);
    tableRow(sheet, [t.answered, summary.answered, null], 3, [undefined, COUNT], { fill: TOTAL_FILL });
    tableRow(sheet, [t.noAnswer, summary.noAnswer, null], 3, [undefined, COUNT]);
    if (summary.mean != null) tableRow(sheet, [t.mean, summary.mean, null], 3, [undefined, DECIMAL]);
    if (summary.topTwo != null) tableRow(sheet, [t.topTwo, null, summary.topTwo], 3, [undefined, undefined, PERCENT]);
    if (fewer) textRow(sheet, fewerNote(labelsOf(summary.items, fewer.values, locale)), span);
    if (summary.type === 'checkbox' || summary.type === 'tagbox') textRow(sheet, t.chosenNote, span);
  }
  if (summary.rows?.length && columnKind(summary) !== 'choice') {
    // A matrixdropdown column of numbers (row × n, mean, sd, min, quartiles, max) or of text (row × n), issue 25.
    const numbers = columnKind(summary) === 'number';
    const width = numbers ? 9 : 2;
    headerRow(sheet, [w.item, t.answered, ...(numbers ? [t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max] : [])], width);
    for (const row of summary.rows) {
      if (row.answered === null || row.suppressed) {
        hidden = true;
        tableRow(sheet, [row.label, t.hidden, ...Array.from({ length: width - 2 }, () => t.hidden)], width);
        continue;
      }
      if (!numbers) {
        tableRow(sheet, [row.label, row.answered], width, [undefined, COUNT]);
        continue;
      }
      const n = row.numeric;
      // Nobody answered: no numbers (empty cells); answered but not described: hidden.
      const cells: Cell[] = n ? [n.mean, n.sd, n.min, n.q1, n.median, n.q3, n.max] : Array.from({ length: 7 }, () => (row.answered === 0 ? null : t.hidden));
      hidden ||= cells.includes(t.hidden);
      tableRow(sheet, [row.label, row.answered, ...cells], width, [undefined, COUNT, ...Array.from({ length: 7 }, () => DECIMAL)]);
    }
    if (!numbers) textRow(sheet, t.textColumnNote, span);
  } else if (summary.rows?.length) {
    const values = summary.rows.find((row) => row.items.length > 0)?.items ?? summary.rows[0].items;
    const ordered = summary.rows.some((row) => row.mean != null);
    const withFewer = summary.rows.some((row) => row.fewer);
    const width = 2 + values.length + (withFewer ? 1 : 0) + (ordered ? 2 : 0);
    headerRow(sheet, [w.item, t.answered, ...values.map((v) => v.label), ...(withFewer ? [t.fewer] : []), ...(ordered ? [t.mean, t.topTwo] : [])], width);
    const formats = [undefined, COUNT, ...values.map(() => PERCENT), ...(withFewer ? [PERCENT] : []), ...(ordered ? [DECIMAL, PERCENT] : [])];
    for (const row of summary.rows) {
      if (row.answered === null) {
        hidden = true;
        tableRow(sheet, [row.label, t.hidden, ...Array.from({ length: width - 2 }, () => null)], width);
        continue;
      }
      hidden ||= row.items.some((item) => item.count === null);
      tableRow(
        sheet,
        [
          row.label,
          row.answered,
          // By value, not position: a matrixdropdown column's row may lack an answer another row has.
          ...values.map((value) => {
            const item = row.items.find((candidate) => candidate.value === value.value);
            return item ? (item.count === null ? t.hidden : item.share) : null;
          }),
          ...(withFewer ? [row.fewer?.share ?? null] : []),
          ...(ordered ? [row.mean ?? null, row.topTwo ?? null] : []),
        ],
        width,
        formats,
      );
    }
    const members = summary.rows.filter((row) => row.fewer).map((row) => fill(w.fewerMembers, { row: row.label, members: labelsOf(row.items, row.fewer!.values, locale) }));
    if (members.length) textRow(sheet, fewerNote(members.join(w.listSeparator)), span);
    if (summary.cellType === 'checkbox' || summary.cellType === 'tagbox') textRow(sheet, t.chosenNote, span);
  }
  if (summary.numeric) {
    const n = summary.numeric;
    headerRow(sheet, ['', t.answered, t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max], 9);
    tableRow(sheet, ['', summary.answered, n.mean, n.sd, n.min, n.q1, n.median, n.q3, n.max], 9, [undefined, COUNT, ...Array.from({ length: 7 }, () => DECIMAL)]);
  }
  if (summary.ranks?.length) {
    const depth = rankDepth(summary);
    const width = 3 + depth;
    headerRow(sheet, [w.item, t.n, ...Array.from({ length: depth }, (_, r) => fill(t.rank, { rank: r + 1 })), t.meanRank], width);
    for (const item of summary.ranks) {
      const shares = Array.from({ length: depth }, (_, k): Cell => item.shares[k] ?? null);
      tableRow(sheet, [item.label, item.ranked, ...shares, item.meanRank], width, [undefined, COUNT, ...shares.map(() => PERCENT), DECIMAL]);
    }
    tableRow(sheet, [t.answered, summary.answered, ...Array.from({ length: depth + 1 }, () => null)], width, [undefined, COUNT], { fill: TOTAL_FILL });
  }
  return hidden;
}

function labelsOf(items: Array<{ value: unknown; label: string }>, values: unknown[], locale: Locale): string {
  return values.map((value) => items.find((item) => item.value === value)?.label ?? String(value)).join(workbookTexts(locale).listSeparator);
}

/** What a cross-tab cell shows: ＊ when hidden, else its share (0 for an empty cell of a hidden group). */
function shareCell(cell: CrosstabCell | undefined, hidden: string): Cell {
  if (!cell) return null;
  if (cell.count === null) return hidden;
  return cell.share ?? (cell.count === 0 ? 0 : hidden);
}

function writeCrosstabs(sheet: ExcelJS.Worksheet, report: Report, question: QuestionSheet, locale: Locale): void {
  const t = texts(locale);
  const w = workbookTexts(locale);
  const values = question.crosstabs[0].values;
  const span = 2 + Math.max(...question.crosstabs.map((c) => c.values.length));
  const labels = question.crosstabs.flatMap((c) => [t.total, t.group, ...c.groups.map((g) => g.label)]);
  // An answer's heading wraps to about three lines at most, and a column never narrows below a marked share.
  const shareWidths = Array.from({ length: span - 2 }, (_, k) =>
    Math.min(MAX_SHARE_WIDTH, Math.max(SHARE_WIDTH, ...question.crosstabs.map((c) => (c.values[k] ? Math.ceil(displayWidth(c.values[k].label) / 3) + 2 : 0)))),
  );
  layOut(sheet, [labelWidth(labels, 14), COUNT_WIDTH, ...shareWidths], '1:2');
  textRow(sheet, `${question.number} ${question.label}`, span, { bold: true, size: 12 });
  const header = (crosstab: Crosstab) => [t.group, t.n, ...crosstab.values.map((v) => v.label)];
  headerRow(sheet, header(question.crosstabs[0]), span);
  let hidden = false;
  let multiple = false;
  const blocks: Array<[number, number]> = [];
  for (const crosstab of question.crosstabs) {
    blankRow(sheet);
    const start = sheet.lastRow!.number + 1;
    const heading = crosstab.rowLabel ? fill(w.rowByHeading, { row: crosstab.rowLabel, by: crosstab.byLabel }) : fill(w.byHeading, { by: crosstab.byLabel });
    textRow(sheet, heading, span, { bold: true, fill: HEADER_FILL, border: true });
    // Only a table whose answers differ from the sheet's header row needs its own.
    const same = crosstab.values.length === values.length && crosstab.values.every((v, k) => v.label === values[k].label);
    if (!same) headerRow(sheet, header(crosstab), span);
    const formats = (marks: ResidualMark[]) => [undefined, COUNT, ...marks.map(markedPercent)];
    const cellsOf = (cells: CrosstabCell[]) => crosstab.values.map((value, k) => cells.find((cell) => cell.value === value.value) ?? cells[k]);
    // Reports written before issue 26 have no 全体 row.
    if (crosstab.total) {
      const cells = cellsOf(crosstab.total.cells);
      hidden ||= crosstab.total.n === null || cells.some((cell) => cell?.count === null);
      tableRow(sheet, [t.total, crosstab.total.n ?? t.hidden, ...cells.map((cell) => shareCell(cell, t.hidden))], span, formats(cells.map(() => '')), { fill: TOTAL_FILL, bold: true });
    }
    for (const group of crosstab.groups) {
      const cells = cellsOf(group.cells ?? []);
      hidden ||= group.n === null || cells.some((cell) => !cell || cell.count === null);
      tableRow(
        sheet,
        [group.label, group.n ?? t.hidden, ...cells.map((cell) => (cell ? shareCell(cell, t.hidden) : t.hidden))],
        span,
        formats(cells.map((cell) => cell?.mark ?? '')),
      );
    }
    if (crosstab.kind === 'single') textRow(sheet, describeTest(crosstab.test, locale), span);
    else {
      multiple = true;
      crosstab.optionTests?.forEach((test, k) => textRow(sheet, `${crosstab.values[k].label}: ${describeTest(test, locale)}`, span));
    }
    blocks.push([start, sheet.lastRow!.number]);
  }
  blankRow(sheet);
  const notes = sheet.lastRow!.number + 1;
  if (hidden) suppressionNotes(sheet, report, span, locale);
  textRow(sheet, t.marksNote, span);
  if (multiple) textRow(sheet, t.chosenNote, span);
  blocks.push([notes, sheet.lastRow!.number]);
  keepTogether(sheet, blocks, 2);
}

/**
 * 平均値の比較 (issue 25): one table per number answer or ordered scale by each breakdown, grouped by
 * breakdown as the printed report is, each with its 全体 row and its test line. The columns are the
 * same in every table, so they head the sheet once (frozen, and repeated on every printed page), as
 * on the cross-tab sheets; a mean, sd and median are numbers (0.00), a hidden group ＊.
 */
function writeMeans(sheet: ExcelJS.Worksheet, report: Report, numbers: Map<string, string>, parts: Map<string, string>, locale: Locale): void {
  const t = texts(locale);
  const w = workbookTexts(locale);
  const span = 5;
  const groups = meansByBreakdown(report);
  const labels = groups.flatMap(({ means }) => means.flatMap((entry) => [t.total, ...entry.groups.map((group) => group.label)]));
  layOut(sheet, [labelWidth([t.group, ...labels], 14), COUNT_WIDTH, SHARE_WIDTH, SHARE_WIDTH, SHARE_WIDTH], '1:2');
  textRow(sheet, `${w.meansSheet}　${surveyTitle(report, locale)}`, span, { bold: true, size: 12 });
  headerRow(sheet, [t.group, t.n, t.mean, t.sd, t.median], span);
  const formats = [undefined, COUNT, DECIMAL, DECIMAL, DECIMAL];
  const numberOf = (entry: MeansByGroup) => parts.get(partKey(entry.question, entry.label)) ?? numbers.get(entry.question);
  const line = (label: string, group: { n: number | null; mean: number | null; sd: number | null; median: number | null }): Cell[] =>
    group.n === null ? [label, t.hidden, t.hidden, t.hidden, t.hidden] : [label, group.n, group.mean, group.sd, group.median];
  let hidden = false;
  let scale = false;
  const blocks: Array<[number, number]> = [];
  for (const { breakdown, means } of groups) {
    blankRow(sheet);
    textRow(sheet, fill(w.meansByHeading, { by: breakdown.label }), span, { bold: true, size: 12 });
    for (const entry of means) {
      blankRow(sheet);
      const start = sheet.lastRow!.number + 1;
      const number = numberOf(entry);
      const title = crosstabTitle(entry);
      textRow(sheet, number ? `${number} ${title}` : title, span, { bold: true, fill: HEADER_FILL, border: true });
      hidden ||= entry.total.n === null || entry.groups.some((group) => group.n === null);
      tableRow(sheet, line(t.total, entry.total), span, formats, { fill: TOTAL_FILL, bold: true });
      for (const group of entry.groups) tableRow(sheet, line(group.label, group), span, formats);
      textRow(sheet, describeMeansTest(entry.test, report.minGroupSize, locale), span);
      scale ||= entry.scale;
      blocks.push([start, sheet.lastRow!.number]);
    }
  }
  blankRow(sheet);
  const notes = sheet.lastRow!.number + 1;
  if (hidden) suppressionNotes(sheet, report, span, locale);
  if (scale) textRow(sheet, t.meansScalesNote, span);
  if (sheet.lastRow!.number >= notes) blocks.push([notes, sheet.lastRow!.number]);
  keepTogether(sheet, blocks, 2);
}

/** A change or DiD in points for a share (×100) or in the question's units for a mean, signed. */
const POINTS = '+0.0;"−"0.0;0.0';
const SIGNED = '+0.00;"−"0.00;0.00';
const P_VALUE = '0.000';
const MARKED_P = `0.000" ${'◆'}"`;

/**
 * 効果検証 (issue 28): the facts of the split, the pre-trend warnings, then one table of every figure
 * as numbers colleagues can sort and compute with: before and after n and value, the change with its
 * interval and Holm-adjusted p (◆ in the number format where p < 0.05), with a pilot the DiD
 * likewise and the pre-trend p; a hidden figure ＊ with the cells too small in the last column; what
 * a DiD assumes. The words are the printed part's (core/report-view/describe-effects.ts).
 */
function writeEffects(sheet: ExcelJS.Worksheet, report: Report, locale: Locale): void {
  const t = texts(locale);
  const w = workbookTexts(locale);
  const e = effectsTexts(locale);
  const view = describeEffects(report, locale)!;
  const effects = report.effects ?? [];
  const pilot = report.effectComparison?.pilot != null;
  const figure = (name: string) => [name, w.low, w.high, e.pAdjusted];
  const columns = [e.item, `${e.before} n`, `${e.before} ${e.value}`, `${e.after} n`, `${e.after} ${e.value}`, ...figure(w.changeShort), ...(pilot ? [...figure(w.didShort), e.preTrendP] : []), e.note];
  const span = columns.length;
  const labels = effects.map((effect) => effectLabel(effect, locale));
  const widths = [labelWidth([e.item, ...labels], 24), 8, 9, 8, 9, 8, 8, 8, 10, ...(pilot ? [8, 8, 8, 10, 10] : []), 30];
  layOut(sheet, widths, undefined);
  textRow(sheet, `${w.effectsSheet}　${surveyTitle(report, locale)}`, span, { bold: true, size: 12 });
  // How the responses were split and grouped, and the warnings, above the figures they qualify.
  for (const [label, text] of view.facts) textRow(sheet, `${label}: ${text}`, span);
  if (view.warnings) {
    textRow(sheet, view.warnings.heading, span, { bold: true });
    textRow(sheet, view.warnings.intro, span);
    for (const item of view.warnings.items) textRow(sheet, `・${item}`, span);
  }
  blankRow(sheet);
  textRow(sheet, w.effectsPoints, span);
  const header = headerRow(sheet, columns, span).number;
  // The header stays in view and is repeated on every printed page, as on the cross-tab sheets.
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: header }];
  sheet.pageSetup.printTitlesRow = `${header}:${header}`;
  let hides = false;
  const cellOf = (cell: EffectCell): Cell[] => (cell.n === null || cell.value === null ? [t.hidden, t.hidden] : [cell.n, cell.value]);
  const estimateOf = (estimate: EffectEstimate | null | undefined, scale: number, cells: string[] | undefined): Cell[] =>
    estimate ? [estimate.estimate * scale, estimate.low * scale, estimate.high * scale, estimate.pAdjusted] : Array<Cell>(4).fill(cells?.length ? t.hidden : '—');
  for (const effect of effects) {
    const scale = effect.measure === 'share' ? 100 : 1;
    const signed = effect.measure === 'share' ? POINTS : SIGNED;
    const value = effect.measure === 'share' ? PERCENT : DECIMAL;
    const notes: string[] = [];
    if (effect.hidden?.change?.length) notes.push(hiddenReason(effect.hidden.change, report.minGroupSize, locale));
    else if (!effect.change) notes.push(e.notComputed);
    if (pilot && effect.hidden?.did?.length) notes.push(`DiD: ${hiddenReason(effect.hidden.did, report.minGroupSize, locale)}`);
    const did = effect.did;
    const cells: Cell[] = [
      effectLabel(effect, locale),
      ...cellOf(effect.before),
      ...cellOf(effect.after),
      ...estimateOf(effect.change, scale, effect.hidden?.change),
      ...(pilot ? [...estimateOf(did, scale, effect.hidden?.did), did?.preTrend ? did.preTrend.p : did ? '—' : effect.hidden?.did?.length ? t.hidden : '—'] : []),
      notes.join(' '),
    ];
    hides ||= cells.includes(t.hidden);
    const mark = (p: number | undefined) => (p !== undefined && p < MARK_BELOW ? MARKED_P : P_VALUE);
    const formats = [undefined, COUNT, value, COUNT, value, signed, signed, signed, mark(effect.change?.pAdjusted), ...(pilot ? [signed, signed, signed, mark(did?.pAdjusted), P_VALUE] : []), undefined];
    const row = tableRow(sheet, cells, span, formats);
    const note = row.getCell(span);
    note.alignment = { wrapText: true, vertical: 'middle', horizontal: 'left' };
    const lines = Math.max(linesIn(String(cells[0]), widthOf(sheet, 1, 1)), linesIn(notes.join(' '), widthOf(sheet, span, span)));
    if (lines > 1) row.height = lines * LINE + PADDING;
  }
  if (view.assumptions) {
    blankRow(sheet);
    textRow(sheet, view.assumptions.heading, span, { bold: true });
    textRow(sheet, view.assumptions.text, span);
  }
  blankRow(sheet);
  if (hides) suppressionNotes(sheet, report, span, locale);
}

/**
 * 自由記述 (issue 27): per comment question, the top words (count, share; by the first breakdown's
 * groups beside them) and the codes by group with the cross-tabs' marks in the number format and a
 * test line per code. Counts and shares stay numbers; a hidden group ＊.
 */
function writeText(sheet: ExcelJS.Worksheet, report: Report, locale: Locale): void {
  const t = texts(locale);
  const w = workbookTexts(locale);
  const x = textTexts(locale);
  const entries = report.text ?? [];
  const groupsMax = Math.max(0, ...entries.map((entry) => entry.byGroup?.groups.length ?? 0), ...entries.map((entry) => Math.max(0, (entry.codes.length || 0) - 1)));
  const span = 3 + groupsMax;
  const labels = entries.flatMap((entry) => [...entry.words.slice(0, TOP_WORDS).map((word) => word.word), ...(entry.codeCrosstabs?.groups.map((group) => group.label) ?? []), t.total, t.fewer]);
  layOut(sheet, [labelWidth([x.word, t.group, ...labels], 16), COUNT_WIDTH, SHARE_WIDTH, ...Array<number>(groupsMax).fill(SHARE_WIDTH)], undefined);
  textRow(sheet, `${w.textSheet}　${surveyTitle(report, locale)}`, span, { bold: true, size: 12 });
  textRow(sheet, w.networkElsewhere, span);
  let hides = false;
  const blocks: Array<[number, number]> = [];
  for (const entry of entries) {
    blankRow(sheet);
    textRow(sheet, entry.label, span, { bold: true, size: 12 });
    if (entry.hidden) {
      textRow(sheet, x.hidden(report.minGroupSize), span);
      continue;
    }
    textRow(sheet, x.analysed(formatNumber(entry.comments.n, locale, 0), formatNumber(entry.comments.withWords, locale, 0)), span);
    const top = entry.words.slice(0, TOP_WORDS);
    if (top.length > 0) {
      blankRow(sheet);
      const start = sheet.lastRow!.number + 1;
      const groups = entry.byGroup?.groups ?? [];
      const width = 3 + groups.length;
      textRow(sheet, x.wordsHeading(top.length), width, { bold: true, fill: HEADER_FILL, border: true });
      headerRow(sheet, [x.word, x.count, x.share, ...groups.map((group) => `${group.label}\n(n = ${group.n === null ? t.hidden : formatNumber(group.n, locale, 0)})`)], width);
      top.forEach((word, index) => {
        const cells = entry.byGroup?.rows[index]?.cells ?? [];
        const shares: Cell[] = groups.map((_, g) => (cells[g]?.share == null ? t.hidden : cells[g].share));
        hides ||= shares.includes(t.hidden);
        tableRow(sheet, [word.word, word.count, word.share, ...shares], width, [undefined, COUNT, PERCENT, ...groups.map(() => PERCENT)]);
      });
      textRow(sheet, x.wordsNote, width);
      blocks.push([start, sheet.lastRow!.number]);
    }
    if (entry.codes.length > 0) {
      blankRow(sheet);
      const start = sheet.lastRow!.number + 1;
      const crosstab = entry.codeCrosstabs;
      const width = 2 + entry.codes.length;
      textRow(sheet, crosstab ? x.codesHeading(entry.byLabel ?? entry.by ?? '') : x.codesTotalHeading, width, { bold: true, fill: HEADER_FILL, border: true });
      headerRow(sheet, [t.group, t.n, ...entry.codes.map((code) => code.code)], width);
      const line = (label: string, n: number | null, cells: Array<{ count: number | null; share: number | null; mark: ResidualMark }>, style: { fill?: ExcelJS.Fill; bold?: boolean } = {}) => {
        const values: Cell[] = cells.map((cell) => (cell.count === null || (cell.share === null && cell.count !== 0) ? t.hidden : (cell.share ?? 0)));
        hides ||= n === null || values.includes(t.hidden);
        tableRow(sheet, [label, n ?? t.hidden, ...values], width, [undefined, COUNT, ...cells.map((cell) => markedPercent(cell.mark))], style);
      };
      if (crosstab) {
        line(t.total, crosstab.total.n, crosstab.total.cells, { fill: TOTAL_FILL, bold: true });
        for (const group of crosstab.groups) line(group.label, group.n, group.cells);
        if (crosstab.merged) line(t.fewer, crosstab.merged.n, crosstab.merged.cells);
        crosstab.tests.forEach((test, index) => textRow(sheet, `${entry.codes[index].code}: ${describeTest(test && { ...test, method: 'pearson' }, locale)}`, width));
      } else {
        line(t.total, entry.comments.n, entry.codes.map((code) => ({ count: code.count, share: code.share, mark: '' as ResidualMark })), { fill: TOTAL_FILL, bold: true });
      }
      textRow(sheet, x.codesNote, width);
      blocks.push([start, sheet.lastRow!.number]);
    }
  }
  blankRow(sheet);
  const notes = sheet.lastRow!.number + 1;
  textRow(sheet, t.marksNote, span);
  if (hides) suppressionNotes(sheet, report, span, locale);
  blocks.push([notes, sheet.lastRow!.number]);
  keepTogether(sheet, blocks, 1);
}

/** A name core writes to follow a verb ("answered on the web") standing alone as a row label: capitalised in English, as the dashboard does. */
function standalone(name: string, locale: Locale): string {
  return locale === 'en' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}
