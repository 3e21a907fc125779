/**
 * survey-core's own checks (required, requiredIf, visibleIf, enableIf, the
 * "other" comment, minSelectedChoices, numeric min/max, each-row-required,
 * matrix cells, validators), compiled once per definition so a response can be
 * checked without loading it into a survey-core model.
 *
 * Why not simply `model.data = …; model.validate()` per response: that costs
 * milliseconds per response (survey-core's reactive property system), too slow
 * for the submit endpoint's throughput target. Conditions still run on
 * survey-core's own expression engine (ConditionRunner), validators are
 * survey-core's own objects, and messages come from survey-core's English
 * strings. Anything this file does not reproduce makes the definition fail
 * loudly here, at start-up; test/server/validation/matches-survey-core.test.ts
 * checks the result against a real survey-core model on generated responses.
 * See docs/decisions/0020-strict-validation-on-top-of-survey-core.md.
 */
import { AnswerRequiredError, ConditionRunner, EmailValidator, settings, type Question, type SurveyModel } from 'survey-core';
import { ELEMENT_PROPERTY_PREFIX, expressionNames, parseExpression } from '../../analysis/definitions/expression-names.ts';
import { NON_ANSWER_TYPES } from './build-question-index.ts';
import type { Condition } from './condition.ts';
import { PURE_FUNCTIONS } from './pure-functions.ts';
import { buildLogic, compile, type Logic } from './build-logic.ts';
import { buildTriggers, type FormNavigation, type Triggers } from './build-triggers.ts';
import { buildDynamicChoices, type ChoicesFromQuestion, type DynamicChoices, type ItemFilter } from './build-dynamic-choices.ts';
import { contextWithProperties, createElementProperties, propertyReferences, refuseBuiltInVariables, type ElementProperties } from './element-properties.ts';

export type { Condition } from './condition.ts';

/** A survey-core validator bound to its question: a message when `value` fails, else undefined. */
export type BoundValidator = (value: unknown, values: Record<string, unknown>) => string | undefined;

export interface CoreQuestionRule {
  /** `isRequired` when there is no requiredIf. */
  required: boolean;
  requiredIf: Condition | undefined;
  requiredMessage: string;
  /** survey-core trims strings before deciding a required answer is empty, unless allowSpaceAsAnswer. */
  trimBeforeEmptyCheck: boolean;
  /** Picking "other" requires its comment. */
  otherComment: { value: unknown; commentKey: string; message: string } | undefined;
  /** checkbox/tagbox/ranking minSelectedChoices; survey-core enforces it even on an empty answer. */
  minSelected: { count: number; exclusiveValues: ReadonlySet<unknown>; message: string } | undefined;
  /**
   * min/max (and a number's step) of a text input whose inputType survey-core
   * limits (number, range, date, datetime-local, month, time, week), compared
   * the way survey-core compares them: dates as dates, the rest as given.
   */
  valueLimits: ValueLimits | undefined;
  /** inputType "email" without an email validator: survey-core checks the address itself, before the validators. */
  emailCheck: BoundValidator | undefined;
  validators: BoundValidator[];
  /** matrix eachRowRequired (isAllRowRequired). */
  eachRowRequired: { rows: string[]; message: string } | undefined;
  /** matrixdropdown: each cell is validated like a question of its column. */
  /** matrixdropdown (named rows) and matrixdynamic (`rows: "each"`, one per array entry). */
  cells:
    | {
        rows: string[] | 'each';
        columns: Array<{
          name: string;
          rule: CoreQuestionRule;
          readOnly: boolean;
          /** The column's visibleIf and enableIf, seeing the response and `{row.…}` as that row's cells. */
          visibleIf: Condition | undefined;
          enableIf: Condition | undefined;
        }>;
        /** matrixdynamic minRowCount: the form always shows this many rows, answered or not. */
        minRows: number;
        /** matrixdropdown: each row's value, as `{rowName}` gives it. */
        rowNames?: unknown[];
        /** A required matrixdynamic with minRowCount: that many rows must be filled (survey-core's minRowCountError). */
        minRowsFilled: { count: number; message: string } | undefined;
      }
    | undefined;
  /** paneldynamic minPanelCount: the form never shows fewer panels, so fewer cannot come from it. */
  minPanels: number;
  /** Choices that depend on the answers (build-dynamic-choices.ts): a picked value must be one the form shows. */
  dynamicChoices: DynamicChoices | undefined;
  /** matrix rows and columns, matrixdropdown rows, shown only when their conditions hold. */
  shownItems: { rows: ItemFilter | undefined; columns: ItemFilter | undefined } | undefined;
  /**
   * An expression question inside a dynamic panel or a matrix column (issue 22): its value for one panel or row,
   * computed by survey-core's ExpressionRunner from the response with `{panel.x}`/`{panelIndex}` or
   * `{row.x}`/`{rowIndex}`/`{rowName}`; a sent value must equal it.
   */
  computed: { expression: string; run(values: Record<string, unknown>): unknown } | undefined;
  /** multipletext: each item is a text question of its own, inside the answer object. */
  items: Array<{ name: string; rule: CoreQuestionRule }> | undefined;
  /**
   * paneldynamic: the template's elements, checked once per panel, where
   * `{panel.x}` in a condition reads that panel's answers (survey-core's panel context).
   */
  panelTemplate: CoreNode[] | undefined;
}

export interface ValueLimits {
  min: unknown;
  max: unknown;
  /** survey-core's getCalculatedMinMax: a date string becomes a Date, anything else stays. */
  comparable: (value: unknown) => unknown;
  minMessage: string;
  maxMessage: string;
  step: { step: number; message: string } | undefined;
}

/**
 * In survey-core a condition replaces its static property when it runs:
 * visibleIf sets `visible`, enableIf sets `readOnly`, requiredIf sets
 * `isRequired`. So the static value only counts when there is no condition.
 */
interface ElementVisibility {
  /** How a hiding message names this element: "its", "its panel \"p\"'s". */
  owner: string;
  /** `visible` when there is no visibleIf. */
  visible: boolean;
  visibleIf: Condition | undefined;
  /** `readOnly` when there is no enableIf. */
  readOnly: boolean;
  enableIf: Condition | undefined;
}

export type CoreNode =
  | (ElementVisibility & { kind: 'container'; children: CoreNode[] })
  | (ElementVisibility & { kind: 'question'; name: string; rule: CoreQuestionRule });

export interface CoreRules {
  pages: CoreNode[];
  /** False when the definition keeps hidden answers (clearInvisibleValues "none"): then they are not refused. */
  refuseHiddenAnswers: boolean;
  /** calculatedValues and expression questions, recomputed per response (build-logic.ts); undefined when there are none. */
  logic: Logic | undefined;
  /** The survey's triggers (build-triggers.ts); undefined when there are none. */
  triggers: Triggers | undefined;
}

type AnyElement = Record<string, any>;

/** @param hostVariables names of values the host page sets (the definition's `variables`) */
export function buildCoreRules(model: SurveyModel, source: string, hostVariables: readonly string[] = [], form?: FormNavigation): CoreRules {
  const survey = model as unknown as AnyElement;
  const fail: Fail = Object.assign((what: string, reason: string) => new Error(`${source}: ${what}: ${reason}`), {
    hostVariables: new Set(hostVariables.map((name) => name.toLowerCase())),
    dynamicChoices: new Map(),
  });
  fail.properties = createElementProperties(model, fail, (expression, what, owner) => compileCondition(expression, what, fail, owner), fail.hostVariables);
  if (model.mode === 'display' || survey.readOnly) throw fail('survey', 'a read-only survey cannot take responses');
  return {
    pages: model.pages.map((page) => containerNode(page as unknown as AnyElement, fail)),
    refuseHiddenAnswers: model.clearInvisibleValues !== 'none',
    logic: buildLogic(model, fail, fail.properties),
    // A trigger reads `{$element.property}` as other expressions do; build-triggers.ts accounts for it re-running on every change.
    triggers: buildTriggers(model, fail, (expression, what) => compileCondition(expression, what, fail), (expression, what) => compile(expression, what, fail, fail.properties), form),
  };
}

/**
 * The same Fail inside a dynamic panel or a matrix column (`nested`): there survey-core resolves `{$name.property}`
 * in the survey's context as at the top level (an element of the template has no such name there), so references
 * stay supported.
 */
function within(fail: Fail, nested: NonNullable<Fail['nested']>): Fail {
  return Object.assign((what: string, reason: string) => fail(what, reason), {
    hostVariables: fail.hostVariables,
    dynamicChoices: fail.dynamicChoices,
    properties: fail.properties,
    nested,
  });
}

/** How to refuse the definition, and what compiling its conditions needs to know. */
type Fail = ((what: string, reason: string) => Error) & {
  hostVariables: ReadonlySet<string>;
  /** Each question's shown choices, built once (a choicesFromQuestion source is built when first needed). */
  dynamicChoices?: Map<AnyElement, DynamicChoicesBuilt | 'building'>;
  /** `{$element.property}` references (element-properties.ts). */
  properties?: ElementProperties;
  /** Inside a dynamic panel's template or a matrix column: what an expression question there may read besides the response. */
  nested?: 'panel' | 'matrixdropdown' | 'matrixdynamic';
};

function containerNode(element: AnyElement, fail: Fail): CoreNode {
  const what = `${element.isPage ? 'page' : 'panel'} "${element.name}"`;
  if (element.isRequired || element.requiredIf) throw fail(what, 'a required panel is not supported yet');
  // Display elements (html, image) hold no answer, so their conditions change nothing the server checks.
  const children = (element.elements as AnyElement[])
    .filter((child) => child.isPanel || !NON_ANSWER_TYPES.has(child.getType()))
    .map((child) => (child.isPanel ? containerNode(child, fail) : questionNode(child, fail)));
  return {
    kind: 'container',
    owner: `its ${element.isPage ? 'page' : 'panel'} ${JSON.stringify(element.name)}'s`,
    ...visibilityOf(element, what, fail),
    children,
  };
}

/** @param owner the question whose own conditions these are, where `{$self.…}`/`{$panel.…}` read it (selfOf) */
function visibilityOf(element: AnyElement, what: string, fail: Fail, owner?: AnyElement): Omit<ElementVisibility, 'owner'> {
  return {
    visible: element.visible !== false,
    visibleIf: compileCondition(element.visibleIf, `${what} visibleIf`, fail, owner),
    readOnly: Boolean(element.readOnly),
    enableIf: compileCondition(element.enableIf, `${what} enableIf`, fail, owner),
  };
}

/**
 * The question `{$self.…}` and `{$panel.…}` read in its own visibleIf, enableIf, requiredIf and expression (survey-core's
 * QuestionValueGetterContext); undefined inside a dynamic panel or a matrix, where each panel or row has its own copy.
 */
function selfOf(question: AnyElement, fail: Fail): AnyElement | undefined {
  return fail.nested === undefined && !question.parentQuestion ? question : undefined;
}

function questionNode(question: AnyElement, fail: Fail): CoreNode {
  const name = question.getValueName() as string;
  const what = `question "${name}"`;
  return {
    kind: 'question',
    name,
    owner: 'its',
    ...visibilityOf(question, what, fail, selfOf(question, fail)),
    rule: questionRule(question, what, fail, name),
  };
}

/** Properties that make survey-core change answers or visibility in ways not reproduced here. */
const UNSUPPORTED_QUESTION_PROPERTIES = [
  'hideIfChoicesEmpty', 'choiceValuesFromQuestion', 'choiceTextsFromQuestion', 'eachRowUnique',
  'minValueExpression', 'maxValueExpression', 'keyName', 'detailPanelMode',
];

/** @param answerKey where the answer sits: the question's value name, or a matrix column's name inside a row object */
function questionRule(question: AnyElement, what: string, fail: Fail, answerKey: string): CoreQuestionRule {
  for (const property of UNSUPPORTED_QUESTION_PROPERTIES) {
    const value = question[property];
    if (value !== undefined && value !== '' && value !== false && value !== 'none' && !(property === 'detailPanelMode' && value === 'none')) {
      throw fail(what, `"${property}" is not supported by strict validation yet`);
    }
  }
  if (question.maskType && question.maskType !== 'none') throw fail(what, '"maskType" is not supported by strict validation yet');
  // survey-core hides each panel whose templateVisibleIf is false (PanelModel.visible; {visiblePanelIndex} skips it).
  // The server checked every panel as shown: a required question in a hidden panel refused what the form sent.
  if (typeof question.templateVisibleIf === 'string' && question.templateVisibleIf.trim() !== '') {
    throw fail(what, `"templateVisibleIf" (${JSON.stringify(question.templateVisibleIf)}) hides panels, which strict validation does not reproduce yet`);
  }
  settableValue(question, what, fail);
  // hideIfRowsEmpty hides a matrix whose rows are all hidden; rows without conditions never are, so it changes nothing.
  if (question.hideIfRowsEmpty && ((question.rows as AnyElement[] | undefined) ?? []).some((row) => row.visibleIf)) {
    throw fail(what, '"hideIfRowsEmpty" with rows that have a visibleIf is not supported by strict validation yet');
  }
  const type = question.getType() as string;
  const isText = type === 'text' || type === 'comment';
  const showOther = Boolean(question.showOtherItem);
  return {
    // survey-core never requires an expression question's value (QuestionExpressionModel.hasRequiredError).
    required: Boolean(question.isRequired) && type !== 'expression',
    requiredIf: compileCondition(question.requiredIf, `${what} requiredIf`, fail, selfOf(question, fail)),
    requiredMessage: new AnswerRequiredError(question.requiredErrorText || null, question as Question).getText(),
    trimBeforeEmptyCheck: !question.allowSpaceAsAnswer,
    otherComment: showOther
      ? {
          value: question.otherItem.value,
          commentKey: answerKey + settings.commentSuffix,
          message: question.otherErrorText || question.getLocalizationString('otherRequiredError'),
        }
      : undefined,
    minSelected:
      ['checkbox', 'tagbox', 'ranking'].includes(type) && question.minSelectedChoices > 0
        ? {
            count: question.minSelectedChoices,
            exclusiveValues: new Set((question.visibleChoices as AnyElement[]).filter((item) => item.isExclusive).map((item) => item.value)),
            message: question.getLocalizationFormatString('minSelectError', question.minSelectedChoices),
          }
        : undefined,
    valueLimits: isText ? valueLimits(question) : undefined,
    emailCheck: type === 'text' && question.inputType === 'email' && !(question.validators as AnyElement[]).some((v) => v.getType() === 'emailvalidator')
      ? emailCheck(question)
      : undefined,
    validators: (question.validators as AnyElement[]).map((validator) => bindValidator(question, validator, what, fail)),
    eachRowRequired:
      type === 'matrix' && question.eachRowRequired
        ? { rows: (question.rows as AnyElement[]).map((row) => String(row.value)), message: question.getLocalizationString('requiredInAllRowsError') }
        : undefined,
    cells: type === 'matrixdropdown' || type === 'matrixdynamic' ? matrixCells(question, what, fail) : undefined,
    computed: type === 'expression' && fail.nested !== undefined ? nestedComputed(question, what, fail, fail.nested) : undefined,
    items:
      type === 'multipletext'
        ? (question.items as AnyElement[]).map((item) => ({ name: item.name as string, rule: questionRule(item.editor, `${what} item "${item.name}"`, fail, item.name) }))
        : undefined,
    panelTemplate: type === 'paneldynamic' ? templateNodes(question.template as AnyElement, fail) : undefined,
    minPanels: type === 'paneldynamic' ? Math.max(0, Number(question.minPanelCount) || 0) : 0,
    dynamicChoices: dynamicChoicesOf(question, what, fail)?.dynamic,
    shownItems: shownItemsOf(question, type, what, fail),
  };
}

type DynamicChoicesBuilt = ReturnType<typeof buildDynamicChoices>;
const SELECT_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'imagepicker', 'ranking']);

/** The shown choices of a choice question whose choices depend on the answers; undefined when they do not. */
function dynamicChoicesOf(question: AnyElement, what: string, fail: Fail): DynamicChoicesBuilt | undefined {
  if (!SELECT_TYPES.has(question.getType())) return undefined;
  const items = (question.choices ?? []) as AnyElement[];
  const fromName = question.choicesFromQuestion as string | undefined;
  if (!question.choicesVisibleIf && !fromName && !items.some((item) => item.visibleIf)) return undefined;
  const memo = (fail.dynamicChoices ??= new Map());
  const known = memo.get(question);
  if (known === 'building') throw fail(what, 'choicesFromQuestion goes round in a circle');
  if (known !== undefined) return known;
  memo.set(question, 'building');
  if (question.getType() === 'ranking') throw fail(what, 'a ranking whose choices depend on the answers is not supported by strict validation yet');
  if (question.parentQuestion) throw fail(what, 'choices that depend on the answers inside a matrix cell are not supported by strict validation yet');
  const filter: ItemFilter = {
    items: items.map((item) => ({ value: item.value, visibleIf: compileCondition(item.visibleIf, `${what} choice ${JSON.stringify(item.value)} visibleIf`, fail) })),
    all: compileCondition(question.choicesVisibleIf, `${what} choicesVisibleIf`, fail),
    allProperty: 'choicesVisibleIf',
  };
  const specialValues = [
    [question.showOtherItem, question.otherItem],
    [question.showNoneItem, question.noneItem],
    [question.showRefuseItem, question.refuseItem],
    [question.showDontKnowItem, question.dontKnowItem],
  ].flatMap(([shown, item]) => (shown && item ? [(item as AnyElement).value] : []));
  const built = buildDynamicChoices(filter, fromName ? choicesFromQuestion(question, fromName, what, fail) : undefined, specialValues);
  memo.set(question, built);
  return built;
}

function choicesFromQuestion(question: AnyElement, fromName: string, what: string, fail: Fail): ChoicesFromQuestion {
  if (question.parentQuestion || question.parent?.isPanel && question.parent.parentQuestion) {
    throw fail(what, 'choicesFromQuestion inside a dynamic panel is not supported by strict validation yet');
  }
  const source = question.survey?.getQuestionByName(fromName) as AnyElement | null;
  if (!source || !SELECT_TYPES.has(source.getType())) {
    throw fail(what, `choicesFromQuestion ${JSON.stringify(fromName)} must name a choice question of this survey (radiogroup, dropdown, checkbox, tagbox, imagepicker, ranking)`);
  }
  const mode = question.choicesFromQuestionMode === 'selected' || question.choicesFromQuestionMode === 'unselected' ? question.choicesFromQuestionMode : 'all';
  const sourceWhat = `question "${source.getValueName()}"`;
  const dynamicSource = dynamicChoicesOf(source, sourceWhat, fail);
  const staticSource = ((source.choices ?? []) as AnyElement[]).map((item) => ({ value: item.value as unknown, ownVisibleIf: false }));
  return {
    source: source.getValueName(),
    mode,
    sourceChoices: dynamicSource !== undefined ? dynamicSource.plain : () => staticSource,
    sourceOther: source.showOtherItem ? { value: source.otherItem.value, commentKey: source.getValueName() + settings.commentSuffix } : undefined,
  };
}

/** A matrix's rows and columns, a matrixdropdown's rows, when any is shown only under a condition. */
function shownItemsOf(question: AnyElement, type: string, what: string, fail: Fail): CoreQuestionRule['shownItems'] {
  if (type !== 'matrix' && type !== 'matrixdropdown') return undefined;
  const filterOf = (list: AnyElement[], all: unknown, property: string, noun: string): ItemFilter | undefined => {
    if (!all && !list.some((item) => item.visibleIf)) return undefined;
    return {
      items: list.map((item) => ({ value: item.value, visibleIf: compileCondition(item.visibleIf, `${what} ${noun} ${JSON.stringify(item.value)} visibleIf`, fail) })),
      all: compileCondition(all, `${what} ${property}`, fail),
      allProperty: property,
      ownNames: ((question.rows ?? []) as AnyElement[]).map((row) => String(row.value)),
    };
  };
  const rows = filterOf(question.rows as AnyElement[], question.rowsVisibleIf, 'rowsVisibleIf', 'row');
  if (type === 'matrixdropdown' && question.columnsVisibleIf) throw fail(what, '"columnsVisibleIf" on a matrixdropdown is not supported by strict validation yet (give the columns a visibleIf)');
  const columns = type === 'matrix' ? filterOf(question.columns as AnyElement[], question.columnsVisibleIf, 'columnsVisibleIf', 'column') : undefined;
  return rows || columns ? { rows, columns } : undefined;
}

/**
 * defaultValueExpression, setValueIf/setValueExpression and resetValueIf set or clear an answer while the form
 * runs, but the respondent may still change it afterwards: on a question they can edit, any answer the question
 * takes is one the form can send, so nothing more is checked (the answer is checked like a typed one). On a
 * read-only question the value is survey-core's alone, which the server does not recompute yet: refused.
 * The expressions are compiled anyway, so one that does not parse or calls an unknown function is refused at load.
 */
function settableValue(question: AnyElement, what: string, fail: Fail): void {
  const properties = ['defaultValueExpression', 'setValueIf', 'setValueExpression', 'resetValueIf'].filter((property) => {
    const value = question[property];
    return typeof value === 'string' && value.trim() !== '';
  });
  if (properties.length === 0) return;
  if (question.readOnly || question.enableIf || question.getType() === 'expression') {
    throw fail(what, `"${properties[0]}" on a question the respondent cannot edit sets a value the server does not recompute yet`);
  }
  for (const property of properties) compileCondition(question[property], `${what} ${property}`, fail);
}

/** What QuestionTextModel.onCheckForErrors does for inputType "email": survey-core's own EmailValidator. */
function emailCheck(question: AnyElement): BoundValidator {
  const validator = new EmailValidator();
  validator.owner = question as Question;
  const title = question.getValidatorTitle();
  return (value) => validator.validate(value, title)?.error?.getText() || undefined;
}

/** survey-core's minMaxTypes: the inputTypes whose min/max it enforces (QuestionTextModel.isMinMaxType). */
const MIN_MAX_INPUT_TYPES: ReadonlySet<string> = new Set(['number', 'range', 'date', 'datetime-local', 'month', 'time', 'week']);

function valueLimits(question: AnyElement): ValueLimits | undefined {
  if (!MIN_MAX_INPUT_TYPES.has(question.inputType)) return undefined;
  const min = question.renderedMin as unknown;
  const max = question.renderedMax as unknown;
  const step = question.inputType === 'number' && typeof question.renderedStep === 'number' && question.renderedStep > 0 ? question.renderedStep : undefined;
  const hasMin = !isEmptyLimit(min);
  const hasMax = !isEmptyLimit(max);
  if (!hasMin && !hasMax && step === undefined) return undefined;
  const comparable = (value: unknown) => question.getCalculatedMinMax(value) as unknown;
  return {
    min: hasMin ? comparable(min) : undefined,
    max: hasMax ? comparable(max) : undefined,
    comparable,
    // survey-core's own texts ("The value should not be greater than {0}"), {0} as it fills it in.
    minMessage: question.getMinMaxErrorText(question.minErrorText, comparable(min)),
    maxMessage: question.getMinMaxErrorText(question.maxErrorText, comparable(max)),
    step: step === undefined ? undefined : { step, message: question.getStepErrorText() },
  };
}

function isEmptyLimit(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function matrixCells(matrix: AnyElement, what: string, outer: Fail): CoreQuestionRule['cells'] {
  const fail = within(outer, matrix.getType() === 'matrixdynamic' ? 'matrixdynamic' : 'matrixdropdown');
  const columns = (matrix.columns as AnyElement[]).map((column) => {
    const cellWhat = `${what} column "${column.name}"`;
    for (const property of ['isUnique', 'totalType'] as const) {
      const value = column[property];
      if (value && value !== 'none') throw fail(cellWhat, `"${property}" on a matrix column is not supported by strict validation yet`);
    }
    if (column.visible === false) throw fail(cellWhat, 'a hidden matrix column is not supported by strict validation yet');
    const template = column.templateQuestion as AnyElement;
    const ownChoices = (template.choices ?? []) as AnyElement[];
    if (template.choicesVisibleIf || template.choicesFromQuestion || ownChoices.some((item) => item.visibleIf) || ((matrix.choices ?? []) as AnyElement[]).some((item) => item.visibleIf)) {
      throw fail(cellWhat, 'choices that depend on the answers inside a matrix cell are not supported by strict validation yet');
    }
    if ((template.validators as AnyElement[]).some((validator) => validator.getType() === 'expressionvalidator')) {
      throw fail(cellWhat, 'expression validators in matrix cells are not supported by strict validation yet');
    }
    return {
      name: column.name as string,
      // The column's requiredIf is its template question's, compiled with the rest of the rule.
      rule: questionRule(template, cellWhat, fail, column.name),
      readOnly: Boolean(column.readOnly),
      visibleIf: compileCondition(column.visibleIf, `${cellWhat} visibleIf`, fail),
      enableIf: compileCondition(column.enableIf, `${cellWhat} enableIf`, fail),
    };
  });
  const dynamic = matrix.getType() === 'matrixdynamic';
  const rows = dynamic ? ('each' as const) : (matrix.rows as AnyElement[]).map((row) => String(row.value));
  const minRows = dynamic ? Math.max(0, Number(matrix.minRowCount) || 0) : 0;
  const minRowsFilled =
    minRows > 0 && matrix.isRequired ? { count: minRows, message: matrix.getLocalizationFormatString('minRowCountError', minRows) as string } : undefined;
  // What `{rowName}` (`{rowValue}`, `{item}`) gives in a matrixdropdown row: the row's value as written.
  const rowNames = dynamic ? undefined : (matrix.rows as AnyElement[]).map((row) => row.value as unknown);
  return { rows, rowNames, columns, minRows, minRowsFilled };
}

/** The item variables survey-core gives an expression in a panel or a row that the server does not reproduce yet. */
const UNSUPPORTED_ITEM_VARIABLES: Record<NonNullable<Fail['nested']>, readonly string[]> = {
  panel: ['prevPanel', 'nextPanel', 'parentPanel'],
  matrixdropdown: ['prevRow', 'nextRow', 'totalRow', 'visibleRowIndex', 'rowTitle'],
  matrixdynamic: ['prevRow', 'nextRow', 'totalRow', 'visibleRowIndex', 'rowTitle', 'rowName', 'rowValue', 'item'],
};

/** An expression question in a dynamic panel or a matrix column, computed per panel or row (check-core-rules.ts). */
function nestedComputed(question: AnyElement, what: string, fail: Fail, nested: NonNullable<Fail['nested']>): CoreQuestionRule['computed'] {
  // survey-core does not run the expression of a read-only expression question: it keeps whatever value it had.
  if (question.readOnly || question.enableIf) throw fail(what, 'a read-only expression question (readOnly, enableIf) keeps any value, which the server cannot check');
  const expression = typeof question.expression === 'string' ? question.expression : '';
  const parsed = parseExpression(expression);
  if (expression.trim() !== '' && !('error' in parsed)) {
    const unsupported = new Set(UNSUPPORTED_ITEM_VARIABLES[nested].map((name) => name.toLowerCase()));
    const variable = expressionNames(parsed.operand).variables.find((name) => unsupported.has(name.split(/[.[]/)[0].toLowerCase()));
    if (variable !== undefined) throw fail(what, `{${variable}} in ${JSON.stringify(expression)} is not recomputed by strict validation yet`);
  }
  const runner = compile(expression, what, fail, fail.properties);
  const round = (question.roundValue as (value: unknown) => unknown).bind(question);
  return { expression, run: (values) => round(runner.run(values)) };
}

/** A dynamic panel's template, as nodes like a page's (display elements left out). */
function templateNodes(template: AnyElement, outer: Fail): CoreNode[] {
  const fail = within(outer, 'panel');
  return (template.elements as AnyElement[])
    .filter((child) => child.isPanel || !NON_ANSWER_TYPES.has(child.getType()))
    .map((child) => (child.isPanel ? containerNode(child, fail) : questionNode(child, fail)));
}

/** Validators whose survey-core `validate(value)` depends on nothing but the value. */
const VALUE_ONLY_VALIDATORS = new Set(['numericvalidator', 'textvalidator', 'emailvalidator', 'regexvalidator', 'answercountvalidator']);

function bindValidator(question: AnyElement, validator: AnyElement, what: string, fail: Fail): BoundValidator {
  const type = validator.getType() as string;
  // survey-core names the question in default messages by getValidatorTitle(), or "value".
  const title = question.getValidatorTitle();
  if (VALUE_ONLY_VALIDATORS.has(type)) {
    return (value) => {
      const error = validator.validate(value, title, {})?.error;
      if (!error) return undefined;
      // survey-core has no default text for a regex validator: its error is real but empty.
      return error.getText() || (type === 'regexvalidator' ? `does not match the pattern ${validator.regex}` : 'The answer is not valid.');
    };
  }
  if (type === 'expressionvalidator') {
    const condition = compileCondition(validator.expression, `${what} expression validator`, fail);
    // On a value the page sets, it may hold: the server cannot refuse.
    if (condition === undefined || condition.readsHostVariable) return () => undefined;
    return (_value, values) => (condition.isTrue(values) ? undefined : validator.getErrorText(title));
  }
  throw fail(what, `validator type "${type}" is not supported by strict validation yet`);
}


function compileCondition(expression: unknown, what: string, fail: Fail, owner?: AnyElement): Condition | undefined {
  if (typeof expression !== 'string' || expression.trim() === '') return undefined;
  const runner = new ConditionRunner(expression);
  const parsed = parseExpression(expression);
  if (!runner.canRun() || 'error' in parsed) throw fail(what, `cannot parse ${JSON.stringify(expression)}`);
  if (runner.isAsync) throw fail(what, `async functions are not supported: ${JSON.stringify(expression)}`);
  const { variables, functions } = expressionNames(parsed.operand);
  for (const name of functions) {
    if (!PURE_FUNCTIONS.has(name)) throw fail(what, `function ${name}() in ${JSON.stringify(expression)} is not supported by strict validation yet`);
  }
  refuseBuiltInVariables(variables, what, expression, fail);
  const references = propertyReferences(variables, what, expression, fail, owner);
  const plainVariables = variables.filter((name) => !name.startsWith(ELEMENT_PROPERTY_PREFIX));
  const readsHostVariable =
    plainVariables.some((name) => fail.hostVariables.has(name.split(/[.[]/)[0].toLowerCase())) || [...(references?.values() ?? [])].some((reference) => reference.readsHostVariable);
  const reads = [...new Set([...plainVariables.map((name) => name.split(/[.[]/)[0].toLowerCase()), ...[...(references?.values() ?? [])].flatMap((reference) => reference.reads)])];
  const isTrue =
    references === undefined
      ? (values: Record<string, unknown>) => runner.runValues(values) === true
      : (values: Record<string, unknown>) => runner.runContext(contextWithProperties(values, references) as never) === true;
  return { expression, readsHostVariable, reads, isTrue };
}
