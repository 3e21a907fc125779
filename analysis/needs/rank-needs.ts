/**
 * Needs rankings (issue 4, "Needs share" and "Ranking questions"), for every question annotated
 * `need`:
 * - share = respondents who chose the option ÷ respondents who answered the question
 *   (weighted: Σw over choosers ÷ Σw over answerers);
 * - ci95 = Wilson score interval; weighted, on the Kish effective sample size of the answerers;
 * - items sorted by share, highest first; ties by Borda score (rankings), then choice order;
 * - rankings add meanRank (among those who ranked the item), borda (mean over answerers of
 *   k − r + 1, unranked 0) and top3Probability (seeded bootstrap, 1,000 resamples).
 *
 * `count` is always the unweighted number of respondents. A question answered by fewer than the
 * minimum group size is hidden whole. The bootstrap resamples respondents unweighted.
 */
import { localizeText } from '../../core/definitions/localize-text.ts';
import type { NeedsPlan, PlannedVariable, ReportPlan } from '../plan/plan-report.ts';
import type { NeedsItem, NeedsQuestion, Suppression } from '../../contracts/report.ts';
import { bootstrapTopKOfPatterns, type RankingPatterns } from '../stats/bootstrap-top-k.ts';
import { wilsonInterval } from '../stats/wilson-interval.ts';
import type { AnswerTotals, CountedAnswers } from '../table/count-answers.ts';
import type { RankingCounts } from '../table/count-rankings.ts';
import type { MultipleColumn, ResponseTable } from '../table/response-table.ts';

export const BOOTSTRAP_RESAMPLES = 1000;
const TOP_K = 3;

/** `counted`: the table's answers counted as it was read (analysis/table/count-answers.ts), for an unweighted report. */
export function rankNeeds(
  table: ResponseTable,
  plan: ReportPlan,
  weights: Float64Array | null,
  counted?: CountedAnswers | null,
): { needs: NeedsQuestion[]; suppressed: Suppression[] } {
  const needs: NeedsQuestion[] = [];
  const suppressed: Suppression[] = [];
  for (const need of plan.needs) {
    const variable = plan.variables.find((candidate) => candidate.name === need.variable)!;
    const column = table.byName.get(need.variable) as MultipleColumn;
    const tallied = weights === null ? (need.kind === 'ranking' ? counted?.rankings(need.variable) : counted?.totals(need.variable)) : undefined;
    const result = rankOneQuestion(table.rowCount, need, variable, column, weights, plan, tallied);
    needs.push(result);
    if (result.suppressed) {
      suppressed.push({ where: `needs.${need.question}`, reason: `fewer than ${plan.minGroupSize} respondents answered`, rule: 'small' });
    }
  }
  return { needs, suppressed };
}

function rankOneQuestion(
  rowCount: number,
  need: NeedsPlan,
  variable: PlannedVariable,
  column: MultipleColumn,
  weights: Float64Array | null,
  plan: ReportPlan,
  tallied: RankingCounts | AnswerTotals | undefined,
): NeedsQuestion {
  const label = localizeText(variable.title, plan.language, need.question);
  // Counted as the table was read (unweighted only): the same sums, without passes over the rows.
  const rankingCounts = tallied && 'byRank' in tallied ? tallied : undefined;
  const choiceCounts = tallied && !('byRank' in tallied) ? tallied : undefined;
  const { answered } = column;
  let answeredCount = 0;
  let answeredWeight = 0;
  let answeredWeightSquared = 0;
  if (tallied) answeredCount = answeredWeight = answeredWeightSquared = rankingCounts ? rankingCounts.answered : choiceCounts!.n;
  for (let row = 0; !tallied && row < rowCount; row++) {
    if (answered[row] === 0) continue;
    answeredCount += 1;
    const w = weights === null ? 1 : weights[row];
    answeredWeight += w;
    answeredWeightSquared += w * w;
  }
  const base: NeedsQuestion = { question: need.question, label, kind: need.kind, answered: answeredCount, items: [] };
  if (weights !== null) base.effectiveN = answeredCount > 0 ? (answeredWeight * answeredWeight) / answeredWeightSquared : null;
  if (answeredCount === 0) return base;
  if (answeredCount < plan.minGroupSize) {
    return { ...base, answered: null, ...(weights !== null ? { effectiveN: null } : {}), suppressed: true, items: [] };
  }
  const effectiveN = weights === null ? answeredCount : (answeredWeight * answeredWeight) / answeredWeightSquared;
  const itemCount = column.values.length;

  const items = column.cells.map((cells, code) => {
    let count = 0;
    let chosenWeight = 0;
    let rankSum = 0; // Σ w·r over those who ranked it
    let bordaSum = 0; // Σ w·(k − r + 1)
    if (rankingCounts) {
      count = chosenWeight = rankingCounts.ranked[code];
      rankSum = rankingCounts.rankSums[code];
      // Σ (k − r + 1) over those who ranked it, all whole numbers: exact either way.
      bordaSum = count * (itemCount + 1) - rankSum;
    } else if (choiceCounts) {
      count = chosenWeight = choiceCounts.count[code];
    }
    for (let row = 0; !tallied && row < rowCount; row++) {
      const rank = cells[row];
      if (rank === 0) continue;
      count += 1;
      const w = weights === null ? 1 : weights[row];
      chosenWeight += w;
      if (need.kind === 'ranking') {
        rankSum += w * rank;
        bordaSum += w * (itemCount - rank + 1);
      }
    }
    const share = chosenWeight / answeredWeight;
    const item: NeedsItem & { code: number } = {
      code,
      value: column.values[code],
      label: localizeText(variable.valueTexts[code], plan.language, String(column.values[code])),
      count,
      share,
      ci95: wilsonInterval(share * effectiveN, effectiveN),
      rank: 0,
    };
    if (need.kind === 'ranking') {
      item.meanRank = count > 0 ? rankSum / chosenWeight : null;
      item.borda = bordaSum / answeredWeight;
    }
    return item;
  });

  if (need.kind === 'ranking') {
    const probabilities = bootstrapTopKOfPatterns(rankingCounts?.patterns ?? rankingPatternsOf(column, rowCount), TOP_K, {
      itemCount,
      seed: plan.seed,
      resamples: BOOTSTRAP_RESAMPLES,
    });
    for (const item of items) item.top3Probability = probabilities[item.code];
  }

  items.sort((a, b) => b.share - a.share || (b.borda ?? 0) - (a.borda ?? 0) || a.code - b.code);
  return {
    ...base,
    ...(weights !== null ? { effectiveN } : {}),
    items: items.map(({ code: _code, ...item }, index) => ({ ...item, rank: index + 1 })),
  };
}

/**
 * The answering respondents' rankings (item indices in rank order), each distinct one once with how many
 * gave it, in the order first met: what the bootstrap resamples, counted straight from the rank columns
 * rather than as an array per respondent (a million respondents give a few hundred patterns).
 */
function rankingPatternsOf(column: MultipleColumn, rowCount: number): RankingPatterns {
  const itemCount = column.values.length;
  const indexOfKey = new Map<number | string, number>();
  const rankings: number[][] = [];
  const counts: number[] = [];
  // A rank vector as one number when it fits in 2⁵³ (itemCount ≤ 13), else as text.
  const numericKey = Math.pow(itemCount + 1, itemCount) < Number.MAX_SAFE_INTEGER;
  const ranks = new Uint8Array(itemCount);
  const { answered, cells } = column;
  for (let row = 0; row < rowCount; row++) {
    if (answered[row] === 0) continue;
    let key: number | string = 0;
    if (numericKey) {
      let code = 0;
      for (let item = 0; item < itemCount; item++) code = code * (itemCount + 1) + cells[item][row];
      key = code;
    } else {
      for (let item = 0; item < itemCount; item++) ranks[item] = cells[item][row];
      key = ranks.join(',');
    }
    const index = indexOfKey.get(key);
    if (index !== undefined) {
      counts[index] += 1;
      continue;
    }
    const ranking: number[] = [];
    for (let item = 0; item < itemCount; item++) if (cells[item][row] > 0) ranking[cells[item][row] - 1] = item;
    indexOfKey.set(key, rankings.length);
    rankings.push(ranking);
    counts.push(1);
  }
  return { rankings, counts };
}
