/**
 * The report's `crosstabs` and `breakdowns` (クロス集計): every planned (question, breakdown)
 * pair through crossTabulate, labelled in the plan's language, with Holm's adjustment over
 * every test of the report (single-answer tables and checkbox options alike).
 */
import type { Breakdown, Crosstab, CrosstabGroup, CrosstabTest, Suppression } from '../../contracts/report.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { tabulationTexts } from '../../core/report-view/tabulation-texts.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import type { PlannedVariable, ReportPlan } from '../plan/plan-report.ts';
import { valueLabel } from '../summaries/summarize-questions.ts';
import type { CountedAnswers } from '../table/count-answers.ts';
import type { MultipleColumn, ResponseTable, SingleColumn } from '../table/response-table.ts';
import { crossTabulate, type CrossTabTest } from './cross-tabulate.ts';
import { hideCrosstabCells, type ShownRow } from './hide-crosstab-cells.ts';

/** The value of the 「その他（少数）」 row; renderers and readers tell that row by its `members`, not by this value. */
export const FEWER_GROUP = '(fewer)';

export interface CrossTabulateOptions {
  weights?: Float64Array | null;
  mask?: ArrayLike<number> | null;
  /** The table's answers counted as it was read; used for the unweighted, unfiltered tables it has. */
  counted?: CountedAnswers | null;
}

export function crossTabulateQuestions(
  table: ResponseTable,
  plan: ReportPlan,
  options: CrossTabulateOptions = {},
): { breakdowns: Breakdown[]; crosstabs: Crosstab[]; suppressed: Suppression[]; counts: Map<string, number[][]> } {
  const variables = new Map(plan.variables.map((variable) => [variable.name, variable]));
  const labelOf = (variable: PlannedVariable) => localizeText(variable.title, plan.language, variable.question);
  const groupsOf = (variable: PlannedVariable) => variable.values.map((value, code) => ({ value, label: valueLabel(variable, code, plan) }));
  const breakdowns: Breakdown[] = plan.breakdowns.map(({ variable, source }) => {
    const by = variables.get(variable)!;
    return { by: variable, label: labelOf(by), source, groups: groupsOf(by) };
  });

  const suppressed: Suppression[] = [];
  // Each single answer's unweighted counts per group × value, before hiding, for 平均値の比較 to reuse.
  const counts = new Map<string, number[][]>();
  const pending: Array<{ test: CrossTabTest; set: (adjusted: number) => void }> = [];
  const method = options.weights ? ('rao-scott' as const) : ('pearson' as const);
  const contract = (test: CrossTabTest | null): CrosstabTest | null =>
    test && { statistic: test.statistic, df: test.df, p: test.p, pAdjusted: test.p, cramersV: test.cramersV, method, ...(test.designEffect !== undefined ? { designEffect: test.designEffect } : {}) };

  const crosstabs: Crosstab[] = plan.crosstabs.map((item) => {
    const variable = variables.get(item.variable)!;
    const by = variables.get(item.by)!;
    const byColumn = table.byName.get(item.by) as SingleColumn;
    const column = table.byName.get(item.variable)!;
    const result = crossTabulate({
      answer:
        column.kind === 'single'
          ? { kind: 'single', codes: column.codes, valueCount: variable.values.length }
          : { kind: 'multiple', answered: (column as MultipleColumn).answered, chosen: (column as MultipleColumn).cells },
      by: { codes: byColumn.codes, groupCount: by.values.length },
      rowCount: table.rowCount,
      weights: options.weights,
      mask: options.mask,
      minGroupSize: plan.minGroupSize,
      counted: options.counted?.counts(item.variable, item.by),
    });
    if (item.kind === 'single') counts.set(countsKey(item.variable, item.by), result.groups.map((group) => group.cells.map((cell) => cell.count)));
    const where = `crosstabs.${item.variable}.${item.by}`;
    const place = `${labelOf(variable)}${item.row !== undefined ? ` — ${localizeText(variable.rowText, plan.language, item.row)}` : ''} × ${labelOf(by)}`;
    const shown = hideCrosstabCells(result, item.kind, plan.minGroupSize);
    const texts = tabulationTexts(plan.language === 'en' ? 'en' : 'ja');
    const listCells = (row: ShownRow, key: string, name: string) =>
      row.cells.forEach((cell, c) => {
        if (!cell.suppressed) return;
        suppressed.push({
          where: `${key}/${String(variable.values[c])}`,
          label: `${place}: ${name} / ${valueLabel(variable, c, plan)}`,
          reason: cell.suppressed === 'small' ? `fewer than ${plan.minGroupSize} respondents` : 'hidden so that a smaller number cannot be worked out from the totals',
          rule: cell.suppressed,
        });
      });
    const groups: CrosstabGroup[] = shown.groups.map((row, g) => {
      const value = by.values[g];
      const label = valueLabel(by, g, plan);
      const cells = row.cells.map((cell, c) => ({ value: variable.values[c], ...cell }));
      if (shown.merged?.members.includes(g)) {
        suppressed.push({
          where: `${where}=${String(value)}`,
          label: `${place}: ${label}`,
          reason: `fewer than ${plan.minGroupSize} respondents in this group, or hidden with one that is; counted in 「${texts.fewer}」`,
          rule: row.suppressed ?? 'small',
        });
        return { value, label, n: null, cells, suppressed: row.suppressed };
      }
      listCells(row, `${where}=${String(value)}`, label);
      return { value, label, n: row.n, cells, ...(row.suppressed ? { suppressed: row.suppressed } : {}) };
    });
    if (shown.merged) {
      const { members, ...row } = shown.merged;
      listCells(row, `${where}=(fewer)`, texts.fewer);
      groups.push({
        value: FEWER_GROUP,
        label: texts.fewer,
        n: row.n,
        cells: row.cells.map((cell, c) => ({ value: variable.values[c], ...cell })),
        ...(row.suppressed ? { suppressed: row.suppressed } : {}),
        members: members.map((g) => by.values[g]),
      });
    }
    listCells(shown.total, `${where}=(total)`, texts.total);
    const crosstab: Crosstab = {
      question: item.question,
      label: labelOf(variable),
      ...(item.row !== undefined ? { row: item.row, rowLabel: localizeText(variable.rowText, plan.language, item.row) } : {}),
      by: item.by,
      byLabel: labelOf(by),
      kind: item.kind,
      values: groupsOf(variable),
      groups,
      total: { n: shown.total.n, cells: shown.total.cells.map((cell, c) => ({ value: variable.values[c], ...cell })) },
      test: contract(result.test),
      ...(result.optionTests ? { optionTests: result.optionTests.map((test, k) => (test ? { ...contract(test)!, option: variable.values[k] } : null)) } : {}),
    };
    if (crosstab.test) pending.push({ test: crosstab.test, set: (p) => (crosstab.test!.pAdjusted = p) });
    crosstab.optionTests?.forEach((test) => test && pending.push({ test, set: (p) => (test.pAdjusted = p) }));
    return crosstab;
  });
  const adjusted = holmAdjust(pending.map(({ test }) => test.p));
  pending.forEach(({ set }, k) => set(adjusted[k]));
  return { breakdowns, crosstabs, suppressed, counts };
}

/** The key of a (variable, breakdown) pair in crossTabulateQuestions' `counts`. */
export function countsKey(variable: string, by: string): string {
  return `${variable}\u0000${by}`;
}
