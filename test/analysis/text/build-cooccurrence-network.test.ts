/** The co-occurrence network and its communities, worked by hand on small inputs. */
import { describe, expect, it } from 'vitest';
import { buildCooccurrenceNetwork } from '../../../analysis/text/build-cooccurrence-network.ts';
import { findCommunities } from '../../../analysis/text/find-communities.ts';

describe('findCommunities', () => {
  it('splits two triangles joined by one weak edge, largest community first', () => {
    const edges = [
      [0, 1, 1], [1, 2, 1], [0, 2, 1],
      [3, 4, 1], [4, 5, 1], [3, 5, 1], [5, 6, 1], [3, 6, 1],
      [2, 3, 0.1],
    ].map(([source, target, weight]) => ({ source, target, weight }));
    // 3 4 5 6 hold four nodes, so they are community 0.
    expect(findCommunities(7, edges)).toEqual([1, 1, 1, 0, 0, 0, 0]);
  });

  it('keeps a node without edges alone, and gives the same answer every time', () => {
    const edges = [{ source: 0, target: 1, weight: 1 }];
    expect(findCommunities(3, edges)).toEqual([0, 0, 1]);
    expect(findCommunities(3, [])).toEqual([0, 1, 2]);
  });

  it('finds each clique of a ring of cliques (the textbook case Louvain resolves)', () => {
    // Four cliques of 4 in a ring, each joined to the next by one edge: modularity is highest with one community each.
    const edges: Array<{ source: number; target: number; weight: number }> = [];
    for (let c = 0; c < 4; c++) {
      for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) edges.push({ source: c * 4 + a, target: c * 4 + b, weight: 1 });
      edges.push({ source: c * 4 + 3, target: ((c + 1) % 4) * 4, weight: 1 });
    }
    const community = findCommunities(16, edges);
    for (let c = 0; c < 4; c++) expect(new Set(community.slice(c * 4, c * 4 + 4)).size).toBe(1);
    expect(new Set(community).size).toBe(4);
  });
});

describe('buildCooccurrenceNetwork', () => {
  // 窓口 in 4 comments, 予約 in 3, 書類 in 2, 駐車場 in 1.
  const comments = [['窓口', '予約'], ['窓口', '予約'], ['窓口', '予約', '書類'], ['窓口', '書類'], ['駐車場']];

  it('weighs each pair by Jaccard and keeps pairs met at least minCooccurrence times', () => {
    const network = buildCooccurrenceNetwork(comments, { candidateWords: 10, maxEdges: 10, minCooccurrence: 2 });
    expect(network.nodes.map((n) => [n.word, n.count])).toEqual([['窓口', 4], ['予約', 3], ['書類', 2]]);
    expect(network.edges).toEqual([
      // 窓口–予約: 3 together, 4 + 3 − 3 = 4 with either: 0.75. 窓口–書類: 2 / (4 + 2 − 2) = 0.5. 予約–書類 met once: out.
      { source: 0, target: 1, count: 3, jaccard: 0.75 },
      { source: 0, target: 2, count: 2, jaccard: 0.5 },
    ]);
    expect(network.rule).toEqual({ candidateWords: 10, maxEdges: 10, minCooccurrence: 2, communities: 'louvain' });
  });

  it('keeps only the top edges by Jaccard, and only the most frequent candidates', () => {
    expect(buildCooccurrenceNetwork(comments, { candidateWords: 10, maxEdges: 1, minCooccurrence: 1 }).edges).toEqual([{ source: 0, target: 1, count: 3, jaccard: 0.75 }]);
    // With two candidates (窓口, 予約) 書類 cannot appear.
    expect(buildCooccurrenceNetwork(comments, { candidateWords: 2, maxEdges: 10, minCooccurrence: 1 }).nodes.map((n) => n.word)).toEqual(['窓口', '予約']);
    // minCooccurrence 1 lets 予約–書類 (1 / (3 + 2 − 1) = 0.25) in, after the other two.
    const all = buildCooccurrenceNetwork(comments, { candidateWords: 10, maxEdges: 10, minCooccurrence: 1 });
    expect(all.edges.map((e) => e.jaccard)).toEqual([0.75, 0.5, 0.25]);
  });

  it('is empty when no pair is frequent enough', () => {
    expect(buildCooccurrenceNetwork([['a'], ['b']], { candidateWords: 10, maxEdges: 10, minCooccurrence: 2 })).toMatchObject({ nodes: [], edges: [] });
  });
});
