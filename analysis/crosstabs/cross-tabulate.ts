/**
 * One cross-tabulation (クロス集計): an answer broken down by the groups of another variable,
 * with each cell's share of its group, its adjusted standardized residual and significance
 * mark, and the χ² test of the whole table (docs/analysis.md, "Cross-tabulations").
 *
 * Works on coded columns, one entry per respondent, so the CLI's streamed table and the
 * server's live table feed it alike; `mask` keeps the rows a filter selects.
 *
 * - A single answer (radiogroup, dropdown, rating, boolean, a matrix row): groups × values.
 *   `share` = count / n of the group; the test is on the whole table.
 * - A multiple answer (checkbox, tagbox): one cell per option, `share` = chosen / answered in
 *   the group; each option has its own chosen × group table, test and residuals (`optionTests`).
 * - Groups smaller than `minGroupSize` are left out of the tests. Every group's cells are
 *   returned: which numbers a reader may see is decided afterwards, on the whole table with
 *   its margins (hide-crosstab-cells.ts).
 * - With weights, shares are weighted, counts stay unweighted, residuals are those of the
 *   weighted table rescaled to n, and the test is the Rao–Scott adjusted χ²
 *   (analysis/stats/rao-scott-chi-square.ts).
 */
import { adjustedResiduals, markResidual, type ResidualMark } from '../stats/adjusted-residuals.ts';
import { chiSquareTest } from '../stats/chi-square-test.ts';
import { cramersV } from '../stats/cramers-v.ts';
import { raoScottChiSquare } from '../stats/rao-scott-chi-square.ts';
import { isTestable } from '../suppression/suppress-small-groups.ts';
import type { AnswerCounts } from '../table/count-answers.ts';

export type CrossTabulatedAnswer =
  /** `codes[row]`: the value's index, −1 for no answer. */
  | { kind: 'single'; codes: ArrayLike<number>; valueCount: number }
  /** `answered[row]` 1 when the respondent answered; `chosen[option][row]` non-zero when chosen. */
  | { kind: 'multiple'; answered: ArrayLike<number>; chosen: ReadonlyArray<ArrayLike<number>> };

export interface CrossTabulateInput {
  answer: CrossTabulatedAnswer;
  /** The breakdown: `codes[row]` is the group's index, −1 for no answer. */
  by: { codes: ArrayLike<number>; groupCount: number };
  rowCount: number;
  weights?: ArrayLike<number> | null;
  /** 1 for the rows to tabulate; all rows when absent. */
  mask?: ArrayLike<number> | null;
  minGroupSize: number;
  /**
   * The unweighted counts of exactly these rows, counted while they were read (analysis/table/count-answers.ts):
   * used instead of a pass over the rows when there are neither weights nor a mask.
   */
  counted?: AnswerCounts;
}

export interface CrossTabCell {
  count: number;
  /** Σw of its respondents (the count when unweighted): what merged groups' shares are made of. */
  weight: number;
  /** Weighted when weights are given; null for a group nobody in answered. */
  share: number | null;
  residual: number | null;
  mark: ResidualMark;
}

export interface CrossTabGroup {
  /** Respondents in the group who answered (unweighted). */
  n: number;
  /** Their Σw (n when unweighted). */
  weight: number;
  /** One per value (single) or option (multiple), every group: hiding is the caller's (hide-crosstab-cells.ts). */
  cells: CrossTabCell[];
}

export interface CrossTabTest {
  statistic: number;
  df: number;
  p: number;
  cramersV: number;
  /** Weighted tables only: the Rao–Scott mean design effect the p-value divides by. */
  designEffect?: number;
}

export interface CrossTabulation {
  groups: CrossTabGroup[];
  /** Single answers: the test of the whole table; null with fewer than two testable groups or values. */
  test: CrossTabTest | null;
  /** Multiple answers: one test per option, in option order. */
  optionTests: Array<CrossTabTest | null> | null;
}

export function crossTabulate(input: CrossTabulateInput): CrossTabulation {
  const { answer, by, rowCount, weights, mask, minGroupSize } = input;
  const groupCount = by.groupCount;
  const columns = answer.kind === 'single' ? answer.valueCount : answer.chosen.length;
  const counted = !weights && !mask ? input.counted : undefined;
  if (counted && (counted.groupCount !== groupCount || counted.columnCount !== columns)) {
    throw new RangeError(`crossTabulate: counts of ${counted.groupCount} groups × ${counted.columnCount} were given for ${groupCount} × ${columns}`);
  }
  // Per group: respondents who answered; per group × column: chosen count, Σw, Σw². Without
  // weights Σw and Σw² are the counts themselves, so only counts are kept. The loops are
  // specialised per answer kind and read each column front to back: a report runs about a
  // hundred of these over up to a million rows (npm run bench:analysis).
  const count = new Float64Array(groupCount * columns);
  const weight = weights ? new Float64Array(groupCount * columns) : count;
  const squared = weights ? new Float64Array(groupCount * columns) : count;
  const byCodes = by.codes;
  const checkGroup = (row: number, group: number) => {
    if (group >= groupCount) throw new RangeError(`crossTabulate: row ${row} has group code ${group}, but there are ${groupCount} groups`);
  };
  const add = (at: number, row: number) => {
    count[at] += 1;
    if (weights) {
      const w = weights[row];
      weight[at] += w;
      squared[at] += w * w;
    }
  };
  if (counted) {
    count.set(counted.count);
  } else if (answer.kind === 'single') {
    const codes = answer.codes;
    const checkCode = (row: number, code: number) => {
      throw new RangeError(`crossTabulate: row ${row} has value code ${code}, but there are ${columns} values`);
    };
    if (!weights && !mask) {
      // The common case (an unweighted report, no filter), kept free of per-row branches it does not need.
      for (let row = 0; row < rowCount; row++) {
        const group = byCodes[row];
        const code = codes[row];
        if (group < 0 || code < 0) continue;
        if (group >= groupCount) checkGroup(row, group);
        if (code >= columns) checkCode(row, code);
        count[group * columns + code] += 1;
      }
    } else {
      for (let row = 0; row < rowCount; row++) {
        if (mask && !mask[row]) continue;
        const group = byCodes[row];
        const code = codes[row];
        if (group < 0 || code < 0) continue;
        if (group >= groupCount) checkGroup(row, group);
        if (code >= columns) checkCode(row, code);
        add(group * columns + code, row);
      }
    }
  } else {
    // One pass over the rows for every option and the group sizes: a checkbox of a dozen options used to
    // read the answered, mask and group columns a dozen times. Each sum still adds its rows in row order.
    const { answered, chosen } = answer;
    for (let row = 0; row < rowCount; row++) {
      if (!answered[row] || (mask && !mask[row])) continue;
      const group = byCodes[row];
      if (group < 0) continue;
      if (group >= groupCount) checkGroup(row, group);
      const base = group * columns;
      for (let option = 0; option < columns; option++) if (chosen[option][row]) add(base + option, row);
    }
  }
  const n = new Float64Array(groupCount);
  const groupWeight = weights ? new Float64Array(groupCount) : n;
  const groupSquared = weights ? new Float64Array(groupCount) : n;
  if (counted) {
    n.set(counted.n);
  } else if (answer.kind === 'single') {
    // Everyone who answered is in exactly one cell of their group's row.
    for (let at = 0; at < count.length; at++) {
      const group = Math.floor(at / columns);
      n[group] += count[at];
      if (weights) {
        groupWeight[group] += weight[at];
        groupSquared[group] += squared[at];
      }
    }
  } else {
    for (let row = 0; row < rowCount; row++) {
      if (!answer.answered[row] || (mask && !mask[row])) continue;
      const group = byCodes[row];
      if (group < 0) continue;
      n[group] += 1;
      if (weights) {
        const w = weights[row];
        groupWeight[group] += w;
        groupSquared[group] += w * w;
      }
    }
  }

  const tested = Array.from({ length: groupCount }, (_, g) => g).filter((g) => isTestable(n[g], minGroupSize));
  const residuals: Array<Array<number | null>> = Array.from({ length: groupCount }, () => new Array(columns).fill(null));
  let test: CrossTabTest | null = null;
  let optionTests: Array<CrossTabTest | null> | null = null;

  if (answer.kind === 'single') {
    const table = (source: Float64Array) => tested.map((g) => Array.from(source.subarray(g * columns, (g + 1) * columns)));
    const result = testTable(table(count), weights ? { weights: table(weight), squaredWeights: table(squared) } : null);
    if (result) {
      test = result.test;
      result.residuals.forEach((row, t) => (residuals[tested[t]] = row));
    }
  } else {
    optionTests = Array.from({ length: columns }, (_, option) => {
      // Chosen vs not chosen among those who answered, per tested group.
      const at = (g: number) => g * columns + option;
      const counts = tested.map((g) => [count[at(g)], n[g] - count[at(g)]]);
      const design = weights
        ? {
            weights: tested.map((g) => [weight[at(g)], groupWeight[g] - weight[at(g)]]),
            squaredWeights: tested.map((g) => [squared[at(g)], groupSquared[g] - squared[at(g)]]),
          }
        : null;
      const result = testTable(counts, design);
      if (!result) return null;
      result.residuals.forEach((row, t) => (residuals[tested[t]][option] = row[0]));
      return result.test;
    });
  }

  const groups: CrossTabGroup[] = Array.from({ length: groupCount }, (_, g) => ({
    n: n[g],
    weight: groupWeight[g],
    cells: Array.from({ length: columns }, (_, column) => {
      const at = g * columns + column;
      const residual = residuals[g][column];
      return {
        count: count[at],
        weight: weight[at],
        share: groupWeight[g] > 0 ? weight[at] / groupWeight[g] : null,
        residual,
        mark: markResidual(residual),
      };
    }),
  }));
  return { groups, test, optionTests };
}

/**
 * The test and residuals of one groups × columns table (rows = tested groups), or null when it
 * has fewer than two non-empty rows or columns. Residuals line up with the columns given
 * (null in an empty column).
 */
function testTable(
  counts: number[][],
  design: { weights: number[][]; squaredWeights: number[][] } | null,
): { test: CrossTabTest; residuals: Array<Array<number | null>> } | null {
  const total = counts.reduce((sum, row) => sum + row.reduce((s, v) => s + v, 0), 0);
  if (counts.length < 2 || total === 0) return null;
  const keptCols = counts[0].map((_, j) => j).filter((j) => counts.some((row) => row[j] > 0));
  if (keptCols.length < 2) return null;
  const keep = (table: number[][]) => table.map((row) => keptCols.map((j) => row[j]));
  const place = (kept: Array<Array<number | null>>) =>
    kept.map((row) => {
      const full: Array<number | null> = new Array(counts[0].length).fill(null);
      keptCols.forEach((j, index) => (full[j] = row[index]));
      return full;
    });
  if (!design) {
    const result = chiSquareTest(keep(counts));
    return {
      test: { statistic: result.statistic, df: result.df, p: result.p, cramersV: cramersV(result.statistic, result.n, result.rows, result.cols) },
      residuals: place(adjustedResiduals(keep(counts))),
    };
  }
  const result = raoScottChiSquare({ weights: keep(design.weights), squaredWeights: keep(design.squaredWeights), n: total });
  return {
    test: {
      statistic: result.statistic,
      df: result.df,
      p: result.p,
      cramersV: cramersV(result.statistic, total, result.rows, result.cols),
      designEffect: result.designEffect,
    },
    residuals: place(adjustedResiduals(result.scaled)),
  };
}
