import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../analysis/stats/holm-adjust.ts';
import { expectAllClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

const { cases } = readReferenceFixture<{ cases: Array<{ p: number[]; expected: number[] }> }>('holm-adjust.json');

describe('holmAdjust', () => {
  it('matches R p.adjust(method = "holm")', () => {
    cases.forEach(({ p, expected }, i) => expectAllClose(holmAdjust(p), expected, 1e-12, `case ${i}`));
  });

  it('steps down, stays monotone and keeps the input order (hand-computed)', () => {
    // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → max(0.04, 0.06)
    expectAllClose(holmAdjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02], 1e-15);
  });

  it('caps at 1 and passes an empty list through', () => {
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('rejects p-values outside [0, 1], quoting them', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow('p-value 1 must be in [0, 1], got 1.2');
    expect(() => holmAdjust([Number.NaN])).toThrow('got NaN');
  });
});
