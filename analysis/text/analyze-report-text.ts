/**
 * The report's `text` section (issue 27, 自由記述): analyzeComments for every comment question (role `comment`) of
 * the plan, over every non-blank text the table kept (CommentColumn.texts), by every breakdown of the report.
 *
 * - Tokenized once per question; `byGroup` and `codeCrosstabs` are by the report's first breakdown, and `breakdowns`
 *   repeats them for each breakdown (only the counting is redone: about 0.1 s per 100k comments per breakdown), so
 *   the codes by age band are there when the age band is not the first breakdown (ward-office-exit).
 * - Masked before anything reads the texts (tokenizeComments), with the small-group rule of the report.
 * - The code tests form one family over the whole report (every comment question by every breakdown): their Holm
 *   adjustment is redone over all of them, as the cross-tabs' tests are over theirs.
 * - Unweighted: the counts are comments, as KH Coder counts them.
 */
import type { Breakdown, Suppression, TextAnalysis, TextBreakdown, TextCodeTest } from '../../contracts/report.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import type { ReportPlan } from '../plan/plan-report.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import type { CommentColumn, ResponseTable, SingleColumn } from '../table/response-table.ts';
import { analyzeTokenizedComments, tokenizeComments, type TokenCache } from './analyze-comments.ts';
import type { MorphologicalAnalyzer } from './load-tokenizer.ts';
import type { CodingRule } from './parse-coding-rules.ts';
import { applyCodingRules } from './apply-coding-rules.ts';
import { countWordFrequencies } from './count-word-frequencies.ts';
import { crossTabulateCodes } from './cross-tabulate-codes.ts';

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
  const groupings = breakdowns.flatMap((breakdown) => {
    const column = table.byName.get(breakdown.by) as SingleColumn | undefined;
    return column ? [{ breakdown, column, labels: breakdown.groups.map((group) => group.label) }] : [];
  });
  const suppressed: Suppression[] = [];
  const families: TextCodeTest[] = [];
  const text = plan.textQuestions.map((name): TextAnalysis => {
    const column = table.byName.get(name) as CommentColumn | undefined;
    if (!column?.texts) throw new ReportInputError(`the response table was not prepared for text analysis: it lacks the texts of ${name}`);
    const variable = plan.variables.find((candidate) => candidate.name === name)!;
    const label = localizeText(variable.title, plan.language, name);
    // Blank texts dropped here, so the k-th analysed comment is the k-th kept row.
    const rows: number[] = [];
    const inputs: Array<{ text: string }> = [];
    column.texts.texts.forEach((value, k) => {
      if (value.trim() === '') return;
      rows.push(column.texts!.rows[k]);
      inputs.push({ text: value });
    });
    const tokenized = tokenizeComments(inputs, options.analyzer, options.locale, options.tokenCache);
    const codesOf = (grouping: (typeof groupings)[number]) => rows.map((row) => grouping.column.codes[row]);
    const first = groupings[0];
    const firstCodes = first ? codesOf(first) : null;
    const analyzed = firstCodes ? tokenized.map((comment, k) => ({ ...comment, group: firstCodes[k] })) : tokenized;
    const section = analyzeTokenizedComments(analyzed, {
      question: name,
      label,
      minGroupSize: plan.minGroupSize,
      groups: first ? first.labels : null,
      codingRules: options.codingRules,
      locale: options.locale,
    });
    if (section.hidden) {
      suppressed.push({ where: `text.${name}`, label, reason: `fewer than ${plan.minGroupSize} respondents wrote one`, rule: 'small' });
    }
    if (!first || section.hidden || section.comments.n === 0) return section;

    // Every other breakdown: the same words and codes by its groups (the tokens and codes are the first's).
    const rules = options.codingRules ?? [];
    const coded = rules.map(() => new Uint8Array(analyzed.length));
    analyzed.forEach((comment, i) => applyCodingRules(rules, comment).forEach((holds, k) => holds && (coded[k][i] = 1)));
    const words = analyzed.map((comment) => comment.words);
    const byBreakdown: TextBreakdown[] = groupings.map((grouping, g) => {
      if (g === 0) return { by: grouping.breakdown.by, byLabel: grouping.breakdown.label, byGroup: section.byGroup!, codeCrosstabs: section.codeCrosstabs };
      const groups = { codes: codesOf(grouping), labels: grouping.labels };
      const byGroup = countWordFrequencies({ words, groups, minGroupSize: plan.minGroupSize, maxWords: section.words.length }).byGroup!;
      const codeCrosstabs = rules.length > 0 ? crossTabulateCodes({ coded, groups, commentCount: analyzed.length, minGroupSize: plan.minGroupSize }) : null;
      return { by: grouping.breakdown.by, byLabel: grouping.breakdown.label, byGroup, codeCrosstabs };
    });
    for (const entry of byBreakdown) for (const test of entry.codeCrosstabs?.tests ?? []) if (test) families.push(test);
    return { ...section, by: first.breakdown.by, byLabel: first.breakdown.label, breakdowns: byBreakdown };
  });
  // One Holm family: every code test of the report, each question by each breakdown.
  const adjusted = holmAdjust(families.map((test) => test.p));
  families.forEach((test, k) => (test.pAdjusted = adjusted[k]));
  return { text, suppressed };
}
