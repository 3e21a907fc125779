/** Copies every record from a source to a sink in batches, counting per survey. */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { RecordSink } from './open-record-sink.ts';
import type { RecordSource } from './open-record-source.ts';

export interface SurveyMigrationCount {
  surveyId: string;
  read: number;
  written: number;
  /** Already in the target (same submissionId, same content): skipped. */
  duplicates: number;
  /** The target holds another response under the same submissionId: not copied. */
  conflicts: number;
  /** The submissionIds of the first few conflicts, to look up by hand. */
  conflictExamples: string[];
}

const CONFLICT_EXAMPLES = 3;

/** Records held in memory at once; one batch is one transaction for SQLite. */
export const MIGRATION_BATCH_SIZE = 500;

export async function migrateRecords(source: RecordSource, sink: RecordSink, batchSize = MIGRATION_BATCH_SIZE): Promise<SurveyMigrationCount[]> {
  const counts = new Map<string, SurveyMigrationCount>();
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
  for await (const record of source.records()) {
    const count = counts.get(record.surveyId) ?? { surveyId: record.surveyId, read: 0, written: 0, duplicates: 0, conflicts: 0, conflictExamples: [] };
    count.read++;
    counts.set(record.surveyId, count);
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return [...counts.values()].sort((a, b) => (a.surveyId < b.surveyId ? -1 : a.surveyId > b.surveyId ? 1 : 0));
}
