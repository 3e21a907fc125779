/**
 * One export, in one of its formats, written to a stream with backpressure:
 * the same function serves `GET /api/surveys/:id/responses` and `survey-toolkit export`.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { buildCodebook, CODEBOOK_HEADER } from './build-codebook.ts';
import { buildExportColumns, type CellValue, type ExportColumn, type ExportColumnOptions } from './build-export-columns.ts';
import { buildLongTables, longRowsOf, type LongRow, type LongTable } from './build-long-tables.ts';
import { csvChunks, csvRowsChunks } from './write-csv.ts';
import { jsonlChunks } from './write-jsonl.ts';
import { maskFreeText } from './mask-free-text.ts';
import { writeXlsx } from './write-xlsx.ts';
import { requiresInvitation } from '../enrollment/admit-submission.ts';
import { attachmentQuestions, attachmentsAsPaths } from './attachment-files.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'jsonl', 'codebook'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  codebook: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

export interface ExportJob extends ExportColumnOptions {
  format: ExportFormat;
  /** Every kept version of the survey, the current one first. */
  versions: readonly SurveyDefinition[];
  /**
   * Not read for `codebook`. XLSX reads the records once per sheet (responses, then each long table): give a
   * function that reads them anew. Records given as an iterable are kept in memory for the later sheets.
   */
  records: AsyncIterable<ResponseRecord> | (() => AsyncIterable<ResponseRecord>);
  /** CSV only: the long table of this dynamic question (build-long-tables.ts) instead of the responses. */
  table?: string;
  /**
   * `masked` (default): personal data in free text replaced by placeholders (server/export/mask-free-text.ts).
   * `included`: the answers as stored; only for admins, and the caller records it in the audit log first.
   */
  personalData?: 'masked' | 'included';
}

/** `ward-office-exit-responses.csv`, `ward-office-exit-codebook.csv`, `…-household.csv` (a long table), … */
export function exportFileName(surveyId: string, format: ExportFormat, table?: string): string {
  // A question name may hold any character; the file name keeps what is safe in a header and on disk.
  if (table !== undefined) return `${surveyId}-${table.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv`;
  return format === 'codebook' ? `${surveyId}-codebook.csv` : `${surveyId}-responses.${format}`;
}

/** A `table` the survey has no long table for: the caller answers 400 (or exits 2) with this message. */
export class UnknownTableError extends Error {
  override name = 'UnknownTableError';
}

/** The long table named `name`, or an UnknownTableError listing those there are. */
export function findLongTable(versions: readonly SurveyDefinition[], options: ExportColumnOptions, name: string): LongTable {
  const tables = buildLongTables(versions, options);
  const table = tables.find((t) => t.name === name);
  if (table) return table;
  const known = tables.length > 0 ? `its long tables are ${tables.map((t) => JSON.stringify(t.name)).join(', ')}` : 'it has no long tables (no paneldynamic, no matrixdynamic with maxRowCount over 10)';
  throw new UnknownTableError(`table ${JSON.stringify(name)} is not a long table of this survey; ${known}`);
}

const SHEET_NAMES: Record<string, { data: string; codebook: string }> = {
  ja: { data: '回答', codebook: 'コードブック' },
  en: { data: 'Responses', codebook: 'Codebook' },
};

/** `2026-06-02T09:15:42.123+09:00` → `2026-06-02T09:15:00.000+09:00`: the minute, in the form it was written in. */
export function toTheMinute(instant: string): string {
  return instant.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?/, '$1:00.000');
}

const UUID_V7 = /^([0-9a-f]{8})-([0-9a-f]{4})(-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/i;

/**
 * A UUIDv7 record id (server/store/make-uuid-v7.ts) starts with its receipt millisecond: that
 * part is cut to the minute as well, the random part kept, so ids stay distinct. Other ids as they are.
 */
export function idToTheMinute(id: string): string {
  const match = UUID_V7.exec(id);
  if (!match) return id;
  const minute = Math.floor(parseInt(match[1] + match[2], 16) / 60_000) * 60_000;
  const hex = minute.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}${match[3]}`;
}

/**
 * On a survey with invitation codes, the times of each response only to the minute (issue 20,
 * finding 7): an admin who saw when a code was spent (its holder's check, a batch's count)
 * must not find the response by its millisecond. receivedAt, the device's startedAt and
 * completedAt, which lie seconds from it, and the time inside a UUIDv7 record id.
 */
async function* timesToTheMinute(records: AsyncIterable<ResponseRecord>): AsyncGenerator<ResponseRecord> {
  for await (const record of records) {
    yield {
      ...record,
      id: idToTheMinute(record.id),
      startedAt: toTheMinute(record.startedAt),
      completedAt: toTheMinute(record.completedAt),
      receivedAt: toTheMinute(record.receivedAt),
    };
  }
}

/**
 * A function that reads the records anew each call. An iterable can be read once: when `again` (an XLSX, which
 * may have long-table sheets), its first read is kept in memory for the next ones; else it is passed through.
 */
function rereadable(records: ExportJob['records'], again: boolean): () => AsyncIterable<ResponseRecord> {
  if (typeof records === 'function') return records;
  if (!again) return () => records;
  const kept: ResponseRecord[] = [];
  let first = true;
  return () => {
    if (!first) return Readable.from(kept) as AsyncIterable<ResponseRecord>;
    first = false;
    return (async function* () {
      for await (const record of records) {
        kept.push(record);
        yield record;
      }
    })();
  };
}

/**
 * The records with the ids and times an export of `versions` shows (cut to the minute on a survey with invitation
 * codes), for what is written beside the table: the attachment folder's names must match the cells' paths.
 */
export function withExportedTimes(versions: readonly SurveyDefinition[], records: AsyncIterable<ResponseRecord>): AsyncIterable<ResponseRecord> {
  return versions.length > 0 && requiresInvitation(versions[0]) ? timesToTheMinute(records) : records;
}

/** Every panel or row of `table` in `records`. */
async function* longRows(table: LongTable, records: AsyncIterable<ResponseRecord>): AsyncGenerator<LongRow> {
  for await (const record of records) yield* longRowsOf(table, record);
}

export async function writeExport(destination: Writable, job: ExportJob): Promise<void> {
  const read = rereadable(job.records, job.format === 'xlsx');
  const invitationOnly = job.versions.length > 0 && requiresInvitation(job.versions[0]);
  // Masked first, then times cut, on every read: the long tables hold the same masked text as the responses.
  const records = () => {
    const masked = job.personalData === 'included' ? read() : maskFreeText(read(), job.versions, job.locale);
    return invitationOnly ? timesToTheMinute(masked) : masked;
  };
  if (job.format === 'jsonl') {
    // Without personal data, no signature or file content either: each attachment is its path, as in the CSV.
    const attachments = attachmentQuestions(job.versions);
    const lines = job.personalData === 'included' || attachments.size === 0 ? records() : attachmentsAsPaths(records(), attachments);
    await pipeline(Readable.from(jsonlChunks(lines)), destination);
    return;
  }
  const headerOf = <T>(column: ExportColumn<T>) => (job.mode === 'labels' ? column.label : column.key);
  if (job.table !== undefined) {
    if (job.format !== 'csv') throw new UnknownTableError(`table is for CSV only; ${job.format} ${job.format === 'xlsx' ? 'has a sheet per long table' : 'has no tables'}`);
    const table = findLongTable(job.versions, job, job.table);
    await pipeline(Readable.from(csvChunks(table.columns, longRows(table, records()), headerOf)), destination);
    return;
  }
  const columns = buildExportColumns(job.versions, job);
  const longTables = buildLongTables(job.versions, job);
  const codebook = buildCodebook(columns, longTables, job.locale);
  switch (job.format) {
    case 'csv':
      await pipeline(Readable.from(csvChunks(columns, records(), headerOf)), destination);
      return;
    case 'codebook':
      await pipeline(Readable.from(csvRowsChunks(CODEBOOK_HEADER, codebook)), destination);
      return;
    case 'xlsx':
      await writeXlsx(destination, {
        columns,
        headerOf,
        records: records(),
        longTables: longTables.map((table) => ({
          name: table.name,
          header: table.columns.map(headerOf),
          rows: () => cellsOf(table, records()),
        })),
        codebookHeader: CODEBOOK_HEADER,
        codebook,
        sheetNames: SHEET_NAMES[job.locale] ?? SHEET_NAMES.en,
      });
      return;
  }
}

async function* cellsOf(table: LongTable, records: AsyncIterable<ResponseRecord>): AsyncGenerator<CellValue[]> {
  for await (const row of longRows(table, records)) yield table.columns.map((column) => column.cell(row));
}
