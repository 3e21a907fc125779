/**
 * Importance × satisfaction analysis (issue 4, "IPA"), for every annotated set:
 * - importance and satisfaction are (weighted) item means over the respondents who answered;
 * - gap = importance − satisfaction;
 * - quadrant compares each item with the mean of the item means on both axes; an item exactly
 *   on a line counts as high: concentrate (high importance, low satisfaction), keep (high, high),
 *   low (low, low), overkill (low importance, high satisfaction).
 *
 * An item whose importance or satisfaction was answered by fewer than the minimum group size is
 * hidden, and left out of the means that place the quadrant lines.
 */
import { localizeText } from '../../core/definitions/localize-text.ts';
import type { PlannedVariable, ReportPlan } from '../plan/plan-report.ts';
import type { IpaItem, IpaSet, Quadrant, Suppression } from '../../contracts/report.ts';
import type { CountedAnswers } from '../table/count-answers.ts';
import type { ResponseTable, SingleColumn } from '../table/response-table.ts';

/** `counted`: the table's answers counted as it was read (analysis/table/count-answers.ts), for unweighted means. */
export function analyzeImportanceSatisfaction(
  table: ResponseTable,
  plan: ReportPlan,
  weights: Float64Array | null,
  counted?: CountedAnswers | null,
): { ipa: IpaSet[]; suppressed: Suppression[] } {
  const suppressed: Suppression[] = [];
  const ipa = plan.ipa.map((set) => {
    const items: IpaItem[] = set.items.map(({ item, text, importance, satisfaction }) => {
      const label = localizeText(text, plan.language, item);
      const i = meanOf(table, plan, importance, weights, counted);
      const s = meanOf(table, plan, satisfaction, weights, counted);
      const hidden: IpaItem = { item, label, n: null, importanceN: null, satisfactionN: null, importance: null, satisfaction: null, gap: null, quadrant: null };
      if (i.n === 0 || s.n === 0) return { ...hidden, importanceN: i.n, satisfactionN: s.n, n: 0 };
      if (i.n < plan.minGroupSize || s.n < plan.minGroupSize) {
        suppressed.push({ where: `ipa.${set.set}.${item}`, reason: `fewer than ${plan.minGroupSize} respondents rated it`, rule: 'small' });
        return { ...hidden, suppressed: true };
      }
      return {
        item,
        label,
        n: Math.min(i.n, s.n),
        importanceN: i.n,
        satisfactionN: s.n,
        importance: i.mean,
        satisfaction: s.mean,
        gap: i.mean - s.mean,
        quadrant: null,
      };
    });
    const shown = items.filter((item) => item.importance !== null && item.satisfaction !== null);
    const importanceMean = shown.length > 0 ? shown.reduce((sum, item) => sum + item.importance!, 0) / shown.length : null;
    const satisfactionMean = shown.length > 0 ? shown.reduce((sum, item) => sum + item.satisfaction!, 0) / shown.length : null;
    for (const item of shown) item.quadrant = quadrantOf(item.importance!, item.satisfaction!, importanceMean!, satisfactionMean!);
    return { set: set.set, importanceMean, satisfactionMean, items };
  });
  return { ipa, suppressed };
}

export function quadrantOf(importance: number, satisfaction: number, importanceMean: number, satisfactionMean: number): Quadrant {
  const important = importance >= importanceMean;
  const satisfied = satisfaction >= satisfactionMean;
  if (important) return satisfied ? 'keep' : 'concentrate';
  return satisfied ? 'overkill' : 'low';
}

/** Σw·score / Σw over the respondents who answered, and how many they were. */
function meanOf(table: ResponseTable, plan: ReportPlan, name: string, weights: Float64Array | null, counted?: CountedAnswers | null): { mean: number; n: number } {
  const variable = plan.variables.find((candidate) => candidate.name === name) as PlannedVariable;
  const { codes } = table.byName.get(name) as SingleColumn;
  const scores = Float64Array.from(variable.scores);
  const totals = weights === null ? counted?.totals(name) : undefined;
  // Σ count × score is the row-by-row sum exactly when every score is a whole number (no rounding on either side).
  if (totals && variable.scores.every((score) => Number.isSafeInteger(score))) {
    let n = 0;
    let sum = 0;
    totals.count.forEach((count, code) => {
      n += count;
      sum += count * scores[code];
    });
    return { mean: n > 0 ? sum / n : NaN, n };
  }
  let n = 0;
  let weightSum = 0;
  let weightedSum = 0;
  for (let row = 0; row < table.rowCount; row++) {
    const code = codes[row];
    if (code < 0) continue;
    const w = weights === null ? 1 : weights[row];
    n += 1;
    weightSum += w;
    weightedSum += w * scores[code];
  }
  return { mean: n > 0 ? weightedSum / weightSum : NaN, n };
}
