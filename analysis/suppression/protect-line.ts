/**
 * Which numbers of one line to hide (issue 26; docs/analysis.md, "Suppression"): the answers of a
 * single-answer question, a matrix row, a group's distribution, the series of the timeline.
 *
 * Besides the line's total, a reader may see other sums of it: the top-two share of a scale counts
 * the two best answers together, and its mean is Σ score × count over the total. Each such sum is
 * an equation the hidden numbers must satisfy. Hiding protects a number exactly when those
 * equations leave it free: when its unit vector is not in their row space, restricted to the
 * hidden numbers (the shown ones are constants). Two hidden scale points beside a shown mean
 * are pinned (a + b and a + 2b are both known); a third frees them.
 *
 * The rule: every number of 1 … k−1 is hidden; then, while some hidden number is pinned (or, with
 * `shownTogether`, the hidden ones add up to less than k), the smallest non-empty number whose
 * hiding helps is hidden too.
 */
import type { HiddenReason } from './protect-table.ts';

export interface LineOptions {
  /** The hidden numbers are shown added up (「その他（少数）」): that sum must reach k too. */
  shownTogether?: boolean;
  /** Other sums a reader sees, as coefficients per number (the total is always one). */
  sums?: ReadonlyArray<ReadonlyArray<number>>;
}

export function protectLine(counts: ReadonlyArray<number>, k: number, options: LineOptions = {}): Array<HiddenReason | null> {
  return protectLineAndSums(counts, k, options).hidden;
}

/**
 * As protectLine, and whether the other sums can still be shown: when no set of non-empty numbers
 * protects the hidden ones from them (a line with too few non-empty numbers), they cannot, and the
 * numbers are protected from the total alone.
 */
export function protectLineAndSums(
  counts: ReadonlyArray<number>,
  k: number,
  options: LineOptions = {},
): { hidden: Array<HiddenReason | null>; sumsShown: boolean } {
  const first = hideFor(counts, k, options);
  if (first.ok || !options.sums?.length) return { hidden: first.hidden, sumsShown: true };
  return { hidden: hideFor(counts, k, { ...options, sums: [] }).hidden, sumsShown: false };
}

function hideFor(counts: ReadonlyArray<number>, k: number, options: LineOptions): { hidden: Array<HiddenReason | null>; ok: boolean } {
  const hidden: Array<HiddenReason | null> = counts.map((n) => (n > 0 && n < k ? 'small' : null));
  if (!hidden.some(Boolean)) return { hidden, ok: true };
  const sums = [counts.map(() => 1), ...(options.sums ?? [])];
  const ok = (candidate: ReadonlyArray<HiddenReason | null>) => {
    const indices = candidate.flatMap((reason, i) => (reason ? [i] : []));
    if (options.shownTogether && indices.reduce((total, i) => total + counts[i], 0) < k) return false;
    return indices.every((i) => !isPinned(i, indices, sums));
  };
  while (!ok(hidden)) {
    const candidates = counts
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => n > 0 && !hidden[i])
      .sort((a, b) => a.n - b.n || a.i - b.i);
    if (candidates.length === 0) break;
    // The smallest that settles it, else the smallest: each step hides one more number.
    const settling = candidates.find(({ i }) => ok(hidden.map((reason, j) => (j === i ? 'complementary' : reason))));
    hidden[(settling ?? candidates[0]).i] = 'complementary';
  }
  return { hidden, ok: ok(hidden) };
}

/** Whether the sums pin number `i` among the hidden `indices`: e_i lies in their row space there. */
function isPinned(i: number, indices: ReadonlyArray<number>, sums: ReadonlyArray<ReadonlyArray<number>>): boolean {
  const rows = sums.map((sum) => indices.map((j) => sum[j]));
  const unit = indices.map((j) => (j === i ? 1 : 0));
  return rank([...rows, unit]) === rank(rows);
}

/** Rank by Gaussian elimination with partial pivoting; the entries are small integers or scores. */
function rank(matrix: ReadonlyArray<ReadonlyArray<number>>): number {
  const m = matrix.map((row) => [...row]);
  const columns = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[pivot][c])) pivot = i;
    if (Math.abs(m[pivot][c]) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const factor = m[i][c] / m[r][c];
      for (let j = c; j < columns; j++) m[i][j] -= factor * m[r][j];
    }
    r++;
  }
  return r;
}
