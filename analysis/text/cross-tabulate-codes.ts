/**
 * Code shares by a breakdown (issue 27; docs/analysis.md, "Free text"), the way a checkbox question is
 * cross-tabulated: each code is an option chosen by the comments its condition holds for, among the comments of
 * each group. So each code has its own 2 × groups table (has the code / has not), with the cross-tabs' adjusted
 * residuals and marks and Pearson's χ² test (analysis/crosstabs/cross-tabulate.ts), groups under the minimum size
 * left out of the tests, and numbers hidden by the cross-tabs' rule (hide-crosstab-cells.ts: small groups shown
 * added up as 「その他（少数）」, small cells of a code's column hidden). The p-values are Holm-adjusted over the codes
 * of the breakdown (the family is this table; a report may fold them into its own family instead).
 */
import { crossTabulate } from '../crosstabs/cross-tabulate.ts';
import { hideCrosstabCells } from '../crosstabs/hide-crosstab-cells.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import type { TextCodeCrosstab } from './text-analysis-types.ts';

export function crossTabulateCodes(input: {
  /** `coded[k][comment]` 1 when code k holds for the comment. */
  coded: ReadonlyArray<ArrayLike<number>>;
  /** `groups.codes[comment]`: the group's index, −1 for none. */
  groups: { codes: ArrayLike<number>; labels: readonly string[] };
  commentCount: number;
  minGroupSize: number;
}): TextCodeCrosstab {
  const { coded, groups, commentCount, minGroupSize } = input;
  const result = crossTabulate({
    answer: { kind: 'multiple', answered: new Uint8Array(commentCount).fill(1), chosen: coded },
    by: { codes: groups.codes, groupCount: groups.labels.length },
    rowCount: commentCount,
    minGroupSize,
  });
  const shown = hideCrosstabCells(result, 'multiple', minGroupSize);
  const tests = result.optionTests ?? coded.map(() => null);
  const tested = tests.flatMap((test, k) => (test ? [k] : []));
  const adjusted = holmAdjust(tested.map((k) => tests[k]!.p));
  return {
    groups: shown.groups.map((row, g) => ({ label: groups.labels[g], ...row })),
    merged: shown.merged,
    total: shown.total,
    tests: tests.map((test, k) =>
      test ? { statistic: test.statistic, df: test.df, p: test.p, pAdjusted: adjusted[tested.indexOf(k)], cramersV: test.cramersV } : null,
    ),
  };
}
