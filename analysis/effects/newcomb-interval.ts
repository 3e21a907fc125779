/**
 * Newcomb's hybrid score interval for a difference of two proportions p₁ − p₂ (Newcomb 1998,
 * "Interval estimation for the difference between independent proportions", method 10, without
 * continuity correction): with (l₁, u₁) and (l₂, u₂) the Wilson score intervals of p₁ and p₂,
 *   low  = (p₁ − p₂) − √((p₁ − l₁)² + (u₂ − p₂)²),
 *   high = (p₁ − p₂) + √((u₁ − p₁)² + (p₂ − l₂)²).
 * It stays inside [−1, 1] and keeps its coverage near 0 and 1, where the Wald interval does not.
 * Written out in R in test/reference/generate-effects-reference.R, which the tests compare against.
 */
import { wilsonInterval, Z_975 } from '../stats/wilson-interval.ts';

export function newcombInterval(x1: number, n1: number, x2: number, n2: number, z: number = Z_975): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilsonInterval(x1, n1, z);
  const [l2, u2] = wilsonInterval(x2, n2, z);
  const difference = p1 - p2;
  return [difference - Math.hypot(p1 - l1, u2 - p2), difference + Math.hypot(u1 - p1, p2 - l2)];
}
