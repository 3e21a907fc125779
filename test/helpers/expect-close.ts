import { expect } from 'vitest';

/**
 * Asserts |actual − expected| ≤ relative·|expected| and, on failure, says how far off it was.
 * Values whose magnitude is below `underflow` on both sides count as equal: they sit in the
 * subnormal range where doubles have lost relative precision (e.g. p-values below 1e-300).
 */
export function expectClose(
  actual: number,
  expected: number,
  relative = 1e-9,
  label = '',
  underflow = 1e-300,
): void {
  const where = label ? `${label}: ` : '';
  if (Object.is(actual, expected)) return;
  if (Math.abs(actual) < underflow && Math.abs(expected) < underflow) return;
  expect(Number.isFinite(actual), `${where}got ${actual}, expected ${expected}`).toBe(true);
  const relativeError = Math.abs(actual - expected) / Math.abs(expected);
  expect(
    relativeError,
    `${where}got ${actual}, expected ${expected}: relative error ${relativeError.toExponential(2)} > ${relative}`,
  ).toBeLessThanOrEqual(relative);
}

/** expectClose element by element, with the same lengths. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, relative = 1e-9, label = ''): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], relative, `${label}[${i}]`);
}
