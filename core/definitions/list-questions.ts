/**
 * Every question of a definition, flattened out of pages, panels and dynamic
 * panels, with what validators and analysis need to know about its answers.
 * `walkElements` is the one walk of the element tree; everything that looks for
 * elements (the label index, segments, synthetic answers) goes through it or
 * through `listQuestions`.
 * Works on the raw JSON (no survey-core), so it is cheap and predictable; the
 * defaults it fills in are SurveyJS's own (rating 1..5 step 1).
 */
import type { AnalysisAnnotation, LocalizableText } from './survey-definition.ts';

/** One choice, row, matrix column or rating value: SurveyJS lets authors write `"a"`, `1` or `{ value, text }`. */
export interface ChoiceItem {
  value: string | number | boolean;
  /** Absent when the author gave only a value (SurveyJS then shows the value). */
  text?: LocalizableText;
  /** SurveyJS `isExclusive`: choosing it clears the other choices (e.g. "特にない"). */
  isExclusive?: boolean;
  visibleIf?: string;
}

/** A column of a matrixdropdown / matrixdynamic: a cell question of its own. */
export interface CellColumn {
  name: string;
  /** The column's cell type, or the matrix's `cellType` (SurveyJS default "dropdown"). */
  cellType: string;
  title?: LocalizableText;
  /** The column's own choices, or the matrix's shared `choices`. */
  choices?: ChoiceItem[];
  isRequired: boolean;
  maxLength?: number;
}

export interface ListedQuestion {
  name: string;
  /** The SurveyJS type, e.g. "radiogroup", "matrix", "ranking". */
  type: string;
  /** Where it sits in the JSON, for messages: `pages[1].elements[0]`. */
  path: string;
  /**
   * The dynamic panel whose template holds this question, if any: its answers
   * are then inside that panel's array value, not at the top of the data.
   */
  scope?: string;
  title?: LocalizableText;
  isRequired: boolean;
  visibleIf?: string;
  /** Select questions (radiogroup, dropdown, checkbox, tagbox, ranking, imagepicker, …). */
  choices?: ChoiceItem[];
  /**
   * Values SurveyJS adds to the choices when asked to (`showOtherItem` → "other",
   * `showNoneItem` → "none", `showRefuseItem` → "refused", `showDontKnowItem` → "dontknow").
   */
  specialChoiceValues?: string[];
  maxSelectedChoices?: number;
  minSelectedChoices?: number;
  /** matrix, matrixdropdown, matrixdynamic. */
  rows?: ChoiceItem[];
  /** matrix (single choice per row): the scale. */
  columns?: ChoiceItem[];
  /** matrixdropdown / matrixdynamic: the cell questions. */
  cellColumns?: CellColumn[];
  /** rating: explicit values, if the author listed them. */
  rateValues?: ChoiceItem[];
  /** rating without rateValues: the range SurveyJS shows. */
  rateMin?: number;
  rateMax?: number;
  rateStep?: number;
  /** text and comment. */
  maxLength?: number;
  /** The `analysis` annotation exactly as written (checked by checkDefinitions). */
  analysis?: AnalysisAnnotation;
  /** The visibleIf of its page and enclosing panels, outermost first (its own is `visibleIf`). */
  enclosingVisibleIf?: string[];
  /** The element's JSON as authored. */
  json: Record<string, unknown>;
}

/** Elements that hold other elements but are not questions themselves. */
const CONTAINER_TYPES = new Set(['panel', 'flowpanel']);
/** Elements that have a name but never an answer. */
const NON_VALUE_TYPES = new Set(['html', 'image']);

const SPECIAL_CHOICES: Array<[flags: string[], value: string]> = [
  [['showOtherItem', 'hasOther'], 'other'],
  [['showNoneItem', 'hasNone'], 'none'],
  [['showRefuseItem'], 'refused'],
  [['showDontKnowItem'], 'dontknow'],
];

/** One element met on the walk, with where it sits. */
export interface ElementVisit {
  json: Record<string, unknown>;
  /** Its `type`, or "" when it has none. */
  type: string;
  /** Where it sits in the JSON, for messages: `pages[1].elements[0]`. */
  path: string;
  /** The dynamic panel whose template holds it, if any. */
  scope?: string;
  /** The visibleIf of its page and enclosing panels, outermost first. */
  enclosingVisibleIf: string[];
}

/**
 * Visits every element of every page in document order, a container before what it holds:
 * panels (`elements`) and dynamic panels (`templateElements`, whose elements get `scope`).
 * Anything that is not an object is skipped; checkDefinitions reports it.
 */
export function walkElements(definitionJson: unknown, visit: (element: ElementVisit) => void): void {
  const pages = asRecord(definitionJson)?.pages;
  if (!Array.isArray(pages)) return;
  pages.forEach((page, index) => {
    const json = asRecord(page);
    walk(json?.elements, `pages[${index}].elements`, undefined, conditionsOf(json, []), visit);
  });
}

function walk(elements: unknown, path: string, scope: string | undefined, enclosing: string[], visit: (element: ElementVisit) => void): void {
  if (!Array.isArray(elements)) return;
  elements.forEach((element, index) => {
    const json = asRecord(element);
    if (!json) return;
    const elementPath = `${path}[${index}]`;
    const type = typeof json.type === 'string' ? json.type : '';
    visit(scope === undefined ? { json, type, path: elementPath, enclosingVisibleIf: enclosing } : { json, type, path: elementPath, scope, enclosingVisibleIf: enclosing });
    if (CONTAINER_TYPES.has(type)) walk(json.elements, `${elementPath}.elements`, scope, conditionsOf(json, enclosing), visit);
    else if (type === 'paneldynamic' && typeof json.name === 'string') {
      walk(json.templateElements, `${elementPath}.templateElements`, json.name, conditionsOf(json, enclosing), visit);
    }
  });
}

function conditionsOf(json: Record<string, unknown> | undefined, enclosing: string[]): string[] {
  return typeof json?.visibleIf === 'string' ? [...enclosing, json.visibleIf] : enclosing;
}

export function listQuestions(definitionJson: unknown): ListedQuestion[] {
  const questions: ListedQuestion[] = [];
  walkElements(definitionJson, ({ json, type, path, scope, enclosingVisibleIf }) => {
    if (CONTAINER_TYPES.has(type) || typeof json.name !== 'string' || NON_VALUE_TYPES.has(type)) return;
    const question = describeQuestion(json, type, path, scope);
    if (enclosingVisibleIf.length > 0) question.enclosingVisibleIf = enclosingVisibleIf;
    questions.push(question);
  });
  return questions;
}

function describeQuestion(json: Record<string, unknown>, type: string, path: string, scope: string | undefined): ListedQuestion {
  const question: ListedQuestion = {
    name: json.name as string,
    type,
    path,
    isRequired: json.isRequired === true,
    json,
  };
  if (scope !== undefined) question.scope = scope;
  if (json.title !== undefined) question.title = json.title as LocalizableText;
  if (typeof json.visibleIf === 'string') question.visibleIf = json.visibleIf;
  if (json.analysis !== undefined) question.analysis = json.analysis as AnalysisAnnotation;

  if (json.choices !== undefined && type !== 'matrixdropdown' && type !== 'matrixdynamic') {
    question.choices = toChoiceItems(json.choices);
  }
  const special = SPECIAL_CHOICES.filter(([flags]) => flags.some((flag) => json[flag] === true)).map(([, value]) => value);
  if (special.length > 0) question.specialChoiceValues = special;
  if (typeof json.maxSelectedChoices === 'number') question.maxSelectedChoices = json.maxSelectedChoices;
  if (typeof json.minSelectedChoices === 'number') question.minSelectedChoices = json.minSelectedChoices;
  if (typeof json.maxLength === 'number') question.maxLength = json.maxLength;

  if (type === 'matrix' || type === 'matrixdropdown' || type === 'matrixdynamic') {
    if (json.rows !== undefined) question.rows = toChoiceItems(json.rows);
  }
  if (type === 'matrix' && json.columns !== undefined) question.columns = toChoiceItems(json.columns);
  if (type === 'matrixdropdown' || type === 'matrixdynamic') question.cellColumns = toCellColumns(json);

  if (type === 'rating') {
    if (Array.isArray(json.rateValues) && json.rateValues.length > 0) {
      question.rateValues = toChoiceItems(json.rateValues);
    } else {
      question.rateMin = typeof json.rateMin === 'number' ? json.rateMin : 1;
      question.rateMax = typeof json.rateMax === 'number' ? json.rateMax : 5;
      question.rateStep = typeof json.rateStep === 'number' ? json.rateStep : 1;
    }
  }
  return question;
}

/** rateValues, else rateMin…rateMax by rateStep (SurveyJS defaults 1…5 by 1). */
export function ratingValues(question: ListedQuestion): ChoiceItem[] {
  if (question.rateValues && question.rateValues.length > 0) return question.rateValues;
  const min = question.rateMin ?? 1;
  const max = question.rateMax ?? 5;
  const step = question.rateStep ?? 1;
  const values: ChoiceItem[] = [];
  // Integer steps, so 0.1 + 0.2 never turns a scale value into 0.30000000000000004.
  const steps = Math.round((max - min) / step);
  for (let k = 0; k <= steps; k++) values.push({ value: Number((min + k * step).toPrecision(12)) });
  return values;
}

/** SurveyJS item lists accept `"a"`, `1`, `true` or `{ value, text }`; anything else is dropped (checkDefinitions reports it). */
export function toChoiceItems(items: unknown): ChoiceItem[] {
  if (!Array.isArray(items)) return [];
  const result: ChoiceItem[] = [];
  for (const item of items) {
    if (isScalar(item)) {
      result.push({ value: item });
      continue;
    }
    const json = asRecord(item);
    if (!json || !isScalar(json.value)) continue;
    const choice: ChoiceItem = { value: json.value };
    if (json.text !== undefined) choice.text = json.text as LocalizableText;
    if (json.isExclusive === true) choice.isExclusive = true;
    if (typeof json.visibleIf === 'string') choice.visibleIf = json.visibleIf;
    result.push(choice);
  }
  return result;
}

function toCellColumns(matrix: Record<string, unknown>): CellColumn[] {
  if (!Array.isArray(matrix.columns)) return [];
  const sharedCellType = typeof matrix.cellType === 'string' ? matrix.cellType : 'dropdown';
  const columns: CellColumn[] = [];
  for (const entry of matrix.columns) {
    const json = asRecord(entry);
    if (!json || typeof json.name !== 'string') continue;
    const column: CellColumn = {
      name: json.name,
      cellType: typeof json.cellType === 'string' && json.cellType !== 'default' ? json.cellType : sharedCellType,
      isRequired: json.isRequired === true,
    };
    if (json.title !== undefined) column.title = json.title as LocalizableText;
    const choices = columnChoicesJson(json, matrix);
    if (choices !== undefined) column.choices = toChoiceItems(choices);
    if (typeof json.maxLength === 'number') column.maxLength = json.maxLength;
    columns.push(column);
  }
  return columns;
}

/** survey-core's rule (onUpdateSelectBaseCellQuestion): a column without choices of its own, or with none listed, takes the matrix's. */
function columnChoicesJson(column: Record<string, unknown>, matrix: Record<string, unknown>): unknown {
  return Array.isArray(column.choices) && column.choices.length > 0 ? column.choices : (matrix.choices ?? column.choices);
}

/**
 * A matrixdropdown / matrixdynamic column read as the question survey-core makes of each of its
 * cells: the column's own settings (rateMin, inputType, valueTrue, showOtherItem …) with its cell
 * type, and the matrix's choices when it lists none. So a cell's answers are described by the same
 * rules as a question's (ratingValues, the boolean's values, a number input).
 */
export function cellQuestion(matrix: ListedQuestion, column: CellColumn): ListedQuestion {
  const columns = Array.isArray(matrix.json.columns) ? matrix.json.columns : [];
  const index = columns.findIndex((entry) => asRecord(entry)?.name === column.name);
  const own = asRecord(columns[index]) ?? {};
  const choices = columnChoicesJson(own, matrix.json);
  const json: Record<string, unknown> = { ...own, type: column.cellType, name: column.name, ...(choices !== undefined ? { choices } : {}) };
  return describeQuestion(json, column.cellType, `${matrix.path}.columns[${index}]`, matrix.scope);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
