/** selectQuantiles gives what sorting and reading type-7 positions gives, on any numbers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderStatistics, selectQuantiles } from '../../../analysis/stats/select-quantiles.ts';

function bySorting(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  return sorted[low] + (h - low) * (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]);
}

describe('selectQuantiles', () => {
  it('matches sorting, ties and repeats included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 200 }), (values) => {
        const ps = [0, 0.25, 0.5, 0.75, 1];
        // + 0 folds −0 into 0: which of two equal zeros is picked does not matter.
        expect(selectQuantiles(Float64Array.from(values), ps).map((v) => v + 0)).toEqual(ps.map((p) => bySorting(values, p) + 0));
      }),
      { numRuns: 500 },
    );
  });

  it('matches sorting on many values, through the buckets (ties, repeats, outliers, one wide bucket)', () => {
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 90 }) },
      { weight: 3, arbitrary: fc.double({ min: 0, max: 120, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(-1e12, 1e12, 0, -0, 7) },
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 4096, maxLength: 9000 }), (values) => {
        const ps = [0, 0.1, 0.25, 0.5, 0.75, 0.999, 1];
        expect(selectQuantiles(Float64Array.from(values), ps).map((v) => v + 0)).toEqual(ps.map((p) => bySorting(values, p) + 0));
      }),
      { numRuns: 40 },
    );
  });

  it('finds every order statistic through a few buckets, sorting small ones and selecting in large ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 1, maxLength: 6000 }),
        fc.integer({ min: 1, max: 9 }),
        (values, bucketCount) => {
          const sorted = [...values].sort((a, b) => a - b);
          const ranks = [0, Math.floor(values.length / 3), Math.floor(values.length / 2), values.length - 1].filter((r, i, all) => all.indexOf(r) === i).sort((a, b) => a - b);
          expect(orderStatistics(Float64Array.from(values), ranks, bucketCount).map((v) => v + 0)).toEqual(ranks.map((r) => sorted[r] + 0));
        },
      ),
      { numRuns: 200 },
    );
    // Infinite values: no scale to bucket by, quickselect instead.
    expect(orderStatistics(Float64Array.from([3, -Infinity, 1, Infinity, 2]), [0, 2, 4], 8)).toEqual([-Infinity, 2, Infinity]);
  });

  it('stays fast on a million equal values (three-way partition)', () => {
    const same = new Float64Array(1_000_000).fill(7);
    expect(selectQuantiles(same, [0.25, 0.5, 0.75])).toEqual([7, 7, 7]);
  });

  it('gives R quantile(c(3, 5, 6, 10, 12), type = 7) and names bad input', () => {
    expect(selectQuantiles(Float64Array.from([12, 3, 10, 6, 5]), [0.25, 0.5, 0.75])).toEqual([5, 6, 10]);
    expect(() => selectQuantiles(new Float64Array(0), [0.5])).toThrow(/no values/);
    expect(() => selectQuantiles(Float64Array.from([1]), [1.5])).toThrow(/got 1.5/);
  });
});
