/**
 * The definitions' own words for what a report names by code: question titles, choice texts,
 * matrix rows and scale columns, in every language the definitions have. One index for the
 * dashboard and the rendered reports: a report may cover responses to several versions, so the
 * index merges every version by name exactly as the analysis did (mergeQuestions: newest text
 * first, older versions' values kept). `both(ja, en)` shows "日本語 / English" when the
 * definition has an English text that differs.
 */
import type { AnswerValue } from '../../contracts/report.ts';
import { exactText, localizeText } from './localize-text.ts';
import { mergeQuestions, type MergedQuestion } from './merge-questions.ts';
import type { DefinitionVersion } from './survey-definition.ts';

export interface LabelIndex {
  /** A question's (or meta variable's) title in `locale`, else the name. */
  question(name: string, locale: string): string;
  /** A choice, rating value or matrix column of a question, else the value as text. */
  value(question: string, value: AnswerValue, locale: string): string;
  /** A matrix row (or an IPA item), else the row code. */
  row(question: string, row: string, locale: string): string;
  /** Whether the definitions name this answer value (so a caller can prefer the report's own label). */
  hasValue(question: string, value: AnswerValue): boolean;
  /** Whether the definitions name this matrix row. */
  hasRow(question: string, row: string): boolean;
  /** The answer values of a question as text, in the definitions' order (scales as listed). */
  valueOrder(question: string): string[];
  /** The translation in `locale` only, or undefined. */
  exactQuestion(name: string, locale: string): string | undefined;
  exactValue(question: string, value: AnswerValue, locale: string): string | undefined;
  exactRow(question: string, row: string, locale: string): string | undefined;
  /** A row value's translation in whichever matrix has it (IPA items are matched by row across questions). */
  exactAnyRow(row: string, locale: string): string | undefined;
  /**
   * An importance–satisfaction item's own name: the row of the set's importance matrix, or the
   * title of the set's plain rating that measures it; undefined when the definitions name neither.
   */
  setItem(set: string, item: string, locale: string): string | undefined;
}

export function createLabelIndex(definitions: ReadonlyArray<DefinitionVersion>): LabelIndex {
  const questions: Map<string, MergedQuestion> = definitions.length > 0 ? mergeQuestions(definitions) : new Map();
  const valueItem = (question: string, value: AnswerValue) =>
    questions.get(question)?.values.find((item) => item.value === value || String(item.value) === String(value));
  const rowItem = (question: string, row: string) => questions.get(question)?.rows.find((item) => String(item.value) === row);
  return {
    question: (name, locale) => localizeText(questions.get(name)?.title, locale, name),
    value: (question, value, locale) => localizeText(valueItem(question, value)?.text, locale, String(value)),
    row: (question, row, locale) => localizeText(rowItem(question, row)?.text, locale, row),
    hasValue: (question, value) => valueItem(question, value)?.text !== undefined,
    hasRow: (question, row) => rowItem(question, row)?.text !== undefined,
    valueOrder: (question) => (questions.get(question)?.values ?? []).map((item) => String(item.value)),
    exactQuestion: (name, locale) => exactText(questions.get(name)?.title, locale),
    exactValue: (question, value, locale) => exactText(valueItem(question, value)?.text, locale),
    exactRow: (question, row, locale) => exactText(rowItem(question, row)?.text, locale),
    exactAnyRow: (row, locale) => {
      for (const question of questions.values()) {
        const text = exactText(question.rows.find((item) => String(item.value) === row)?.text, locale);
        if (text) return text;
      }
      return undefined;
    },
    setItem: (set, item, locale) => {
      for (const question of questions.values()) {
        if (question.analysis?.role !== 'importance' || question.analysis.set !== set) continue;
        const text = question.type === 'matrix' ? question.rows.find((row) => String(row.value) === item)?.text : question.analysis.item === item ? question.title : undefined;
        if (text !== undefined) return localizeText(text, locale, item);
      }
      return undefined;
    },
  };
}

/** "primary / secondary", or just primary when there is no different secondary text. */
export function both(primary: string, secondary: string | undefined): string {
  return secondary && secondary !== primary ? `${primary} / ${secondary}` : primary;
}
