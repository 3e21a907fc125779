/**
 * The whole report: definitions (every version of one survey) and responses in, the JSON
 * report contract out (report.ts). Responses come either as records (a store, a test) or as a
 * table the caller already filled by streaming (the CLI reads JSONL straight into one).
 */
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { compareMeans } from '../crosstabs/compare-means.ts';
import { keepPresentBreakdowns } from './keep-present-breakdowns.ts';
import { crossTabulateQuestions } from '../crosstabs/cross-tabulate-questions.ts';
import { compareGroups } from '../gaps/compare-groups.ts';
import { buildEffects } from '../effects/build-effects.ts';
import { checkPilot, type PilotSpec } from '../effects/mark-pilot.ts';
import { analyzeImportanceSatisfaction } from '../ipa/analyze-importance-satisfaction.ts';
import { rankNeeds } from '../needs/rank-needs.ts';
import { summarizeOverview } from '../overview/summarize-overview.ts';
import { summarizeQuestions } from '../summaries/summarize-questions.ts';
import { appendRecord } from '../table/append-record.ts';
import { createResponseTable } from '../table/create-response-table.ts';
import { RecordError } from '../table/record-error.ts';
import type { CountedAnswers } from '../table/count-answers.ts';
import type { CommentColumn, ResponseTable } from '../table/response-table.ts';
import { applyMargins } from '../weighting/apply-margins.ts';
import { checkMargins } from '../weighting/check-margins.ts';
import type { Margin } from '../weighting/rake.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { planReport, type ReportPlan } from '../plan/plan-report.ts';
import type { CommentSample, MarginsSource, Report, Suppression, Weighting } from '../../contracts/report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { toLocale } from '../../core/i18n/locale.ts';
import { maskText } from '../text/mask-personal-data.ts';
import type { MorphologicalAnalyzer } from '../text/load-tokenizer.ts';
import type { CodingRule } from '../text/parse-coding-rules.ts';
import type { TokenCache } from '../text/analyze-comments.ts';
import { analyzeReportText } from '../text/analyze-report-text.ts';

export interface ReportOptions {
  /** Population margins to rake to; without them the report is unweighted. */
  weights?: Margin[];
  /** The margins file `weights` came from (its name and SHA-256), copied to the report's `weighting.source`. */
  weightsSource?: MarginsSource;
  /** Leave out responses that lack a margin variable instead of failing. */
  dropIncomplete?: boolean;
  /** Default: the survey's own minGroupSize (5 when it sets none). */
  minGroupSize?: number;
  /** Compare groups of this question instead of the cohort question. */
  by?: string;
  /** Seed of the bootstrap and the comment samples; default 1. */
  seed?: number;
  /** Comments kept per comment question; default 20. */
  commentSampleSize?: number;
  /** More cross-tab breakdowns (single-answer questions or meta variables). */
  crosstabBy?: string[];
  /** The language of the labels; default the definitions' primary language. */
  language?: string;
  /** How many were asked (--population): 調査概要 then gives the response rate. */
  population?: number;
  /** How many were asked per ward code (--population-by ward=FILE.csv): each ward's response rate. */
  populationByWard?: Readonly<Record<string, number>>;
  /** 効果検証 (issue 28, --compare/--pilot): the split date (YYYY-MM-DD, Japan time) and the pilot group. */
  compare?: { date: string; pilot?: PilotSpec };
  /**
   * 自由記述 (issue 27): analyse every comment question's texts with this analyser (loadTokenizer, loaded by the
   * caller: analysis/ reads no files) and these coding rules (parseCodingRules of `<survey>.coding.txt`). Without
   * it the report has no `text` key.
   */
  text?: TextReportOptions;
}

export interface TextReportOptions {
  analyzer: MorphologicalAnalyzer;
  codingRules?: readonly CodingRule[] | null;
  /** Words per masked text, kept by the caller across reports (the server's); absent: every text is tokenized. */
  tokenCache?: TokenCache | null;
}

export type BuildReportInput =
  | { definitions: ReadonlyArray<SurveyDefinition>; records: Iterable<unknown>; options?: ReportOptions }
  | {
      definitions: ReadonlyArray<SurveyDefinition>;
      table: ResponseTable;
      options?: ReportOptions;
      /**
       * The table's answers counted while it was read (analysis/table/count-answers.ts, the pairs of countedPairs):
       * the unweighted figures then take their counts from it instead of passes over the rows. Results are the same.
       */
      counted?: CountedAnswers;
    };

/**
 * The plan a caller streams a table for, with the same options buildReport will get. `reading.texts`: keep every
 * comment text for text analysis (default: when `options.text` is given); a caller that loads the analyser only
 * after reading the responses (the CLI) sets it before.
 */
export function planFor(definitions: ReadonlyArray<SurveyDefinition>, options: ReportOptions = {}, reading: { texts?: boolean } = {}): ReportPlan {
  const plan = planReport(definitions, {
    by: options.by,
    marginQuestions: options.weights?.map((margin) => margin.question),
    minGroupSize: options.minGroupSize,
    seed: options.seed,
    commentSampleSize: options.commentSampleSize,
    crosstabBy: options.crosstabBy,
    language: options.language,
    text: reading.texts ?? options.text !== undefined,
  });
  if (options.weights) checkMargins(plan, options.weights);
  if (options.compare?.pilot) checkPilot(plan, options.compare.pilot);
  return plan;
}

export function buildReport(input: BuildReportInput): Report {
  const options = input.options ?? {};
  let plan = planFor(input.definitions, options);
  let table = 'table' in input ? checkTable(input.table, plan) : tableOf(input.records, plan);

  const counted = 'table' in input ? input.counted : undefined;
  if (counted && counted.rowCount !== table.rowCount) throw new Error(`buildReport: answers counted over ${counted.rowCount} rows for a table of ${table.rowCount}`);

  let weights: Float64Array | null = null;
  let weighting: Weighting | null = null;
  if (options.weights) {
    const applied = applyMargins(table, options.weights, { dropIncomplete: options.dropIncomplete });
    table = applied.table;
    weights = applied.weights;
    weighting = {
      method: 'raking',
      iterations: applied.iterations,
      effectiveN: applied.effectiveN,
      variables: applied.variables,
      dropped: applied.dropped,
      ...(options.weightsSource ? { source: { file: options.weightsSource.file, sha256: options.weightsSource.sha256 } } : {}),
    };
  }

  // After weighting: --drop-incomplete may have left a channel or a ward with too few to compare.
  plan = keepPresentBreakdowns(table, plan);
  // Weighting may drop rows (--drop-incomplete): counts are of the table as read, so only an unweighted report uses them.
  const countedRows = options.weights ? null : counted;
  const needs = rankNeeds(table, plan, weights, countedRows);
  const ipa = analyzeImportanceSatisfaction(table, plan, weights, countedRows);
  const gaps = compareGroups(table, plan, countedRows);
  const comments = sampleComments(table, plan);
  const summaries = summarizeQuestions(table, plan, { weights, counted: countedRows });
  const tables = crossTabulateQuestions(table, plan, { weights, counted: countedRows });
  const means = compareMeans(table, plan, { weights, counts: tables.counts });
  // From the weighted table and its weights, so the effects are weighted as every other figure.
  const effects = options.compare ? buildEffects(table, plan, { ...options.compare, rowWeights: weights }) : null;
  const text = options.text ? analyzeReportText(table, plan, tables.breakdowns, { ...options.text, locale: toLocale(plan.language) }) : null;
  const overview = summarizeOverview(table, plan, { population: options.population, populationByWard: options.populationByWard ?? wardMargins(options.weights) });
  return {
    survey: { id: plan.surveyId, versions: versionsOf(table), title: plan.title },
    responses: table.rowCount,
    minGroupSize: plan.minGroupSize,
    seed: plan.seed,
    weighting,
    needs: needs.needs,
    ipa: ipa.ipa,
    gaps: gaps.gaps,
    comments: comments.comments,
    overview: overview.overview,
    suppressed: [
      ...overview.suppressed,
      ...needs.suppressed,
      ...ipa.suppressed,
      ...gaps.suppressed,
      ...comments.suppressed,
      ...summaries.suppressed,
      ...tables.suppressed,
      ...means.suppressed,
      ...(effects?.suppressed ?? []),
      ...(text?.suppressed ?? []),
    ],
    summaries: summaries.summaries,
    breakdowns: tables.breakdowns,
    crosstabs: tables.crosstabs,
    means: means.means,
    ...(effects ? { effectComparison: effects.effectComparison, effects: effects.effects } : {}),
    ...(text ? { text: text.text } : {}),
  };
}

/** Ward populations from weighting margins on `ward`, which are exactly that (issue 25). */
function wardMargins(margins: ReportOptions['weights']): Record<string, number> | undefined {
  const wards = (margins ?? []).filter((margin) => margin.question === 'ward');
  return wards.length > 0 ? Object.fromEntries(wards.map((margin) => [margin.value, margin.population])) : undefined;
}

function tableOf(records: Iterable<unknown>, plan: ReportPlan): ResponseTable {
  const table = createResponseTable(plan.tableSpec);
  let position = 0;
  for (const record of records) {
    position += 1;
    try {
      appendRecord(table, record, position);
    } catch (error) {
      if (error instanceof RecordError) throw new ReportInputError(`record ${position}: ${error.message}`, { origins: [position] });
      throw error;
    }
  }
  return table;
}

/** A table streamed by the caller must hold every variable this plan reads. */
function checkTable(table: ResponseTable, plan: ReportPlan): ResponseTable {
  if (table.spec.surveyId !== plan.surveyId) {
    throw new ReportInputError(`the response table is of survey ${table.spec.surveyId}, not ${plan.surveyId}`);
  }
  for (const variable of plan.variables) {
    const column = table.byName.get(variable.name);
    if (!column || column.kind !== variable.kind || column.values.length !== variable.values.length) {
      throw new ReportInputError(`the response table was not prepared for this report: it lacks ${variable.name} (${variable.kind})`);
    }
  }
  return table;
}

function versionsOf(table: ResponseTable): number[] {
  const versions: number[] = [];
  let last = Number.NaN;
  for (let row = 0; row < table.rowCount; row++) {
    const version = table.version[row];
    if (version === last) continue; // records of one version come in long runs
    last = version;
    if (!versions.includes(version)) versions.push(version);
  }
  return versions.sort((a, b) => a - b);
}

function sampleComments(table: ResponseTable, plan: ReportPlan): { comments: CommentSample[]; suppressed: Suppression[] } {
  const suppressed: Suppression[] = [];
  const comments = plan.comments.map((name) => {
    const column = table.byName.get(name) as CommentColumn;
    const variable = plan.variables.find((candidate) => candidate.name === name)!;
    const label = localizeText(variable.title, plan.language, name);
    let answered = 0;
    for (let row = 0; row < table.rowCount; row++) answered += column.answered[row];
    if (answered > 0 && answered < plan.minGroupSize) {
      suppressed.push({ where: `comments.${name}`, label, reason: `fewer than ${plan.minGroupSize} respondents wrote one`, rule: 'small' });
      return { question: name, label, answered: null, sample: [], suppressed: true };
    }
    // In file order, so a sample reads like the responses did. Masked here, before the sample
    // enters the report, so every format drawn from it (JSON, Markdown, HTML, xlsx) is masked too.
    const locale = toLocale(plan.language);
    const sample = [...column.sample].sort((a, b) => a.row - b.row).map(({ text }) => maskText(text, locale));
    return { question: name, label, answered, sample };
  });
  return { comments, suppressed };
}
