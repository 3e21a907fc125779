/**
 * Epsilon-squared effect size for a Kruskal–Wallis H: ε² = H·(n + 1)/(n² − 1) = H/(n − 1)
 * (Tomczak & Tomczak 2014). 0 means no difference between groups; 1 is complete separation.
 */
export function epsilonSquared(statistic: number, n: number): number {
  if (!(statistic >= 0) || !Number.isFinite(statistic)) {
    throw new RangeError(`epsilonSquared needs a finite H ≥ 0, got H = ${statistic}`);
  }
  if (!(n > 1) || !Number.isFinite(n)) throw new RangeError(`epsilonSquared needs n > 1, got n = ${n}`);
  return (statistic * (n + 1)) / (n * n - 1);
}
