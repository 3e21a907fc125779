/**
 * How a report's codes are named on a chart or a table in one language: the definitions' text
 * (every version, core/definitions/create-label-index.ts), else the label the report itself
 * carries (the analysis wrote it in the primary language). The dashboard and the rendered
 * reports both name things through this, so a bar is labelled the same in both.
 */
import type { AnswerValue, GapItem } from '../../contracts/report.ts';
import type { LabelIndex } from '../definitions/create-label-index.ts';

export interface ReportLabels {
  readonly locale: string;
  /** A question's title. */
  question(name: string): string;
  /** An answer of `question`: a choice, a scale point, a group of the breakdown. */
  answer(question: string, value: AnswerValue, fallback: string): string;
  /** An importance–satisfaction item of `set`. */
  ipaItem(set: string, item: string, fallback: string): string;
  /** A gap item's own name: its matrix row, its checkbox option, or its question. */
  gapItem(gap: GapItem): string;
  /** The question a row or option gap item belongs to; undefined for a whole question. */
  gapQuestion(gap: GapItem): string | undefined;
}

export function createReportLabels(index: LabelIndex, locale: string): ReportLabels {
  const question = (name: string) => index.question(name, locale);
  const answer = (name: string, value: AnswerValue, fallback: string) => (index.hasValue(name, value) ? index.value(name, value, locale) : fallback);
  return {
    locale,
    question,
    answer,
    ipaItem: (set, item, fallback) => index.setItem(set, item, locale) ?? fallback,
    gapItem: (gap) =>
      gap.item !== undefined
        ? index.row(gap.question, gap.item, locale)
        : gap.option !== undefined
          ? answer(gap.question, gap.option, String(gap.option))
          : question(gap.question),
    gapQuestion: (gap) => (gap.item !== undefined || gap.option !== undefined ? question(gap.question) : undefined),
  };
}
