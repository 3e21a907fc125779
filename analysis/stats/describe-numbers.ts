/**
 * Mean, standard deviation and five-number summary of numeric answers, weighted or not, the
 * way R's survey package computes them for `svydesign(ids = ~1, weights = ~w)`:
 * - mean = Σwx / Σw (svymean);
 * - sd = √(n/(n−1) · Σw(x − mean)² / Σw) (svyvar; without weights the sample sd);
 * - quantiles by the weighted Hyndman–Fan type 7 rule (svyquantile(qrule = "hf7")): with equal
 *   weights it is R's default quantile(), numpy's percentile and Excel's QUARTILE.INC.
 * https://github.com/cran/survey/blob/master/R/svyquantile.R (qrule_hf7)
 */
import type { NumericDescription } from '../../contracts/report.ts';
import { describeValue } from './describe-value.ts';

/** The report's numeric description (sd is null for a single answer), with the count it is of. */
export interface NumberSummary extends NumericDescription {
  n: number;
}

export function describeNumbers(values: ArrayLike<number>, weights?: ArrayLike<number> | null): NumberSummary {
  const n = values.length;
  if (n === 0) throw new RangeError('describeNumbers needs at least one value');
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`describeNumbers: value ${i} is not a finite number: ${describeValue(values[i])}`);
    const w = weights ? weights[i] : 1;
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`describeNumbers: weight ${i} must be a finite number > 0, got ${describeValue(w)}`);
  }
  // Stable, as R's order(): ties keep their input order, which the hf7 positions depend on.
  order.sort((a, b) => values[a] - values[b] || a - b);
  const weightOf = (i: number) => (weights ? weights[i] : 1);
  let total = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    total += weightOf(i);
    sum += weightOf(i) * values[i];
  }
  const mean = sum / total;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += weightOf(i) * (values[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(((n / (n - 1)) * squares) / total) : null;

  // hf7: the k-th smallest value sits at (weight before it) / (weight of all but the largest).
  const sorted = order.map((i) => values[i]);
  const positions = new Float64Array(n);
  let before = 0;
  order.forEach((i, k) => {
    positions[k] = before;
    before += weightOf(i);
  });
  const scale = n > 1 ? before - weightOf(order[n - 1]) : 1;
  for (let k = 0; k < n; k++) positions[k] /= scale;
  const quantile = (p: number): number => {
    if (n === 1 || p <= positions[0]) return sorted[0];
    if (p >= positions[n - 1]) return sorted[n - 1];
    let hi = 1;
    while (positions[hi] < p) hi++;
    const lo = hi - 1;
    const t = (p - positions[lo]) / (positions[hi] - positions[lo]);
    return sorted[lo] + t * (sorted[hi] - sorted[lo]);
  };
  return { n, mean, sd, min: sorted[0], q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75), max: sorted[n - 1] };
}
