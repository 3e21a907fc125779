/**
 * Decides, from the definitions and the options, what a report computes and which answers it
 * must therefore read: needs questions, importance × satisfaction sets, the breakdown variable
 * and the items compared across it, comments, and margin variables for weighting. The CLI plans
 * first, so that it can check --by and the margins before reading a million lines, and then
 * streams only the planned columns.
 */
import type { ChoiceItem } from '../../core/definitions/list-questions.ts';
import { DEFAULT_MIN_GROUP_SIZE, type LocalizableText, type SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import type { AnswerValue, TableSpec, VariableSpec } from '../table/response-table.ts';
import { mergeQuestions, type MergedQuestion } from '../../core/definitions/merge-questions.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';

export interface PlannedVariable extends VariableSpec {
  /** The question or meta variable it comes from. */
  question: string;
  /** A matrix row's value. */
  row?: string;
  questionType: string;
  title?: LocalizableText;
  rowText?: LocalizableText;
  valueTexts: Array<LocalizableText | undefined>;
  /**
   * A number per value for means and rank tests: the values themselves when they are all
   * numbers (ratings, 5…1 matrix scales), else 1…k in the definition's order.
   */
  scores: number[];
  /** A scale (rating, numeric matrix) rather than unordered categories. */
  ordinal: boolean;
}

export interface NeedsPlan {
  question: string;
  kind: 'choice' | 'ranking';
  variable: string;
}

export interface IpaPlan {
  set: string;
  items: Array<{ item: string; text?: LocalizableText; importance: string; satisfaction: string }>;
}

export interface GapItemPlan {
  question: string;
  /** A matrix row. */
  item?: string;
  /** A checkbox option: chosen vs not chosen. */
  option?: AnswerValue;
  optionCode?: number;
  variable: string;
  test: 'kruskal' | 'chi2';
}

export interface ReportPlan {
  surveyId: string;
  versions: number[];
  title: Record<string, string>;
  /** The definitions' primary language, for labels in the JSON report. */
  language: string;
  minGroupSize: number;
  seed: number;
  variables: PlannedVariable[];
  needs: NeedsPlan[];
  ipa: IpaPlan[];
  /** The variable gaps are broken down by (the cohort question, or --by); undefined for none. */
  by?: string;
  gapItems: GapItemPlan[];
  comments: string[];
  /** Every variable --by and the margins may name: single answers, matrix rows, meta variables. */
  singleAnswerVariables: string[];
  tableSpec: TableSpec;
}

export interface PlanOptions {
  /** Break gaps down by this question (or meta variable) instead of the cohort question. */
  by?: string;
  /** Questions named by the weighting margins. */
  marginQuestions?: string[];
  minGroupSize?: number;
  seed?: number;
  /** Comments kept per comment question (seeded sample); default 20. */
  commentSampleSize?: number;
}

export const DEFAULT_SEED = 1;
const DEFAULT_COMMENT_SAMPLE = 20;

export function planReport(definitions: ReadonlyArray<SurveyDefinition>, options: PlanOptions = {}): ReportPlan {
  if (definitions.length === 0) throw new ReportInputError('no survey definitions to report on');
  const surveyId = definitions[0].id;
  const strangers = definitions.filter((definition) => definition.id !== surveyId);
  if (strangers.length > 0) {
    throw new ReportInputError(`definitions of several surveys given (${surveyId}, ${strangers[0].id}); a report is about one survey`);
  }
  const newest = definitions.reduce((a, b) => (b.version > a.version ? b : a));
  const versions = [...new Set(definitions.map((definition) => definition.version))].sort((a, b) => a - b);
  const minGroupSize = options.minGroupSize ?? newest.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
    throw new ReportInputError(`the minimum group size must be a whole number ≥ 1, got ${JSON.stringify(minGroupSize)}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new ReportInputError(`the seed must be a whole number, got ${JSON.stringify(seed)}`);

  const questions = mergeQuestions(definitions);
  const variables = new Map<string, PlannedVariable>();
  const use = (variable: PlannedVariable) => {
    variables.set(variable.name, variable);
    // A matrix is read whole, so that a record naming a row the definitions lack is caught.
    if (variable.source.from === 'matrix') {
      const question = questions.get(variable.question)!;
      for (const row of question.rows) {
        const rowVariable = matrixRowVariable(question, row);
        if (!variables.has(rowVariable.name)) variables.set(rowVariable.name, rowVariable);
      }
    }
  };
  const singles = singleVariables(questions);

  const needs: NeedsPlan[] = [];
  for (const question of questions.values()) {
    if (question.analysis?.role !== 'need') continue;
    if (question.shape !== 'multiple' && question.shape !== 'ranking') continue;
    use(listVariable(question));
    needs.push({ question: question.name, kind: question.shape === 'ranking' ? 'ranking' : 'choice', variable: question.name });
  }

  const ipa = planIpa(questions, use);

  let by: string | undefined;
  if (options.by !== undefined) {
    if (!singles.has(options.by)) {
      throw new ReportInputError(
        `--by ${JSON.stringify(options.by)}: no single-answer question or meta variable of that name ` +
          `(one of: ${[...singles.keys()].join(', ')})`,
      );
    }
    by = options.by;
  } else {
    by = [...questions.values()].find((question) => question.analysis?.role === 'cohort' && singles.has(question.name))?.name;
  }
  const gapItems: GapItemPlan[] = [];
  if (by !== undefined) {
    use(singles.get(by)!);
    for (const question of questions.values()) {
      if (question.analysis?.role !== 'attitude' || question.name === by) continue;
      gapItems.push(...planGapItems(question, use));
    }
  }

  for (const name of options.marginQuestions ?? []) {
    const variable = singles.get(name);
    if (variable) use(variable); // unknown names are reported by checkMargins, with their CSV line
  }

  const comments: string[] = [];
  for (const question of questions.values()) {
    if (question.analysis?.role !== 'comment' || question.shape !== 'text') continue;
    use({ ...baseVariable(question, question.name), kind: 'comment', source: { from: 'data', key: question.name }, ...valuesOf([], false) });
    comments.push(question.name);
  }

  const planned = [...variables.values()];
  return {
    surveyId,
    versions,
    title: newest.title,
    language: newest.languages[0] ?? 'ja',
    minGroupSize,
    seed,
    variables: planned,
    needs,
    ipa,
    by,
    gapItems,
    comments,
    singleAnswerVariables: [...singles.keys()],
    tableSpec: {
      surveyId,
      versions,
      variables: planned.map(({ name, kind, source, values }) => ({ name, kind, source, values })),
      commentSampleSize: options.commentSampleSize ?? DEFAULT_COMMENT_SAMPLE,
      seed,
    },
  };
}

/** Every variable a report can break down by or weight on: single answers, matrix rows, meta variables. */
function singleVariables(questions: Map<string, MergedQuestion>): Map<string, PlannedVariable> {
  const singles = new Map<string, PlannedVariable>();
  for (const question of questions.values()) {
    if (question.shape === 'single') singles.set(question.name, singleVariable(question));
    if (question.shape === 'matrix') for (const row of question.rows) {
      const variable = matrixRowVariable(question, row);
      singles.set(variable.name, variable);
    }
  }
  return singles;
}

function planIpa(questions: Map<string, MergedQuestion>, use: (variable: PlannedVariable) => void): IpaPlan[] {
  const sets = new Map<string, { importance: Map<string, PlannedVariable>; satisfaction: Map<string, PlannedVariable> }>();
  for (const question of questions.values()) {
    const role = question.analysis?.role;
    const set = question.analysis?.set;
    if ((role !== 'importance' && role !== 'satisfaction') || typeof set !== 'string') continue;
    let halves = sets.get(set);
    if (!halves) sets.set(set, (halves = { importance: new Map(), satisfaction: new Map() }));
    const items = halves[role];
    if (question.shape === 'matrix') {
      for (const row of question.rows) items.set(String(row.value), matrixRowVariable(question, row));
    } else if (question.shape === 'single') {
      const item = typeof question.analysis?.item === 'string' ? question.analysis.item : question.name;
      items.set(item, singleVariable(question));
    }
  }
  const plans: IpaPlan[] = [];
  for (const [set, { importance, satisfaction }] of sets) {
    const items: IpaPlan['items'] = [];
    for (const [item, importanceVariable] of importance) {
      const satisfactionVariable = satisfaction.get(item);
      if (!satisfactionVariable) continue;
      use(importanceVariable);
      use(satisfactionVariable);
      items.push({
        item,
        text: importanceVariable.rowText ?? satisfactionVariable.rowText,
        importance: importanceVariable.name,
        satisfaction: satisfactionVariable.name,
      });
    }
    if (items.length > 0) plans.push({ set, items });
  }
  return plans;
}

function planGapItems(question: MergedQuestion, use: (variable: PlannedVariable) => void): GapItemPlan[] {
  if (question.shape === 'single') {
    const variable = singleVariable(question);
    use(variable);
    return [{ question: question.name, variable: variable.name, test: variable.ordinal ? 'kruskal' : 'chi2' }];
  }
  if (question.shape === 'matrix') {
    return question.rows.map((row) => {
      const variable = matrixRowVariable(question, row);
      use(variable);
      return { question: question.name, item: String(row.value), variable: variable.name, test: variable.ordinal ? 'kruskal' : 'chi2' };
    });
  }
  if (question.shape === 'multiple') {
    const variable = listVariable(question);
    use(variable);
    return question.values.map((choice, code) => ({
      question: question.name,
      option: choice.value,
      optionCode: code,
      variable: variable.name,
      test: 'chi2' as const,
    }));
  }
  return [];
}

function baseVariable(question: MergedQuestion, name: string) {
  return { name, question: question.name, questionType: question.type, title: question.title };
}

function singleVariable(question: MergedQuestion): PlannedVariable {
  const source = question.metaKey !== undefined ? { from: 'meta' as const, key: question.metaKey } : { from: 'data' as const, key: question.name };
  return {
    ...baseVariable(question, question.name),
    kind: 'single',
    source,
    ...valuesOf(question.values, question.type === 'rating'),
  };
}

function matrixRowVariable(question: MergedQuestion, row: ChoiceItem): PlannedVariable {
  const rowValue = String(row.value);
  return {
    ...baseVariable(question, `${question.name}.${rowValue}`),
    row: rowValue,
    rowText: row.text,
    kind: 'single',
    source: { from: 'matrix', key: question.name, row: rowValue },
    // A matrix whose columns are all numbers is a rating scale (Likert); otherwise categories.
    ...valuesOf(question.values, question.values.length > 0 && question.values.every((column) => typeof column.value === 'number')),
  };
}

function listVariable(question: MergedQuestion): PlannedVariable {
  return {
    ...baseVariable(question, question.name),
    kind: question.shape === 'ranking' ? 'ranking' : 'multiple',
    source: { from: 'data', key: question.name },
    ...valuesOf(question.values, false),
  };
}

function valuesOf(items: ChoiceItem[], ordinal: boolean) {
  const values = items.map((item) => item.value);
  const numeric = values.length > 0 && values.every((value) => typeof value === 'number');
  return {
    values,
    valueTexts: items.map((item) => item.text),
    scores: numeric ? (values as number[]) : values.map((_, index) => index + 1),
    ordinal,
  };
}
