/**
 * The survey's triggers (issue 22, item 1), compiled once per definition into survey-core's own
 * ConditionRunner/ExpressionRunner, and what a response must be consistent with, read from
 * survey-core 3's trigger code (trigger.ts, survey.ts checkTriggers/checkOnPageTriggers):
 *
 * - `setvalue`, `copyvalue`, `runexpression` run when a value their expression reads changes (copyvalue
 *   also when its `fromName` changes), and set `setToName` when the expression is true. They never undo
 *   what they set when it turns false. A target the respondent can edit (a visible, editable question)
 *   holds the respondent's last word, as a setValueIf target does (ADR 0096): it is checked like a typed
 *   answer. A target only triggers set (a name no question holds, or a read-only question) is checked
 *   here: when a trigger aimed at it is true for the response, the value must be one such a trigger
 *   gives for the response's own values; when none is, it may be absent or what one of them set earlier.
 * - `complete` is checked on "Next" of a page holding a question it reads (on every page when it reads a
 *   calculated value or a function without arguments), and ends the survey there when true. survey-core
 *   does not validate the pages after it, and keeps answers a respondent gave on them before going back
 *   and changing the answer the trigger reads (or reached past it by a progress step). So the questions
 *   after it are not checked, and answers to them are refused only when the form cannot go back
 *   (FormNavigation below: the collection pages always can; a definition with showPrevButton false, no
 *   table of contents, no progress bar and no skip trigger, in a form without progress steps, cannot).
 * - `skip` (survey-core's default executeSkipOnValueChanged) jumps to `gotoName`'s page when a value its
 *   expression reads changes: the pages between are not validated. Their answers are accepted: "Previous"
 *   on the target page goes back to the page the skip came from, and "Next" from there visits them.
 * - An expression that reads an element property (`{$q1.isVisible}`, element-properties.ts) is run by survey-core
 *   on every change of any value and on "Next" of every page (ValueGetter.isAnyKeyChanged: "An element property
 *   reference can change without any value key change"), so such a trigger is checked as one that reads every
 *   name: a value trigger true for the final answers ran last with them, runExpression included.
 *
 * A definition without triggers compiles to `undefined`. See docs/decisions/0096-server-side-expressions-with-survey-core.md.
 */
import { ConditionRunner, Helpers, settings, type SurveyModel } from 'survey-core';
import { asStored } from './build-logic.ts';
import type { Condition } from './condition.ts';

type AnyElement = Record<string, any>;
type Fail = (what: string, reason: string) => Error;
type CompileCondition = (expression: unknown, what: string) => Condition | undefined;
/** An ExpressionRunner (build-logic.ts): its result, and the names it reads (lower case, first segment). */
type CompileExpression = (expression: unknown, what: string) => { run: (values: Record<string, unknown>) => unknown; reads: string[] };

/** One setvalue/copyvalue/runexpression trigger aimed at a name only triggers set. */
export interface ValueTrigger {
  type: 'setvalue' | 'copyvalue' | 'runexpression';
  /** How a message names it: `setvalue trigger (expression "{a} = 1")`. */
  label: string;
  /** undefined: copyvalue without an expression, which runs whenever `fromName` changes. */
  condition: Condition | undefined;
  /**
   * What it sets for these values, as stored (undefined: it clears the name), or `unknown` when that
   * depends on the order of answering (a runExpression reading a name the expression does not).
   */
  result(values: Record<string, unknown>): { value: unknown } | 'unknown' | 'nothing';
  /** Every value it can ever set, when that is one constant (setvalue); undefined: any value. */
  constant: { value: unknown } | undefined;
  /** survey-core runs it whatever value changed (runsOnEveryChange): while true, it ran at the last change. */
  everyChange: boolean;
}

export interface TriggerTarget {
  name: string;
  triggers: ValueTrigger[];
  /** A read-only question holds it: survey-core clears it on completion when the question is hidden. */
  question: boolean;
}

export interface CompleteTrigger {
  label: string;
  expression: string;
  condition: Condition;
  /** Indexes of the pages on whose "Next" survey-core checks it, in page order. */
  pages: number[];
  /**
   * By page index: the place of the first question it reads there (the page's first question when it reads a
   * calculated value). The form may end on the part of the page holding it: the kiosk splits long pages.
   */
  firstRead: Map<number, number>;
  /** By page index: the lower-case names it reads that questions of later pages hold. */
  readsLater: Map<number, string[]>;
}

export interface SkipTrigger {
  condition: Condition;
  /** The place of the earliest question it reads (-1: it reads a value no question holds). */
  from: number;
  /** The place of `gotoName`'s question. */
  to: number;
  /** It reads a question on its target page or after: it may have fired and be false now. */
  mayHaveFired: boolean;
}

/**
 * How the form that sends the responses navigates. The collection pages (client/survey/create-survey-model.ts)
 * always show survey-core's progress steps (`progressBarType: "pages"`): a step goes back to any earlier page
 * without validating, and forward past pages (validating them) without running their complete triggers.
 */
export interface FormNavigation {
  progressSteps: boolean;
}

/** The form this project serves: the kiosk and online pages. */
export const COLLECTION_PAGES: FormNavigation = { progressSteps: true };

export interface Triggers {
  targets: TriggerTarget[];
  completes: CompleteTrigger[];
  skips: SkipTrigger[];
  /** Previous button, table of contents, progress bar, a skip back: answers after a complete are then kept. */
  canGoBack: boolean;
  /** The pages' names, by index. */
  pageNames: string[];
  /** By lower-case value name: the index of the page whose question holds it (its first). */
  pageOf: ReadonlyMap<string, number>;
  /** By lower-case value name: its question's place among all the pages' questions (the first). */
  positionOf: ReadonlyMap<string, number>;
  /** By page index: the place of its first question. */
  pageStart: number[];
  /** By value name: questions whose later answers survey-core sets itself (defaultValue, defaultValueExpression, setValueIf). */
  presetAnswers: ReadonlyMap<string, { defaultValue: unknown } | 'any'>;
}

const SUPPORTED: Record<string, string> = {
  completetrigger: 'complete',
  setvaluetrigger: 'setvalue',
  copyvaluetrigger: 'copyvalue',
  runexpressiontrigger: 'runexpression',
  skiptrigger: 'skip',
};

export function buildTriggers(
  model: SurveyModel,
  fail: Fail,
  compileCondition: CompileCondition,
  compileExpression: CompileExpression,
  form: FormNavigation = COLLECTION_PAGES,
): Triggers | undefined {
  const survey = model as unknown as AnyElement;
  const list = (survey.triggers ?? []) as AnyElement[];
  if (list.length === 0) return undefined;
  const pageOf = new Map<string, number>();
  const positionOf = new Map<string, number>();
  const pageStart: number[] = [];
  const presetAnswers = new Map<string, { defaultValue: unknown } | 'any'>();
  let position = 0;
  model.pages.forEach((page, index) => {
    pageStart.push(position);
    for (const question of (page as unknown as AnyElement).questions as AnyElement[]) {
      const name = String(question.getValueName());
      if (!pageOf.has(name.toLowerCase())) pageOf.set(name.toLowerCase(), index);
      if (!positionOf.has(name.toLowerCase())) positionOf.set(name.toLowerCase(), position);
      position++;
      if (question.defaultValueExpression || question.setValueIf || question.setValueExpression) presetAnswers.set(name, 'any');
      else if (!Helpers.isValueEmpty(question.defaultValue) && !presetAnswers.has(name)) presetAnswers.set(name, { defaultValue: asStored(question.defaultValue) });
    }
  });
  const calculatedNames = new Set(((survey.calculatedValues ?? []) as AnyElement[]).map((item) => String(item.name).toLowerCase()));
  const pagesReading = (condition: Condition): { pages: number[]; everyPage: boolean } => {
    // survey-core never skips an expression with an argument-less function (canSkipExpressionByKeys) or an
    // element property (isAnyKeyChanged), and adds every calculated value to the keys it checks on "Next"
    // (checkOnPageTriggers).
    const everyPage = runsOnEveryChange(condition.expression) || condition.reads.some((name) => calculatedNames.has(name));
    const pages = everyPage
      ? model.pages.map((_page, index) => index)
      : [...new Set(condition.reads.map((name) => pageOf.get(name)).filter((index): index is number => index !== undefined))].sort((a, b) => a - b);
    return { pages, everyPage };
  };

  const targets = new Map<string, TriggerTarget>();
  const completes: CompleteTrigger[] = [];
  const skips: SkipTrigger[] = [];
  list.forEach((trigger, position) => {
    const type = SUPPORTED[trigger.getType() as string];
    const what = `trigger ${position + 1}`;
    if (type === undefined) {
      const name = String(trigger.getType()).replace(/trigger$/, '');
      throw fail(what, `"triggers" of type "${name}" are not supported by strict validation (supported: complete, setvalue, copyvalue, runexpression, skip)${name === 'visible' ? '; "visible" triggers are obsolete in survey-core, use visibleIf' : ''}`);
    }
    const expression = typeof trigger.expression === 'string' ? trigger.expression : '';
    const condition = compileCondition(expression, `${what} (${type}) expression`);
    const label = `${type} trigger (expression ${JSON.stringify(expression)})`;
    if (type === 'complete' || type === 'skip') {
      if (model.questionsOnPageMode !== 'standard') {
        throw fail(what, `a ${type} trigger with questionsOnPageMode "${model.questionsOnPageMode}" is not supported by strict validation yet`);
      }
      // survey-core runs neither without an expression.
      if (condition === undefined) return;
      const { pages, everyPage } = pagesReading(condition);
      if (type === 'complete') {
        const readsLater = new Map<number, string[]>();
        const firstRead = new Map<number, number>();
        for (const page of pages) {
          const later = condition.reads.filter((name) => (pageOf.get(name) ?? -1) > page);
          if (later.length > 0) readsLater.set(page, later);
          const places = everyPage ? [] : condition.reads.filter((name) => pageOf.get(name) === page).map((name) => positionOf.get(name)!);
          firstRead.set(page, places.length > 0 ? Math.min(...places) : pageStart[page]);
        }
        completes.push({ label, expression, condition, pages, firstRead, readsLater });
        return;
      }
      const gotoName = String(trigger.gotoName ?? '');
      const goto = gotoName === '' ? null : (model.getQuestionByName(gotoName, true) as AnyElement | null);
      // survey-core's focusQuestion does nothing for a question it cannot find.
      if (!goto || !goto.page || goto.parentQuestion) return;
      const to = positionOf.get(String(goto.getValueName()).toLowerCase());
      if (to === undefined) return;
      const readPlaces = condition.reads.map((name) => positionOf.get(name));
      const from = everyPage || readPlaces.length === 0 || readPlaces.includes(undefined) ? -1 : Math.min(...(readPlaces as number[]));
      skips.push({ condition, from, to, mayHaveFired: condition.readsHostVariable || readPlaces.some((place) => place === undefined || place >= to) });
      return;
    }
    const setToName = String(trigger.setToName ?? '');
    // survey-core does nothing without a target (canBeExecuted), or a runexpression without runExpression.
    if (setToName === '') return;
    if (type === 'runexpression' && !(typeof trigger.runExpression === 'string' && trigger.runExpression.trim() !== '')) return;
    if (type === 'copyvalue' && !trigger.fromName) return;
    if (type === 'setvalue' && trigger.isVariable) throw fail(what, 'a setvalue trigger with "isVariable" sets a survey variable, which the server does not have');
    if (/[.[]/.test(setToName)) throw fail(what, `"setToName" ${JSON.stringify(setToName)} sets a value inside another answer, which strict validation does not recompute yet`);
    if (calculatedNames.has(setToName.toLowerCase())) throw fail(what, `"setToName" ${JSON.stringify(setToName)} is a calculated value, which survey-core recomputes`);
    const question = (model.getQuestionByValueName(setToName) ?? model.getQuestionByName(setToName, true)) as AnyElement | null;
    if (question?.getType() === 'expression') throw fail(what, `"setToName" ${JSON.stringify(setToName)} is an expression question, which survey-core recomputes`);
    // The respondent's last word: a question they can see and edit (checked like a typed answer).
    if (question && isEditable(question)) return;
    const name = question ? String(question.getValueName()) : setToName;
    let result: ValueTrigger['result'];
    let constant: ValueTrigger['constant'];
    if (type === 'setvalue') {
      const value = asStored(Helpers.getUnbindValue(trigger.setValue));
      constant = { value };
      result = () => ({ value });
    } else if (type === 'copyvalue') {
      const fromName = String(trigger.fromName);
      if (/[.[]/.test(fromName)) throw fail(what, `"fromName" ${JSON.stringify(fromName)} reads a value inside another answer, which strict validation does not recompute yet`);
      if (trigger.copyDisplayValue) throw fail(what, 'a copyvalue trigger with "copyDisplayValue" copies the text the form shows, which the server does not render');
      const key = (model.getQuestionByValueName(fromName) as AnyElement | null)?.getValueName() ?? fromName;
      // A source survey-core cleared on completion (its question hidden) was copied before: any copy may stay.
      result = (values) => (Object.hasOwn(values, key) ? { value: asStored(values[key]) } : 'unknown');
    } else {
      const runner = compileExpression(trigger.runExpression, `${what} (runexpression) runExpression`);
      // The trigger runs when the expression's names change, not runExpression's: a name only runExpression
      // reads may have changed after it ran, so its result then depends on the order of answering. One whose
      // expression survey-core runs on every change (an element property, an argument-less function) ran last
      // with the final answers.
      const stale =
        condition === undefined || (!runsOnEveryChange(condition.expression) && runner.reads.some((read) => !condition.reads.includes(read.toLowerCase())));
      result = (values) => {
        if (stale) return 'unknown';
        const value = runner.run(values);
        // survey-core sets nothing for an undefined result (onCompleteRunExpression).
        return value === undefined ? 'nothing' : { value: asStored(Helpers.convertValToQuestionVal(value)) };
      };
    }
    // A setvalue or runexpression trigger without an expression never runs; copyvalue runs on fromName's changes.
    if (condition === undefined && type !== 'copyvalue') return;
    const target = targets.get(name) ?? { name, triggers: [], question: question !== null };
    targets.set(name, target);
    target.triggers.push({ type: type as ValueTrigger['type'], label, condition, result, constant, everyChange: condition !== undefined && runsOnEveryChange(condition.expression) });
  });

  const canGoBack =
    form.progressSteps ||
    model.showPrevButton !== false ||
    Boolean(survey.showTOC) ||
    (Boolean(survey.showProgressBar) && survey.showProgressBar !== 'off') ||
    survey.showNavigationButtons === false ||
    survey.showNavigationButtons === 'none' ||
    skips.length > 0;
  return { targets: [...targets.values()], completes, skips, canGoBack, pageNames: model.pages.map((page) => page.name), pageOf, positionOf, pageStart, presetAnswers };
}

function isEditable(question: AnyElement): boolean {
  if (question.visible === false || question.parentQuestion) return false;
  // An enableIf may be true when the respondent answers: theirs then.
  if (question.enableIf) return true;
  for (let element: AnyElement | null = question; element; element = element.parent ?? null) {
    if (element.readOnly) return false;
    if (element.enableIf) return true;
  }
  return true;
}

/**
 * survey-core runs the expression whatever value changed (Base.canSkipExpressionByKeys): it has a function without
 * arguments (ExpressionRunnerBase.hasFunction(true)), or reads an element property (ValueGetter.isAnyKeyChanged
 * answers true for any `$` name). Asked of survey-core's own runner, as canSkipExpressionByKeys asks it.
 */
function runsOnEveryChange(expression: string): boolean {
  const runner = new ConditionRunner(expression) as unknown as { hasFunction(noParamsOnly: boolean): boolean; getVariables(): string[] };
  return runner.hasFunction(true) || runner.getVariables().some((name) => name.startsWith(settings.expressionElementPropertyPrefix));
}
