/**
 * The cross-tab suppression rule (analysis/suppression/protect-table.ts), checked without its own
 * reasoning: what a reader could work out is found by enumerating every table of counts that agrees
 * with the shown numbers, and the fewest hidden cells by trying every set on small tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectTable, type ProtectedTable } from '../../../analysis/suppression/protect-table.ts';

/** The table with its margins: groups' sizes in the last column, the 全体 row last, the total in the corner. */
function grid(counts: number[][]): number[][] {
  const C = counts[0].length;
  const rows = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const total = Array.from({ length: C + 1 }, (_, c) => rows.reduce((sum, row) => sum + row[c], 0));
  return [...rows, total];
}

function hiddenGrid(result: ProtectedTable): boolean[][] {
  return [...result.cells.map((row, r) => [...row, result.rows[r]]), [...result.columns, result.total]].map((row) => row.map(Boolean));
}

/**
 * For each hidden cell, the values it takes over every non-negative table that agrees with the shown
 * numbers (at most two are collected: two are enough to show it cannot be worked out).
 */
function valuesAReaderCannotRuleOut(values: number[][], hidden: boolean[][]): Map<string, Set<number>> {
  const R = values.length - 1;
  const C = values[0].length - 1;
  const unknown: Array<[number, number]> = [];
  hidden.forEach((row, r) => row.forEach((h, c) => h && unknown.push([r, c])));
  // Every row and every column of the grid adds up: cells to the margin, margins to the corner.
  const constraints: Array<{ cells: Array<[number, number]>; sum: [number, number] }> = [];
  for (let r = 0; r <= R; r++) constraints.push({ cells: Array.from({ length: C }, (_, c) => [r, c] as [number, number]), sum: [r, C] });
  for (let c = 0; c <= C; c++) constraints.push({ cells: Array.from({ length: R }, (_, r) => [r, c] as [number, number]), sum: [R, c] });
  const seen = new Map(unknown.map(([r, c]) => [`${r},${c}`, new Set<number>()]));
  const bound = values[R][C];
  const assigned = values.map((row, r) => row.map((v, c) => (hidden[r][c] ? null : v)));

  const consistent = (): boolean => {
    for (const { cells, sum } of constraints) {
      const total = assigned[sum[0]][sum[1]];
      const parts = cells.map(([r, c]) => assigned[r][c]);
      const known = parts.filter((v): v is number => v !== null).reduce((a, b) => a + b, 0);
      if (total !== null && known > total) return false;
      if (total !== null && parts.every((v) => v !== null) && known !== total) return false;
    }
    return true;
  };
  const done = () => [...seen.values()].every((set) => set.size >= 2);
  const search = (i: number) => {
    if (done()) return;
    if (i === unknown.length) {
      unknown.forEach(([r, c]) => seen.get(`${r},${c}`)!.add(assigned[r][c]!));
      return;
    }
    const [r, c] = unknown[i];
    for (let v = 0; v <= bound; v++) {
      assigned[r][c] = v;
      if (consistent()) search(i + 1);
      if (done()) break;
    }
    assigned[r][c] = null;
  };
  search(0);
  return seen;
}

const table = (maxRows: number, maxColumns: number, maxValue: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 2, max: maxColumns }))
    .chain(([rows, columns]) => fc.array(fc.array(fc.integer({ min: 0, max: maxValue }), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));

describe('protectTable', () => {
  it('hides every number of 1 … k−1 and no empty cell, and shows no other number under k', () => {
    fc.assert(
      fc.property(table(4, 5, 12), fc.integer({ min: 2, max: 6 }), (counts, k) => {
        const values = grid(counts);
        const hidden = hiddenGrid(protectTable(counts, k));
        values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v > 0 && v < k) expect(hidden[r][c]).toBe(true);
            if (v === 0) expect(hidden[r][c]).toBe(false);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden cell that a reader could work out from the shown numbers', () => {
    fc.assert(
      fc.property(table(3, 3, 7), fc.integer({ min: 2, max: 4 }), (counts, k) => {
        const values = grid(counts);
        const hidden = hiddenGrid(protectTable(counts, k));
        if (values.at(-1)!.at(-1)! < k) return; // Everything under k: nothing but zeros is shown.
        for (const [cell, possible] of valuesAReaderCannotRuleOut(values, hidden)) {
          expect(possible.size, `cell ${cell} of ${JSON.stringify(values)} with k = ${k}`).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('hides as few cells as a brute force over every set of non-empty cells finds', () => {
    fc.assert(
      fc.property(table(2, 3, 6), fc.integer({ min: 2, max: 4 }), (counts, k) => {
        const values = grid(counts);
        const R = values.length - 1;
        const C = values[0].length - 1;
        if (values[R][C] < k) return;
        const result = protectTable(counts, k);
        const chosen = hiddenGrid(result).flat().filter(Boolean).length;
        const small = values.map((row) => row.map((v) => v > 0 && v < k));
        const candidates: Array<[number, number]> = [];
        values.forEach((row, r) => row.forEach((v, c) => v > 0 && !small[r][c] && !(r === R && c === C) && candidates.push([r, c])));
        let fewest = Infinity;
        for (let mask = 0; mask < 1 << candidates.length; mask++) {
          const size = small.flat().filter(Boolean).length + popCount(mask);
          if (size >= fewest) continue;
          const hidden = small.map((row) => [...row]);
          candidates.forEach(([r, c], i) => mask & (1 << i) && (hidden[r][c] = true));
          const possible = valuesAReaderCannotRuleOut(values, hidden);
          if ([...possible.values()].every((set) => set.size >= 2)) fewest = size;
        }
        expect(chosen, `${JSON.stringify(values)} with k = ${k}`).toBe(fewest);
      }),
      { numRuns: 60 },
    );
  });

  it('hides the smallest cell that protects a small one, not a whole row', () => {
    // 20歳未満 answered 窓口 2 times: its group, its column total and one cycle's worth of others go.
    const counts = [
      [2, 40, 30],
      [50, 60, 70],
      [45, 58, 65],
    ];
    const result = protectTable(counts, 5);
    expect(result.cells[0][0]).toBe('small');
    const hiddenCount = hiddenGrid(result).flat().filter(Boolean).length;
    expect(hiddenCount).toBe(4);
    // The cheapest cycle through the 2: its row's smallest other cell (30) and the row below it.
    expect(result.cells[0][2]).toBe('complementary');
    expect(result.cells[2][0]).toBe('complementary');
    expect(result.cells[2][2]).toBe('complementary');
    expect(result.rows.every((reason) => reason === null)).toBe(true);
    expect(result.columns.every((reason) => reason === null)).toBe(true);
  });

  it('names the bad input', () => {
    expect(() => protectTable([[1, 2], [3]], 5)).toThrow(/row 1 has 1 cells/);
    expect(() => protectTable([[1, -2]], 5)).toThrow(/cell \[0\]\[1\] is -2/);
  });
});

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}
