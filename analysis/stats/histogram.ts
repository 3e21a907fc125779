/**
 * Histogram classes for numeric answers: Sturges' number of classes (R's hist() default,
 * nclass.Sturges) with a "nice" width of 1, 2 or 5 × 10ᵏ, classes closed on the right and the
 * first one closed on both sides, as R's hist(right = TRUE, include.lowest = TRUE).
 * Counts are unweighted, shares weighted when weights are given.
 */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
  share: number;
}

export function histogram(values: ArrayLike<number>, weights?: ArrayLike<number> | null): HistogramBin[] {
  const n = values.length;
  if (n === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const classes = Math.ceil(Math.log2(n) + 1);
  const width = niceWidth((max - min) / classes || 1);
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.ceil((max - start) / width - 1e-9));
  const bins: HistogramBin[] = Array.from({ length: count }, (_, k) => ({ from: start + k * width, to: start + (k + 1) * width, count: 0, share: 0 }));
  let total = 0;
  for (let i = 0; i < n; i++) {
    // (from, to], the first class also takes its lower edge.
    const k = Math.min(count - 1, Math.max(0, Math.ceil((values[i] - start) / width - 1e-9) - 1));
    const w = weights ? weights[i] : 1;
    bins[k].count += 1;
    bins[k].share += w;
    total += w;
  }
  for (const bin of bins) bin.share /= total;
  return bins;
}

function niceWidth(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}
