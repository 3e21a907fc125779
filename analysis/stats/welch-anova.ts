/**
 * Welch's one-way test of equal means without assuming equal variances: R's
 * oneway.test(y ~ g, var.equal = FALSE). With wᵢ = nᵢ/sᵢ², W = Σwᵢ, m = Σwᵢx̄ᵢ/W and
 * tᵢ = (1 − wᵢ/W)²/(nᵢ − 1) for k groups:
 *   F = [Σwᵢ(x̄ᵢ − m)²/(k − 1)] / [1 + 2(k − 2)/(k² − 1) · Σtᵢ],
 *   df1 = k − 1, df2 = (k² − 1)/(3Σtᵢ), p = P(F(df1, df2) > F).
 * Null when fewer than two groups have two answers, or a group's answers are all the same
 * (its weight is infinite; R answers NaN there).
 */
import { fSurvival } from './regularized-beta.ts';

export interface WelchResult {
  statistic: number;
  df1: number;
  df2: number;
  p: number;
}

export interface GroupMoments {
  n: number;
  mean: number;
  /** The sample variance (divisor n − 1). */
  variance: number;
}

export function welchAnova(groups: ReadonlyArray<GroupMoments>): WelchResult | null {
  const used = groups.filter((group) => group.n >= 2);
  const k = used.length;
  if (k < 2 || used.some((group) => !(group.variance > 0))) return null;
  const weights = used.map((group) => group.n / group.variance);
  const W = weights.reduce((sum, w) => sum + w, 0);
  const m = used.reduce((sum, group, i) => sum + weights[i] * group.mean, 0) / W;
  const between = used.reduce((sum, group, i) => sum + weights[i] * (group.mean - m) ** 2, 0) / (k - 1);
  const t = used.reduce((sum, group, i) => sum + (1 - weights[i] / W) ** 2 / (group.n - 1), 0);
  const statistic = between / (1 + ((2 * (k - 2)) / (k * k - 1)) * t);
  const df1 = k - 1;
  const df2 = (k * k - 1) / (3 * t);
  return { statistic, df1, df2, p: fSurvival(statistic, df1, df2) };
}

/** Count, mean and sample variance of numbers (two-pass, for accuracy). */
export function momentsOf(values: ReadonlyArray<number>): GroupMoments {
  const n = values.length;
  const mean = n > 0 ? values.reduce((sum, v) => sum + v, 0) / n : Number.NaN;
  const variance = n > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : Number.NaN;
  return { n, mean, variance };
}
