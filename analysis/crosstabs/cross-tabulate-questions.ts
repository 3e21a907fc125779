/**
 * The report's `crosstabs` and `breakdowns` (クロス集計): every planned (question, breakdown)
 * pair through crossTabulate, labelled in the plan's language, with Holm's adjustment over
 * every test of the report (single-answer tables and checkbox options alike).
 */
import type { Breakdown, Crosstab, CrosstabTest, Suppression } from '../../contracts/report.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import type { PlannedVariable, ReportPlan } from '../plan/plan-report.ts';
import { valueLabel } from '../summaries/summarize-questions.ts';
import type { MultipleColumn, ResponseTable, SingleColumn } from '../table/response-table.ts';
import { crossTabulate, type CrossTabTest } from './cross-tabulate.ts';

export interface CrossTabulateOptions {
  weights?: Float64Array | null;
  mask?: ArrayLike<number> | null;
}

export function crossTabulateQuestions(
  table: ResponseTable,
  plan: ReportPlan,
  options: CrossTabulateOptions = {},
): { breakdowns: Breakdown[]; crosstabs: Crosstab[]; suppressed: Suppression[] } {
  const variables = new Map(plan.variables.map((variable) => [variable.name, variable]));
  const labelOf = (variable: PlannedVariable) => localizeText(variable.title, plan.language, variable.question);
  const groupsOf = (variable: PlannedVariable) => variable.values.map((value, code) => ({ value, label: valueLabel(variable, code, plan) }));
  const breakdowns: Breakdown[] = plan.breakdowns.map(({ variable, source }) => {
    const by = variables.get(variable)!;
    return { by: variable, label: labelOf(by), source, groups: groupsOf(by) };
  });

  const suppressed: Suppression[] = [];
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
    });
    const where = `crosstabs.${item.variable}.${item.by}`;
    const at = (g: number) => `${where}=${String(by.values[g])}`;
    const groups = result.groups.map((group, g) => {
      const { value, label } = { value: by.values[g], label: valueLabel(by, g, plan) };
      if (group.hidden) {
        suppressed.push(
          group.hidden.reason === 'small'
            ? { where: at(g), reason: `fewer than ${plan.minGroupSize} respondents in this group`, rule: 'small' }
            : {
                where: at(g),
                reason: `hidden so that ${item.by}=${String(by.values[group.hidden.protects])} cannot be derived from the total`,
                rule: 'complementary',
                protects: at(group.hidden.protects),
              },
        );
        const hiddenReason = group.hidden.reason;
        const cells = variable.values.map((v) => ({ value: v, count: null, share: null, residual: null, mark: '' as const, suppressed: hiddenReason }));
        return { value, label, n: null, cells, suppressed: hiddenReason };
      }
      return { value, label, n: group.n, cells: group.cells!.map((cell, k) => ({ value: variable.values[k], ...cell })) };
    });
    const crosstab: Crosstab = {
      question: item.question,
      label: labelOf(variable),
      ...(item.row !== undefined ? { row: item.row, rowLabel: localizeText(variable.rowText, plan.language, item.row) } : {}),
      by: item.by,
      byLabel: labelOf(by),
      kind: item.kind,
      values: groupsOf(variable),
      groups,
      total: {
        n: result.total.n,
        cells: result.total.counts.map((count, k) => ({ value: variable.values[k], count, share: result.total.shares[k], residual: null, mark: '' as const })),
      },
      test: contract(result.test),
      ...(result.optionTests ? { optionTests: result.optionTests.map((test, k) => (test ? { ...contract(test)!, option: variable.values[k] } : null)) } : {}),
    };
    if (crosstab.test) pending.push({ test: crosstab.test, set: (p) => (crosstab.test!.pAdjusted = p) });
    crosstab.optionTests?.forEach((test) => test && pending.push({ test, set: (p) => (test.pAdjusted = p) }));
    return crosstab;
  });
  const adjusted = holmAdjust(pending.map(({ test }) => test.p));
  pending.forEach(({ set }, k) => set(adjusted[k]));
  return { breakdowns, crosstabs, suppressed };
}
