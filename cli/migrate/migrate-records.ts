/**
 * Copies every record from a source to a sink in batches, counting per survey. A line or record that cannot be
 * copied (not a record, or, with a check, one the analysis cannot read) is skipped, reported through `onSkip`
 * and counted; everything else is copied.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { RecordCheck } from './check-record.ts';
import type { RecordSink } from './open-record-sink.ts';
import type { RecordSource } from './open-record-source.ts';

export interface SurveyMigrationCount {
  /** The survey, or INVALID_WITHOUT_SURVEY for bad lines that name none. */
  surveyId: string;
  /** Lines or records read, invalid ones included. */
  read: number;
  written: number;
  /** Already in the target (same submissionId, same content): skipped. */
  duplicates: number;
  /** The target holds another response under the same submissionId: not copied. */
  conflicts: number;
  /** The submissionIds of the first few conflicts, to look up by hand. */
  conflictExamples: string[];
  /** Not a stored record, or one the analysis cannot read (MigrationOptions.check): not copied. */
  invalid: number;
}

/** The row of the counts for bad lines that name no survey (not JSON, no surveyId, …). */
export const INVALID_WITHOUT_SURVEY = '(no survey)';

export interface MigrationOptions {
  /** Records held in memory at once; one batch is one transaction for SQLite. */
  batchSize?: number;
  /** Why the analysis cannot read a record (undefined: it can); without it, every well-formed record is copied. */
  check?: RecordCheck;
  /** Each line or record not copied because it is invalid, in source order: where it is and why. */
  onSkip?: (where: string, reason: string) => void;
}

const CONFLICT_EXAMPLES = 3;

export const MIGRATION_BATCH_SIZE = 500;

export async function migrateRecords(source: RecordSource, sink: RecordSink, options: MigrationOptions = {}): Promise<SurveyMigrationCount[]> {
  const { batchSize = MIGRATION_BATCH_SIZE, check, onSkip } = options;
  const counts = new Map<string, SurveyMigrationCount>();
  const countOf = (surveyId: string) => {
    let count = counts.get(surveyId);
    if (!count) {
      count = { surveyId, read: 0, written: 0, duplicates: 0, conflicts: 0, conflictExamples: [], invalid: 0 };
      counts.set(surveyId, count);
    }
    return count;
  };
  let batch: ResponseRecord[] = [];
  const flush = async () => {
    const results = await sink.importRecords(batch);
    batch.forEach((record, index) => {
      const count = counts.get(record.surveyId)!;
      if (results[index].conflict) {
        count.conflicts++;
        if (count.conflictExamples.length < CONFLICT_EXAMPLES) count.conflictExamples.push(record.submissionId);
      } else if (results[index].duplicate) count.duplicates++;
      else count.written++;
    });
    batch = [];
  };
  for await (const item of source.records()) {
    if (item.record === undefined) {
      const count = countOf(item.surveyId ?? INVALID_WITHOUT_SURVEY);
      count.read++;
      count.invalid++;
      onSkip?.(item.where(), item.problem);
      continue;
    }
    const { record } = item;
    const count = countOf(record.surveyId);
    count.read++;
    const problem = check?.(record);
    if (problem !== undefined) {
      count.invalid++;
      onSkip?.(item.where(), problem);
      continue;
    }
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  // Surveys in name order; bad lines without one last.
  return [...counts.values()].sort((a, b) => order(a.surveyId) - order(b.surveyId) || (a.surveyId < b.surveyId ? -1 : a.surveyId > b.surveyId ? 1 : 0));
}

const order = (surveyId: string) => (surveyId === INVALID_WITHOUT_SURVEY ? 1 : 0);
