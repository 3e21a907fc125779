/**
 * Invalid cases for the survey-core-driven differential test: mutations of a
 * response survey-core's Model completed, and survey-core's verdict on each.
 */
import { ConditionRunner, type Question } from 'survey-core';
import { randomInt, type RandomSource } from '../../../analysis/stats/seeded-random.ts';
import type { SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { newModel } from './survey-core-respondent.ts';

type AnyQuestion = Question & Record<string, any>;

export type MutationKind =
  | 'outside-choices'
  | 'too-many-selections'
  | 'too-few-selections'
  | 'out-of-range-number'
  | 'out-of-range-date'
  | 'missing-required'
  | 'hidden-answer'
  | 'wrong-type'
  | 'unknown-key'
  | 'too-few-rows'
  | 'tampered-computed'
  | 'unavailable-choice'
  | 'tampered-trigger'
  | 'bad-attachment';

/**
 * Where survey-core accepts and the server is stricter by contract (ADR 0020):
 * unknown keys, wrong JSON types, values outside the choices, answers to hidden
 * questions, fewer rows than minRowCount. Any other refusal of what survey-core
 * accepts is a discrepancy.
 */
export const LENIENCIES: readonly MutationKind[] = [
  'unknown-key',
  'wrong-type',
  'outside-choices',
  'hidden-answer',
  'too-few-rows',
  // maxSelectedChoices: survey-core's form disables further choices, but hasErrors() does not check it,
  // so a posted response with more is refused by the server only (the form cannot produce it).
  'too-many-selections',
  // survey-core reads no file's content: a signature or file whose bytes are not what it says (a PNG with a
  // script after its end) is refused by the server only (a canvas or FileReader of a real file gives no such thing).
  'bad-attachment',
];

export interface Mutation {
  kind: MutationKind;
  question: string;
  data: Record<string, unknown>;
}

export interface CoreJudgement {
  refused: boolean;
  reason: string;
}

/** survey-core's verdict: errors over all pages, or an answer it would clear because its question is hidden. */
export function judgeWithSurveyCore(json: SurveyDefinitionJson, data: Record<string, unknown>): CoreJudgement {
  const model = newModel(json);
  model.data = structuredClone(data);
  if (model.hasErrors(false, false)) {
    const reasons = model
      .getAllQuestions(false, false, false)
      .flatMap((question) => question.errors.map((error) => `${question.name}: ${error.getText()}`));
    return { refused: true, reason: reasons.join('; ') || 'hasErrors' };
  }
  // survey-core recomputes calculated values and expression questions as the data loads, overwriting what was
  // sent: a sent value that differs from the model's own is one no form of this definition could have sent.
  for (const name of computedNames(model)) {
    if (!Object.hasOwn(data, name)) continue;
    const own = asJson(model.getValue(name) ?? model.getVariable(name));
    if (JSON.stringify(own) !== JSON.stringify(asJson(data[name]))) {
      return { refused: true, reason: `survey-core computes ${JSON.stringify(own)} for ${name}, not ${JSON.stringify(data[name])}` };
    }
  }
  // A value only triggers set (setvalue, copyvalue, runexpression aimed at no question or a read-only one): survey-core's
  // own triggers, run on the other answers (`runTriggers()`), set it; a sent value that differs did not come from them.
  for (const name of triggerOnlyNames(model)) {
    if (!Object.hasOwn(data, name)) continue;
    const own = setByTriggers(json, data, name);
    if (own !== undefined && JSON.stringify(own) !== JSON.stringify(asJson(data[name]))) {
      return { refused: true, reason: `survey-core's triggers set ${JSON.stringify(own)} for ${name}, not ${JSON.stringify(data[name])}` };
    }
    // No trigger is true for these answers: the value is one a trigger set earlier, with other answers (survey-core
    // never undoes a trigger). Where every trigger aimed at the name sets a fixed value, nothing else can be there.
    const possible = own === undefined ? fixedTriggerValues(model, name) : undefined;
    if (possible !== undefined && !possible.some((value) => JSON.stringify(value) === JSON.stringify(asJson(data[name])))) {
      return { refused: true, reason: `survey-core's triggers can set only ${JSON.stringify(possible)} for ${name}, not ${JSON.stringify(data[name])}` };
    }
  }
  // What survey-core's completion keeps: it drops a value whose choice the form no longer shows (choicesVisibleIf,
  // choicesFromQuestion) and a hidden matrix row's or column's answer. A sent value it changes or drops is one
  // no form could have sent.
  const completed = newModel(json);
  completed.data = structuredClone(data);
  completed.doComplete();
  const kept = completed.data as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    if (JSON.stringify(asJson(kept[key])) !== JSON.stringify(asJson(data[key])) && !isHiddenKey(completed, key)) {
      return { refused: true, reason: `survey-core's completion keeps ${JSON.stringify(asJson(kept[key]))} of ${key}, not ${JSON.stringify(data[key])}` };
    }
  }
  if (model.clearInvisibleValues !== 'none') {
    for (const key of Object.keys(data)) {
      const base = key.endsWith(model.commentSuffix) ? key.slice(0, -model.commentSuffix.length) : key;
      const questions = model.getQuestionsByValueNameCore?.(base) ?? [model.getQuestionByValueName(base)].filter(Boolean);
      const list = (Array.isArray(questions) ? questions : [questions]).filter(Boolean) as AnyQuestion[];
      if (list.length > 0 && list.every((question) => !question.isVisibleInSurvey)) {
        return { refused: true, reason: `${key} answers a hidden question; survey-core would clear it` };
      }
    }
  }
  return { refused: false, reason: '' };
}

/** Names whose value survey-core computes and stores: expression questions and calculated values with includeIntoResult. */
function computedNames(model: ReturnType<typeof newModel>): string[] {
  const expressions = model.getAllQuestions(false, false, false).filter((question) => question.getType() === 'expression').map((question) => question.getValueName());
  const calculated = model.calculatedValues.filter((item) => item.includeIntoResult).map((item) => item.name);
  return [...expressions, ...calculated];
}

/** Each dynamic panel's or matrix's answer with its first computed value inside a panel or row changed. */
function nestedComputedTampered(model: ReturnType<typeof newModel>, data: Record<string, unknown>): Array<[string, unknown]> {
  const tampered: Array<[string, unknown]> = [];
  const change = (value: unknown) => (typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : 'zz-tampered');
  for (const question of model.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const name = question.getValueName();
    const value = data[name];
    if (value === undefined || value === null || typeof value !== 'object') continue;
    const type = question.getType();
    const computed =
      type === 'paneldynamic'
        ? (question.template.questions as AnyQuestion[]).filter((inner) => inner.getType() === 'expression').map((inner) => inner.getValueName() as string)
        : type === 'matrixdropdown' || type === 'matrixdynamic'
          ? (question.columns as Array<{ name: string; cellType: string }>).filter((column) => column.cellType === 'expression').map((column) => column.name)
          : [];
    if (computed.length === 0) continue;
    const copy = JSON.parse(JSON.stringify(value)) as Record<string, Record<string, unknown>>;
    const entry = Object.values(copy).find((item) => item !== null && typeof item === 'object' && computed.some((key) => Object.hasOwn(item, key)));
    if (entry === undefined) continue;
    const key = computed.find((item) => Object.hasOwn(entry, item))!;
    entry[key] = change(entry[key]);
    tampered.push([name, copy]);
  }
  return tampered;
}

/**
 * Names only setvalue/copyvalue/runexpression triggers set: no question holds them, or a read-only one. Left out: a
 * runexpression whose runExpression reads a name its expression does not (what it set depends on the order of answering).
 */
export function triggerOnlyNames(model: ReturnType<typeof newModel>): string[] {
  const names = new Set<string>();
  const orderDependent = new Set<string>();
  const reads = (expression: unknown) => new ConditionRunner(String(expression ?? '')).getVariables().map((variable) => variable.toLowerCase());
  for (const trigger of model.triggers as unknown as Array<Record<string, any>>) {
    const name = trigger.setToName as string | undefined;
    if (!name) continue;
    const question = model.getQuestionByValueName(name) as AnyQuestion | null;
    if (question !== null && !question.readOnly) continue;
    const stale = trigger.getType() === 'runexpressiontrigger' && reads(trigger.runExpression).some((read) => !reads(trigger.expression).includes(read));
    (stale ? orderDependent : names).add(name);
  }
  return [...names].filter((name) => !orderDependent.has(name));
}

/**
 * The values the triggers aimed at `name` can set, when each is a setvalue trigger with a fixed setValue; undefined
 * when any copies or computes its value (copyvalue, runexpression), whose values cannot be listed.
 */
function fixedTriggerValues(model: ReturnType<typeof newModel>, name: string): unknown[] | undefined {
  const aimed = (model.triggers as unknown as Array<Record<string, any>>).filter((trigger) => trigger.setToName === name);
  if (aimed.length === 0 || aimed.some((trigger) => trigger.getType() !== 'setvaluetrigger' || trigger.isVariable)) return undefined;
  return aimed.map((trigger) => asJson(trigger.setValue));
}

/** What survey-core's triggers set for a name, run on the response's other values: a fresh model, the data, `runTriggers()`. */
export function setByTriggers(json: SurveyDefinitionJson, data: Record<string, unknown>, name: string): unknown {
  const model = newModel(json);
  const without = structuredClone(data);
  delete without[name];
  model.data = without;
  model.runTriggers();
  return asJson(model.getValue(name));
}

/** An answer to a question survey-core hides: judged below, as an answer to a hidden question. */
function isHiddenKey(model: ReturnType<typeof newModel>, key: string): boolean {
  const base = key.endsWith(model.commentSuffix) ? key.slice(0, -model.commentSuffix.length) : key;
  const question = model.getQuestionByValueName(base);
  return question !== null && !question.isVisibleInSurvey;
}

/** A value as it travels in JSON (a Date as its ISO text). */
function asJson(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? undefined : JSON.parse(json);
}

function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

function dayBefore(date: string): string | undefined {
  const time = Date.parse(date);
  if (!Number.isFinite(time)) return undefined;
  return new Date(time - 86400000).toISOString().slice(0, 10);
}

function dayAfter(date: string): string | undefined {
  const time = Date.parse(date);
  if (!Number.isFinite(time)) return undefined;
  return new Date(time + 86400000).toISOString().slice(0, 10);
}

function choiceValues(question: AnyQuestion): unknown[] {
  return ((question.visibleChoices ?? []) as Array<{ value: unknown }>).map((choice) => choice.value);
}

/** Up to `limit` mutations of a completed response, chosen at random from every one that applies. */
export function mutationsOf(json: SurveyDefinitionJson, data: Record<string, unknown>, random: RandomSource, limit = 4): Mutation[] {
  const model = newModel(json);
  model.data = structuredClone(data);
  const all: Mutation[] = [];
  const add = (kind: MutationKind, question: string, value: unknown) => {
    const mutated = structuredClone(data);
    if (value === undefined) delete mutated[question];
    else mutated[question] = value;
    all.push({ kind, question, data: mutated });
  };
  add('unknown-key', 'zz_not_a_question', 'x');
  const seen = new Set<string>();
  for (const question of model.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const name = question.getValueName();
    if (seen.has(name)) continue; // duplicate names share one value
    seen.add(name);
    const type = question.getType();
    const value = data[name];
    if (!question.isVisibleInSurvey) {
      if (value !== undefined) continue;
      const choice = choiceValues(question)[0];
      const hidden =
        type === 'checkbox' || type === 'tagbox' ? (choice === undefined ? undefined : [choice])
          : type === 'radiogroup' || type === 'dropdown' ? choice
            : type === 'boolean' ? true
              : type === 'rating' ? (question.visibleRateValues?.[0]?.value as unknown)
                : type === 'comment' || (type === 'text' && (question.inputType ?? 'text') === 'text') ? 'x'
                  : undefined;
      if (hidden !== undefined) add('hidden-answer', name, hidden);
      continue;
    }
    if (question.isRequired && value !== undefined && !question.isReadOnly) add('missing-required', name, undefined);
    switch (type) {
      case 'radiogroup':
      case 'dropdown':
        if (!question.showOtherItem && !question.hasOther) add('outside-choices', name, 'zz-not-a-choice');
        add('wrong-type', name, { value: 'x' });
        break;
      case 'checkbox':
      case 'tagbox': {
        const values = choiceValues(question).filter((v) => !['none', 'other', 'selectall'].includes(String(v)));
        if (!question.showOtherItem && !question.hasOther) add('outside-choices', name, [...(Array.isArray(value) ? value : []), 'zz-not-a-choice']);
        const max = numberOr(question.maxSelectedChoices, 0);
        if (max > 0 && values.length > max) add('too-many-selections', name, values.slice(0, max + 1));
        const min = numberOr(question.minSelectedChoices, 0);
        if (min > 1 && values.length > 0) add('too-few-selections', name, values.slice(0, min - 1));
        add('wrong-type', name, 'zz');
        break;
      }
      case 'rating':
        add('outside-choices', name, 987654);
        add('wrong-type', name, [1]);
        break;
      case 'boolean':
        // Not a string: valueTrue/valueFalse may make "yes" a valid answer.
        add('wrong-type', name, [true]);
        break;
      case 'text': {
        const inputType = question.inputType ?? 'text';
        if (inputType === 'number' || inputType === 'range') {
          if (question.max !== undefined && question.max !== '' && !Number.isNaN(Number(question.max))) add('out-of-range-number', name, Number(question.max) + 1);
          if (question.min !== undefined && question.min !== '' && !Number.isNaN(Number(question.min))) add('out-of-range-number', name, Number(question.min) - 1);
          add('wrong-type', name, { n: 1 });
        } else if (inputType === 'date') {
          const before = typeof question.min === 'string' ? dayBefore(question.min) : undefined;
          const after = typeof question.max === 'string' ? dayAfter(question.max) : undefined;
          if (before) add('out-of-range-date', name, before);
          if (after) add('out-of-range-date', name, after);
          add('wrong-type', name, 20250101);
        } else {
          add('wrong-type', name, ['x']);
        }
        break;
      }
      case 'comment':
        add('wrong-type', name, { text: 'x' });
        break;
      case 'matrix':
      case 'matrixdropdown':
      case 'multipletext':
        add('wrong-type', name, ['x']);
        break;
      case 'matrixdynamic': {
        add('wrong-type', name, { row: 'x' });
        const min = numberOr(question.minRowCount, 0);
        // Fewer, but not none: an empty answer is no answer, which the required rule judges.
        if (min > 1 && Array.isArray(value) && value.length >= min) add('too-few-rows', name, value.slice(0, min - 1));
        break;
      }
      case 'signaturepad':
        add('wrong-type', name, 12345);
        add('bad-attachment', name, `${String(value ?? 'data:image/png;base64,')}PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`);
        break;
      case 'file':
        add('wrong-type', name, 'photo.png');
        if (Array.isArray(value) && value.length > 0) {
          // A file with a script after its end, and one that says it is a PNG but is an SVG.
          add('bad-attachment', name, [{ ...value[0], content: `${value[0].content}PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==` }]);
          add('bad-attachment', name, [{ name: 'a.png', type: 'image/png', content: 'data:image/png;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+' }]);
        }
        break;
      case 'paneldynamic': {
        add('wrong-type', name, { panel: 'x' });
        const min = numberOr(question.minPanelCount, 0);
        if (min > 1 && Array.isArray(value) && value.length >= min) add('too-few-rows', name, value.slice(0, min - 1));
        break;
      }
      default:
        break;
    }
  }
  // A choice the earlier answers do not allow (issue 22): one of the question's own (or its source's) choices
  // that the form does not show for this response; a row or column of a matrix the form hides.
  for (const question of model.getAllQuestions(true, false, false) as AnyQuestion[]) {
    const name = question.getValueName();
    const type = question.getType();
    if (question.isReadOnly) continue;
    if (['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'imagepicker'].includes(type) && (question.choicesVisibleIf || question.choicesFromQuestion || question.choices.some((choice: AnyQuestion) => choice.visibleIf))) {
      const shown = new Set(choiceValues(question));
      const source = question.choicesFromQuestion ? model.getQuestionByName(question.choicesFromQuestion) as AnyQuestion | null : question;
      const hidden = ((source?.choices ?? []) as Array<{ value: unknown }>).map((choice) => choice.value).find((value) => !shown.has(value));
      if (hidden !== undefined) add('unavailable-choice', name, type === 'checkbox' || type === 'tagbox' || question.multiSelect ? [hidden] : hidden);
    }
    if (type === 'matrixdropdown') {
      // A filled-in row the form hides (rowsVisibleIf, a row's visibleIf): survey-core clears it on completion.
      const shownRows = new Set((question.visibleRows as Array<{ rowName: unknown }>).map((row) => String(row.rowName)));
      const hiddenRow = (question.rows as Array<{ value: unknown }>).map((row) => String(row.value)).find((row) => !shownRows.has(row));
      const textColumn = (question.columns as Array<{ name: string; cellType: string; inputType?: string }>).find(
        (column) => column.cellType === 'text' && (column.inputType ?? 'text') === 'text',
      );
      if (hiddenRow !== undefined && textColumn !== undefined) add('unavailable-choice', name, { ...(data[name] as object), [hiddenRow]: { [textColumn.name]: '7' } });
    }
    if (type === 'matrix') {
      const shownRows = new Set((question.visibleRows as Array<{ name: unknown }>).map((row) => String(row.name)));
      const hiddenRow = (question.rows as Array<{ value: unknown }>).map((row) => String(row.value)).find((row) => !shownRows.has(row));
      const column = (question.visibleColumns as Array<{ value: unknown }>)[0]?.value;
      if (hiddenRow !== undefined && column !== undefined) add('unavailable-choice', name, { ...(data[name] as object), [hiddenRow]: column });
      const shownColumns = new Set((question.visibleColumns as Array<{ value: unknown }>).map((c) => c.value));
      const hiddenColumn = (question.columns as Array<{ value: unknown }>).map((c) => c.value).find((value) => !shownColumns.has(value));
      const row = [...shownRows][0];
      if (hiddenColumn !== undefined && row !== undefined) add('unavailable-choice', name, { ...(data[name] as object), [row]: hiddenColumn });
    }
  }
  // A computed value that does not add up (issue 22): another number, or another text.
  for (const name of computedNames(model)) {
    if (!Object.hasOwn(data, name)) continue;
    const value = asJson(data[name]);
    add('tampered-computed', name, typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : 'zz-tampered');
  }
  // The same inside a dynamic panel or a matrix row (an expression question of the template, an expression column).
  for (const [name, mutated] of nestedComputedTampered(model, data)) add('tampered-computed', name, mutated);
  // A value a trigger sets, changed (issue 22): another number, the other boolean, another text.
  for (const name of triggerOnlyNames(model)) {
    if (!Object.hasOwn(data, name)) continue;
    const value = asJson(data[name]);
    add('tampered-trigger', name, typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : 'zz-tampered');
  }
  const chosen: Mutation[] = [];
  // Logic the server recomputes (issue 22): one of each such kind per response, beside the random ones, so a
  // fixture with logic always exercises it (a matrix's hidden row is rare among a response's many mutations).
  for (const kind of ['tampered-computed', 'unavailable-choice', 'tampered-trigger'] as const) {
    const ofKind = all.filter((mutation) => mutation.kind === kind);
    if (ofKind.length > 0) {
      const picked = ofKind[randomInt(random, ofKind.length)];
      chosen.push(picked);
      all.splice(all.indexOf(picked), 1);
    }
  }
  while (chosen.length < limit + 2 && all.length > 0) chosen.push(all.splice(randomInt(random, all.length), 1)[0]);
  return chosen;
}
