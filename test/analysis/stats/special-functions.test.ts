import { describe, expect, it } from 'vitest';
import { logGamma, stirlingError } from '../../../analysis/stats/log-gamma.ts';
import { regularizedGammaP, regularizedGammaQ } from '../../../analysis/stats/regularized-gamma.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Fixture {
  logGamma: Array<{ x: number; expected: number; exact: number }>;
  regularizedGamma: Array<{ a: number; x: number; p: number; q: number; exactP: number; exactQ: number }>;
}
const fixture = readReferenceFixture<Fixture>('special-functions.json');

describe('logGamma', () => {
  it('matches scipy.special.gammaln across the range', () => {
    for (const { x, expected } of fixture.logGamma) {
      // Near its zeros (x = 1, 2) ln Γ is tiny, so relative error is meaningless there: compare absolutely.
      if (Math.abs(expected) < 1e-3) expect(Math.abs(logGamma(x) - expected), `x = ${x}`).toBeLessThan(1e-15);
      else expectClose(logGamma(x), expected, 1e-13, `gammaln(${x})`);
    }
  });

  it('gives ln of factorials for whole numbers', () => {
    expect(logGamma(1)).toBeCloseTo(0, 15);
    expect(logGamma(2)).toBeCloseTo(0, 15);
    expectClose(logGamma(6), Math.log(120), 1e-15);
    expectClose(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-15);
  });

  it('rejects x ≤ 0 and non-numbers, quoting them', () => {
    expect(() => logGamma(0)).toThrow('got 0');
    expect(() => logGamma(-2)).toThrow('got -2');
    expect(() => logGamma(Number.NaN)).toThrow('got NaN');
  });
});

describe('stirlingError', () => {
  it('is continuous where it switches from ln Γ to the asymptotic series (a = 20)', () => {
    const direct = logGamma(20) - (19.5 * Math.log(20) - 20 + 0.5 * Math.log(2 * Math.PI));
    expectClose(stirlingError(20), direct, 1e-11);
  });
});

describe('regularizedGammaP / regularizedGammaQ', () => {
  it('match scipy.special.gammainc and gammaincc to 1e-12 relative, tails included', () => {
    for (const { a, x, p, q } of fixture.regularizedGamma) {
      expectClose(regularizedGammaP(a, x), p, 1e-12, `P(${a}, ${x})`);
      expectClose(regularizedGammaQ(a, x), q, 1e-12, `Q(${a}, ${x})`);
    }
  });

  it('P(1, x) = 1 − e^(−x) and Q(1, x) = e^(−x)', () => {
    for (const x of [1e-8, 0.5, 3, 40, 700]) {
      expectClose(regularizedGammaQ(1, x), Math.exp(-x), 1e-13, `Q(1, ${x})`);
      expectClose(regularizedGammaP(1, x), -Math.expm1(-x), 1e-13, `P(1, ${x})`);
    }
  });

  it('handles the ends of the range', () => {
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(regularizedGammaQ(3, Infinity)).toBe(0);
    expect(() => regularizedGammaQ(0, 1)).toThrow('a = 0');
    expect(() => regularizedGammaP(2, -1)).toThrow('x = -1');
  });
});
