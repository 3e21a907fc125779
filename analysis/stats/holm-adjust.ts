import { describeValue } from './describe-value.ts';

/**
 * Holm's step-down adjustment of p-values (Holm 1979), in the input order:
 * the i-th smallest p becomes max over j ≤ i of (m − j + 1)·p₍ⱼ₎, capped at 1.
 * Identical to R p.adjust(p, "holm") and statsmodels multipletests(p, method="holm").
 */
export function holmAdjust(pValues: ReadonlyArray<number>): number[] {
  pValues.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new RangeError(`holmAdjust: p-value ${i} must be in [0, 1], got ${describeValue(p)}`);
    }
  });
  const m = pValues.length;
  // Stable sort by p, as R's order(): ties keep input order (the result is the same either way).
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((index, position) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - position) * pValues[index]));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
