/**
 * survey-toolkit export --survey ID --format csv|xlsx|jsonl [--locale ja|en] [--labels|--codes]
 *                       [--from DATE] [--to DATE] [--channel kiosk|online] [--segment NAME=VALUE …]
 *                       [--include-personal-data] [--include-test] [--table QUESTION] --out FILE
 *
 * Reads the responses the server stores (DATA_DIR, or STORE=mongodb) and the
 * definitions in DEFINITIONS_DIR, and writes the same export as
 * GET /api/surveys/:id/responses. CSV also writes FILE's codebook beside it
 * (`answers.csv` → `answers.codebook.csv`); XLSX carries it as a sheet. A dynamic question's long table
 * (server/export/build-long-tables.ts: one row per panel or matrix row) is a sheet in XLSX; in CSV it is
 * `--table QUESTION`, written to --out instead of the responses, as `?table=` on the API.
 * Test answers (meta.test, a kiosk in test mode; issue 30) are left out unless --include-test is given, which
 * adds a `test` column (1 = test answer), as `?includeTest=1` does. Responses marked as test data in the dashboard
 * (DATA_DIR/test-markings.jsonl, server/test-markings/) count as test answers here too.
 * Signatures and attached files (issue 22) are written, with --include-personal-data only, as files in a folder
 * beside --out (`answers.csv` → `answers.attachments/<responseId>/<question>[-n].<ext>`); the cells hold their paths.
 * Files appear only when complete: they are written under a temporary name first.
 * Free text is masked unless --include-personal-data is given; that export is
 * recorded in DATA_DIR/audit.jsonl (with the OS user) before it is written
 * (docs/decisions/0093-personal-data-masked-exports-and-audit.md). Whoever can
 * run this can read DATA_DIR, so the record, not a role check, is the control.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseServerEnv } from '../../server/env.ts';
import { filteredRecords, FilterError, parseResponseFilter } from '../../server/live-table/response-filter.ts';
import { findLongTable, isExportFormat, UnknownTableError, withExportedTimes, writeExport, type ExportFormat } from '../../server/export/write-export.ts';
import { attachmentFolderPath, attachmentQuestions, writeAttachmentFolder } from '../../server/export/attachment-files.ts';
import { openResponseStore, selectStore, SQLITE_RESPONSES_FILE } from '../../server/store/open-response-store.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { appendAuditEntry, AUDIT_LOG_FILE } from '../../server/audit/audit-log.ts';
import { openTestMarkingsLog, TEST_MARKINGS_FILE, TestMarkingsFileError } from '../../server/test-markings/test-markings-log.ts';
import { CliError } from '../cli-error.ts';
import { loadCliSurvey } from '../load-cli-survey.ts';
import { parseCommandArgs, usageError } from '../parse-command-args.ts';
import type { CliCommand } from '../cli-command.ts';

const USAGE =
  'export --survey ID --format csv|xlsx|jsonl [--locale ja|en] [--labels|--codes] [--from DATE] [--to DATE] [--channel kiosk|online] [--segment NAME=VALUE] [--include-personal-data] [--include-test] [--table QUESTION] --out FILE';

interface ExportArgs {
  survey?: string;
  format?: string;
  locale?: string;
  labels?: boolean;
  codes?: boolean;
  from?: string;
  to?: string;
  channel?: string;
  segment?: string[];
  out?: string;
  'include-personal-data'?: boolean;
  'include-test'?: boolean;
  table?: string;
}

export const command: CliCommand = {
  usage: USAGE,
  summary: 'export --survey ID --format csv|xlsx|jsonl [--locale ja|en] [--labels|--codes] --out FILE  Export responses from DATA_DIR',
  async run(args) {
    const options = parseOptions(args);
    const surveyId = required(options.survey, '--survey');
    const format = required(options.format, '--format');
    if (!isExportFormat(format) || format === 'codebook') throw new CliError(`--format must be csv, xlsx or jsonl; got ${JSON.stringify(format)}`, 2);
    const out = resolve(required(options.out, '--out'));
    if (options.labels && options.codes) throw new CliError('give --labels or --codes, not both', 2);
    if (!existsSync(dirname(out))) throw new CliError(`the folder of --out does not exist: ${JSON.stringify(dirname(out))}`);

    let env;
    try {
      env = parseServerEnv(process.env);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const survey = await loadCliSurvey(resolve(env.DEFINITIONS_DIR), surveyId);
    const { current } = survey;
    const versions = [...survey.versions].reverse();
    const locale = options.locale ?? current.languages[0];
    if (!current.languages.includes(locale)) throw new CliError(`--locale must be one of ${current.languages.join(', ')}; got ${JSON.stringify(locale)}`, 2);
    const filter = parseFilter(options, current);
    const mode = options.codes ? 'codes' : 'labels';
    const table = options.table;
    if (table !== undefined) checkTable(table, format, versions, { locale, mode });

    const dataDir = resolve(env.DATA_DIR);
    // Opening SQLite creates a missing file; an export must not invent an empty store.
    if (env.STORE === 'sqlite' && !existsSync(join(dataDir, SQLITE_RESPONSES_FILE))) {
      throw new CliError(`no responses stored yet: ${JSON.stringify(join(dataDir, SQLITE_RESPONSES_FILE))} does not exist (is DATA_DIR right?)`);
    }
    // The server's markings of test data, read as the server reads them: one rule for both (issue 30).
    try {
      const marked = await openTestMarkingsLog(join(dataDir, TEST_MARKINGS_FILE)).marked(surveyId);
      if (marked) filter.marked = marked;
    } catch (error) {
      if (error instanceof TestMarkingsFileError) throw new CliError(error.message);
      throw error;
    }
    const included = options['include-personal-data'] === true;
    if (included) {
      const filterOptions = { from: options.from, to: options.to, channel: options.channel, segment: options.segment, includeTest: options['include-test'] };
      await appendAuditEntry(join(dataDir, AUDIT_LOG_FILE), {
        action: 'export-personal-data',
        at: new Date().toISOString(),
        who: `cli:${userInfo().username}`,
        via: 'cli',
        surveyId,
        format,
        filter: Object.fromEntries(Object.entries(filterOptions).filter(([, value]) => value !== undefined)),
      });
    }
    const personalData = included ? 'included' : 'masked';
    const store = await openResponseStore(selectStore(env, dataDir));
    try {
      let count = 0;
      let reads = 0;
      // A function: XLSX reads the records again for each long-table sheet; the first read is the one counted.
      const records = () => {
        const counted = reads++ === 0 ? () => count++ : () => {};
        return countAll(filteredRecords((q) => store.list(q), surveyId, filter, current), counted);
      };
      const includeTest = filter.includeTest === true;
      await writeAtomically(out, (stream) => writeExport(stream, { format, locale, mode, versions, records, table, personalData, includeTest, marked: filter.marked }));
      const written = [out];
      if (table !== undefined) {
        console.log(`exported the ${table} table of ${count} responses of ${surveyId} to ${out}`);
        return 0;
      }
      if (format === 'csv') {
        const codebook = codebookPath(out);
        await writeAtomically(codebook, (stream) => writeExport(stream, { format: 'codebook', locale, mode, versions, records: emptyRecords(), includeTest }));
        written.push(codebook);
      }
      // Signatures and attached files: files in a folder beside the table, never in a cell (issue 22, ADR 0101).
      const attachments = attachmentQuestions(versions);
      if (attachments.size > 0 && format !== 'jsonl') {
        if (included) {
          const folder = attachmentFolderPath(out);
          const stored = withExportedTimes(versions, filteredRecords((q) => store.list(q), surveyId, filter, current));
          const files = await writeAttachmentFolder(folder, stored, attachments);
          written.push(`${folder} (${files} attachment${files === 1 ? '' : 's'})`);
        } else {
          console.log(`attachments not written: signatures and attached files are personal data (give --include-personal-data to write them to ${attachmentFolderPath(out)})`);
        }
      }
      console.log(`exported ${count} responses of ${surveyId} to ${written.join(' and ')}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

function parseOptions(args: string[]): ExportArgs {
  return parseCommandArgs(
    args,
    {
      survey: { type: 'string' },
      format: { type: 'string' },
      locale: { type: 'string' },
      labels: { type: 'boolean' },
      codes: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      channel: { type: 'string' },
      segment: { type: 'string', multiple: true },
      out: { type: 'string' },
      'include-personal-data': { type: 'boolean' },
      'include-test': { type: 'boolean' },
      table: { type: 'string' },
    },
    USAGE,
  );
}

/** --table: a long table of this survey, CSV only; a usage error (exit 2) naming the long tables otherwise. */
function checkTable(table: string, format: string, versions: Parameters<typeof findLongTable>[0], options: Parameters<typeof findLongTable>[1]): void {
  if (format !== 'csv') throw new CliError(`--table is for --format csv; ${format === 'xlsx' ? 'xlsx has a sheet per long table already' : `${format} has no tables`}`, 2);
  try {
    findLongTable(versions, options, table);
  } catch (error) {
    if (error instanceof UnknownTableError) throw new CliError(`--table: ${error.message}`, 2);
    throw error;
  }
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw usageError(`${name} is required`, USAGE);
  return value;
}

function parseFilter(options: ExportArgs, definition: SurveyDefinition) {
  const query: Record<string, string[]> = {};
  const add = (name: string, value: string) => (query[name] ??= []).push(value);
  if (options.from) add('from', options.from);
  if (options.to) add('to', options.to);
  if (options.channel) add('channel', options.channel);
  if (options['include-test']) add('includeTest', '1');
  for (const pair of options.segment ?? []) {
    const match = /^([^=]+)=(.+)$/.exec(pair);
    if (!match) throw new CliError(`--segment must be NAME=VALUE, e.g. ward=chuo; got ${JSON.stringify(pair)}`, 2);
    add(match[1], match[2]);
  }
  try {
    return parseResponseFilter(query, definition);
  } catch (error) {
    if (error instanceof FilterError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** `answers.csv` → `answers.codebook.csv` */
export function codebookPath(out: string): string {
  const extension = extname(out);
  return join(dirname(out), `${basename(out, extension)}.codebook${extension || '.csv'}`);
}

async function writeAtomically(path: string, write: (stream: NodeJS.WritableStream & import('node:stream').Writable) => Promise<void>): Promise<void> {
  const partial = `${path}.partial-${process.pid}`;
  try {
    await write(createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function* countAll<T>(items: AsyncIterable<T>, onItem: () => void): AsyncGenerator<T> {
  for await (const item of items) {
    onItem();
    yield item;
  }
}

async function* emptyRecords(): AsyncGenerator<never> {}
