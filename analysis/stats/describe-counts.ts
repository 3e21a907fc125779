/**
 * What describeNumbers gives for answers written as counts per point (a rating, a scale), without
 * writing them out or sorting them: n, mean, sample sd, min, quartiles (R's quantile(type = 7))
 * and max. A million ratings stay one counting pass (npm run bench:analysis).
 */
import type { NumericDescription } from '../../contracts/report.ts';

/** The report's numeric description, with how many answered. */
export type CountedDescription = NumericDescription & { n: number };

/** `points` ascending; `counts[i]` answers at `points[i]`. Null when nobody answered. */
export function describeCounts(points: ReadonlyArray<number>, counts: ReadonlyArray<number>): CountedDescription | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const mean = counts.reduce((sum, c, i) => sum + c * points[i], 0) / n;
  const sd = n > 1 ? Math.sqrt(counts.reduce((sum, c, i) => sum + c * (points[i] - mean) ** 2, 0) / (n - 1)) : null;
  // The j-th smallest answer (1-based), read off the cumulative counts.
  const at = (j: number) => {
    let seen = 0;
    for (let i = 0; i < points.length; i++) {
      seen += counts[i];
      if (seen >= j) return points[i];
    }
    return points[points.length - 1];
  };
  const quantile = (p: number) => {
    const h = (n - 1) * p + 1;
    const low = Math.floor(h);
    return at(low) + (h - low) * (at(Math.min(low + 1, n)) - at(low));
  };
  return { n, mean, sd, min: at(1), q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75), max: at(n) };
}
