/**
 * Quantiles of R's quantile(type = 7) without sorting: each needs the k-th and (k+1)-th smallest
 * values, found by quickselect (Hoare partition, median-of-three pivot) in expected linear time.
 * A million completion times take a few tens of milliseconds instead of a sort's hundred
 * (npm run bench:analysis). Reorders `values` in place.
 */
export function selectQuantiles(values: Float64Array, probabilities: ReadonlyArray<number>): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError('selectQuantiles: no values');
  return probabilities.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`selectQuantiles: a probability must be in [0, 1], got ${p}`);
    const h = (n - 1) * p;
    const low = Math.floor(h);
    const below = select(values, low);
    if (low + 1 >= n || h === low) return below;
    // After selecting `low`, everything right of it is ≥ it: the next order statistic is their minimum.
    let next = Infinity;
    for (let i = low + 1; i < n; i++) if (values[i] < next) next = values[i];
    return below + (h - low) * (next - below);
  });
}

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
