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
import { mergeQuestions, type MergedCell, type MergedQuestion } from '../../core/definitions/merge-questions.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { isAttachmentType } from '../../core/definitions/attachment-types.ts';

export interface PlannedVariable extends VariableSpec {
  /** The question or meta variable it comes from. */
  question: string;
  /** A matrix row's value. */
  row?: string;
  /** A matrixdropdown cell's column name (its `title` is then 「設問 — 列」). */
  column?: string;
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

/** 単純集計 of one question: which variables hold its answers, and how to read them. */
export interface SummaryPlan {
  question: string;
  type: string;
  title?: LocalizableText;
  shape: 'single' | 'multiple' | 'ranking' | 'matrix' | 'matrixdropdown' | 'text' | 'numeric' | 'other';
  /** The question's variable, or one per matrix row (a matrixdropdown column: one per row); none for types without a summary yet. */
  variables: string[];
  /** A matrixdropdown column (one summary per column; `title` is then 「設問 — 列」). */
  column?: string;
  cellType?: string;
  /** How the column's cells answer: choices, several choices, a number, text, or computed (only answered). */
  cellShape?: MergedCell['shape'];
  /** Set for types that have no summary yet: the reason the report prints. */
  notSummarised?: string;
}

/** クロス集計 of one variable (a question, or a matrix row) by one breakdown. */
export interface CrosstabPlan {
  question: string;
  variable: string;
  row?: string;
  by: string;
  kind: 'single' | 'multiple';
}

export interface BreakdownPlan {
  variable: string;
  source: 'segment' | 'cohort' | 'meta' | 'option' | 'auto';
  /**
   * A response meta variable the definitions do not declare (the enrolled tablet's ward, the channel):
   * kept only when the responses have at least two groups to compare (keepPresentBreakdowns).
   */
  whenPresent?: boolean;
}

export interface ReportPlan {
  surveyId: string;
  versions: number[];
  title: Record<string, string>;
  /** The newest definition's `method` (調査方法), if it has one. */
  method?: LocalizableText;
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
  /** The comment questions (role `comment`) text analysis reads, in survey order; not the 「その他」 texts. */
  textQuestions: string[];
  /** Every variable --by and the margins may name: single answers, matrix rows, meta variables. */
  singleAnswerVariables: string[];
  /** Every question of the newest definition (and the meta variables), in survey order. */
  summaries: SummaryPlan[];
  /** Segment and cohort questions, meta variables and --crosstab-by, in that order. */
  breakdowns: BreakdownPlan[];
  crosstabs: CrosstabPlan[];
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
  /** More breakdowns for the cross-tabs: single-answer questions or meta variables (--crosstab-by). */
  crosstabBy?: string[];
  /** The language of the report's labels; default the definitions' primary language. */
  language?: string;
  /** Keep every text of the comment questions (TableSpec.keepTexts) for text analysis (issue 27). */
  text?: boolean;
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
  const textQuestions = [...comments];
  // 「その他」の記述 (issue 25): what respondents wrote beside an "other" choice, read with the
  // comments, masked and with the small-group rule as they are.
  const commentSuffix = typeof newest.json.commentSuffix === 'string' ? newest.json.commentSuffix : '-Comment';
  for (const question of questions.values()) {
    if ((question.shape !== 'single' && question.shape !== 'multiple') || question.metaKey !== undefined || question.channel) continue;
    if (!question.values.some((item) => item.value === 'other')) continue;
    const name = `${question.name}${commentSuffix}`;
    use({ ...baseVariable(question, name), title: otherTextTitle(question.title, question.name, options.language ?? newest.languages[0] ?? 'ja'), kind: 'comment', source: { from: 'data', key: name }, ...valuesOf([], false) });
    comments.push(name);
  }

  const language = options.language ?? newest.languages[0] ?? 'ja';
  const { summaries, breakdowns, crosstabs } = planTables(questions, singles, options.crosstabBy ?? [], use, language, commentSuffix);

  const planned = [...variables.values()];
  return {
    surveyId,
    versions,
    title: newest.title,
    ...(newest.json.method !== undefined ? { method: newest.json.method } : {}),
    language,
    minGroupSize,
    seed,
    variables: planned,
    needs,
    ipa,
    by,
    gapItems,
    comments,
    textQuestions,
    singleAnswerVariables: [...singles.keys()],
    summaries,
    breakdowns,
    crosstabs,
    tableSpec: {
      surveyId,
      versions,
      variables: planned.map(({ name, kind, source, values }) => ({ name, kind, source, values })),
      commentSampleSize: options.commentSampleSize ?? DEFAULT_COMMENT_SAMPLE,
      seed,
      ...(options.text && textQuestions.length > 0 ? { keepTexts: textQuestions } : {}),
    },
  };
}

/** Why a question has no table, in the report's language (issue 26: a ja dashboard once read it in English). */
const notSummarisedTexts = (language: string) =>
  language === 'en'
    ? { freeText: 'free text: counted here, read in the comments', noSummaryYet: (type: string) => `${type} answers have no summary yet`, attachment: 'signatures and attached files are never in a report' }
    : { freeText: '自由記述：ここでは回答数のみ。内容は「自由記述」で読めます', noSummaryYet: (type: string) => `${type} 形式の回答はまだ集計していません`, attachment: '署名・添付ファイルはレポートに含めません' };

/**
 * The backbone of a survey report (issue 11): a summary of every question, and a cross-tab of
 * every single- or multiple-answer question (each matrix row apart) by every breakdown.
 * Free text and types without a summary yet are listed with the reason, never left out silently.
 */
function planTables(
  questions: Map<string, MergedQuestion>,
  singles: Map<string, PlannedVariable>,
  crosstabBy: string[],
  use: (variable: PlannedVariable) => void,
  language: string,
  commentSuffix: string,
): { summaries: SummaryPlan[]; breakdowns: BreakdownPlan[]; crosstabs: CrosstabPlan[] } {
  const summaries: SummaryPlan[] = [];
  const tabulated: Array<Omit<CrosstabPlan, 'by'>> = [];
  for (const question of questions.values()) {
    const base = { question: question.name, type: question.type, title: question.title, shape: question.shape };
    if (question.shape === 'single') {
      const variable = singleVariable(question);
      use(variable);
      summaries.push({ ...base, variables: [variable.name] });
      tabulated.push({ question: question.name, variable: variable.name, kind: 'single' });
    } else if (question.shape === 'multiple' || question.shape === 'ranking') {
      const variable = listVariable(question);
      use(variable);
      summaries.push({ ...base, variables: [variable.name] });
      if (question.shape === 'multiple') tabulated.push({ question: question.name, variable: variable.name, kind: 'multiple' });
    } else if (question.shape === 'matrix') {
      const rows = question.rows.map((row) => matrixRowVariable(question, row));
      rows.forEach(use);
      summaries.push({ ...base, variables: rows.map((row) => row.name) });
      rows.forEach((row) => tabulated.push({ question: question.name, variable: row.name, row: row.row, kind: question.multipleCells ? 'multiple' : 'single' }));
    } else if (question.shape === 'matrixdropdown') {
      // One summary per column (issue 25), its rows the matrix's rows; choice cells are cross-tabulated per row.
      for (const cell of question.cells ?? []) {
        const cellVariables = question.rows.map((row) => matrixCellVariable(question, row, cell, language));
        cellVariables.forEach(use);
        summaries.push({ ...base, title: cellVariables[0]?.title ?? cellTitle(question, cell, language), column: cell.name, cellType: cell.cellType, cellShape: cell.shape, variables: cellVariables.map((variable) => variable.name) });
        if (cell.shape === 'single' || cell.shape === 'multiple') {
          for (const variable of cellVariables) tabulated.push({ question: question.name, variable: variable.name, row: variable.row, kind: cell.shape });
        }
        // The text an "other" item or a comment area keeps beside the cell (`<column>-Comment`): known, so a
        // record holding one is read, but not analysed (only whether there is one).
        if (cell.comment) {
          for (const row of question.rows) {
            const key = `${cell.name}${commentSuffix}`;
            use({
              ...matrixCellVariable(question, row, { ...cell, name: key, shape: 'other' }, language),
              name: `${question.name}.${String(row.value)}.${key}`,
            });
          }
        }
      }
    } else if (question.shape === 'numeric') {
      const variable = { ...baseVariable(question, question.name), kind: 'number' as const, source: { from: 'data' as const, key: question.name }, ...valuesOf([], false) };
      use(variable);
      summaries.push({ ...base, variables: [variable.name] });
    } else if (question.shape === 'text') {
      const variable = { ...baseVariable(question, question.name), kind: 'comment' as const, source: { from: 'data' as const, key: question.name }, ...valuesOf([], false) };
      use(variable);
      summaries.push({ ...base, variables: [variable.name], notSummarised: notSummarisedTexts(language).freeText });
    } else if (isAttachmentType(question.type)) {
      // Signatures and attached files: no variable, so no table, report or live table ever reads their content.
      summaries.push({ ...base, variables: [], notSummarised: notSummarisedTexts(language).attachment });
    } else {
      summaries.push({ ...base, variables: [], notSummarised: notSummarisedTexts(language).noSummaryYet(question.type) });
    }
  }

  const breakdowns: BreakdownPlan[] = [];
  const addBreakdown = (variable: string, source: BreakdownPlan['source'], whenPresent = false) => {
    const known = breakdowns.find((b) => b.variable === variable);
    // Named with --crosstab-by: kept whatever the data, as the analyst asked for it.
    if (known) {
      if (!whenPresent) delete known.whenPresent;
      return;
    }
    use(singles.get(variable)!);
    breakdowns.push(whenPresent ? { variable, source, whenPresent } : { variable, source });
  };
  for (const question of questions.values()) {
    const role = question.analysis?.role;
    if ((role === 'segment' || role === 'cohort') && singles.has(question.name)) addBreakdown(question.name, role);
  }
  if (breakdowns.length === 0 && crosstabBy.length === 0) {
    // No segment or cohort role (an outside survey, issue 25) and none named: break down by the first
    // few single-choice questions that read as groups of people rather than as an answer to measure.
    for (const name of chooseBreakdowns(questions, singles)) addBreakdown(name, 'auto');
  }
  // The meta variables: the definitions' own, then what every record carries whatever they declare
  // (issue 25, mergeQuestions' responseMeta): the enrolled tablet's ward and the channel.
  for (const question of questions.values()) if (question.metaKey !== undefined || question.channel) addBreakdown(question.name, 'meta', question.implicit === true);
  for (const name of crosstabBy) {
    if (!singles.has(name)) {
      throw new ReportInputError(
        `--crosstab-by ${JSON.stringify(name)}: no single-answer question or meta variable of that name (one of: ${[...singles.keys()].join(', ')})`,
      );
    }
    addBreakdown(name, 'option');
  }

  const crosstabs = breakdowns.flatMap((breakdown) =>
    tabulated.filter((item) => item.question !== breakdown.variable && item.variable !== breakdown.variable).map((item) => ({ ...item, by: breakdown.variable })),
  );
  return { summaries, breakdowns, crosstabs };
}

/** At most this many breakdowns are chosen for a survey without roles: 8 × every question is already a long report. */
export const MAX_AUTO_BREAKDOWNS = 8;
/** More options than this and a table by it is too wide to read (a ward has 10, an age band 7–8). */
export const MAX_AUTO_BREAKDOWN_OPTIONS = 12;

/**
 * The breakdowns of a survey with no segment or cohort role (docs/analysis.md, "Breakdowns"): in
 * survey order, single-choice questions (radiogroup, dropdown, boolean…) with 2 to 12 options that
 * are not ordered scales (a rating or Likert item is what one measures, not who answers), at most 8.
 * Only when the analyst named none with --crosstab-by.
 */
function chooseBreakdowns(questions: Map<string, MergedQuestion>, singles: Map<string, PlannedVariable>): string[] {
  const chosen: string[] = [];
  for (const question of questions.values()) {
    if (chosen.length === MAX_AUTO_BREAKDOWNS) break;
    if (question.metaKey !== undefined || question.channel || question.shape !== 'single') continue;
    const variable = singles.get(question.name);
    if (!variable || variable.ordinal) continue;
    if (variable.values.length < 2 || variable.values.length > MAX_AUTO_BREAKDOWN_OPTIONS) continue;
    chosen.push(question.name);
  }
  return chosen;
}

/** Every variable a report can break down by or weight on: single answers, matrix rows, meta variables. */
function singleVariables(questions: Map<string, MergedQuestion>): Map<string, PlannedVariable> {
  const singles = new Map<string, PlannedVariable>();
  for (const question of questions.values()) {
    if (question.shape === 'single') singles.set(question.name, singleVariable(question));
    if (question.shape === 'matrix' && !question.multipleCells) for (const row of question.rows) {
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
    if (question.shape === 'matrix' && !question.multipleCells) {
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
  if (question.shape === 'matrix' && !question.multipleCells) {
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

/** 「<設問>（その他の記述）」 in every language the title has; a title in one text, in the report's. */
function otherTextTitle(title: LocalizableText | undefined, name: string, language: string): LocalizableText {
  const texts = typeof title === 'string' || title === undefined ? { [language]: title ?? name } : title;
  return Object.fromEntries(
    Object.entries(texts).map(([locale, text]) => [locale, locale === 'ja' ? `${text}（その他の記述）` : `${text} (other, please specify)`]),
  );
}

function baseVariable(question: MergedQuestion, name: string) {
  return { name, question: question.name, questionType: question.type, title: question.title };
}

function singleVariable(question: MergedQuestion): PlannedVariable {
  const source: VariableSpec['source'] = question.channel
    ? { from: 'channel' }
    : question.metaKey !== undefined
      ? { from: 'meta', key: question.metaKey }
      : { from: 'data', key: question.name };
  return {
    ...baseVariable(question, question.name),
    kind: 'single',
    source,
    ...valuesOf(question.values, question.type === 'rating', declaredScale(question)),
  };
}

/**
 * `"analysis": {"scale": "ascending"}` (worst first, as listed) or `"descending"` (best first,
 * e.g. excellent … poor) marks a scale whose values are words as ordered (docs/survey-definitions.md).
 */
function declaredScale(question: MergedQuestion): 'ascending' | 'descending' | undefined {
  const scale = question.analysis?.scale;
  return scale === 'ascending' || scale === 'descending' ? scale : undefined;
}

function matrixRowVariable(question: MergedQuestion, row: ChoiceItem): PlannedVariable {
  const rowValue = String(row.value);
  return {
    ...baseVariable(question, `${question.name}.${rowValue}`),
    row: rowValue,
    rowText: row.text,
    // A checkbox matrix (cellType "checkbox") answers a list of columns per row.
    kind: question.multipleCells ? 'multiple' : 'single',
    source: { from: 'matrix', key: question.name, row: rowValue },
    // A matrix whose columns are all numbers is a rating scale (Likert), and so is one whose
    // definition declares its word columns a scale; otherwise categories.
    ...valuesOf(
      question.values,
      !question.multipleCells && question.values.length > 0 && question.values.every((column) => typeof column.value === 'number'),
      question.multipleCells ? undefined : declaredScale(question),
    ),
  };
}

/**
 * One cell of a matrixdropdown (`name.row.column`): a single answer (dropdown, radiogroup,
 * boolean, rating: an ordered scale), several (checkbox, tagbox), a number (text of inputType
 * number), a text (text, comment: a comment column, no sample kept apart), or a computed value
 * (expression: only whether it holds one).
 */
function matrixCellVariable(question: MergedQuestion, row: ChoiceItem, cell: MergedCell, language: string): PlannedVariable {
  const rowValue = String(row.value);
  const source = { from: 'matrixCell' as const, key: question.name, row: rowValue, column: cell.name };
  const base = { ...baseVariable(question, `${question.name}.${rowValue}.${cell.name}`), title: cellTitle(question, cell, language), row: rowValue, rowText: row.text, column: cell.name };
  switch (cell.shape) {
    case 'single':
      return { ...base, kind: 'single', source, ...valuesOf(cell.values, cell.cellType === 'rating') };
    case 'multiple':
      return { ...base, kind: 'multiple', source, ...valuesOf(cell.values, false) };
    case 'numeric':
      return { ...base, kind: 'number', source, ...valuesOf([], false) };
    case 'text':
      return { ...base, kind: 'comment', source, ...valuesOf([], false) };
    default:
      return { ...base, kind: 'comment', source: { ...source, computed: true }, ...valuesOf([], false) };
  }
}

/** 「設問 — 列」 in every language the question's or the column's title has (and the report's). */
function cellTitle(question: MergedQuestion, cell: MergedCell, language: string): LocalizableText {
  const locales = new Set([language, ...[question.title, cell.title].flatMap((text) => (text !== undefined && typeof text !== 'string' ? Object.keys(text) : []))]);
  return Object.fromEntries(
    [...locales].map((locale) => [locale, `${localizeText(question.title, locale, question.name)} — ${localizeText(cell.title, locale, cell.name)}`]),
  );
}

function listVariable(question: MergedQuestion): PlannedVariable {
  return {
    ...baseVariable(question, question.name),
    kind: question.shape === 'ranking' ? 'ranking' : 'multiple',
    source: { from: 'data', key: question.name },
    ...valuesOf(question.values, false),
  };
}

function valuesOf(items: ChoiceItem[], ordinal: boolean, scale?: 'ascending' | 'descending') {
  const values = items.map((item) => item.value);
  const numeric = values.length > 0 && values.every((value) => typeof value === 'number');
  // Scores rise towards the best answer: the numbers themselves, else positions in scale order.
  const positions = values.map((_, index) => (scale === 'descending' ? values.length - index : index + 1));
  return {
    values,
    valueTexts: items.map((item) => item.text),
    scores: numeric && !scale ? (values as number[]) : positions,
    ordinal: ordinal || scale !== undefined,
  };
}
