/**
 * Which cells of a cross-tab to hide, with its margins shown (issue 26; docs/analysis.md, "Suppression").
 *
 * The table is seen with its margins as one (R+1) × (C+1) grid: the groups' cells, each group's size
 * in the last column, the 全体 row (column totals) in the last row, and the grand total in the corner,
 * which is always shown. Every row and column of that grid adds up, so a reader who sees some of its
 * numbers can solve for the others. A set of hidden cells protects them exactly when no hidden cell
 * can be solved for: read as a bipartite graph (grid rows and grid columns as nodes, hidden cells as
 * edges), that is when every hidden cell lies on a cycle of hidden cells (a "bridge" is the one kind
 * of edge linear algebra pins down). The cells on such a cycle can all move by ±1 together, and since
 * only non-empty cells are ever hidden, none of them is pinned by the zero floor either.
 *
 * The rule:
 * - every number of 1 … k−1 people, inside or in a margin, is hidden (`small`);
 * - as few other non-empty cells as make every hidden cell sit on a cycle, the smallest preferred
 *   (`complementary`). An empty cell is never hidden: zero singles nobody out.
 *
 * Finding the fewest complementary cells is NP-hard in general. Tables the analysis meets are small
 * (a dozen answers × a handful of groups), so the search is exact up to a budget of candidate sets
 * and otherwise greedy: close a cycle for each unprotected cell along the cheapest path, then drop
 * any complementary cell the others make unnecessary. The property tests check, by enumerating every
 * table that agrees with what is shown, that no hidden cell can be worked out; the minimality test
 * compares small tables with a brute force.
 */
export type HiddenReason = 'small' | 'complementary';

export interface ProtectedTable {
  /** Per group × column. */
  cells: Array<Array<HiddenReason | null>>;
  /** Per group: its size. */
  rows: Array<HiddenReason | null>;
  /** Per column: the 全体 row. */
  columns: Array<HiddenReason | null>;
  /** The grand total: hidden (as `small`) only when it is itself under k, and then so is everything. */
  total: HiddenReason | null;
}

/** How many candidate sets the exact search may try before it settles for the greedy answer. */
const EXACT_BUDGET = 20_000;

/**
 * `counts[group][column]` of a single-answer cross-tab: each group's cells add up to its size.
 * `k` is the minimum group size.
 */
export function protectTable(counts: ReadonlyArray<ReadonlyArray<number>>, k: number): ProtectedTable {
  const grid = augment(counts);
  const R = counts.length;
  const C = R > 0 ? counts[0].length : 0;
  const N = grid[R][C];
  const hidden: Array<Array<HiddenReason | null>> = grid.map((row) => row.map((v) => (v > 0 && v < k ? 'small' : null)));
  if (N > 0 && N < k) {
    // Everything is under k: nothing is shown but the zeros.
    hidden[R][C] = 'small';
  } else {
    const small = edgesOf(hidden);
    if (small.length > 0 && !isProtected(small, R + 1)) {
      for (const edge of chooseComplementary(grid, small, N)) hidden[edge.r][edge.c] = 'complementary';
    }
  }
  return {
    cells: hidden.slice(0, R).map((row) => row.slice(0, C)),
    rows: hidden.slice(0, R).map((row) => row[C]),
    columns: hidden[R].slice(0, C),
    total: hidden[R][C],
  };
}

interface Edge {
  r: number;
  c: number;
  value: number;
}

function augment(counts: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  const R = counts.length;
  const C = R > 0 ? counts[0].length : 0;
  const grid = Array.from({ length: R + 1 }, () => new Array<number>(C + 1).fill(0));
  counts.forEach((row, r) => {
    if (row.length !== C) throw new RangeError(`protectTable: row ${r} has ${row.length} cells, the first has ${C}`);
    row.forEach((v, c) => {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`protectTable: cell [${r}][${c}] is ${v}, not a count`);
      grid[r][c] = v;
      grid[r][C] += v;
      grid[R][c] += v;
      grid[R][C] += v;
    });
  });
  return grid;
}

function edgesOf(hidden: ReadonlyArray<ReadonlyArray<HiddenReason | null>>): Edge[] {
  return hidden.flatMap((row, r) => row.flatMap((reason, c) => (reason ? [{ r, c, value: 0 }] : [])));
}

/** Whether every edge lies on a cycle. Grid rows are nodes 0…rowNodes−1, grid columns follow. */
function isProtected(edges: ReadonlyArray<Edge>, rowNodes: number): boolean {
  const graph = buildGraph(edges, rowNodes);
  // A node with a single hidden cell pins that cell (its line's total minus what is shown): the cheap test
  // that settles most of the exact search's candidate sets before any walk.
  for (let node = 0; node < graph.nodeCount; node++) if (graph.start[node + 1] - graph.start[node] === 1) return false;
  return bridgesOf(graph).length === 0;
}

/** The edges (by index) that lie on no cycle: Tarjan's low-link over an undirected multigraph. */
function findBridges(edges: ReadonlyArray<Edge>, rowNodes: number): number[] {
  return bridgesOf(buildGraph(edges, rowNodes));
}

/**
 * The hidden cells as a graph in compressed adjacency arrays. The exact search asks this of up to
 * EXACT_BUDGET candidate sets per table, and a report has over a hundred tables, so it allocates a few
 * small typed arrays rather than maps and objects (measured: the search was a fifth of a filtered report).
 */
interface Graph {
  nodeCount: number;
  /** Node n's neighbours are to[start[n] … start[n+1]−1], reached by edge via[…]. */
  start: Int32Array;
  to: Int32Array;
  via: Int32Array;
}

function buildGraph(edges: ReadonlyArray<Edge>, rowNodes: number): Graph {
  let nodeCount = rowNodes;
  for (const { c } of edges) if (rowNodes + c + 1 > nodeCount) nodeCount = rowNodes + c + 1;
  const start = new Int32Array(nodeCount + 1);
  for (const { r, c } of edges) {
    start[r + 1]++;
    start[rowNodes + c + 1]++;
  }
  for (let node = 0; node < nodeCount; node++) start[node + 1] += start[node];
  const fill = start.slice(0, nodeCount);
  const to = new Int32Array(2 * edges.length);
  const via = new Int32Array(2 * edges.length);
  for (let edge = 0; edge < edges.length; edge++) {
    const row = edges[edge].r;
    const column = rowNodes + edges[edge].c;
    to[fill[row]] = column;
    via[fill[row]++] = edge;
    to[fill[column]] = row;
    via[fill[column]++] = edge;
  }
  return { nodeCount, start, to, via };
}

function bridgesOf({ nodeCount, start, to, via }: Graph): number[] {
  const order = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const bridges: number[] = [];
  let counter = 0;
  const visit = (node: number, viaEdge: number) => {
    order[node] = low[node] = counter++;
    for (let k = start[node]; k < start[node + 1]; k++) {
      const next = to[k];
      const edge = via[k];
      if (edge === viaEdge) continue;
      if (order[next] >= 0) {
        if (order[next] < low[node]) low[node] = order[next];
      } else {
        visit(next, edge);
        if (low[next] < low[node]) low[node] = low[next];
        if (low[next] > order[node]) bridges.push(edge);
      }
    }
  };
  for (let node = 0; node < nodeCount; node++) if (order[node] < 0 && start[node + 1] > start[node]) visit(node, -1);
  return bridges;
}

/** The complementary cells: the exact answer when the search fits the budget, else the greedy one. */
function chooseComplementary(grid: number[][], small: Edge[], N: number): Edge[] {
  const R = grid.length - 1;
  const C = grid[0].length - 1;
  const isSmall = new Set(small.map(({ r, c }) => r * (C + 1) + c));
  const candidates: Edge[] = [];
  grid.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value > 0 && !(r === R && c === C) && !isSmall.has(r * (C + 1) + c)) candidates.push({ r, c, value });
    }),
  );
  // Smallest first: the exact search then meets the cheapest set of each size first, and ties go to
  // the smaller numbers, which tell a reader least.
  candidates.sort((a, b) => a.value - b.value || a.r - b.r || a.c - b.c);
  const greedy = greedyComplementary(grid, small, candidates, N);
  const exact = exactComplementary(small, candidates, R + 1, greedy.length, cost(greedy));
  return exact ?? greedy;
}

const cost = (edges: ReadonlyArray<Edge>) => edges.reduce((sum, edge) => sum + edge.value, 0);

/**
 * The fewest complementary cells (then the smallest total), trying every set smaller than or as small
 * as the greedy one; null when that would take more than the budget or finds nothing better.
 */
function exactComplementary(small: Edge[], candidates: Edge[], rowNodes: number, greedyCount: number, greedyCost: number): Edge[] | null {
  let tried = 0;
  for (let size = 1; size <= greedyCount; size++) {
    if (combinations(candidates.length, size) + tried > EXACT_BUDGET) return null;
    let best: Edge[] | null = null;
    let bestCost = size === greedyCount ? greedyCost : Infinity;
    const chosen: Edge[] = [];
    const search = (from: number, sum: number) => {
      if (sum >= bestCost) return;
      if (chosen.length === size) {
        tried++;
        if (isProtected([...small, ...chosen], rowNodes)) {
          best = [...chosen];
          bestCost = sum;
        }
        return;
      }
      for (let i = from; i <= candidates.length - (size - chosen.length); i++) {
        chosen.push(candidates[i]);
        search(i + 1, sum + candidates[i].value);
        chosen.pop();
      }
    };
    search(0, 0);
    if (best) return best;
  }
  return null;
}

function combinations(n: number, k: number): number {
  let result = 1;
  for (let i = 0; i < k; i++) {
    result = (result * (n - i)) / (i + 1);
    if (result > EXACT_BUDGET) return Infinity;
  }
  return result;
}

/**
 * For each hidden cell still on no cycle, the cheapest path back from its column to its row through
 * non-empty cells (already hidden ones are free; a new one costs 1 plus a little for its size), then
 * every complementary cell the rest make unnecessary is shown again, largest first.
 */
function greedyComplementary(grid: number[][], small: Edge[], candidates: Edge[], N: number): Edge[] {
  const R = grid.length - 1;
  const C = grid[0].length - 1;
  const rowNodes = R + 1;
  const nodes = rowNodes + C + 1;
  const key = (r: number, c: number) => r * (C + 1) + c;
  const hidden = new Map<number, Edge>(small.map((edge) => [key(edge.r, edge.c), edge]));
  const usable = new Map<number, Edge>(candidates.map((edge) => [key(edge.r, edge.c), edge]));
  const chosen = new Map<number, Edge>();

  for (const target of small) {
    const edges = [...hidden.values()];
    if (!findBridges(edges, rowNodes).some((index) => edges[index] === target)) continue;
    // Dijkstra over the complete bipartite grid graph, without the target's own cell.
    const distance = new Array<number>(nodes).fill(Infinity);
    const previous = new Array<{ node: number; r: number; c: number } | null>(nodes).fill(null);
    const done = new Array<boolean>(nodes).fill(false);
    const start = rowNodes + target.c;
    distance[start] = 0;
    for (;;) {
      let node = -1;
      for (let n = 0; n < nodes; n++) if (!done[n] && distance[n] < Infinity && (node < 0 || distance[n] < distance[node])) node = n;
      if (node < 0 || node === target.r) break;
      done[node] = true;
      const neighbours = node < rowNodes ? Array.from({ length: C + 1 }, (_, c) => rowNodes + c) : Array.from({ length: rowNodes }, (_, r) => r);
      for (const next of neighbours) {
        const r = node < rowNodes ? node : next;
        const c = node < rowNodes ? next - rowNodes : node - rowNodes;
        if (r === target.r && c === target.c) continue;
        const k = key(r, c);
        const step = hidden.has(k) ? 0 : usable.has(k) ? 1 + grid[r][c] / (N + 1) : Infinity;
        if (distance[node] + step < distance[next]) {
          distance[next] = distance[node] + step;
          previous[next] = { node, r, c };
        }
      }
    }
    if (distance[target.r] === Infinity) continue; // No non-empty path: nothing more can protect it.
    for (let at = previous[target.r]; at; at = previous[at.node]) {
      const k = key(at.r, at.c);
      if (!hidden.has(k)) {
        const edge = usable.get(k)!;
        hidden.set(k, edge);
        chosen.set(k, edge);
      }
    }
  }

  for (const edge of [...chosen.values()].sort((a, b) => b.value - a.value)) {
    const k = key(edge.r, edge.c);
    hidden.delete(k);
    if (isProtected([...hidden.values()], rowNodes)) chosen.delete(k);
    else hidden.set(k, edge);
  }
  return [...chosen.values()];
}
