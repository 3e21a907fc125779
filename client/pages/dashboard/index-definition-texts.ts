/**
 * The definition's own words for what a report names by code: question
 * titles, choice texts, matrix rows and scale columns, in every language the
 * definition has. The dashboard's language switch picks among them, so a label
 * is always the survey author's, never one the dashboard made up.
 */
import { localizeText, type LocalizableText } from './localize-text.ts';

interface QuestionTexts {
  title: LocalizableText | undefined;
  /** Choices, rate values and matrix columns: answer value → text. */
  values: Map<string, LocalizableText>;
  /** Matrix rows: row value → text. */
  rows: Map<string, LocalizableText>;
  /** Answer values in the order the definition lists them (scales: low to high). */
  order: string[];
}

export interface DefinitionTexts {
  title(question: string, locale: string): string;
  /** A choice, rate value or scale column of `question`. */
  value(question: string, value: string | number | boolean, locale: string): string;
  /** A matrix row of `question`. */
  row(question: string, row: string, locale: string): string;
  /** The answer values of `question`, in the definition's order. */
  valueOrder(question: string): string[];
  /** The survey's title. */
  surveyTitle(locale: string): string;
}

export function indexDefinitionTexts(definition: Record<string, unknown>): DefinitionTexts {
  const questions = new Map<string, QuestionTexts>();
  for (const variable of asArray(definition.metaVariables)) {
    if (typeof variable.name === 'string') questions.set(variable.name, textsOf(variable));
  }
  for (const question of walkQuestions(definition.pages)) questions.set(question.name as string, textsOf(question));

  return {
    title: (question, locale) => localizeText(questions.get(question)?.title, locale, question),
    value: (question, value, locale) => localizeText(questions.get(question)?.values.get(String(value)), locale, String(value)),
    row: (question, row, locale) => localizeText(questions.get(question)?.rows.get(row), locale, row),
    valueOrder: (question) => questions.get(question)?.order ?? [],
    surveyTitle: (locale) => localizeText(definition.title as LocalizableText | undefined, locale, String(definition.id ?? '')),
  };
}

function textsOf(element: Record<string, unknown>): QuestionTexts {
  const values = new Map<string, LocalizableText>();
  const order: string[] = [];
  const add = (items: unknown) => {
    for (const [value, text] of items === undefined ? [] : toPairs(items)) {
      if (!values.has(value)) order.push(value);
      values.set(value, text);
    }
  };
  add(element.choices);
  if (element.type === 'matrix') add(element.columns);
  if (element.type === 'rating') {
    if (Array.isArray(element.rateValues) && element.rateValues.length > 0) add(element.rateValues);
    else {
      const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
      const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
      const step = typeof element.rateStep === 'number' ? element.rateStep : 1;
      const scale: number[] = [];
      for (let value = min; value <= max; value += step) scale.push(value);
      add(scale);
    }
  }
  // SurveyJS's own names for the special choices, when the author switched them on.
  if (element.showOtherItem === true || element.hasOther === true) add([{ value: 'other', text: { ja: 'その他', en: 'Other' } }]);
  if (element.showNoneItem === true || element.hasNone === true) add([{ value: 'none', text: { ja: 'なし', en: 'None' } }]);
  const rows = new Map(element.rows === undefined ? [] : toPairs(element.rows));
  return { title: element.title as LocalizableText | undefined, values, rows, order };
}

function toPairs(items: unknown): Array<[string, LocalizableText]> {
  const pairs: Array<[string, LocalizableText]> = [];
  for (const item of Array.isArray(items) ? items : []) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') pairs.push([String(item), String(item)]);
    else if (item && typeof item === 'object' && 'value' in item) {
      const { value, text } = item as { value: unknown; text?: LocalizableText };
      pairs.push([String(value), text ?? String(value)]);
    }
  }
  return pairs;
}

function asArray(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : [];
}

function* walkQuestions(elements: unknown): Generator<Record<string, unknown>> {
  for (const node of asArray(elements)) {
    if (typeof node.name === 'string' && typeof node.type === 'string' && node.type !== 'panel') yield node;
    yield* walkQuestions(node.elements);
    yield* walkQuestions(node.templateElements);
  }
}
