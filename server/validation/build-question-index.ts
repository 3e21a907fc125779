/**
 * What a valid answer looks like for each question of one definition, read once
 * from the survey-core model so the rules match what the SurveyJS client renders
 * (generated rating scales, inherited matrix cell choices, survey-wide length
 * limits) instead of re-deriving SurveyJS defaults from the raw JSON.
 * See docs/decisions/0020-strict-validation-on-top-of-survey-core.md.
 */
import { settings, type ItemValue, type Question, type SurveyModel } from 'survey-core';
import { attachmentRule, type AttachmentRule } from './attachment-rules.ts';

/** A choice value as it travels in JSON (SurveyJS keeps choice values' JSON types). */
export type ChoiceValue = string | number | boolean;

export interface ChoiceSet {
  /** Every value a respondent can pick, including other/none/refused/don't-know when shown. */
  values: ReadonlySet<unknown>;
  /** The "other" item's value when `showOtherItem` is on: picking it allows a `<name>-Comment`. */
  otherValue: ChoiceValue | undefined;
}

export type AnswerRule =
  | { kind: 'single'; choices: ChoiceSet }
  | { kind: 'multiple'; choices: ChoiceSet; exclusiveValues: ReadonlySet<unknown>; maxSelected: number }
  | { kind: 'ranking'; choices: ChoiceSet; rankSubset: boolean; maxSelected: number }
  | { kind: 'rating'; values: readonly ChoiceValue[]; valueSet: ReadonlySet<unknown>; scale: RatingScale | undefined }
  | { kind: 'boolean'; values: readonly [unknown, unknown] }
  | { kind: 'text'; numeric: boolean; maxLength: number | undefined; format?: DateLikeInputType }
  | { kind: 'matrix'; rows: ReadonlySet<string>; columns: ReadonlySet<unknown>; multiSelect: boolean }
  | { kind: 'matrixdropdown'; rows: ReadonlySet<string>; cells: AnswerRules }
  /** An object keyed by item name, each item a text input (https://surveyjs.io/form-library/examples/multiple-text-box-question/). */
  | { kind: 'multipletext'; items: AnswerRules }
  /** An array of row objects keyed by column; the form cannot add rows beyond maxRowCount. */
  | { kind: 'matrixdynamic'; cells: AnswerRules; maxRows: number }
  /** An array of panel objects keyed by the template's question names; at most maxPanelCount. */
  | { kind: 'paneldynamic'; panel: AnswerRules; maxPanels: number }
  /**
   * An expression question's value, or a calculated value with includeIntoResult: any JSON here;
   * the validator compares it with what survey-core computes from the answers (build-logic.ts).
   */
  | { kind: 'computed' }
  /** A signaturepad's image or a file question's files, as data URLs (attachment-rules.ts). */
  | AttachmentRule;

/** Text inputs whose browser control can only produce one string format (https://html.spec.whatwg.org/multipage/input.html). */
export type DateLikeInputType = 'date' | 'datetime-local' | 'month' | 'week' | 'time';
const DATE_LIKE_INPUT_TYPES: ReadonlySet<string> = new Set(['date', 'datetime-local', 'month', 'week', 'time']);
function isDateLikeInputType(inputType: unknown): inputType is DateLikeInputType {
  return typeof inputType === 'string' && DATE_LIKE_INPUT_TYPES.has(inputType);
}

/** A generated numeric rating scale (no `rateValues`), for clearer messages. */
export interface RatingScale {
  min: number;
  max: number;
  step: number;
}

export interface QuestionRule {
  name: string;
  rule: AnswerRule;
  /** Whether `<name>-Comment` may be sent: never, only with "other" picked, or always (`showCommentArea`). */
  comment: 'never' | 'with-other' | 'always';
  commentMaxLength: number | undefined;
  /**
   * Other questions that store their answer under this name (survey-core lets two questions
   * share one value, e.g. an e-mail shown again to confirm it): the value must pass each rule.
   */
  sharedWith?: QuestionRule[];
}

/** Rules by answer key, for the top level of `data` or for one matrixdropdown row object. */
export interface AnswerRules {
  byName: ReadonlyMap<string, QuestionRule>;
  /** `<name>-Comment` → the question that owns it. */
  byCommentKey: ReadonlyMap<string, QuestionRule>;
}

/** The top level of `data`; `byName` is in the definition's question order. */
export type QuestionIndex = AnswerRules;

/** Question types that never carry an answer in `data`. */
export const NON_ANSWER_TYPES: ReadonlySet<string> = new Set(['html', 'image']);

/** Names that would hit the `__proto__` setter if survey-core copied data into a plain object. */
const FORBIDDEN_NAMES = new Set(['__proto__']);

export function buildQuestionIndex(model: SurveyModel, source: string): QuestionIndex {
  const rules: QuestionRule[] = [];
  const first = new Map<string, QuestionRule>();
  for (const question of model.getAllQuestions(false, false, false)) {
    if (NON_ANSWER_TYPES.has(question.getType())) continue;
    const name = question.getValueName();
    if (FORBIDDEN_NAMES.has(name)) throw unsupported(source, name, 'a question may not be named "__proto__"');
    const rule = ruleForQuestion(question, source, name, name);
    const sharing = first.get(name);
    if (sharing === undefined) {
      first.set(name, rule);
      rules.push(rule);
    } else {
      shareName(sharing, rule);
    }
  }
  // survey-core puts a calculated value with includeIntoResult into the data (setCalculatedValuesIntoResult).
  for (const item of ((model as unknown as Record<string, any>).calculatedValues ?? []) as Array<Record<string, any>>) {
    const name = String(item.name);
    if (item.includeIntoResult && !first.has(name)) rules.push({ name, rule: { kind: 'computed' }, comment: 'never', commentMaxLength: undefined });
  }
  return indexRules(rules);
}

/** A second question with the first's name: one entry, checked against both; a comment allowed when either allows it. */
function shareName(first: QuestionRule, next: QuestionRule): void {
  (first.sharedWith ??= []).push(next);
  if (first.comment === 'never' || (first.comment === 'with-other' && next.comment === 'always')) {
    first.comment = next.comment;
    first.commentMaxLength = next.commentMaxLength;
  }
}

function indexRules(rules: QuestionRule[]): AnswerRules {
  const byName = new Map<string, QuestionRule>();
  const byCommentKey = new Map<string, QuestionRule>();
  for (const rule of rules) {
    byName.set(rule.name, rule);
    if (rule.comment !== 'never') byCommentKey.set(rule.name + settings.commentSuffix, rule);
  }
  return { byName, byCommentKey };
}

// survey-core's question classes are typed per type; this reads the few
// properties we need through one loose view rather than importing every class.
type AnyQuestion = Question & Record<string, any>;

/**
 * @param label how errors about the definition name this question ("md.c1" for a matrix cell)
 */
function ruleForQuestion(question: Question, source: string, name: string, label: string, inheritedChoices?: ItemValue[]): QuestionRule {
  const q = question as AnyQuestion;
  const type = q.getType();
  const hasOther = Boolean(q.showOtherItem);
  const hasCommentArea = Boolean(q.showCommentArea);
  if (hasOther && typeof q.getStoreOthersAsComment === 'function' && !q.getStoreOthersAsComment()) {
    throw unsupported(source, label, 'storeOthersAsComment: false is not supported (the "other" text would replace the choice value)');
  }
  return {
    name,
    rule: answerRule(q, type, source, label, inheritedChoices),
    comment: hasCommentArea ? 'always' : hasOther ? 'with-other' : 'never',
    commentMaxLength: positiveOrUndefined(q.getOthersMaxLength?.()),
  };
}

function answerRule(q: AnyQuestion, type: string, source: string, label: string, inheritedChoices?: ItemValue[]): AnswerRule {
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
      return { kind: 'single', choices: choiceSet(q, source, label, inheritedChoices) };
    case 'imagepicker':
      // One image's value, or with multiSelect an array of them, like radiogroup and checkbox.
      return q.multiSelect
        ? { kind: 'multiple', choices: choiceSet(q, source, label), exclusiveValues: new Set(), maxSelected: q.maxSelectedChoices || Infinity }
        : { kind: 'single', choices: choiceSet(q, source, label) };
    case 'checkbox':
    case 'tagbox': {
      const choices = choiceSet(q, source, label, inheritedChoices);
      return {
        kind: 'multiple',
        choices,
        exclusiveValues: exclusiveValues(q, inheritedChoices),
        maxSelected: q.maxSelectedChoices || Infinity,
      };
    }
    case 'ranking':
      return {
        kind: 'ranking',
        choices: choiceSet(q, source, label, inheritedChoices),
        rankSubset: Boolean(q.selectToRankEnabled),
        maxSelected: q.maxSelectedChoices || Infinity,
      };
    case 'rating': {
      const values = (q.visibleRateValues as ItemValue[]).map((item) => item.value as ChoiceValue);
      const generated = !q.useRateValues();
      return {
        kind: 'rating',
        values,
        valueSet: new Set(values),
        scale: generated ? { min: q.rateMin, max: values[values.length - 1] as number, step: q.rateStep } : undefined,
      };
    }
    case 'boolean':
      return { kind: 'boolean', values: [q.valueTrue ?? true, q.valueFalse ?? false] };
    case 'text':
      return {
        kind: 'text',
        numeric: q.inputType === 'number' || q.inputType === 'range',
        maxLength: positiveOrUndefined(q.getMaxLength()),
        ...(isDateLikeInputType(q.inputType) ? { format: q.inputType } : {}),
      };
    case 'comment':
      return { kind: 'text', numeric: false, maxLength: positiveOrUndefined(q.getMaxLength()) };
    case 'matrix':
      return {
        kind: 'matrix',
        rows: new Set((q.rows as ItemValue[]).map((row) => String(row.value))),
        columns: new Set((q.columns as ItemValue[]).map((column) => column.value)),
        multiSelect: Boolean(q.isMultiSelect),
      };
    case 'matrixdropdown':
      return {
        kind: 'matrixdropdown',
        rows: new Set((q.rows as ItemValue[]).map((row) => String(row.value))),
        cells: columnRules(q, source, label),
      };
    case 'multipletext':
      return {
        kind: 'multipletext',
        items: indexRules((q.items as Array<Record<string, any>>).map((item) => ruleForQuestion(item.editor, source, item.name, `${label}.${item.name}`))),
      };
    case 'matrixdynamic':
      return { kind: 'matrixdynamic', cells: columnRules(q, source, label), maxRows: q.maxRowCount > 0 ? q.maxRowCount : Infinity };
    case 'paneldynamic':
      return {
        kind: 'paneldynamic',
        panel: indexRules(
          (q.template.questions as Question[])
            .filter((nested) => !NON_ANSWER_TYPES.has(nested.getType()))
            .map((nested) => ruleForQuestion(nested, source, nested.getValueName(), `${label}.${nested.getValueName()}`)),
        ),
        maxPanels: q.maxPanelCount > 0 ? q.maxPanelCount : Infinity,
      };
    case 'expression':
      return { kind: 'computed' };
    case 'signaturepad':
    case 'file':
      return attachmentRule(q, (reason) => unsupported(source, label, reason));
    default:
      throw unsupported(source, label, `question type "${type}" is not supported by strict validation yet`);
  }
}

/** A matrix's cells, one rule per column, each column a question of its cellType (survey-core's templateQuestion). */
function columnRules(q: AnyQuestion, source: string, label: string): AnswerRules {
  return indexRules(
    (q.columns as Array<Record<string, any>>).map((column) =>
      ruleForQuestion(column.templateQuestion, source, column.name, `${label}.${column.name}`, q.choices),
    ),
  );
}

function choiceSet(q: AnyQuestion, source: string, label: string, inheritedChoices?: ItemValue[]): ChoiceSet {
  if (q.choicesByUrl?.url) {
    // https://surveyjs.io/form-library/documentation/api-reference/questionselectbase#choicesByUrl
    throw unsupported(source, label, `choicesByUrl would make every respondent's form request ${JSON.stringify(q.choicesByUrl.url)}, another server (kiosks run on closed networks, and the server could not check answers against choices it never saw); list the choices in the definition`);
  }
  // Choices that depend on the answers: here every value the form could show; which ones it shows for a
  // response is checked with the other answers (build-dynamic-choices.ts).
  const items = q.choicesFromQuestion ? choicesOfSource(q, source, label) : ownOrInheritedChoices(q, inheritedChoices);
  const values = new Set<unknown>();
  for (const item of items) {
    if ((item as ItemValue & { showCommentArea?: boolean }).showCommentArea) {
      throw unsupported(source, label, `choice ${JSON.stringify(item.value)} has its own comment area, which is not supported yet`);
    }
    values.add(item.value);
  }
  // A dropdown may generate numeric choices from choicesMin..choicesMax.
  if (q.getType() === 'dropdown' && q.choicesMax > q.choicesMin) {
    for (let value = q.choicesMin; value <= q.choicesMax; value += q.choicesStep || 1) values.add(value);
  }
  const specialItems: Array<[boolean, ItemValue | undefined]> = [
    [q.showOtherItem, q.otherItem],
    [q.showNoneItem, q.noneItem],
    [q.showRefuseItem, q.refuseItem],
    [q.showDontKnowItem, q.dontKnowItem],
  ];
  for (const [shown, item] of specialItems) if (shown && item) values.add(item.value);
  return { values, otherValue: q.showOtherItem ? q.otherItem.value : undefined };
}

function exclusiveValues(q: AnyQuestion, inheritedChoices?: ItemValue[]): Set<unknown> {
  const exclusive = new Set<unknown>();
  if (q.showNoneItem) exclusive.add(q.noneItem.value);
  if (q.showRefuseItem) exclusive.add(q.refuseItem.value);
  if (q.showDontKnowItem) exclusive.add(q.dontKnowItem.value);
  for (const item of ownOrInheritedChoices(q, inheritedChoices)) {
    if ((item as ItemValue & { isExclusive?: boolean }).isExclusive) exclusive.add(item.value);
  }
  return exclusive;
}

/**
 * choicesFromQuestion: every choice of the source question (following a chain of them), and its "other" value,
 * which survey-core copies in "selected" mode. Which of them a response may pick is checked with its answers.
 */
function choicesOfSource(q: AnyQuestion, source: string, label: string): ItemValue[] {
  const seen = new Set<unknown>();
  let current: AnyQuestion = q;
  const items: ItemValue[] = [];
  while (current.choicesFromQuestion) {
    if (seen.has(current)) throw unsupported(source, label, 'choicesFromQuestion goes round in a circle');
    seen.add(current);
    const next = current.survey?.getQuestionByName(current.choicesFromQuestion) as AnyQuestion | null;
    if (!next) throw unsupported(source, label, `choicesFromQuestion ${JSON.stringify(current.choicesFromQuestion)} is not a question of this survey`);
    if (next.showOtherItem && current.choicesFromQuestionMode === 'selected') items.push(next.otherItem);
    current = next;
  }
  return [...(current.choices as ItemValue[]), ...items];
}

/** A matrixdropdown column without its own choices uses the matrix's (as survey-core does for its cells). */
function ownOrInheritedChoices(q: AnyQuestion, inheritedChoices?: ItemValue[]): ItemValue[] {
  const own = (q.choices ?? []) as ItemValue[];
  return own.length === 0 && inheritedChoices ? inheritedChoices : own;
}

function positiveOrUndefined(limit: unknown): number | undefined {
  return typeof limit === 'number' && limit > 0 ? limit : undefined;
}

function unsupported(source: string, label: string, reason: string): Error {
  return new Error(`${source}: question "${label}": ${reason}`);
}
