/**
 * Builds the strict validator for one definition. The survey-core model is
 * loaded once, here, to read the definition the way SurveyJS does (defaults,
 * generated rating scales, localized messages); checking a response then needs
 * no model at all (see build-core-rules.ts for why).
 *
 * The work per response is linear in its size, and the answer is at most
 * MAX_DETAILS details plus one that counts the rest: one anonymous request
 * must not hold the server for seconds nor get megabytes back (issue 20).
 */
import { Model } from 'survey-core';
import type { ApiErrorDetail, Submission } from '../../contracts/submission.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { buildCoreRules } from './build-core-rules.ts';
import { buildQuestionIndex, type QuestionIndex } from './build-question-index.ts';
import { COLLECTION_PAGES, type FormNavigation, type Triggers } from './build-triggers.ts';
import { checkAnswers } from './check-answers.ts';
import { checkCoreRules } from './check-core-rules.ts';
import { checkMeta } from './check-meta.ts';
import { checkTriggers } from './check-triggers.ts';
import { capDetails, MAX_DETAILS } from './cap-details.ts';
import { asStored, computeValues, type Logic } from './build-logic.ts';
import { computedFor, isSameStored, sentBut } from './computed-refusal.ts';
import { quoteValue } from './quote-value.ts';

export { MAX_DETAILS } from './cap-details.ts';

export type ResponseValidator = (submission: Submission) => ApiErrorDetail[];

/** @param form how the form that sends the responses navigates (build-triggers.ts); this project's collection pages by default */
export function createResponseValidator(definition: SurveyDefinition, form: FormNavigation = COLLECTION_PAGES): ResponseValidator {
  const model = new Model(definition.json);
  // Messages (required, validator defaults) in English, the API's language.
  model.locale = 'en';
  const questionIndex = buildQuestionIndex(model, definition.source);
  const hostVariables = Array.isArray(definition.json.variables) ? (definition.json.variables as unknown[]).map(String) : [];
  const coreRules = buildCoreRules(model, definition.source, hostVariables, form);
  const index = withTriggerTargets(questionIndex, coreRules.triggers);
  const commentSuffix = model.commentSuffix;
  const ownerOf = (key: string) => (index.byName.get(key) ?? index.byCommentKey.get(key))?.name;
  const computedNames: ReadonlySet<string> = new Set(coreRules.logic?.inData.keys() ?? []);

  return (submission) => {
    const data = submission.data;
    // Keys that are not questions come first in the details: only the first MAX_DETAILS can be shown.
    const { problems, acceptedKeys, moreUnknownKeys } = checkAnswers(index, data, MAX_DETAILS);

    const details: ApiErrorDetail[] = [];
    const byQuestion = new Map<string, string[]>();
    for (const problem of problems) {
      if (problem.owner === undefined) {
        details.push({ question: problem.key, message: problem.message });
        continue;
      }
      const messages = byQuestion.get(problem.owner);
      if (messages === undefined) byQuestion.set(problem.owner, [problem.message]);
      else messages.push(problem.message);
    }
    details.push(...checkMeta(definition.metaVariables, submission.meta));

    // survey-core's checks see only answers of questions without strict
    // problems: no "required" on top of "not one of the choices". No prototype,
    // so a condition on an unanswered question never finds an inherited member.
    const accepted: Record<string, unknown> = Object.create(null);
    for (const key of acceptedKeys) {
      const owner = index.byName.get(key) ?? index.byCommentKey.get(key);
      if (owner !== undefined && !byQuestion.has(owner.name)) accepted[key] = data[key];
    }
    // What survey-core computes from the answers (calculatedValues, expression questions), which conditions read too.
    const logic = coreRules.logic;
    const values = logic === undefined ? accepted : computeValues(logic, accepted);
    // Triggers (build-triggers.ts): values only they set, answers after a complete, pages the form did not validate.
    let unvalidated: ReadonlySet<string> | undefined;
    if (coreRules.triggers !== undefined) {
      const outcome = checkTriggers(coreRules.triggers, coreRules.pages, accepted, values, ownerOf, computedNames);
      unvalidated = outcome.unvalidated;
      for (const [name, message] of outcome.problems) {
        const messages = byQuestion.get(name);
        if (messages === undefined) byQuestion.set(name, [message]);
        else if (!messages.includes(message)) messages.push(message);
      }
    }
    for (const [name, messages] of checkCoreRules(coreRules, accepted, commentSuffix, values, unvalidated)) {
      if (!byQuestion.has(name)) byQuestion.set(name, messages);
    }
    if (logic !== undefined) {
      for (const [name, message] of computedValueProblems(logic, accepted, values)) if (!byQuestion.has(name)) byQuestion.set(name, [message]);
    }

    // In the definition's order, so the same response always gets the same answer.
    for (const name of index.byName.keys()) {
      for (const message of byQuestion.get(name) ?? []) details.push({ question: name, message });
    }
    return capDetails(details, moreUnknownKeys);
  };
}

/**
 * A name only triggers set and no question holds (build-triggers.ts) is part of the response's data, as
 * survey-core stores it: it joins the index as a value any JSON may hold, checked by check-triggers.ts.
 */
function withTriggerTargets(index: QuestionIndex, triggers: Triggers | undefined): QuestionIndex {
  const extra = (triggers?.targets ?? []).filter((target) => !target.question && !index.byName.has(target.name));
  if (extra.length === 0) return index;
  const byName = new Map(index.byName);
  for (const { name } of extra) byName.set(name, { name, rule: { kind: 'computed' }, comment: 'never', commentMaxLength: undefined });
  return { byName, byCommentKey: index.byCommentKey };
}

/**
 * A computed value sent in the response must be the one survey-core computes from the other answers
 * (the form computes it with the same engine, so only a tampered response differs). One absent is fine:
 * the route stores survey-core's (clear-hidden-chains.ts fills it in).
 */
function computedValueProblems(logic: Logic, accepted: Record<string, unknown>, values: Record<string, unknown>): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  for (const [name, item] of logic.inData) {
    if (!Object.hasOwn(accepted, name)) continue;
    const sent = asStored(accepted[name]);
    const computed = asStored(values[name]);
    if (isSameStored(sent, computed)) continue;
    const source = item.kind === 'expression' ? `its expression ${quoteValue(item.expression)}` : `calculated value expression ${quoteValue(item.expression)}`;
    problems.push([name, sentBut(sent, computedFor(source, 'gives', computed))]);
  }
  return problems;
}
