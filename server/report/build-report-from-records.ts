/**
 * The analysis library's report over records streamed from a store: each record
 * goes straight into the library's columnar table (typed arrays), so memory
 * grows with the table, never with the records' JSON.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { buildReport, planFor, type ReportOptions } from '../../analysis/report/build-report.ts';
import type { Report } from '../../contracts/report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { appendRecord } from '../../analysis/table/append-record.ts';
import { createResponseTable } from '../../analysis/table/create-response-table.ts';
import { RecordError } from '../../analysis/table/record-error.ts';

/** @param versions every kept version of the survey, ascending */
export async function buildReportFromRecords(
  versions: readonly SurveyDefinition[],
  records: AsyncIterable<ResponseRecord>,
  options: ReportOptions,
): Promise<Report> {
  const table = createResponseTable(planFor(versions, options).tableSpec);
  let position = 0;
  for await (const record of records) {
    position += 1;
    try {
      appendRecord(table, record, position);
    } catch (error) {
      if (error instanceof RecordError) throw new ReportInputError(`stored response ${record.id}: ${error.message}`, { origins: [position] });
      throw error;
    }
  }
  return buildReport({ definitions: versions, table, options });
}
