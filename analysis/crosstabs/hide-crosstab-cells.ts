/**
 * Which numbers of one cross-tab a reader may see (issue 26; docs/analysis.md, "Suppression"):
 *
 * 1. Groups: a group of 1 … k−1 respondents is not shown on its own. The small groups, with the
 *    next-smallest ones until there are two and they reach k together, are shown added up as one
 *    row, 「その他（少数）」: the 全体 row and the other groups give that row away anyway, and a
 *    reader keeps every respondent in the table.
 * 2. Cells: on the table of the shown rows with its margins (each row's size, the 全体 row, the
 *    total), a single answer's cells go through protect-table.ts: every number of 1 … k−1 is
 *    hidden, and as few others as keep each from being worked out. A checkbox's options do not add
 *    up across a row, so each option's column stands alone: its small cells are hidden, with the
 *    next-smallest when only one is, and its 全体 cell when that is small.
 *
 * Shares are hidden with their cells, and in a row whose size is hidden (a share would give the
 * size away); an empty cell is always shown as 0.
 */
import type { ResidualMark } from '../stats/adjusted-residuals.ts';
import { protectTable, type HiddenReason } from '../suppression/protect-table.ts';
import { suppressSmallGroups } from '../suppression/suppress-small-groups.ts';
import type { CrossTabulation } from './cross-tabulate.ts';

export interface ShownCell {
  count: number | null;
  share: number | null;
  residual: number | null;
  mark: ResidualMark;
  suppressed?: HiddenReason;
}

export interface ShownRow {
  n: number | null;
  cells: ShownCell[];
  suppressed?: HiddenReason;
}

export interface ShownCrosstab {
  /** One per group of the breakdown, in order; a group shown only inside `merged` has every number hidden. */
  groups: ShownRow[];
  /** The hidden groups added up, and which they are; null when no group is hidden. */
  merged: (ShownRow & { members: number[] }) | null;
  total: ShownRow;
}

export function hideCrosstabCells(tabulation: CrossTabulation, kind: 'single' | 'multiple', k: number): ShownCrosstab {
  const groups = tabulation.groups;
  const columns = groups[0]?.cells.length ?? 0;
  const groupHidden = suppressSmallGroups(
    groups.map((group) => group.n),
    k,
    { shownTogether: true },
  );
  const members = groups.flatMap((_, g) => (groupHidden[g] ? [g] : []));
  // The rows of the table a reader sees: shown groups, then the merged row.
  const rows = groups.flatMap((group, g) => (groupHidden[g] ? [] : [{ source: g, n: group.n, weight: group.weight, cells: group.cells }]));
  if (members.length > 0) {
    rows.push({
      source: -1,
      n: sum(members.map((g) => groups[g].n)),
      weight: sum(members.map((g) => groups[g].weight)),
      cells: Array.from({ length: columns }, (_, c) => ({
        count: sum(members.map((g) => groups[g].cells[c].count)),
        weight: sum(members.map((g) => groups[g].cells[c].weight)),
        share: null,
        residual: null,
        mark: '' as ResidualMark,
      })),
    });
  }
  const counts = rows.map((row) => row.cells.map((cell) => cell.count));
  const totalN = sum(rows.map((row) => row.n));
  const totalCounts = Array.from({ length: columns }, (_, c) => sum(counts.map((row) => row[c])));
  const hidden = kind === 'single' ? protectTable(counts, k) : protectColumns(counts, rows.map((row) => row.n), k);

  const totalWeight = sum(rows.map((row) => row.weight));
  const shownRows: ShownRow[] = rows.map((row, r) => {
    const sizeHidden = hidden.rows[r];
    return {
      n: sizeHidden ? null : row.n,
      ...(sizeHidden ? { suppressed: sizeHidden } : {}),
      cells: row.cells.map((cell, c) => {
        const reason = hidden.cells[r][c];
        if (reason) return { count: null, share: null, residual: null, mark: '', suppressed: reason };
        const share = row.weight > 0 ? cell.weight / row.weight : null;
        return {
          count: cell.count,
          share: sizeHidden && cell.count > 0 ? null : share,
          // The merged row was not tested: no residual, no mark.
          residual: row.source < 0 ? null : cell.residual,
          mark: row.source < 0 ? '' : cell.mark,
        };
      }),
    };
  });
  const hiddenGroup = (reason: HiddenReason): ShownRow => ({
    n: null,
    suppressed: reason,
    cells: Array.from({ length: columns }, () => ({ count: null, share: null, residual: null, mark: '' as ResidualMark, suppressed: reason })),
  });
  let next = 0;
  const shownGroups = groups.map((_, g) => (groupHidden[g] ? hiddenGroup(groupHidden[g]!.reason) : shownRows[next++]));
  const totalHidden = hidden.total;
  return {
    groups: shownGroups,
    merged: members.length > 0 ? { ...shownRows[shownRows.length - 1], members } : null,
    total: {
      n: totalHidden ? null : totalN,
      ...(totalHidden ? { suppressed: totalHidden } : {}),
      cells: totalCounts.map((count, c) => {
        const reason = hidden.columns[c];
        if (reason) return { count: null, share: null, residual: null, mark: '', suppressed: reason };
        const weight = sum(rows.map((row) => row.cells[c].weight));
        return { count, share: totalHidden && count > 0 ? null : totalWeight > 0 ? weight / totalWeight : null, residual: null, mark: '' };
      }),
    },
  };
}

/**
 * A checkbox cross-tab: each option's column adds up to its 全体 cell, and the groups' sizes to the
 * total; nothing adds up across a row.
 */
function protectColumns(counts: number[][], sizes: number[], k: number): ReturnType<typeof protectTable> {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const N = sum(sizes);
  const cells: Array<Array<HiddenReason | null>> = counts.map((row) => row.map(() => null));
  const totals: Array<HiddenReason | null> = new Array(columns).fill(null);
  for (let c = 0; c < columns; c++) {
    const column = counts.map((row) => row[c]);
    const T = sum(column);
    if (T > 0 && T < k) {
      // Every non-empty cell is under k too; with the 全体 cell hidden the column has no sum to solve.
      totals[c] = 'small';
      column.forEach((v, r) => v > 0 && (cells[r][c] = 'small'));
      continue;
    }
    suppressSmallGroups(column, k).forEach((reason, r) => reason && (cells[r][c] = reason.reason));
  }
  const sizeHidden = N > 0 && N < k ? sizes.map((n) => (n > 0 ? ('small' as const) : null)) : sizes.map((n) => (n > 0 && n < k ? ('small' as const) : null));
  return { cells: rows > 0 ? cells : [], rows: sizeHidden, columns: totals, total: N > 0 && N < k ? 'small' : null };
}

function sum(values: ReadonlyArray<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
