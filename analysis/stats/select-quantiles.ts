/**
 * Quantiles of R's quantile(type = 7) without sorting: each needs the k-th and (k+1)-th smallest values.
 * - Many values (a million completion times): counted into 65,536 buckets of equal width between the smallest and
 *   the largest value, then only the few buckets that hold a wanted position are read out and sorted (issue 24: three
 *   linear passes, ~10 ms at a million, against ~80–100 ms for three quickselects over the whole array).
 * - Few values, or a wanted bucket that holds much of the data (one value repeated, an extreme outlier): quickselect
 *   (Hoare partition, median-of-three pivot, three-way so repeats stay linear).
 * Every answer is an order statistic of `values`, so both ways give the same numbers. `values` holds no NaN; it may be
 * reordered.
 */
export function selectQuantiles(values: Float64Array, probabilities: ReadonlyArray<number>): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError('selectQuantiles: no values');
  const positions = probabilities.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`selectQuantiles: a probability must be in [0, 1], got ${p}`);
    const h = (n - 1) * p;
    return { h, low: Math.floor(h) };
  });
  const wanted = new Set<number>();
  for (const { h, low } of positions) {
    wanted.add(low);
    if (low + 1 < n && h !== low) wanted.add(low + 1);
  }
  const ranks = [...wanted].sort((a, b) => a - b);
  const found = n >= BUCKETED_FROM ? orderStatistics(values, ranks, BUCKETS) : quickselected(values, ranks);
  const at = new Map(ranks.map((rank, i) => [rank, found[i]]));
  return positions.map(({ h, low }) => {
    const below = at.get(low)!;
    if (low + 1 >= n || h === low) return below;
    return below + (h - low) * (at.get(low + 1)! - below);
  });
}

const BUCKETED_FROM = 4096;
const BUCKETS = 65_536;

/** The values at 0-based ranks `ranks` (ascending) of the sorted `values`, by quickselect. */
function quickselected(values: Float64Array, ranks: readonly number[]): number[] {
  return ranks.map((rank) => select(values, rank));
}

/**
 * The values at 0-based `ranks` (ascending) of the sorted `values`, through `bucketCount` buckets of equal width.
 * The bucket of a value only grows with the value ((v − min) · scale is rounded monotonically), so the k-th smallest
 * value is in the bucket where the running count passes k, at k − (the values in the buckets before it).
 * Exported for its tests, which use few buckets to make every path run.
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[], bucketCount: number): number[] {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  const scale = bucketCount / (max - min);
  // One value throughout, or a range too wide to scale (±Infinity): nothing to bucket.
  if (!(scale > 0 && Number.isFinite(scale))) return max === min ? ranks.map(() => min) : quickselected(values, ranks);
  const last = bucketCount - 1;
  const counts = new Int32Array(bucketCount);
  for (let i = 0; i < n; i++) {
    const bucket = Math.floor((values[i] - min) * scale);
    counts[bucket > last ? last : bucket] += 1;
  }
  // For each rank, its bucket and its place in it.
  const places: Array<{ bucket: number; within: number }> = [];
  let bucket = 0;
  let before = 0;
  for (const rank of ranks) {
    while (before + counts[bucket] <= rank) before += counts[bucket++];
    places.push({ bucket, within: rank - before });
  }
  // The wanted buckets' values, each bucket in an array of its own.
  const slot = new Int32Array(bucketCount).fill(-1);
  const held: Float64Array[] = [];
  for (const place of places) {
    if (slot[place.bucket] >= 0) continue;
    slot[place.bucket] = held.length;
    held.push(new Float64Array(counts[place.bucket]));
  }
  const filled = new Int32Array(held.length);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const b = Math.floor((v - min) * scale);
    const k = slot[b > last ? last : b];
    if (k >= 0) held[k][filled[k]++] = v;
  }
  // A bucket with much of the data (repeats, or the rest squeezed by an outlier) is selected in, not sorted.
  for (const bucketValues of held) if (bucketValues.length <= SORTED_UP_TO) bucketValues.sort();
  return places.map(({ bucket: key, within }) => {
    const bucketValues = held[slot[key]];
    return bucketValues.length <= SORTED_UP_TO ? bucketValues[within] : select(bucketValues, within);
  });
}

const SORTED_UP_TO = 4096;

/**
 * The k-th smallest (0-based); leaves values[k] in place, smaller ones left of it, larger right.
 * Three-way partition, so many equal values (times in whole seconds) stay linear, not quadratic.
 */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    const a = values[left];
    const b = values[middle];
    const c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // [left, lt) < pivot, [lt, i) == pivot, (gt, right] > pivot.
    let lt = left;
    let gt = right;
    let i = left;
    while (i <= gt) {
      const v = values[i];
      if (v < pivot) swap(values, lt++, i++);
      else if (v > pivot) swap(values, i, gt--);
      else i++;
    }
    if (k < lt) right = lt - 1;
    else if (k > gt) left = gt + 1;
    else return pivot;
  }
  return values[k];
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i];
  values[i] = values[j];
  values[j] = t;
}
