/**
 * The p-value of R's prop.test(c(x1, x2), c(n1, n2), correct = FALSE): Pearson's X² of the 2 × 2
 * table (chosen, not chosen) × (group 1, group 2) without continuity correction, on 1 degree of
 * freedom. X² = N (x₁(n₂ − x₂) − x₂(n₁ − x₁))² / (n₁ n₂ X (N − X)) with X = x₁ + x₂, N = n₁ + n₂.
 * Null when everyone or no one chose it (an expected count of zero: R answers NaN).
 */
import { chiSquareSurvival } from '../stats/chi-square-survival.ts';

export function propTestP(x1: number, n1: number, x2: number, n2: number): number | null {
  const total = n1 + n2;
  const chosen = x1 + x2;
  if (!(n1 > 0 && n2 > 0) || chosen === 0 || chosen === total) return null;
  const cross = x1 * (n2 - x2) - x2 * (n1 - x1);
  const statistic = (total * cross * cross) / (n1 * n2 * chosen * (total - chosen));
  return chiSquareSurvival(statistic, 1);
}
