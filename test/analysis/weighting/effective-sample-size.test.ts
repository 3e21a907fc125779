import { describe, expect, it } from 'vitest';
import { effectiveSampleSize } from '../../../analysis/weighting/effective-sample-size.ts';

describe('effectiveSampleSize', () => {
  it('is n for equal weights, whatever their scale', () => {
    expect(effectiveSampleSize([3, 3, 3, 3])).toBe(4);
    expect(effectiveSampleSize(new Float64Array([0.5, 0.5]))).toBe(2);
  });

  it('is (Σw)²/Σw² for unequal weights (hand-computed)', () => {
    expect(effectiveSampleSize([1, 2, 3])).toBe(36 / 14);
  });

  it('rejects negative or non-finite weights and an all-zero set', () => {
    expect(() => effectiveSampleSize([1, -1])).toThrow('weight 1 must be a finite number ≥ 0, got -1');
    expect(() => effectiveSampleSize([1, Number.POSITIVE_INFINITY])).toThrow('got Infinity');
    expect(() => effectiveSampleSize([0, 0])).toThrow('at least one positive weight');
  });
});
