/**
 * Whether the analysis can read a record, for `migrate` into a store: one the server's live table and every
 * report would refuse (an answer no definition allows, a version or survey the definitions lack) must not
 * enter a store, or every dashboard view that includes it answers 400 until someone removes it.
 *
 * The check is the analysis library's own reader, not a second one: the record is appended (appendRecord) to a
 * ResponseTable planned as the server's live table plans it (server/live-table/live-table.ts: every variable any
 * view may read), one table per survey, reused. The table never keeps a row: each accepted one is cleared at
 * once, so memory stays flat whatever the count.
 */
import { join } from 'node:path';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import { layoutOf } from '../../analysis/definitions/resolve-definition-json.ts';
import { planFor } from '../../analysis/report/build-report.ts';
import { appendRecord } from '../../analysis/table/append-record.ts';
import { clearRow, createResponseTable } from '../../analysis/table/create-response-table.ts';
import { RecordError } from '../../analysis/table/record-error.ts';
import type { ResponseTable } from '../../analysis/table/response-table.ts';
import type { BrokenDefinition } from '../../server/definitions/load-definitions-from-dir.ts';

/** Why the analysis cannot read `record`, or undefined when it can. */
export type RecordCheck = (record: ResponseRecord) => string | undefined;

/** `dir` (as the operator gave it) and `broken` (its files left out) only word the reasons. */
export function createRecordCheck(catalog: DefinitionCatalog, dir: string, broken: readonly BrokenDefinition[] = []): RecordCheck {
  const tables = new Map<string, ResponseTable | null>();
  const tableOf = (surveyId: string): ResponseTable | null => {
    let table = tables.get(surveyId);
    if (table === undefined) {
      const versions = catalog.versions(surveyId).map((version) => catalog.getVersion(surveyId, version)!);
      if (versions.length === 0) table = null;
      else {
        // As the live table: every single answer a column, so a view broken down by any of them can read the record.
        const singles = planFor(versions).singleAnswerVariables;
        table = createResponseTable(planFor(versions, { crosstabBy: singles, commentSampleSize: 0 }).tableSpec, 1);
      }
      tables.set(surveyId, table);
    }
    return table;
  };
  const leftOut = (surveyId: string, version?: number) => {
    const files = broken.filter(({ file }) => {
      const layout = layoutOf(file);
      return layout?.id === surveyId && (version === undefined || layout.version === undefined || layout.version === version);
    });
    return files.length === 0 ? '' : `; ${files.map(({ file }) => join(dir, file)).join(', ')} ${files.length === 1 ? 'is' : 'are'} left out, broken`;
  };

  return (record) => {
    const table = tableOf(record.surveyId);
    if (table === null) {
      const known = catalog.list().map((definition) => definition.id);
      return `survey ${JSON.stringify(record.surveyId)} has no definition in ${dir} (known: ${known.join(', ') || 'none'})${leftOut(record.surveyId)}`;
    }
    try {
      appendRecord(table, record, 1);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      const unknownVersion = !table.spec.versions.includes(record.surveyVersion);
      return `${error.message}${unknownVersion ? leftOut(record.surveyId, record.surveyVersion) : ''}`;
    }
    // Read, and forgotten: the next record is row 0 again.
    clearRow(table, 0);
    table.rowCount = 0;
    return undefined;
  };
}
