/**
 * The test oracle for check-core-rules.ts: the same checks done the slow,
 * obvious way, by loading the answers into a fresh survey-core model and
 * asking it (`model.validate()` over all pages, then each question's errors).
 * Messages are formatted exactly as the fast path formats them.
 */
import { Model, type Question, type SurveyError } from 'survey-core';
import type { SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { quoteValue } from '../../../server/validation/quote-value.ts';

export function checkWithSurveyCore(json: SurveyDefinitionJson, answers: Record<string, unknown>): Map<string, string[]> {
  const model = new Model(json);
  model.locale = 'en';
  model.data = structuredClone(answers);
  const problems = new Map<string, string[]>();
  const add = (name: string, message: string) => problems.set(name, [...(problems.get(name) ?? []), message]);
  const answerOf = (key: string) => (Object.hasOwn(answers, key) ? answers[key] : undefined);

  model.validate(true, false);
  for (const question of model.getAllQuestions(false, false, false)) {
    const name = question.getValueName();
    if (!question.isVisibleInSurvey) {
      const answered = answerOf(name) ?? answerOf(name + model.commentSuffix);
      if (answered !== undefined && model.clearInvisibleValues !== 'none') {
        add(name, `${quoteValue(answered)} answers a question that is hidden for this response (${describeHiding(question)})`);
      }
      continue;
    }
    const value = answerOf(name);
    for (const error of shownErrors(question.errors)) add(name, withValue(value, error.getText()));
    for (const cell of question.getNestedQuestions(true)) {
      const rowName = (cell.data as { rowName?: unknown } | undefined)?.rowName;
      for (const error of shownErrors(cell.errors)) {
        add(name, `row ${quoteValue(rowName)}, column ${quoteValue(cell.name)}: ${withValue(cell.value, error.getText())}`);
      }
    }
  }
  return problems;
}

function shownErrors(errors: SurveyError[]): SurveyError[] {
  return errors.filter((error) => error.isError && error.visible);
}

function withValue(value: unknown, text: string): string {
  return value === undefined ? text : `${quoteValue(value)}: ${text}`;
}

function describeHiding(question: Question): string {
  let element: any = question;
  while (element) {
    if (!element.isVisible) {
      const owner = element === question ? 'its' : `its ${element.isPage ? 'page' : 'panel'} ${JSON.stringify(element.name)}'s`;
      return element.visibleIf ? `${owner} visibleIf ${quoteValue(element.visibleIf)} is false` : `${owner} visible is false`;
    }
    element = element.parent;
  }
  return 'it is not shown';
}
