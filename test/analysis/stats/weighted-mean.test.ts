import { describe, expect, it } from 'vitest';
import { weightedMean } from '../../../analysis/stats/weighted-mean.ts';

describe('weightedMean', () => {
  it('is the plain mean without weights and Σwx/Σw with them', () => {
    expect(weightedMean([1, 2, 3, 4])).toBe(2.5);
    expect(weightedMean([1, 5], [3, 1])).toBe(2);
  });

  it('rejects empty input, mismatched lengths and bad numbers, quoting them', () => {
    expect(() => weightedMean([])).toThrow('at least one value');
    expect(() => weightedMean([1, 2], [1])).toThrow('1 weights for 2 values');
    expect(() => weightedMean([1, Number.NaN])).toThrow('value 1 is not a finite number: NaN');
    expect(() => weightedMean([1, 2], [0, 0])).toThrow('positive total weight');
  });
});
