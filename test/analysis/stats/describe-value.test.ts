import { describe, expect, it } from 'vitest';
import { describeValue } from '../../../analysis/stats/describe-value.ts';

describe('describeValue', () => {
  it('shows what JSON would hide', () => {
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue([1, undefined, Number.POSITIVE_INFINITY])).toBe('[1,undefined,Infinity]');
    expect(describeValue({ a: 'x', b: null })).toBe('{"a":"x","b":null}');
  });

  it('cuts long inputs', () => {
    const text = describeValue(Array.from({ length: 10_000 }, (_, i) => i), 40);
    expect(text).toHaveLength(40);
    expect(text.endsWith('…')).toBe(true);
  });
});
