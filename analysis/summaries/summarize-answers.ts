/**
 * 単純集計: the distribution of one question's answers over the respondents a report (or a
 * dashboard filter) covers, from coded columns (analysis/table/response-table.ts), weighted or
 * not. One function per column kind; the report builder gives them labels
 * (docs/analysis.md, "Question summaries").
 *
 * - `answered` counts respondents with an answer, `noAnswer` the others in the mask (including
 *   those the question was never shown to).
 * - Shares are of `answered`, weighted when weights are given; counts stay unweighted.
 *   A checkbox's shares do not sum to 1.
 * - Ordered scales also get `mean` and `topTwo` (the share of the two best answers), from the
 *   scores the plan gives each value (`best: 'high'` unless the scale runs best-first).
 */
import { describeNumbers, type NumberSummary } from '../stats/describe-numbers.ts';
import { histogram, type HistogramBin } from '../stats/histogram.ts';
import type { AnswerTotals, CountedAnswers } from '../table/count-answers.ts';
import type { RankingCounts } from '../table/count-rankings.ts';

export interface Rows {
  rowCount: number;
  weights?: ArrayLike<number> | null;
  mask?: ArrayLike<number> | null;
  /** The table's answers counted as it was read (analysis/table/count-answers.ts), for whoever knows a column's name. */
  counted?: CountedAnswers | null;
}

export interface ItemCount {
  count: number;
  share: number;
}

export interface ChoiceSummary {
  answered: number;
  noAnswer: number;
  items: ItemCount[];
  /** Ordered scales only. */
  mean?: number;
  topTwo?: number;
}

export interface OrderedScale {
  /** A number per value code. */
  scores: ReadonlyArray<number>;
  /** Which end of the scores is best, for topTwo. */
  best: 'high' | 'low';
}

/** A single answer: `codes[row]` is the value's index, −1 for none. */
export function summarizeSingle(codes: ArrayLike<number>, valueCount: number, rows: Rows, scale?: OrderedScale, counted?: AnswerTotals): ChoiceSummary {
  const { rowCount, weights, mask } = rows;
  // Counted as the table was read (analysis/table/count-answers.ts): the same sums, without a pass over the rows.
  if (counted !== undefined && !weights && !mask) return choiceSummary(counted.count, counted.count, counted.n, rowCount, counted.n, scale);
  const counts = new Float64Array(valueCount);
  const weighted = new Float64Array(valueCount);
  let answered = 0;
  let considered = 0;
  let total = 0;
  // Loops written out rather than through forEachRow: a callback per row that V8 cannot inline costs more
  // than the counting, and a report summarises every column of every view (issue 23).
  for (let row = 0; row < rowCount; row++) {
    if (mask && !mask[row]) continue;
    considered += 1;
    const code = codes[row];
    if (code < 0) continue;
    const w = weights ? weights[row] : 1;
    answered += 1;
    counts[code] += 1;
    weighted[code] += w;
    total += w;
  }
  return choiceSummary(counts, weighted, answered, considered, total, scale);
}

/** The summary of counts (per value), their weighted sums and total, of `answered` rows among `considered`. */
function choiceSummary(
  counts: ArrayLike<number>,
  weighted: ArrayLike<number>,
  answered: number,
  considered: number,
  total: number,
  scale?: OrderedScale,
): ChoiceSummary {
  const items = Array.from(counts, (count, code) => ({ count, share: total > 0 ? weighted[code] / total : 0 }));
  const summary: ChoiceSummary = { answered, noAnswer: considered - answered, items };
  if (scale && total > 0) {
    summary.mean = items.reduce((sum, item, code) => sum + item.share * scale.scores[code], 0);
    const ranked = scale.scores.map((score, code) => ({ score, code })).sort((a, b) => (scale.best === 'high' ? b.score - a.score : a.score - b.score));
    summary.topTwo = ranked.slice(0, 2).reduce((sum, { code }) => sum + items[code].share, 0);
  }
  return summary;
}

/** A multiple answer: `answered[row]` 1 when anything was chosen; `chosen[code][row]` non-zero when that value was. */
export function summarizeMultiple(answered: ArrayLike<number>, chosen: ReadonlyArray<ArrayLike<number>>, rows: Rows, counted?: AnswerTotals): ChoiceSummary {
  const { rowCount, weights, mask } = rows;
  if (counted !== undefined && !weights && !mask) return choiceSummary(counted.count, counted.count, counted.n, rowCount, counted.n);
  const counts = new Float64Array(chosen.length);
  const weighted = new Float64Array(chosen.length);
  let n = 0;
  let considered = 0;
  let total = 0;
  for (let row = 0; row < rowCount; row++) {
    if (mask && !mask[row]) continue;
    considered += 1;
    if (!answered[row]) continue;
    const w = weights ? weights[row] : 1;
    n += 1;
    total += w;
    for (let code = 0; code < chosen.length; code++) {
      if (!chosen[code][row]) continue;
      counts[code] += 1;
      weighted[code] += w;
    }
  }
  return choiceSummary(counts, weighted, n, considered, total);
}

export interface RankingSummary {
  answered: number;
  noAnswer: number;
  /** Per item: how many ranked it 1st, 2nd, … (`ranks[r − 1]`), its share of those who answered, and its mean rank among those who ranked it. */
  items: Array<{ ranked: number; ranks: ItemCount[]; meanRank: number | null }>;
}

/** A ranking: `answered[row]` 1 when anything was ranked; `ranks[code][row]` the 1-based rank, 0 when not ranked. */
export function summarizeRanking(answered: ArrayLike<number>, ranks: ReadonlyArray<ArrayLike<number>>, rows: Rows, counted?: RankingCounts): RankingSummary {
  const k = ranks.length;
  const counts = ranks.map(() => new Float64Array(k));
  const weighted = ranks.map(() => new Float64Array(k));
  const rankSum = new Float64Array(k);
  const rankWeight = new Float64Array(k);
  let n = 0;
  let considered = 0;
  let total = 0;
  const { rowCount, weights, mask } = rows;
  const useCounted = counted !== undefined && !weights && !mask;
  if (useCounted) {
    // Tallied as the table was read (analysis/table/count-rankings.ts): the same sums, without a pass over the rows.
    for (let code = 0; code < k; code++) {
      counts[code].set(counted.byRank.subarray(code * k, (code + 1) * k));
      weighted[code].set(counts[code]);
    }
    rankSum.set(counted.rankSums);
    rankWeight.set(counted.ranked);
    n = total = counted.answered;
    considered = rowCount;
  }
  for (let row = 0; !useCounted && row < rowCount; row++) {
    if (mask && !mask[row]) continue;
    considered += 1;
    if (!answered[row]) continue;
    const w = weights ? weights[row] : 1;
    n += 1;
    total += w;
    for (let code = 0; code < k; code++) {
      const rank = ranks[code][row];
      if (!rank) continue;
      counts[code][rank - 1] += 1;
      weighted[code][rank - 1] += w;
      rankSum[code] += w * rank;
      rankWeight[code] += w;
    }
  }
  return {
    answered: n,
    noAnswer: considered - n,
    items: ranks.map((_, code) => ({
      ranked: counts[code].reduce((sum, c) => sum + c, 0),
      ranks: Array.from(counts[code], (count, r) => ({ count, share: total > 0 ? weighted[code][r] / total : 0 })),
      meanRank: rankWeight[code] > 0 ? rankSum[code] / rankWeight[code] : null,
    })),
  };
}

export interface NumericSummary {
  answered: number;
  noAnswer: number;
  numeric: NumberSummary | null;
  histogram: HistogramBin[];
}

/** Numeric answers: `values[row]`, NaN for none. */
export function summarizeNumeric(values: ArrayLike<number>, rows: Rows): NumericSummary {
  const kept: number[] = [];
  const keptWeights: number[] = [];
  let considered = 0;
  forEachRow(rows, (row, w) => {
    considered += 1;
    const value = values[row];
    if (Number.isNaN(value)) return;
    kept.push(value);
    keptWeights.push(w);
  });
  const weights = rows.weights ? keptWeights : null;
  return {
    answered: kept.length,
    noAnswer: considered - kept.length,
    numeric: kept.length ? describeNumbers(kept, weights) : null,
    histogram: histogram(kept, weights),
  };
}

function forEachRow(rows: Rows, visit: (row: number, weight: number) => void): void {
  const { rowCount, weights, mask } = rows;
  for (let row = 0; row < rowCount; row++) {
    if (mask && !mask[row]) continue;
    visit(row, weights ? weights[row] : 1);
  }
}
