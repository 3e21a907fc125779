/**
 * `survey-toolkit migrate --from LOCATION --to LOCATION`: copies every stored
 * response between SQLite, JSONL and MongoDB, keeping ids and receipt times.
 * Idempotent: records whose submissionId the target already has are skipped
 * and counted, so an interrupted or repeated run never duplicates anything.
 * A record whose submissionId the target holds for another response is a
 * conflict: not copied, counted apart and named, and the exit code is 1.
 */
import { resolve } from 'node:path';
import { redactUri } from '../../server/store/connect-mongodb.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandArgs, usageError } from '../parse-command-args.ts';
import type { CliCommand } from '../cli-command.ts';
import { migrateRecords, type SurveyMigrationCount } from '../migrate/migrate-records.ts';
import { openRecordSink } from '../migrate/open-record-sink.ts';
import { openRecordSource } from '../migrate/open-record-source.ts';
import { STORE_LOCATION_FORMS, parseStoreLocation, type StoreLocation } from '../migrate/parse-store-location.ts';

const USAGE = `migrate --from LOCATION --to LOCATION  Copy every response between stores, skipping ones already there
    LOCATION: ${STORE_LOCATION_FORMS}`;

export const command: CliCommand = {
  summary: USAGE,
  async run(args) {
    const values = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' } }, USAGE);
    if (!values.from || !values.to) throw usageError('needs both --from and --to', USAGE);
    const from = parseStoreLocation(values.from, '--from');
    const to = parseStoreLocation(values.to, '--to');
    if (sameLocation(from, to)) throw new CliError(`--from and --to are the same place (${describe(from)})`, 2);

    const source = await openRecordSource(from);
    try {
      const sink = await openRecordSink(to);
      try {
        const counts = await migrateRecords(source, sink);
        console.log(formatCounts(describe(from), describe(to), counts));
        const conflicts = describeConflicts(counts);
        if (conflicts) {
          console.error(conflicts);
          return 1; // not everything was copied: a script must notice
        }
      } finally {
        await sink.close();
      }
    } finally {
      await source.close();
    }
    return 0;
  },
};

function sameLocation(a: StoreLocation, b: StoreLocation): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'mongodb' ? a.uri === (b as typeof a).uri : resolve(a.file) === resolve((b as typeof a).file);
}

function describe(location: StoreLocation): string {
  return location.kind === 'mongodb' ? redactUri(location.uri) : `${location.kind}:${location.file}`;
}

/** One line per survey and a total, aligned for reading in a terminal; conflicts get a column when there are any. */
export function formatCounts(from: string, to: string, counts: SurveyMigrationCount[]): string {
  const total = counts.reduce(
    (sum, c) => ({
      ...sum,
      read: sum.read + c.read,
      written: sum.written + c.written,
      duplicates: sum.duplicates + c.duplicates,
      conflicts: sum.conflicts + c.conflicts,
    }),
    { surveyId: 'total', read: 0, written: 0, duplicates: 0, conflicts: 0, conflictExamples: [] as string[] },
  );
  const rows = [...counts, total];
  const nameWidth = Math.max(...rows.map((r) => r.surveyId.length));
  const numberWidth = Math.max(...rows.map((r) => String(r.read).length));
  const number = (n: number) => String(n).padStart(numberWidth);
  const lines = rows.map(
    (r) =>
      `  ${r.surveyId.padEnd(nameWidth)}  ${number(r.read)} read  ${number(r.written)} written  ${number(r.duplicates)} already there (skipped)` +
      (total.conflicts > 0 ? `  ${number(r.conflicts)} conflicting (not copied)` : ''),
  );
  return [`migrated ${from} → ${to}`, ...lines].join('\n');
}

/** The warning for records not copied because the target has another response under their submissionId; '' if none. */
export function describeConflicts(counts: SurveyMigrationCount[]): string {
  const conflicting = counts.filter((c) => c.conflicts > 0);
  if (conflicting.length === 0) return '';
  const total = conflicting.reduce((sum, c) => sum + c.conflicts, 0);
  const examples = conflicting.map((c) => `${c.surveyId}: ${c.conflictExamples.join(', ')}${c.conflicts > c.conflictExamples.length ? ', …' : ''}`);
  return `${total === 1 ? '1 record was' : `${total} records were`} not copied: the target holds a different response under the same submissionId (${examples.join('; ')}). Compare them by hand; if both are real, give one a new submissionId.`;
}
