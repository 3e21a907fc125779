/** 非表示 counted as the analyst reads it (issue 26): tables that hide something, not hidden cells. */
import type { Suppression } from '../../../contracts/report.ts';

/**
 * How many tables hide something: a report entry's `where` names its table and then, after "=",
 * the cell (crosstabs.q[.row].by=group/value, means.q[.row].by=group). A question's 単純集計 is one
 * table however many matrix rows hide a cell (summaries.q.row=value); 調査概要 is one, and so is
 * the timeline; the others (needs.q, ipa.set, gaps.…, comments.q) are one table per question.
 */
export function countHidingTables(hidden: ReadonlyArray<Pick<Suppression, 'where'>>): number {
  const tables = new Set<string>();
  for (const { where } of hidden) {
    const path = where.split('=')[0];
    const parts = path.split('.');
    if (parts[0] === 'crosstabs' || parts[0] === 'means') tables.add(path);
    else if (parts[0] === 'overview' || parts[0] === 'timeline') tables.add(parts[0]);
    else tables.add(parts.slice(0, 2).join('.'));
  }
  return tables.size;
}
