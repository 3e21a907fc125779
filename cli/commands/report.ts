/**
 * `survey-toolkit report --survey ID --input responses.jsonl [options]`: the needs rankings,
 * importance × satisfaction and gaps report of one survey, as JSON (the report contract),
 * Markdown or one self-contained HTML file.
 *
 * Parses the options and starts the reader threads here; the report itself is cli/report/run-report.ts, loaded as a
 * pre-bundled file when it can be (cli/report/bundled-module.ts). Every bad input stops with one line naming the file,
 * the line and the problem.
 */
import { CliError } from '../cli-error.ts';
import { parseCommandArgs, usageError } from '../parse-command-args.ts';
import type { CliCommand } from '../cli-command.ts';
import type { ReportValues } from '../report/run-report.ts';

const USAGE =
  'report --survey ID --input FILE.jsonl [--definitions DIR] [--weights MARGINS.csv] [--drop-incomplete] ' +
  '[--min-group N] [--population N] [--population-by ward=FILE.csv] [--by QUESTION] [--crosstab-by QUESTION]… [--locale ja|en] [--format json|md|html|xlsx] [--out FILE] [--seed N] ' +
  '[--compare receivedAt:YYYY-MM-DD [--pilot VARIABLE=value,value…]] [--no-text]  ' +
  'Summaries, cross-tabs, needs, IPA and gaps report; --compare adds 効果検証 (every share and mean before vs from the date, Japan time, ' +
  "split by the response's completedAt, the time the respondent finished, which is what the report reads: receivedAt: and completedAt: both split by it; " +
  '--pilot adds the difference-in-differences of that group against the rest; in every format). ' +
  "自由記述 (the JSON's `text`: words, co-occurrence network and the codes of <survey>/coding.txt by each breakdown) is " +
  'analysed in every format unless --no-text; it costs about 15–40 s per 100,000 comments';

const FORMATS = ['json', 'md', 'html', 'xlsx'] as const;
const LOCALES = ['ja', 'en'] as const;

export const command: CliCommand = {
  summary: USAGE,
  run: (args) => runReportCommand(args, loadRunReport),
};

type RunReport = typeof import('../report/run-report.ts').runReport;

/**
 * The command with runReport from `load`: from its own bundle here, from a chunk of the same bundle when the bin loaded
 * the report's bundled entry (cli/report/report-entry.ts).
 */
export async function runReportCommand(args: string[], load: () => Promise<RunReport>): Promise<number> {
  const values = parseOptions(args);
  const threads = readThreads();
  // The reader threads first (issue 24): each takes ~0.6 s to start, which it now spends while this thread loads and
  // checks the definitions instead of after this thread has read its own stretch.
  const { startReaderThreads } = await import('../report/start-reader-threads.ts');
  const readers = await startReaderThreads(values.input, threads);
  try {
    return await (await load())(values, threads, readers);
  } finally {
    readers?.close();
  }
}

function parseOptions(args: string[]): ReportValues {
  const values = parseCommandArgs(
    args,
    {
      survey: { type: 'string' },
      input: { type: 'string' },
      definitions: { type: 'string' },
      weights: { type: 'string' },
      'drop-incomplete': { type: 'boolean' },
      'min-group': { type: 'string' },
      population: { type: 'string' },
      'population-by': { type: 'string' },
      by: { type: 'string' },
      'crosstab-by': { type: 'string', multiple: true },
      locale: { type: 'string', default: 'ja' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      seed: { type: 'string' },
      compare: { type: 'string' },
      pilot: { type: 'string' },
      'no-text': { type: 'boolean' },
    },
    USAGE,
  );
  if (values.survey === undefined || values.input === undefined) throw usageError('needs --survey and --input', USAGE);
  if (!(FORMATS as readonly string[]).includes(values.format!)) {
    throw new CliError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`, 2);
  }
  if (values.format === 'xlsx' && values.out === undefined) {
    throw new CliError('--format xlsx needs --out FILE.xlsx (a workbook is not written to the terminal)', 2);
  }
  if (!(LOCALES as readonly string[]).includes(values.locale!)) {
    throw new CliError(`--locale must be one of ${LOCALES.join(', ')}, got ${JSON.stringify(values.locale)}`, 2);
  }
  return values as typeof values & ReportValues;
}

/** SURVEY_TOOLKIT_READ_THREADS=1 forces a single-threaded read (benchmarks compare the two). */
function readThreads(): number | undefined {
  const text = process.env.SURVEY_TOOLKIT_READ_THREADS;
  if (text === undefined || text === '') return undefined;
  if (!/^[1-9][0-9]*$/.test(text)) throw new CliError(`SURVEY_TOOLKIT_READ_THREADS must be a whole number ≥ 1, got ${JSON.stringify(text)}`, 2);
  return Number(text);
}

/** runReport from its bundle (about 0.6 s of CPU less than ~500 modules through tsx), else from the sources. */
async function loadRunReport(): Promise<RunReport> {
  const { bundledModule } = await import('../report/bundled-module.ts');
  // CliError stays the sources' own, so cli/main.ts still knows a CliError thrown in the bundle.
  const bundle = await bundledModule('cli/report/run-report.ts', { shared: ['cli/cli-error.ts'] });
  if (bundle) {
    try {
      return ((await import(bundle.href)) as typeof import('../report/run-report.ts')).runReport;
    } catch {
      // A bundle that cannot be loaded (removed under us): the sources always can.
    }
  }
  return (await import('../report/run-report.ts')).runReport;
}
