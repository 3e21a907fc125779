/**
 * 平均値の比較 (issue 25): every number question and every ordered scale (a rating, a Likert matrix
 * row) broken down by every breakdown of the cross-tabs, as group means with a test of whether
 * they differ (docs/analysis.md, "Means by group"):
 * - a number answer (a text input of type number or range): Welch's one-way test, R's
 *   oneway.test(var.equal = FALSE), which does not assume the groups spread alike;
 * - an ordered scale: Kruskal–Wallis (kruskal.test), since its points are ranks, not amounts.
 * p-values are Holm-adjusted over every test of this section.
 *
 * Groups under the minimum group size are hidden by the one-line rule on the groups' sizes
 * (suppress-small-groups.ts): the total's mean and size are shown, so one hidden group's mean
 * would follow from the others'. With weights the means, spreads and medians are weighted and
 * no test is given (a design-based test of means is not implemented yet; docs say so).
 */
import type { MeansByGroup, Suppression } from '../../contracts/report.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import type { ReportPlan } from '../plan/plan-report.ts';
import { countsKey } from './cross-tabulate-questions.ts';
import { describeCounts } from '../stats/describe-counts.ts';
import { describeNumbers } from '../stats/describe-numbers.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import { kruskalWallisFromCounts } from '../stats/kruskal-wallis.ts';
import { momentsOf, welchAnova } from '../stats/welch-anova.ts';
import { valueLabel } from '../summaries/summarize-questions.ts';
import { isTestable, suppressSmallGroups } from '../suppression/suppress-small-groups.ts';
import type { NumberColumn, ResponseTable, SingleColumn } from '../table/response-table.ts';

export function compareMeans(
  table: ResponseTable,
  plan: ReportPlan,
  options: {
    weights?: Float64Array | null;
    /** The cross-tabs' counts per group × value (crossTabulateQuestions), reused for scales instead of a pass. */
    counts?: ReadonlyMap<string, number[][]>;
  } = {},
): { means: MeansByGroup[]; suppressed: Suppression[] } {
  const variables = new Map(plan.variables.map((variable) => [variable.name, variable]));
  const weights = options.weights ?? null;
  const suppressed: Suppression[] = [];
  const means: MeansByGroup[] = [];
  const pending: Array<{ p: number; set: (adjusted: number) => void }> = [];

  const measured = plan.summaries.flatMap((summary) =>
    summary.variables.flatMap((name) => {
      const variable = variables.get(name);
      if (!variable) return [];
      if (variable.kind === 'number') return [{ summary, variable, scale: false }];
      if (variable.kind === 'single' && variable.ordinal) return [{ summary, variable, scale: true }];
      return [];
    }),
  );
  for (const { summary, variable, scale } of measured) {
    const column = table.byName.get(variable.name)!;
    // Per row: the number, or the scale point's score; NaN for no answer.
    const valueAt = scale
      ? (row: number) => {
          const code = (column as SingleColumn).codes[row];
          return code < 0 ? Number.NaN : variable.scores[code];
        }
      : (row: number) => (column as NumberColumn).numbers[row];
    // An unweighted scale is counted per point (no arrays, no sorting: a million rows by a dozen
    // breakdowns stays a counting pass); numbers, and weighted scales, keep their values.
    const points = scale ? [...new Set(variable.scores)].sort((a, b) => a - b) : [];
    const pointOf = new Map(points.map((point, index) => [point, index]));
    // The scale point of each answer code, so the counting pass is two array reads per row.
    const pointOfCode = Int32Array.from(variable.scores, (score) => pointOf.get(score)!);
    const byCounts = scale && !weights;
    for (const breakdown of plan.breakdowns) {
      if (breakdown.variable === variable.name) continue;
      const by = variables.get(breakdown.variable)!;
      const byCodes = (table.byName.get(by.name) as SingleColumn).codes;
      const values: number[][] = by.values.map(() => []);
      const groupWeights: number[][] = by.values.map(() => []);
      const counts: number[][] = by.values.map(() => new Array<number>(points.length).fill(0));
      const all: number[] = [];
      const allWeights: number[] = [];
      const counted = byCounts ? options.counts?.get(countsKey(variable.name, by.name)) : undefined;
      if (counted) {
        counted.forEach((row, g) => row.forEach((count, code) => (counts[g][pointOfCode[code]] += count)));
      } else if (byCounts) {
        const codes = (column as SingleColumn).codes;
        const flat = new Float64Array(by.values.length * points.length);
        for (let row = 0; row < table.rowCount; row++) {
          const g = byCodes[row];
          const code = codes[row];
          if (g >= 0 && code >= 0) flat[g * points.length + pointOfCode[code]] += 1;
        }
        counts.forEach((row, g) => row.forEach((_, p) => (row[p] = flat[g * points.length + p])));
      }
      for (let row = 0; !byCounts && row < table.rowCount; row++) {
        const g = byCodes[row];
        if (g < 0) continue;
        const value = valueAt(row);
        if (Number.isNaN(value)) continue;
        values[g].push(value);
        all.push(value);
        if (weights) {
          groupWeights[g].push(weights[row]);
          allWeights.push(weights[row]);
        }
      }
      const totalCounts = points.map((_, p) => counts.reduce((sum, row) => sum + row[p], 0));
      const sizes = byCounts ? counts.map((row) => row.reduce((a, b) => a + b, 0)) : values.map((group) => group.length);
      const totalN = byCounts ? totalCounts.reduce((a, b) => a + b, 0) : all.length;
      const hidden = suppressSmallGroups(sizes, plan.minGroupSize);
      const place = `${localizeText(variable.title, plan.language, summary.question)}${variable.row !== undefined ? ` — ${localizeText(variable.rowText, plan.language, variable.row)}` : ''} × ${localizeText(by.title, plan.language, by.name)}`;
      const where = `means.${variable.name}.${by.name}`;
      const describe = (g: number | 'all') => {
        if (byCounts) {
          const counted = describeCounts(points, g === 'all' ? totalCounts : counts[g]);
          return { mean: counted?.mean ?? null, sd: counted?.sd ?? null, median: counted?.median ?? null };
        }
        const summaryOf = g === 'all' ? describeNumbers(all, weights ? allWeights : null) : describeNumbers(values[g], weights ? groupWeights[g] : null);
        return { mean: summaryOf.mean, sd: summaryOf.sd, median: summaryOf.median };
      };
      const groups: MeansByGroup['groups'] = by.values.map((value, g) => {
        const label = valueLabel(by, g, plan);
        const reason = hidden[g]?.reason;
        if (reason) {
          suppressed.push({ where: `${where}=${String(value)}`, label: `${place}: ${label}`, reason: reason === 'small' ? `fewer than ${plan.minGroupSize} respondents in this group` : 'hidden so that a smaller group cannot be worked out from the total', rule: reason });
          return { value, label, n: null, mean: null, sd: null, median: null, suppressed: reason };
        }
        if (sizes[g] === 0) return { value, label, n: 0, mean: null, sd: null, median: null };
        return { value, label, n: sizes[g], ...describe(g) };
      });
      const tested = sizes.flatMap((n, g) => (isTestable(n, plan.minGroupSize) ? [g] : []));
      const test = weights || totalN < plan.minGroupSize ? null : scale ? rankTest(tested.map((g) => counts[g])) : welchTest(tested.map((g) => values[g]));
      const entry: MeansByGroup = {
        question: summary.question,
        label: localizeText(variable.title, plan.language, summary.question),
        ...(variable.row !== undefined ? { row: variable.row, rowLabel: localizeText(variable.rowText, plan.language, variable.row) } : {}),
        by: by.name,
        byLabel: localizeText(by.title, plan.language, by.name),
        scale,
        groups,
        total: totalN < plan.minGroupSize ? { n: null, mean: null, sd: null, median: null } : { n: totalN, ...describe('all') },
        test,
      };
      if (test) pending.push({ p: test.p, set: (adjusted) => (test.pAdjusted = adjusted) });
      means.push(entry);
    }
  }
  const adjusted = holmAdjust(pending.map(({ p }) => p));
  pending.forEach(({ set }, k) => set(adjusted[k]));
  return { means, suppressed };
}

function welchTest(groups: number[][]): MeansByGroup['test'] {
  const result = groups.length < 2 ? null : welchAnova(groups.map(momentsOf));
  return result && { method: 'welch', statistic: result.statistic, df1: result.df1, df2: result.df2, p: result.p, pAdjusted: result.p };
}

/** Kruskal–Wallis on counts per scale point (in score order), as kruskal.test on the answers. */
function rankTest(counts: number[][]): MeansByGroup['test'] {
  if (counts.length < 2) return null;
  const result = kruskalWallisFromCounts(counts);
  if (!Number.isFinite(result.statistic)) return null;
  return { method: 'kruskal', statistic: result.statistic, df1: result.df, df2: null, p: result.p, pAdjusted: result.p };
}
