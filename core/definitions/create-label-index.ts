/**
 * Labels for a rendered report in two languages: the report's JSON carries the primary
 * language only, so the renderers look the other one up in the definitions (every version,
 * merged by name as the analysis did). `both(ja, en)` shows "日本語 / English" when the
 * definition has an English text that differs.
 */
import type { SurveyDefinition } from './survey-definition.ts';
import { mergeQuestions, type MergedQuestion } from './merge-questions.ts';
import { exactText, localizeText } from './localize-text.ts';
import type { AnswerValue } from '../../contracts/report.ts';

export interface LabelIndex {
  /** A question's (or meta variable's) title in `locale`, else the name. */
  question(name: string, locale: string): string;
  /** A choice, rating value or matrix column of a question. */
  value(question: string, value: AnswerValue, locale: string): string;
  /** A matrix row (or an IPA item). */
  row(question: string, row: string, locale: string): string;
  /** The translation in `locale` only, or undefined. */
  exactQuestion(name: string, locale: string): string | undefined;
  exactValue(question: string, value: AnswerValue, locale: string): string | undefined;
  exactRow(question: string, row: string, locale: string): string | undefined;
  /** A row value's translation in whichever matrix has it (IPA items are matched by row across questions). */
  exactAnyRow(row: string, locale: string): string | undefined;
}

export function createLabelIndex(definitions: ReadonlyArray<SurveyDefinition>): LabelIndex {
  const questions: Map<string, MergedQuestion> = definitions.length > 0 ? mergeQuestions(definitions) : new Map();
  const valueText = (question: string, value: AnswerValue) =>
    questions.get(question)?.values.find((item) => item.value === value || String(item.value) === String(value))?.text;
  const rowText = (question: string, row: string) => questions.get(question)?.rows.find((item) => String(item.value) === row)?.text;
  return {
    question: (name, locale) => localizeText(questions.get(name)?.title, locale, name),
    value: (question, value, locale) => localizeText(valueText(question, value), locale, String(value)),
    row: (question, row, locale) => localizeText(rowText(question, row), locale, row),
    exactQuestion: (name, locale) => exactText(questions.get(name)?.title, locale),
    exactValue: (question, value, locale) => exactText(valueText(question, value), locale),
    exactRow: (question, row, locale) => exactText(rowText(question, row), locale),
    exactAnyRow: (row, locale) => {
      for (const question of questions.values()) {
        const text = exactText(question.rows.find((item) => String(item.value) === row)?.text, locale);
        if (text) return text;
      }
      return undefined;
    },
  };
}

/** "primary / secondary", or just primary when there is no different secondary text. */
export function both(primary: string, secondary: string | undefined): string {
  return secondary && secondary !== primary ? `${primary} / ${secondary}` : primary;
}
