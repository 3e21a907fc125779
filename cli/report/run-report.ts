/**
 * The work of `survey-toolkit report` once its options are parsed (cli/commands/report.ts): reads the definitions,
 * checks --by and the margins, then streams the JSONL once into a columnar table
 * (docs/decisions/0040-columnar-streaming-report.md) and hands it to the pure analysis library.
 *
 * A module of its own so that it can be loaded as one pre-bundled file (bundled-module.ts, issue 24): it and what it
 * imports are ~500 modules, which cost ~0.6 s of CPU to load through tsx.
 */
import { writeFile } from 'node:fs/promises';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import type { Report } from '../../contracts/report.ts';
import type { ReportOptions } from '../../analysis/report/build-report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { CliError } from '../cli-error.ts';
import { createProgressBar, type ProgressBar } from './progress-bar.ts';
import { readMarginsCsv, type ReadMarginsFile } from './read-margins-csv.ts';
import { parseCompareOptions } from './parse-compare-options.ts';
import type { CommentColumn, ResponseTable } from '../../analysis/table/response-table.ts';
import type { MorphologicalAnalyzer } from '../../analysis/text/load-tokenizer.ts';
import type { CodingRule } from '../../analysis/text/parse-coding-rules.ts';
import type { ReaderThreads } from './start-reader-threads.ts';
import { phaseClock } from './phase-clock.ts';

type Format = 'json' | 'md' | 'html' | 'xlsx';
type Locale = 'ja' | 'en';

/** Options as `report` parsed them (cli/commands/report.ts). */
export interface ReportValues {
  survey: string;
  input: string;
  format: string;
  locale: string;
  definitions?: string;
  weights?: string;
  'drop-incomplete'?: boolean;
  'min-group'?: string;
  population?: string;
  'population-by'?: string;
  by?: string;
  'crosstab-by'?: string[];
  out?: string;
  seed?: string;
  compare?: string;
  pilot?: string;
  'no-text'?: boolean;
}

export async function runReport(values: ReportValues, threads: number | undefined, readers: ReaderThreads | undefined): Promise<number> {
  // The definitions (survey-core, zod), the analysis and the reader are imported only now, so `report --help` and a
  // usage error answer without loading them (issue 24, start-up).
  const [{ loadCliSurvey }, { buildReport, planFor }, { readJsonlIntoTable }, { countedPairs }, { createAnswerCounter }] = await Promise.all([
    import('../load-cli-survey.ts'),
    import('../../analysis/report/build-report.ts'),
    import('./read-jsonl-into-table.ts'),
    import('../../analysis/report/counted-pairs.ts'),
    import('../../analysis/table/count-answers.ts'),
  ]);
  const clock = phaseClock();
  const definitionsDir = values.definitions ?? 'survey-definitions';
  // Every kept version of the survey, so responses to older versions are analysed too.
  const { versions: definitions } = await loadCliSurvey(definitionsDir, values.survey);
  clock.mark('definitions');
  const format = values.format as Format;
  const locale = values.locale as Locale;

  let marginsFile: ReadMarginsFile | undefined;
  if (values.weights !== undefined) marginsFile = await readMarginsCsv(values.weights);
  const options: ReportOptions = {
    weights: marginsFile?.margins,
    weightsSource: marginsFile?.source,
    dropIncomplete: values['drop-incomplete'] === true,
    minGroupSize: wholeNumber(values['min-group'], '--min-group', 1),
    population: wholeNumber(values.population, '--population', 1),
    populationByWard: values['population-by'] === undefined ? undefined : await readWardPopulations(values['population-by']),
    by: values.by,
    seed: wholeNumber(values.seed, '--seed', 0),
    crosstabBy: values['crosstab-by'],
    language: locale,
    compare: parseCompareOptions(values.compare, values.pilot),
  };
  const explain = (error: unknown) => explainInputError(error, { input: values.input, weights: values.weights, marginsFile });
  const compare = options.compare;

  // Everything that can be checked without the responses is checked before reading them.
  // 自由記述 (issue 27) unless --no-text: the table then keeps every comment text, and the coding rules are read
  // (and a syntax error reported) before the responses are.
  const textWanted = values['no-text'] !== true;
  let plan;
  try {
    plan = planFor(definitions, options, { texts: textWanted });
  } catch (error) {
    throw explain(error);
  }
  const codingRules = textWanted && plan.textQuestions.length > 0 ? await readCliCodingRules(definitionsDir, values.survey) : null;
  // The answers are counted as they are read, by each reader thread for its stretch (issue 24): an unweighted report
  // then makes its tables from those counts. Weights are known only after reading, so a weighted report counts later.
  const counter = options.weights ? undefined : createAnswerCounter(plan.tableSpec, countedPairs(plan));
  // Only files that take more than a moment get a progress bar.
  let bar: ProgressBar | undefined;
  const table = await readJsonlIntoTable(values.input, plan.tableSpec, {
    threads,
    readers,
    counter,
    onOwnStretchRead: () => clock.mark('read (this thread)'),
    onProgress(done, total) {
      bar ??= createProgressBar(`reading ${values.input}`, total > 32 * 1024 * 1024 ? total : 0);
      bar.update(done, `${(done / 1048576).toFixed(0)} / ${(total / 1048576).toFixed(0)} MB`);
    },
  });
  bar?.finish();
  clock.mark('read');
  // A Map of words per masked text: a text written many times (「特になし」) is tokenized once.
  if (textWanted && plan.textQuestions.length > 0) options.text = { analyzer: await analyzerFor(table, plan.textQuestions), codingRules, tokenCache: new Map() };

  let report;
  try {
    report = buildReport({ definitions, table, options, counted: counter?.result() });
  } catch (error) {
    throw explain(error);
  }

  clock.mark('report');
  // Each renderer is imported only for its format: exceljs alone costs ~0.25 s of start-up (issue 24).
  const output =
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'md'
        ? (await import('../../analysis/render/render-markdown.ts')).renderMarkdown(report, definitions, { locale })
        : format === 'xlsx'
          ? await (await import('../../server/report/write-report-workbook.ts')).writeReportWorkbook(report, locale)
          : await renderHtmlReport(report, definitions, locale);
  if (values.out !== undefined) {
    try {
      await writeFile(values.out, output);
    } catch (error) {
      throw new CliError(`${values.out}: cannot write the report (${(error as Error).message})`);
    }
  } else {
    process.stdout.write(output);
  }
  clock.mark('written');
  clock.print();
  return 0;
}

/**
 * `--population-by ward=FILE.csv`: how many were asked in each ward, in the margins CSV format
 * (question,value,population; its `ward` lines), for 調査概要's response rate per ward (issue 25).
 */
async function readWardPopulations(option: string): Promise<Record<string, number>> {
  const match = /^([^=]+)=(.+)$/.exec(option);
  if (!match) throw new CliError(`--population-by must be ward=FILE.csv, got ${JSON.stringify(option)}`, 2);
  const [, question, file] = match;
  if (question !== 'ward') throw new CliError(`--population-by gives populations per ward only (ward=FILE.csv), got ${JSON.stringify(question)}`, 2);
  const { margins } = await readMarginsCsv(file);
  const wards = margins.filter((margin) => margin.question === 'ward');
  if (wards.length === 0) throw new CliError(`${file}: no "ward" lines (question,value,population), so no ward has a population`);
  return Object.fromEntries(wards.map((margin) => [margin.value, margin.population]));
}

function wholeNumber(text: string | undefined, option: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new CliError(`${option} must be a whole number ≥ ${min}, got ${JSON.stringify(text)}`, 2);
  }
  return Number(text);
}


/** The HTML report; the renderer and its assets are loaded only when that format is asked for. */
async function renderHtmlReport(report: Report, definitions: ReadonlyArray<SurveyDefinition>, locale: Locale): Promise<string> {
  const [{ renderHtml }, { readReportAssets }] = await Promise.all([
    import('../../analysis/render/render-html.ts'),
    import('../../server/report/report-assets.ts'),
  ]);
  return renderHtml(report, definitions, { locale, ...(await readReportAssets()) });
}

/** A ReportInputError as one line naming the file and line it concerns. */
function explainInputError(
  error: unknown,
  files: { input: string; weights?: string; marginsFile?: ReadMarginsFile },
): unknown {
  if (!(error instanceof ReportInputError)) return error;
  const { marginIndex, origins } = error.detail;
  if (marginIndex !== undefined && files.weights !== undefined && files.marginsFile) {
    return new CliError(`${files.weights}:${files.marginsFile.lines[marginIndex]}: ${error.message}`);
  }
  if (origins !== undefined && origins.length > 0) {
    const more = origins.length > 1 ? ` (also lines ${origins.slice(1).join(', ')})` : '';
    return new CliError(`${files.input}:${origins[0]}: ${error.message}${more}`);
  }
  if (/margin|weight/i.test(error.message) && files.weights !== undefined) return new CliError(`${files.weights}: ${error.message}`);
  return new CliError(error.message);
}

async function readCliCodingRules(dir: string, surveyId: string): Promise<CodingRule[] | null> {
  // Imported here: only a report with 自由記述 reads coding rules.
  const { CodingFileError, readCodingRules } = await import('../../server/text/read-coding-rules.ts');
  try {
    return (await readCodingRules(dir, surveyId))?.rules ?? null;
  } catch (error) {
    if (error instanceof CodingFileError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * The analyser, loaded (kuromoji's modules imported, its dictionary read) only when a comment question has an answer
 * to read; otherwise one that is never called, since there is nothing to tokenize.
 */
async function analyzerFor(table: ResponseTable, questions: readonly string[]): Promise<MorphologicalAnalyzer> {
  const texts = questions.reduce((sum, name) => sum + ((table.byName.get(name) as CommentColumn).texts?.texts.length ?? 0), 0);
  if (texts === 0) return NOTHING_TO_TOKENIZE;
  if (texts >= 20_000) console.error(`analysing ${texts.toLocaleString('en')} comments (自由記述; --no-text skips it)…`);
  const { loadAnalyzer } = await import('../../server/text/load-analyzer.ts');
  return loadAnalyzer();
}

const NOTHING_TO_TOKENIZE: MorphologicalAnalyzer = {
  tokenize(text) {
    throw new Error(`no analyser was loaded, yet a comment was to be tokenized: ${JSON.stringify(text.slice(0, 40))}`);
  },
};
