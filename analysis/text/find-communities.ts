/**
 * Communities of a small weighted graph by the Louvain method (Blondel et al. 2008), for the colours of the
 * co-occurrence network (issue 27): each node starts alone; nodes are visited in index order and each moves to the
 * neighbouring community that raises modularity most (k_i,in(C) − Σ_tot(C)·k_i / 2m, ties to the current community,
 * then the lowest community number), until a whole pass moves nothing; then every community becomes one node and the
 * same is done again, until nothing moves. No random order, so the same graph always gives the same communities.
 *
 * Communities are numbered by size, largest first, ties by their lowest node index. A node with no edge is a
 * community of its own.
 */

export interface WeightedEdge {
  source: number;
  target: number;
  weight: number;
}

const MAX_PASSES = 100;

export function findCommunities(nodeCount: number, edges: ReadonlyArray<WeightedEdge>): number[] {
  let membership = Array.from({ length: nodeCount }, (_, i) => i);
  // The current graph: adjacency (no self-loops) and each node's degree (self-loops counted twice, as modularity needs).
  let adjacency: Array<Map<number, number>> = Array.from({ length: nodeCount }, () => new Map());
  let degree = new Array<number>(nodeCount).fill(0);
  for (const { source, target, weight } of edges) {
    if (!(weight > 0)) continue;
    degree[source] += weight;
    degree[target] += weight;
    if (source === target) continue;
    adjacency[source].set(target, (adjacency[source].get(target) ?? 0) + weight);
    adjacency[target].set(source, (adjacency[target].get(source) ?? 0) + weight);
  }
  const twiceTotal = degree.reduce((sum, d) => sum + d, 0);
  if (twiceTotal === 0) return membership;

  for (;;) {
    const size = adjacency.length;
    const community = Array.from({ length: size }, (_, i) => i);
    const total = [...degree];
    let movedAtAll = false;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let moved = false;
      for (let i = 0; i < size; i++) {
        const own = community[i];
        const links = new Map<number, number>();
        for (const [j, w] of adjacency[i]) links.set(community[j], (links.get(community[j]) ?? 0) + w);
        total[own] -= degree[i];
        const gain = (c: number) => (links.get(c) ?? 0) - (total[c] * degree[i]) / twiceTotal;
        let best = own;
        let bestGain = gain(own);
        for (const c of [...links.keys()].sort((a, b) => a - b)) {
          const g = gain(c);
          if (g > bestGain + 1e-12) {
            best = c;
            bestGain = g;
          }
        }
        total[best] += degree[i];
        if (best !== own) {
          community[i] = best;
          moved = true;
          movedAtAll = true;
        }
      }
      if (!moved) break;
    }
    if (!movedAtAll) break;
    // One node per community, numbered in order of first appearance.
    const renumber = new Map<number, number>();
    for (const c of community) if (!renumber.has(c)) renumber.set(c, renumber.size);
    const next: Array<Map<number, number>> = Array.from({ length: renumber.size }, () => new Map());
    const nextDegree = new Array<number>(renumber.size).fill(0);
    for (let i = 0; i < size; i++) {
      const ci = renumber.get(community[i])!;
      nextDegree[ci] += degree[i];
      for (const [j, w] of adjacency[i]) {
        const cj = renumber.get(community[j])!;
        if (ci !== cj) next[ci].set(cj, (next[ci].get(cj) ?? 0) + w);
      }
    }
    membership = membership.map((m) => renumber.get(community[m])!);
    adjacency = next;
    degree = nextDegree;
  }

  // Largest community first, ties by lowest node index.
  const members = new Map<number, number[]>();
  membership.forEach((c, node) => members.set(c, [...(members.get(c) ?? []), node]));
  const order = [...members.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
  const result = new Array<number>(nodeCount);
  order.forEach((nodes, rank) => nodes.forEach((node) => (result[node] = rank)));
  return result;
}
