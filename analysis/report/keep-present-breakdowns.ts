/**
 * The response meta every record carries but the definitions do not declare (the enrolled tablet's
 * ward, the channel; plan-report's `whenPresent` breakdowns) is a breakdown only where the responses
 * have something to compare: at least two of its groups with the minimum group size. An online-only
 * survey then has no ten empty ward columns in every cross-tab, and a kiosk-only one no channel
 * table of one group. The variable's own summary and its cross-tabs as a question go with it.
 * Declared meta variables, roles and --crosstab-by are kept whatever the data.
 */
import type { ReportPlan } from '../plan/plan-report.ts';
import type { ResponseTable, SingleColumn } from '../table/response-table.ts';

export function keepPresentBreakdowns(table: ResponseTable, plan: ReportPlan): ReportPlan {
  const absent = new Set(
    plan.breakdowns.filter((breakdown) => breakdown.whenPresent && !hasGroupsToCompare(table, breakdown.variable, plan.minGroupSize)).map((breakdown) => breakdown.variable),
  );
  if (absent.size === 0) return plan;
  return {
    ...plan,
    breakdowns: plan.breakdowns.filter((breakdown) => !absent.has(breakdown.variable)),
    crosstabs: plan.crosstabs.filter((crosstab) => !absent.has(crosstab.by) && !absent.has(crosstab.variable)),
    summaries: plan.summaries.filter((summary) => !absent.has(summary.question)),
  };
}

function hasGroupsToCompare(table: ResponseTable, variable: string, minGroupSize: number): boolean {
  const column = table.byName.get(variable) as SingleColumn | undefined;
  if (!column) return false;
  const counts = new Array<number>(column.values.length).fill(0);
  for (let row = 0; row < table.rowCount; row++) {
    const code = column.codes[row];
    if (code >= 0) counts[code] += 1;
  }
  return counts.filter((n) => n >= minGroupSize).length >= 2;
}
