import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_975 } from '../../../analysis/stats/wilson-interval.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Fixture {
  z: number;
  cases: Array<{ successes: number; n: number; expected: [number, number]; exact: [number, number]; source: string }>;
}
const fixture = readReferenceFixture<Fixture>('wilson-interval.json');

describe('wilsonInterval', () => {
  it('uses the 0.975 normal quantile of the report contract', () => {
    expect(Z_975).toBe(fixture.z);
  });

  it('matches scipy (whole counts) and the 60-digit closed form (weighted, non-integer counts) to 1e-9', () => {
    for (const { successes, n, expected, exact } of fixture.cases) {
      const [lower, upper] = wilsonInterval(successes, n);
      expectClose(lower, expected[0], 1e-9, `lower(${successes}, ${n})`);
      expectClose(upper, expected[1], 1e-9, `upper(${successes}, ${n})`);
      // The cancellation-free form is accurate far beyond that, even for a small lower bound.
      expectClose(lower, exact[0], 1e-13, `exact lower(${successes}, ${n})`);
      expectClose(upper, exact[1], 1e-13, `exact upper(${successes}, ${n})`);
    }
  });

  it('gives [0, z²/(n+z²)] for no successes and its mirror for all (hand-computed)', () => {
    const zz = Z_975 * Z_975;
    expect(wilsonInterval(0, 10)).toEqual([0, zz / (10 + zz)]);
    const [lower, upper] = wilsonInterval(10, 10);
    expectClose(lower, 10 / (10 + zz), 1e-15);
    expect(upper).toBe(1);
  });

  it('is symmetric: successes s and n − s mirror each other', () => {
    const [lower, upper] = wilsonInterval(3.25, 17.5);
    const [mirrorLower, mirrorUpper] = wilsonInterval(17.5 - 3.25, 17.5);
    expectClose(lower, 1 - mirrorUpper, 1e-14);
    expectClose(upper, 1 - mirrorLower, 1e-14);
  });

  it('accepts a weighted share × effective N that overshoots n by rounding', () => {
    const n = 123.456;
    expect(wilsonInterval(n * (1 + 1e-15), n)[1]).toBe(1);
  });

  it('rejects n = 0 and impossible counts, quoting them', () => {
    expect(() => wilsonInterval(0, 0)).toThrow('n = 0');
    expect(() => wilsonInterval(5, 4)).toThrow('successes = 5, n = 4');
    expect(() => wilsonInterval(-1, 4)).toThrow('successes = -1');
    expect(() => wilsonInterval(1, 4, 0)).toThrow('z = 0');
  });
});
