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
    for (const message of nestedMessages(question as Question & Record<string, any>, answerOf(name), model.commentSuffix, model.clearInvisibleValues !== 'none')) add(name, message);
  }
  return problems;
}

/** Errors inside a question's answer (cells, items, panels), worded as the fast path words them. */
function nestedMessages(question: Question & Record<string, any>, value: unknown, commentSuffix: string, refuseHidden: boolean): string[] {
  const type = question.getType();
  const messages: string[] = [];
  if (type === 'multipletext') {
    for (const item of question.items as Array<Record<string, any>>) {
      const itemValue = isObject(value) ? value[item.name] : undefined;
      for (const error of shownErrors(item.editor.errors)) messages.push(`item ${quoteValue(item.name)}: ${withValue(itemValue, error.getText())}`);
    }
    return messages;
  }
  if (type === 'paneldynamic') {
    (question.panels as Array<Record<string, any>>).forEach((panel, index) => {
      const panelValue = Array.isArray(value) && isObject(value[index]) ? value[index] : {};
      for (const nested of panel.questions as Question[]) {
        const key = nested.getValueName();
        const answered = Object.hasOwn(panelValue, key) ? panelValue[key] : Object.hasOwn(panelValue, key + commentSuffix) ? panelValue[key + commentSuffix] : undefined;
        if (!nested.isVisible) {
          if (answered !== undefined && refuseHidden) {
            messages.push(`panel ${index + 1}, question ${quoteValue(key)}: ${quoteValue(answered)} answers a question that is hidden for this response (${describeHiding(nested)})`);
          }
          continue;
        }
        const own = Object.hasOwn(panelValue, key) ? panelValue[key] : undefined;
        for (const error of shownErrors(nested.errors)) messages.push(`panel ${index + 1}, question ${quoteValue(key)}: ${withValue(own, error.getText())}`);
      }
    });
    return messages;
  }
  const dynamicRows = type === 'matrixdynamic' ? (question.visibleRows as unknown[]) : undefined;
  for (const cell of question.getNestedQuestions(true)) {
    const rowLabel = dynamicRows
      ? `row ${dynamicRows.indexOf(cell.data) + 1}`
      : `row ${quoteValue((cell.data as { rowName?: unknown } | undefined)?.rowName)}`;
    for (const error of shownErrors(cell.errors)) messages.push(`${rowLabel}, column ${quoteValue(cell.name)}: ${withValue(cell.value, error.getText())}`);
  }
  return messages;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
