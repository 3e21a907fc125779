/**
 * One export, in one of its formats, written to a stream with backpressure:
 * the same function serves `GET /api/surveys/:id/responses` and `survey-toolkit export`.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { buildCodebook, CODEBOOK_HEADER } from './build-codebook.ts';
import { buildExportColumns, type ExportColumn, type ExportColumnOptions } from './build-export-columns.ts';
import { csvChunks, csvRowsChunks } from './write-csv.ts';
import { jsonlChunks } from './write-jsonl.ts';
import { maskFreeText } from './mask-free-text.ts';
import { writeXlsx } from './write-xlsx.ts';
import { requiresInvitation } from '../enrollment/admit-submission.ts';

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
  /** Not read for `codebook`. */
  records: AsyncIterable<ResponseRecord>;
  /**
   * `masked` (default): personal data in free text replaced by placeholders (server/export/mask-free-text.ts).
   * `included`: the answers as stored; only for admins, and the caller records it in the audit log first.
   */
  personalData?: 'masked' | 'included';
}

/** `ward-office-exit-responses.csv`, `ward-office-exit-codebook.csv`, … */
export function exportFileName(surveyId: string, format: ExportFormat): string {
  return format === 'codebook' ? `${surveyId}-codebook.csv` : `${surveyId}-responses.${format}`;
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

export async function writeExport(destination: Writable, exportJob: ExportJob): Promise<void> {
  const masked = exportJob.personalData === 'included' ? exportJob : { ...exportJob, records: maskFreeText(exportJob.records, exportJob.versions, exportJob.locale) };
  const job = exportJob.versions.length > 0 && requiresInvitation(exportJob.versions[0]) ? { ...masked, records: timesToTheMinute(masked.records) } : masked;
  if (job.format === 'jsonl') {
    await pipeline(Readable.from(jsonlChunks(job.records)), destination);
    return;
  }
  const columns = buildExportColumns(job.versions, job);
  const headerOf = (column: ExportColumn) => (job.mode === 'labels' ? column.label : column.key);
  switch (job.format) {
    case 'csv':
      await pipeline(Readable.from(csvChunks(columns, job.records, headerOf)), destination);
      return;
    case 'codebook':
      await pipeline(Readable.from(csvRowsChunks(CODEBOOK_HEADER, buildCodebook(columns))), destination);
      return;
    case 'xlsx':
      await writeXlsx(destination, {
        columns,
        headerOf,
        records: job.records,
        codebookHeader: CODEBOOK_HEADER,
        codebook: buildCodebook(columns),
        sheetNames: SHEET_NAMES[job.locale] ?? SHEET_NAMES.en,
      });
      return;
  }
}
