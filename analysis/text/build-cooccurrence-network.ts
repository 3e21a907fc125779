/**
 * The co-occurrence network of free text (issue 27; docs/analysis.md, "Free text"), as KH Coder draws it by default:
 * - candidates: the `candidateWords` most frequent words (count = comments containing the word; ties by the word in
 *   code-point order);
 * - for each pair of candidates, `count` = comments containing both and Jaccard = count / comments containing either;
 * - edges: pairs with count ≥ `minCooccurrence`, the `maxEdges` with the highest Jaccard (ties: higher count, then the
 *   two words in code-point order) — KH Coder's default is the top 60;
 * - nodes: the words on a kept edge, most frequent first;
 * - communities: Louvain on the Jaccard weights (find-communities.ts), for colours.
 * Deterministic: the same comments give the same network.
 */
import { byCountThenWord } from './count-word-frequencies.ts';
import { findCommunities } from './find-communities.ts';
import type { TextNetwork } from './text-analysis-types.ts';

export interface NetworkOptions {
  candidateWords: number;
  maxEdges: number;
  minCooccurrence: number;
}

export const DEFAULT_NETWORK_OPTIONS: NetworkOptions = { candidateWords: 80, maxEdges: 60, minCooccurrence: 2 };

export function buildCooccurrenceNetwork(
  /** The distinct words of each comment. */
  commentWords: ReadonlyArray<ReadonlyArray<string>>,
  options: NetworkOptions = DEFAULT_NETWORK_OPTIONS,
): TextNetwork {
  const rule = { ...options, communities: 'louvain' as const };
  const counts = new Map<string, number>();
  for (const words of commentWords) for (const word of new Set(words)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const candidates = [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort(byCountThenWord)
    .slice(0, options.candidateWords);
  const index = new Map(candidates.map(({ word }, i) => [word, i]));
  const size = candidates.length;
  const together = new Float64Array(size * size);
  for (const words of commentWords) {
    const present = [...new Set(words)].flatMap((word) => (index.has(word) ? [index.get(word)!] : [])).sort((a, b) => a - b);
    for (let a = 0; a < present.length; a++) for (let b = a + 1; b < present.length; b++) together[present[a] * size + present[b]]++;
  }
  const pairs: Array<{ a: number; b: number; count: number; jaccard: number }> = [];
  for (let a = 0; a < size; a++) {
    for (let b = a + 1; b < size; b++) {
      const count = together[a * size + b];
      if (count < options.minCooccurrence || count === 0) continue;
      pairs.push({ a, b, count, jaccard: count / (candidates[a].count + candidates[b].count - count) });
    }
  }
  const words = (i: number) => candidates[i].word;
  const compareWords = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  pairs.sort((x, y) => y.jaccard - x.jaccard || y.count - x.count || compareWords(words(x.a), words(y.a)) || compareWords(words(x.b), words(y.b)));
  const kept = pairs.slice(0, options.maxEdges);
  // Candidates are in frequency order, so the nodes are too.
  const used = [...new Set(kept.flatMap(({ a, b }) => [a, b]))].sort((x, y) => x - y);
  const position = new Map(used.map((candidate, i) => [candidate, i]));
  const edges = kept.map(({ a, b, count, jaccard }) => ({ source: position.get(a)!, target: position.get(b)!, count, jaccard }));
  const community = findCommunities(
    used.length,
    edges.map(({ source, target, jaccard }) => ({ source, target, weight: jaccard })),
  );
  return {
    nodes: used.map((candidate, i) => ({ word: candidates[candidate].word, count: candidates[candidate].count, community: community[i] })),
    edges,
    rule,
  };
}
