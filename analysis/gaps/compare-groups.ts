/**
 * Gaps between groups (issue 4, "Gaps"): every attitude item compared across the values of the
 * breakdown question (the cohort question, or --by), unweighted.
 * - rating and Likert items: Kruskal–Wallis H with tie correction, effect ε² = H·(n+1)/(n²−1);
 * - radiogroup items (and matrices of unordered columns): Pearson χ² on group × answer;
 * - checkbox items: one χ² per option, chosen vs not chosen; effect Cramér's V;
 * - respondents who skipped an item are left out of that item;
 * - pAdjusted is Holm over every test in the report; items sorted by effect size, largest first.
 *
 * Suppression (docs/analysis.md, "Suppression"): each item's table of groups × answers hides
 * exactly what the cross-tab of the item by the breakdown hides (hide-crosstab-cells.ts): a group
 * shown there only inside 「その他（少数）」 is hidden here, and so is every hidden cell. The groups
 * overall follow the one-line rule. Groups under the threshold are left out of the test; a group
 * hidden only to protect another is still tested. An item with fewer than two testable groups is
 * not tested and is listed in `untested`.
 */
import { localizeText } from '../../core/definitions/localize-text.ts';
import type { GapItemPlan, PlannedVariable, ReportPlan } from '../plan/plan-report.ts';
import type { DistributionCell, GapGroup, GapItem, Gaps, Suppression } from '../../contracts/report.ts';
import { chiSquareTest } from '../stats/chi-square-test.ts';
import { cramersV } from '../stats/cramers-v.ts';
import { epsilonSquared } from '../stats/epsilon-squared.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import { kruskalWallisFromCounts } from '../stats/kruskal-wallis.ts';
import { isTestable, suppressSmallGroups, type HiddenGroup } from '../suppression/suppress-small-groups.ts';
import type { HiddenReason } from '../suppression/protect-table.ts';
import type { CrossTabulation } from '../crosstabs/cross-tabulate.ts';
import { hideCrosstabCells } from '../crosstabs/hide-crosstab-cells.ts';
import type { AnswerCounts, CountedAnswers } from '../table/count-answers.ts';
import type { AnswerValue, MultipleColumn, ResponseTable, SingleColumn } from '../table/response-table.ts';

const CHOSEN_LABELS: Record<string, [chosen: string, notChosen: string]> = {
  ja: ['選んだ', '選ばなかった'],
  en: ['Chosen', 'Not chosen'],
};

/** `counted`: the table's answers counted as it was read (analysis/table/count-answers.ts), to skip passes over its rows. */
export function compareGroups(table: ResponseTable, plan: ReportPlan, counted?: CountedAnswers | null): { gaps: Gaps; suppressed: Suppression[] } {
  const suppressed: Suppression[] = [];
  if (plan.by === undefined) return { gaps: { by: null, label: null, groups: [], items: [], untested: [] }, suppressed };
  const by = plan.variables.find((variable) => variable.name === plan.by)!;
  const byCodes = (table.byName.get(by.name) as SingleColumn).codes;
  const groupCount = by.values.length;
  const groupLabel = (g: number) => localizeText(by.valueTexts[g], plan.language, String(by.values[g]));
  const byTitle = localizeText(by.title, plan.language, by.name);
  // An item's hidden group is named in words (question × breakdown: group); the overall groups are
  // named by the renderers, which know the section's name.
  const describeHidden = (where: string, hidden: HiddenGroup, g: number, place?: string): Suppression =>
    hidden.reason === 'small'
      ? { where: `${where}.${by.name}=${String(by.values[g])}`, ...(place ? { label: `${place} × ${byTitle}: ${groupLabel(g)}` } : {}), reason: `fewer than ${plan.minGroupSize} respondents in this group`, rule: 'small' }
      : {
          where: `${where}.${by.name}=${String(by.values[g])}`,
          ...(place ? { label: `${place} × ${byTitle}: ${groupLabel(g)}` } : {}),
          reason: `hidden so that ${by.name}=${String(by.values[hidden.protects])} cannot be derived from the total`,
          rule: 'complementary',
          protects: `${where}.${by.name}=${String(by.values[hidden.protects])}`,
        };
  // The groups overall.
  const overall = new Array<number>(groupCount).fill(0);
  for (let row = 0; row < table.rowCount; row++) if (byCodes[row] >= 0) overall[byCodes[row]] += 1;
  const overallHidden = suppressSmallGroups(overall, plan.minGroupSize);
  const groups = by.values.map((value, g) => {
    const hidden = overallHidden[g];
    if (hidden) suppressed.push(describeHidden('gaps.groups', hidden, g));
    return hidden ? { value, label: groupLabel(g), n: null, suppressed: true } : { value, label: groupLabel(g), n: overall[g] };
  });

  const tested: Array<Omit<GapItem, 'pAdjusted'> & { order: number }> = [];
  const untested: Gaps['untested'] = [];
  plan.gapItems.forEach((itemPlan, order) => {
    const variable = plan.variables.find((candidate) => candidate.name === itemPlan.variable)!;
    const { counts, levels, order: valueOrder } = crossTabulate(table, byCodes, groupCount, itemPlan, variable, plan.language, counted?.counts(variable.name, by.name));
    const sizes = counts.map((row) => row.reduce((sum, count) => sum + count, 0));
    const shown = hideAsTheCrosstab(counts, valueOrder, itemPlan.option !== undefined, plan.minGroupSize);
    const testable = sizes.flatMap((n, g) => (isTestable(n, plan.minGroupSize) ? [g] : []));
    const where = `gaps.${itemPlan.question}${itemPlan.item !== undefined ? `.${itemPlan.item}` : ''}${
      itemPlan.option !== undefined ? `[${String(itemPlan.option)}]` : ''
    }`;
    const identity = {
      question: itemPlan.question,
      ...(itemPlan.item !== undefined ? { item: itemPlan.item } : {}),
      ...(itemPlan.option !== undefined ? { option: itemPlan.option } : {}),
    };
    if (testable.length < 2) {
      untested.push({ ...identity, reason: `fewer than two groups with at least ${plan.minGroupSize} respondents answering` });
      return;
    }
    const testCounts = testable.map((g) => counts[g]);
    let test: Pick<GapItem, 'test' | 'statistic' | 'df' | 'p' | 'effect'>;
    if (itemPlan.test === 'kruskal') {
      const result = kruskalWallisFromCounts(testCounts);
      test = { test: 'kruskal', statistic: result.statistic, df: result.df, p: result.p, effect: { name: 'epsilonSquared', value: epsilonSquared(result.statistic, result.n) } };
    } else {
      const result = chiSquareTest(testCounts);
      test = {
        test: 'chi2',
        statistic: result.statistic,
        df: result.df,
        p: result.p,
        effect: { name: 'cramersV', value: cramersV(result.statistic, result.n, result.rows, result.cols) },
      };
    }
    const itemGroups: GapGroup[] = by.values.map((value, g) => {
      const label = groupLabel(g);
      const hiddenGroup = shown.groups[g];
      if (hiddenGroup) {
        suppressed.push(describeHidden(where, hiddenGroup, g, localizeText(variable.title, plan.language, itemPlan.question)));
        return {
          value,
          label,
          n: null,
          ...(itemPlan.test === 'kruskal' ? { mean: null, median: null } : {}),
          distribution: null,
          suppressed: true,
        };
      }
      const n = sizes[g];
      const distribution: DistributionCell[] | null =
        n === 0
          ? null
          : levels.map((level, l) => {
              const reason = shown.cells[g][l];
              return reason
                ? { value: level.value, label: level.label, count: null, share: null, suppressed: reason }
                : { value: level.value, label: level.label, count: counts[g][l], share: counts[g][l] / n };
            });
      if (itemPlan.test !== 'kruskal') return { value, label, n, distribution };
      return { value, label, n, mean: n > 0 ? meanOf(counts[g], levels) : null, median: n > 0 ? medianOf(counts[g], levels) : null, distribution };
    });
    const questionTitle = localizeText(variable.title, plan.language, itemPlan.question);
    const itemLabel =
      itemPlan.item !== undefined
        ? localizeText(variable.rowText, plan.language, itemPlan.item)
        : itemPlan.option !== undefined
          ? localizeText(variable.valueTexts[itemPlan.optionCode!], plan.language, String(itemPlan.option))
          : undefined;
    tested.push({ ...identity, label: itemLabel ? `${questionTitle}: ${itemLabel}` : questionTitle, ...test, groups: itemGroups, order });
  });

  const adjusted = holmAdjust(tested.map((item) => item.p));
  const items = tested
    .map((item, index) => ({ ...item, pAdjusted: adjusted[index] }))
    .sort((a, b) => b.effect.value - a.effect.value || a.p - b.p || a.order - b.order)
    .map(({ order: _order, ...item }) => reorderFields(item));
  return {
    gaps: { by: by.name, label: localizeText(by.title, plan.language, by.name), groups, items, untested },
    suppressed,
  };
}

interface Level {
  value: AnswerValue;
  label: string;
  score: number;
}

/**
 * What the cross-tab of the same item by the same breakdown hides (hide-crosstab-cells.ts), for
 * the gap table: a group hidden there (alone or inside 「その他（少数）」) or whose size is hidden is
 * hidden whole; a cell hidden there is hidden. A checkbox option is its cross-tab's column: when
 * its chosen count is hidden, so is not chosen (the group's size minus it).
 */
function hideAsTheCrosstab(
  counts: number[][],
  order: number[],
  option: boolean,
  k: number,
): { groups: Array<HiddenGroup | null>; cells: Array<Array<HiddenReason | null>> } {
  const cell = (count: number) => ({ count, weight: count, share: null, residual: null, mark: '' as const });
  // In the cross-tab's column order (the definition's), so ties between equal cells go the same way.
  const inValueOrder = (row: number[]) => {
    const out = new Array<number>(row.length);
    order.forEach((v, l) => (out[v] = row[l]));
    return out;
  };
  const tabulation: CrossTabulation = {
    groups: counts.map((row) => {
      const n = row.reduce((sum, count) => sum + count, 0);
      return { n, weight: n, cells: option ? [cell(row[0])] : inValueOrder(row).map(cell) };
    }),
    test: null,
    optionTests: null,
  };
  const shown = hideCrosstabCells(tabulation, option ? 'multiple' : 'single', k);
  const firstSmall = Math.max(0, shown.groups.findIndex((group) => group.suppressed === 'small'));
  return {
    groups: shown.groups.map((group) => {
      if (group.n !== null) return null;
      return group.suppressed === 'complementary' ? { reason: 'complementary', protects: firstSmall } : { reason: 'small' };
    }),
    cells: shown.groups.map((group, g) =>
      option ? [group.cells[0].suppressed ?? null, group.cells[0].suppressed ?? null] : counts[g].map((_, l) => group.cells[order[l]].suppressed ?? null),
    ),
  };
}

/**
 * counts[group][level] of the respondents in a group who answered the item. Levels of a scale
 * are in ascending score order (what the rank test needs, and how diverging bars read);
 * categories keep the definition's order; a checkbox option has chosen, then not chosen.
 */
function crossTabulate(
  table: ResponseTable,
  byCodes: Int16Array,
  groupCount: number,
  itemPlan: GapItemPlan,
  variable: PlannedVariable,
  language: string,
  counted: AnswerCounts | undefined,
): { counts: number[][]; levels: Level[]; order: number[] } {
  const rowCount = table.rowCount;
  if (itemPlan.option !== undefined) {
    const column = table.byName.get(variable.name) as MultipleColumn;
    const option = itemPlan.optionCode!;
    const chosen = column.cells[option];
    const flat = new Float64Array(groupCount * 2);
    if (counted) {
      for (let g = 0; g < groupCount; g++) {
        flat[g * 2] = counted.count[g * counted.columnCount + option];
        flat[g * 2 + 1] = counted.n[g] - flat[g * 2];
      }
    } else {
      for (let row = 0; row < rowCount; row++) {
        const g = byCodes[row];
        if (g < 0 || column.answered[row] === 0) continue;
        flat[g * 2 + (chosen[row] === 1 ? 0 : 1)] += 1;
      }
    }
    const [chosenLabel, notChosenLabel] = CHOSEN_LABELS[language] ?? CHOSEN_LABELS.ja;
    return {
      order: [0, 1],
      counts: Array.from({ length: groupCount }, (_, g) => [flat[g * 2], flat[g * 2 + 1]]),
      levels: [
        { value: true, label: chosenLabel, score: 1 },
        { value: false, label: notChosenLabel, score: 0 },
      ],
    };
  }
  const { codes } = table.byName.get(variable.name) as SingleColumn;
  const valueCount = variable.values.length;
  const flat = counted ? counted.count : new Float64Array(groupCount * valueCount);
  for (let row = 0; !counted && row < rowCount; row++) {
    const g = byCodes[row];
    const v = codes[row];
    if (g < 0 || v < 0) continue;
    flat[g * valueCount + v] += 1;
  }
  const order = variable.values.map((_, v) => v);
  if (itemPlan.test === 'kruskal') order.sort((a, b) => variable.scores[a] - variable.scores[b]);
  const levels = order.map((v) => ({
    value: variable.values[v],
    label: localizeText(variable.valueTexts[v], language, String(variable.values[v])),
    score: variable.scores[v],
  }));
  return { counts: Array.from({ length: groupCount }, (_, g) => order.map((v) => flat[g * valueCount + v])), levels, order };
}

function meanOf(counts: number[], levels: Level[]): number {
  let n = 0;
  let sum = 0;
  counts.forEach((count, l) => {
    n += count;
    sum += count * levels[l].score;
  });
  return sum / n;
}

/** The median score, averaging the two middle answers when n is even (as numpy.median). */
function medianOf(counts: number[], levels: Level[]): number {
  const n = counts.reduce((sum, count) => sum + count, 0);
  const scoreAt = (position: number) => {
    let seen = 0;
    for (let l = 0; l < counts.length; l++) {
      seen += counts[l];
      if (position < seen) return levels[l].score;
    }
    return levels[levels.length - 1].score;
  };
  return n % 2 === 1 ? scoreAt((n - 1) / 2) : (scoreAt(n / 2 - 1) + scoreAt(n / 2)) / 2;
}

/** The contract's field order, for a report that reads well. */
function reorderFields(item: GapItem): GapItem {
  const { question, label, item: row, option, test, statistic, df, p, pAdjusted, effect, groups } = item;
  return {
    question,
    label,
    ...(row !== undefined ? { item: row } : {}),
    ...(option !== undefined ? { option } : {}),
    test,
    statistic,
    df,
    p,
    pAdjusted,
    effect,
    groups,
  };
}
