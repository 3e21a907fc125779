/**
 * The report's `text` section (issue 27, 自由記述): analyzeComments for every comment question (role `comment`) of
 * the plan, over every non-blank text the table kept (CommentColumn.texts), grouped by the report's first breakdown.
 *
 * - One breakdown, not each: the contract has one `byGroup` and one `codeCrosstabs` per question, and the first
 *   breakdown is the one the survey declares first (its segment or cohort question, e.g. the age band).
 * - Masked before anything reads the texts (tokenizeComments), with the small-group rule of the report.
 * - The code tests form one family over the whole report (every comment question): their Holm adjustment is redone
 *   over all of them, as the cross-tabs' tests are over theirs.
 * - Unweighted: the counts are comments, as KH Coder counts them.
 */
import type { Breakdown, Suppression, TextAnalysis } from '../../contracts/report.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import type { ReportPlan } from '../plan/plan-report.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import type { CommentColumn, ResponseTable, SingleColumn } from '../table/response-table.ts';
import { analyzeTokenizedComments, tokenizeComments, type TokenCache } from './analyze-comments.ts';
import type { MorphologicalAnalyzer } from './load-tokenizer.ts';
import type { CodingRule } from './parse-coding-rules.ts';

export interface ReportTextOptions {
  analyzer: MorphologicalAnalyzer;
  codingRules?: readonly CodingRule[] | null;
  /** Words per masked text kept across reports (the server's); absent: tokenized afresh. */
  tokenCache?: TokenCache | null;
  locale: Locale;
}

export function analyzeReportText(
  table: ResponseTable,
  plan: ReportPlan,
  breakdowns: ReadonlyArray<Breakdown>,
  options: ReportTextOptions,
): { text: TextAnalysis[]; suppressed: Suppression[] } {
  const by = breakdowns[0];
  const byColumn = by ? (table.byName.get(by.by) as SingleColumn | undefined) : undefined;
  const suppressed: Suppression[] = [];
  const text = plan.textQuestions.map((name) => {
    const column = table.byName.get(name) as CommentColumn | undefined;
    if (!column?.texts) throw new ReportInputError(`the response table was not prepared for text analysis: it lacks the texts of ${name}`);
    const variable = plan.variables.find((candidate) => candidate.name === name)!;
    const label = localizeText(variable.title, plan.language, name);
    const { rows, texts } = column.texts;
    const comments = texts.map((value, k) => ({ text: value, group: byColumn ? byColumn.codes[rows[k]] : -1 }));
    const analyzed = tokenizeComments(comments, options.analyzer, options.locale, options.tokenCache);
    const section = analyzeTokenizedComments(analyzed, {
      question: name,
      label,
      minGroupSize: plan.minGroupSize,
      groups: by && byColumn ? by.groups.map((group) => group.label) : null,
      codingRules: options.codingRules,
      locale: options.locale,
    });
    if (section.hidden) {
      suppressed.push({ where: `text.${name}`, label, reason: `fewer than ${plan.minGroupSize} respondents wrote one`, rule: 'small' });
    }
    return by && byColumn && !section.hidden ? { ...section, by: by.by, byLabel: by.label } : section;
  });
  // One Holm family: every code test of the report.
  const tests = text.flatMap((section) => section.codeCrosstabs?.tests.filter((test) => test !== null) ?? []);
  const adjusted = holmAdjust(tests.map((test) => test.p));
  tests.forEach((test, k) => (test.pAdjusted = adjusted[k]));
  return { text, suppressed };
}
