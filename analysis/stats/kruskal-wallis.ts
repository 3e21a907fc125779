/**
 * Kruskal–Wallis H test with the tie correction, as scipy.stats.kruskal:
 * average ranks for ties, H = 12/(n(n+1))·Σ nᵢ(R̄ᵢ − (n+1)/2)², divided by
 * 1 − Σ(t³ − t)/(n³ − n); p from χ² with groups − 1 degrees of freedom.
 * (The centred sum equals scipy's 12/(n(n+1))·ΣRᵢ²/nᵢ − 3(n+1) but does not cancel.)
 *
 * Every group needs at least one observation (drop empty or suppressed groups first),
 * and there must be at least two groups.
 *
 * When every observation has the same value, the tie-corrected H is 0/0 (scipy raises).
 * We return statistic 0, p 1 instead: every group then has the very same distribution,
 * and the exact permutation p-value of that data is 1, so "no evidence of a difference"
 * is the honest, JSON-safe answer.
 */
import { describeValue } from './describe-value.ts';
import { chiSquareSurvival } from './chi-square-survival.ts';

export interface KruskalWallisResult {
  statistic: number;
  df: number;
  p: number;
  /** Total number of observations. */
  n: number;
}

export function kruskalWallis(groups: ReadonlyArray<ReadonlyArray<number>>): KruskalWallisResult {
  checkGroupCount(groups);
  const levelOf = new Map<number, number>();
  groups.forEach((group, g) => {
    if (!Array.isArray(group) || group.length === 0) {
      throw new RangeError(`kruskalWallis: group ${g} has no observations (drop it first): ${describeValue(group)}`);
    }
    group.forEach((value, i) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new RangeError(`kruskalWallis: group ${g}, observation ${i} is not a finite number: ${describeValue(value)}`);
      }
      if (!levelOf.has(value)) levelOf.set(value, 0);
    });
  });
  const levels = Float64Array.from(levelOf.keys()).sort();
  levels.forEach((value, index) => levelOf.set(value, index));
  const counts = groups.map((group) => {
    const row = new Array<number>(levels.length).fill(0);
    for (const value of group) row[levelOf.get(value)!] += 1;
    return row;
  });
  return kruskalWallisFromCounts(counts);
}

/**
 * The same test from a frequency table: counts[group][level], levels in ascending order
 * (e.g. Likert 1…5). Linear in the number of cells, so it suits a million respondents.
 * Levels nobody chose may be present; they do not change the result.
 */
export function kruskalWallisFromCounts(counts: ReadonlyArray<ReadonlyArray<number>>): KruskalWallisResult {
  checkGroupCount(counts);
  const width = counts[0]?.length ?? 0;
  const groupSizes = counts.map((row, g) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new RangeError(`kruskalWallisFromCounts: group ${g} has ${row?.length} levels, group 0 has ${width}`);
    }
    let size = 0;
    row.forEach((count, level) => {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        throw new RangeError(
          `kruskalWallisFromCounts: count [${g}][${level}] must be a whole number ≥ 0, got ${describeValue(count)}`,
        );
      }
      size += count;
    });
    if (size === 0) {
      throw new RangeError(`kruskalWallisFromCounts: group ${g} has no observations (drop it first): ${describeValue(row)}`);
    }
    return size;
  });

  const n = groupSizes.reduce((sum, size) => sum + size, 0);
  const df = counts.length - 1;
  const rankSums = new Array<number>(counts.length).fill(0);
  let tieSum = 0;
  let ranksBelow = 0;
  for (let level = 0; level < width; level++) {
    let tied = 0;
    for (const row of counts) tied += row[level];
    if (tied === 0) continue;
    const averageRank = ranksBelow + (tied + 1) / 2;
    counts.forEach((row, g) => (rankSums[g] += row[level] * averageRank));
    tieSum += tied * tied * tied - tied;
    ranksBelow += tied;
  }

  const tieCorrection = 1 - tieSum / (n * n * n - n);
  if (!(tieCorrection > 0)) return { statistic: 0, df, p: 1, n };

  const meanRank = (n + 1) / 2;
  let spread = 0;
  rankSums.forEach((rankSum, g) => {
    const deviation = rankSum / groupSizes[g] - meanRank;
    spread += groupSizes[g] * deviation * deviation;
  });
  const statistic = (12 / (n * (n + 1))) * spread / tieCorrection;
  return { statistic, df, p: chiSquareSurvival(statistic, df), n };
}

function checkGroupCount(groups: ReadonlyArray<unknown>): void {
  if (!Array.isArray(groups) || groups.length < 2) {
    throw new RangeError(`kruskalWallis needs at least two groups, got ${Array.isArray(groups) ? groups.length : describeValue(groups)}`);
  }
}
