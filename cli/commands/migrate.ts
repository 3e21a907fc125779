/**
 * `survey-toolkit migrate --from LOCATION --to LOCATION [--definitions DIR]`: copies every stored
 * response between SQLite, JSONL and MongoDB, keeping ids and receipt times.
 * Idempotent: records whose submissionId the target already has are skipped
 * and counted, so an interrupted or repeated run never duplicates anything.
 * A record whose submissionId the target holds for another response is a
 * conflict: not copied, counted apart and named, and the exit code is 1.
 *
 * A line that is not a stored record, or (into a store, or with --definitions) a record the analysis cannot
 * read against the definitions (cli/migrate/check-record.ts), is skipped and named on stderr as
 * `FILE:LINE: reason` (or `STORE: response ID: reason`), and every other record is copied; the counts say how
 * many, and the exit code is 1, so a script notices. Fixing those and running again copies only them.
 */
import { join, resolve } from 'node:path';
import { redactUri } from '../../server/store/redact-uri.ts';
import { DefinitionFilesError, loadDefinitionsFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandArgs, usageError } from '../parse-command-args.ts';
import type { CliCommand } from '../cli-command.ts';
import { createRecordCheck, type RecordCheck } from '../migrate/check-record.ts';
import { migrateRecords, type SurveyMigrationCount } from '../migrate/migrate-records.ts';
import { openRecordSink } from '../migrate/open-record-sink.ts';
import { openRecordSource } from '../migrate/open-record-source.ts';
import { STORE_LOCATION_FORMS, parseStoreLocation, type StoreLocation } from '../migrate/parse-store-location.ts';

/** Skipped lines named one by one on stderr; the rest are counted. */
export const NAMED_SKIPS = 20;

const SUMMARY = 'migrate --from LOCATION --to LOCATION [--definitions DIR]  Copy every response between stores, skipping ones already there and invalid ones';
const USAGE = `${SUMMARY}
    LOCATION: ${STORE_LOCATION_FORMS}
    --definitions DIR  the survey definitions each record is read against, as the dashboard and reports read it
                       (default: DEFINITIONS_DIR, or ./survey-definitions). Always when --to is a store; into
                       jsonl:FILE only when given, so a backup keeps every record as it is.
    A line that is not a stored record, or a record of a survey or version the definitions lack, or with an
    answer they do not allow, is skipped and named on stderr (FILE:LINE: reason, the first ${NAMED_SKIPS}), and every
    other record is copied; stdout has the counts per survey. Exit code 0: every record copied or already there;
    1: some skipped or in conflict, the rest copied (fix those and run it again: what is there is skipped).`;

export const command: CliCommand = {
  summary: SUMMARY,
  usage: USAGE,
  async run(args) {
    const values = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' }, definitions: { type: 'string' } }, SUMMARY);
    if (!values.from || !values.to) throw usageError('needs both --from and --to', SUMMARY);
    const from = parseStoreLocation(values.from, '--from');
    const to = parseStoreLocation(values.to, '--to');
    if (sameLocation(from, to)) throw new CliError(`--from and --to are the same place (${describe(from)})`, 2);
    // A store is what the server reads: a record it cannot read must not go in. A JSONL file is a backup unless asked.
    const definitionsDir = values.definitions ?? (to.kind === 'jsonl' ? undefined : process.env.DEFINITIONS_DIR?.trim() || './survey-definitions');
    const check = definitionsDir === undefined ? undefined : await loadRecordCheck(definitionsDir, values.definitions === undefined);

    const skips = { named: 0, more: 0 };
    const onSkip = (where: string, reason: string) => {
      if (skips.named < NAMED_SKIPS) {
        skips.named++;
        console.error(`${where}: ${reason}`);
      } else skips.more++;
    };
    const source = await openRecordSource(from, describe(from));
    try {
      const sink = await openRecordSink(to);
      try {
        const counts = await migrateRecords(source, sink, { check, onSkip });
        console.log(formatCounts(describe(from), describe(to), counts));
        const problems = [describeSkips(counts, skips.more, definitionsDir, from.kind === 'jsonl' ? 'line' : 'record'), describeConflicts(counts)].filter((line) => line !== '');
        if (problems.length > 0) {
          console.error(problems.join('\n'));
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

/** The definitions, with each broken file named on stderr (its survey's records are then skipped, and say why). */
async function loadRecordCheck(dir: string, byDefault: boolean): Promise<RecordCheck> {
  let loaded;
  try {
    loaded = await loadDefinitionsFromDir(resolve(dir));
  } catch (error) {
    if (!(error instanceof DefinitionFilesError)) throw error;
    const hint = byDefault ? ' (records going into a store are checked against the survey definitions: give --definitions DIR or set DEFINITIONS_DIR)' : '';
    throw new CliError(`${error.message}${hint}`);
  }
  for (const { file, reason } of loaded.broken) console.error(`warning: ${join(dir, file)} left out: ${reason}`);
  return createRecordCheck(loaded.catalog, dir, loaded.broken);
}

function sameLocation(a: StoreLocation, b: StoreLocation): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'mongodb' ? a.uri === (b as typeof a).uri : resolve(a.file) === resolve((b as typeof a).file);
}

function describe(location: StoreLocation): string {
  return location.kind === 'mongodb' ? redactUri(location.uri) : `${location.kind}:${location.file}`;
}

/** One line per survey and a total, aligned for reading in a terminal; conflicts and invalid lines get a column when there are any. */
export function formatCounts(from: string, to: string, counts: SurveyMigrationCount[]): string {
  const total: SurveyMigrationCount = { surveyId: 'total', read: 0, written: 0, duplicates: 0, conflicts: 0, conflictExamples: [], invalid: 0 };
  for (const c of counts) {
    total.read += c.read;
    total.written += c.written;
    total.duplicates += c.duplicates;
    total.conflicts += c.conflicts;
    total.invalid += c.invalid;
  }
  const rows = [...counts, total];
  const nameWidth = Math.max(...rows.map((r) => r.surveyId.length));
  const numberWidth = Math.max(...rows.map((r) => String(r.read).length));
  const number = (n: number) => String(n).padStart(numberWidth);
  const lines = rows.map(
    (r) =>
      `  ${r.surveyId.padEnd(nameWidth)}  ${number(r.read)} read  ${number(r.written)} written  ${number(r.duplicates)} already there (skipped)` +
      (total.conflicts > 0 ? `  ${number(r.conflicts)} conflicting (not copied)` : '') +
      (total.invalid > 0 ? `  ${number(r.invalid)} invalid (skipped)` : ''),
  );
  return [`migrated ${from} → ${to}`, ...lines].join('\n');
}

/**
 * The closing line for lines or records skipped as invalid; '' if none. `unnamed`: how many of them were not named one
 * by one; `definitionsDir`: what they were checked against, if anything.
 */
export function describeSkips(counts: SurveyMigrationCount[], unnamed: number, definitionsDir: string | undefined, noun: 'line' | 'record' = 'line'): string {
  const total = counts.reduce((sum, c) => sum + c.invalid, 0);
  if (total === 0) return '';
  const against = definitionsDir === undefined ? 'not stored records' : `not stored records, or ones the definitions in ${definitionsDir} do not allow`;
  return (
    (unnamed > 0 ? `… and ${unnamed} more\n` : '') +
    `${total === 1 ? `1 ${noun} was` : `${total} ${noun}s were`} skipped, not copied: ${against}${unnamed > 0 ? ` (the first ${total - unnamed} named above)` : ' (named above)'}. ` +
    'Every other record was copied. Fix them (or the definitions) and run migrate again: what is there already is skipped.'
  );
}

/** The warning for records not copied because the target has another response under their submissionId; '' if none. */
export function describeConflicts(counts: SurveyMigrationCount[]): string {
  const conflicting = counts.filter((c) => c.conflicts > 0);
  if (conflicting.length === 0) return '';
  const total = conflicting.reduce((sum, c) => sum + c.conflicts, 0);
  const examples = conflicting.map((c) => `${c.surveyId}: ${c.conflictExamples.join(', ')}${c.conflicts > c.conflictExamples.length ? ', …' : ''}`);
  return `${total === 1 ? '1 record was' : `${total} records were`} not copied: the target holds a different response under the same submissionId (${examples.join('; ')}). Compare them by hand; if both are real, give one a new submissionId.`;
}
