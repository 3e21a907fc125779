/**
 * XLSX through exceljs's streaming WorkbookWriter: rows are written to the zip
 * as they come, without shared strings or styles (both would keep every
 * distinct string in memory). Then a sheet per long table (build-long-tables.ts: dynamic panels, long
 * matrixdynamic rows), each written from a second read of the records, and last the codebook.
 *
 * Backpressure: exceljs writes each sheet's XML into a PassThrough that
 * archiver drains into the zip, and it ignores that stream's "full" signal.
 * `waitForSheetToDrain` watches that stream and pauses reading records while it
 * is full, so a slow destination (a slow download) slows the store reads instead
 * of filling memory. test/server/export/write-xlsx.test.ts fails if an exceljs
 * upgrade moves that stream.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
// Types only here: the library (some 400 ms to load) is imported when an xlsx is asked for (issue 23's start-up).
import type ExcelJS from 'exceljs';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { CellValue, ExportColumn } from './build-export-columns.ts';
import { continuedSheetName, sheetNames as uniqueSheetNames } from './sheet-name.ts';
import { safeExportCell } from './neutralise-formula.ts';

/** The destination went away before the end (a cancelled download); not a failure of the export. */
export class DestinationClosedError extends Error {
  override name = 'DestinationClosedError';
  readonly code = 'ERR_STREAM_PREMATURE_CLOSE';
  constructor() {
    super('the destination closed before the export was complete');
  }
}

/** Excel's limit is 1,048,576 rows per sheet, header included; further rows continue on another sheet. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;
/** Check for a full sheet stream every this many rows. */
const ROWS_PER_DRAIN_CHECK = 200;

export interface XlsxExportOptions {
  columns: readonly ExportColumn[];
  headerOf: (column: ExportColumn) => string;
  records: AsyncIterable<ResponseRecord>;
  /** One sheet each, after the responses: its name (a question name), header, and its rows read anew. */
  longTables?: ReadonlyArray<{ name: string; header: readonly string[]; rows: () => AsyncIterable<readonly CellValue[]> }>;
  codebookHeader: readonly string[];
  codebook: readonly CellValue[][];
  sheetNames: { data: string; codebook: string };
  /** Rows per data sheet; the Excel maximum unless a test wants to see the roll-over. */
  maxRowsPerSheet?: number;
}

type SheetWriter = ExcelJS.Worksheet & { commit(): void };

interface DrainableStream {
  _writableState?: { length: number; highWaterMark: number; needDrain?: boolean };
  once(event: 'drain', listener: () => void): unknown;
}

/** The stream exceljs writes this sheet's XML into, or undefined if exceljs changed. */
export function sheetOutputStream(sheet: ExcelJS.Worksheet): DrainableStream | undefined {
  const pipe = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as DrainableStream | undefined;
  return pipe?._writableState ? pipe : undefined;
}

async function waitForSheetToDrain(sheet: ExcelJS.Worksheet, signal: AbortSignal): Promise<void> {
  const stream = sheetOutputStream(sheet);
  if (!stream) {
    await new Promise((resolve) => setImmediate(resolve)); // at least let archiver and zlib run
    return;
  }
  const state = stream._writableState!;
  if (state.length >= state.highWaterMark) await once(stream as unknown as NodeJS.EventEmitter, 'drain', { signal });
}

function toRow(values: readonly CellValue[]): Array<string | number | null> {
  return values.map(safeExportCell);
}

/** Writes the workbook to `destination` and resolves once it is complete there. */
export async function writeXlsx(destination: Writable, options: XlsxExportOptions): Promise<void> {
  const maxRows = options.maxRowsPerSheet ?? XLSX_MAX_DATA_ROWS;
  const finished = new Promise<void>((resolve, reject) => {
    destination.once('finish', resolve);
    destination.once('error', reject);
  });
  // A destination that goes away (a cancelled download) stops the export instead of leaving it waiting.
  const abort = new AbortController();
  destination.once('close', () => {
    if (!destination.writableFinished) abort.abort(new DestinationClosedError());
  });
  destination.once('error', (error) => abort.abort(error));
  try {
    await writeWorkbook(destination, options, maxRows, abort.signal);
  } catch (error) {
    // A half-written zip is useless: make the failure visible to whoever reads the destination.
    finished.catch(() => {});
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    destination.destroy(reason as Error);
    throw reason;
  }
  await finished;
}

async function writeWorkbook(destination: Writable, options: XlsxExportOptions, maxRows: number, signal: AbortSignal): Promise<void> {
  const { columns, headerOf, records, codebookHeader, codebook } = options;
  const longTables = options.longTables ?? [];
  // Cells and headers are made XML-safe by safeExportCell; sheet names are XML text too, unique and Excel-valid.
  const [data, codebookName, ...longNames] = uniqueSheetNames([options.sheetNames.data, options.sheetNames.codebook, ...longTables.map((t) => t.name)]);
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: destination, useStyles: false, useSharedStrings: false });

  const responseRows = mapRows(records, (record) => columns.map((column) => column.cell(record)));
  await writeSheets(workbook, data, columns.map(headerOf), responseRows, maxRows, signal);
  // One table at a time, each from its own read of the records: a sheet added earlier would hold its rows in memory.
  for (const [index, table] of longTables.entries()) await writeSheets(workbook, longNames[index], table.header, table.rows(), maxRows, signal);

  // Added only now: archiver writes entries in order, so this sheet's rows would wait in memory otherwise.
  const codebookSheet = workbook.addWorksheet(codebookName) as SheetWriter;
  codebookSheet.addRow(toRow(codebookHeader)).commit();
  for (const row of codebook) codebookSheet.addRow(toRow(row)).commit();
  codebookSheet.commit();

  await workbook.commit();
}

async function* mapRows<T>(items: AsyncIterable<T>, toCells: (item: T) => readonly CellValue[]): AsyncGenerator<readonly CellValue[]> {
  for await (const item of items) yield toCells(item);
}

/** Rows on a sheet named `name`, continued on `name (2)`, … past `maxRows`. */
async function writeSheets(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  headerCells: readonly CellValue[],
  rows: AsyncIterable<readonly CellValue[]>,
  maxRows: number,
  signal: AbortSignal,
): Promise<void> {
  const header = toRow(headerCells);
  let sheetNumber = 1;
  let sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] }) as SheetWriter;
  sheet.addRow(header).commit();
  let rowsInSheet = 0;
  for await (const row of rows) {
    signal.throwIfAborted();
    if (rowsInSheet === maxRows) {
      sheet.commit();
      sheetNumber += 1;
      sheet = workbook.addWorksheet(continuedSheetName(name, sheetNumber), { views: [{ state: 'frozen', ySplit: 1 }] }) as SheetWriter;
      sheet.addRow(header).commit();
      rowsInSheet = 0;
    }
    sheet.addRow(toRow(row)).commit();
    rowsInSheet += 1;
    if (rowsInSheet % ROWS_PER_DRAIN_CHECK === 0) await waitForSheetToDrain(sheet, signal);
  }
  sheet.commit();
}
