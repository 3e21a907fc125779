/**
 * The (answer, breakdown) pairs a report of this plan counts, for a reader to count while it reads
 * (analysis/table/count-answers.ts): every cross-tab, every gap item by the gap breakdown, every other choice
 * question by nothing (its totals, for 単純集計 and the needs), and every ranking (count-rankings.ts). A pair missing here is counted by its consumer, so this list
 * decides only how fast a report is.
 */
import { MAX_COUNTED_OPTIONS, type CountedPair } from '../table/count-answers.ts';
import type { ReportPlan } from '../plan/plan-report.ts';

export function countedPairs(plan: ReportPlan): CountedPair[] {
  const variables = new Map(plan.tableSpec.variables.map((variable) => [variable.name, variable]));
  const kinds = new Map(plan.tableSpec.variables.map((variable) => [variable.name, variable.kind]));
  const countable = (name: string) =>
    kinds.get(name) === 'single' || (kinds.get(name) === 'multiple' && variables.get(name)!.values.length <= MAX_COUNTED_OPTIONS);
  const rankings = new Set<string>();
  const pairs: CountedPair[] = [];
  const seen = new Set<string>();
  const withTotals = new Set<string>();
  const add = (answer: string, by: string | null) => {
    const key = `${answer}\u0000${by ?? ''}`;
    if (seen.has(key) || !countable(answer) || (by !== null && kinds.get(by) !== 'single')) return;
    seen.add(key);
    withTotals.add(answer);
    pairs.push({ answer, by });
  };
  for (const crosstab of plan.crosstabs) add(crosstab.variable, crosstab.by);
  if (plan.by !== undefined) for (const item of plan.gapItems) add(item.variable, plan.by);
  for (const summary of plan.summaries) for (const name of summary.variables) if (!withTotals.has(name)) add(name, null);
  for (const need of plan.needs) if (!withTotals.has(need.variable)) add(need.variable, null);
  // Rankings (needs and 単純集計), by nothing: their tallies (count-rankings.ts).
  for (const name of [...plan.needs.map((need) => need.variable), ...plan.summaries.flatMap((summary) => summary.variables)]) {
    if (kinds.get(name) !== 'ranking' || rankings.has(name)) continue;
    rankings.add(name);
    pairs.push({ answer: name, by: null });
  }
  return pairs;
}
