/**
 * The co-occurrence network's layout (client/pages/dashboard/text/layout-network.ts): the same network is
 * drawn the same way every time, inside the width, words sized by count, each community in a cell of its own
 * (their boxes never overlap), the most frequent word of a community of four or more in its middle.
 */
import { describe, expect, it } from 'vitest';
import type { TextNetwork } from '../../../../contracts/report.ts';
import { layoutNetwork, MAX_RADIUS, MIN_RADIUS } from '../../../../client/pages/dashboard/text/layout-network.ts';

/** A community of four round 待ち時間, one of three, a pair, and a word alone. */
const NETWORK: Pick<TextNetwork, 'nodes' | 'edges'> = {
  nodes: [
    { word: '待ち時間', count: 40, community: 0 },
    { word: '長い', count: 30, community: 0 },
    { word: '窓口', count: 20, community: 0 },
    { word: '呼ぶ', count: 12, community: 0 },
    { word: '駐車場', count: 10, community: 1 },
    { word: '狭い', count: 10, community: 1 },
    { word: '除雪', count: 5, community: 1 },
    { word: 'マイナンバーカード', count: 8, community: 2 },
    { word: 'コンビニ', count: 6, community: 2 },
    { word: '丁寧', count: 4, community: 3 },
  ],
  edges: [
    { source: 0, target: 1, count: 25, jaccard: 0.6 },
    { source: 0, target: 2, count: 12, jaccard: 0.3 },
    { source: 0, target: 3, count: 10, jaccard: 0.25 },
    { source: 4, target: 5, count: 8, jaccard: 0.7 },
    { source: 4, target: 6, count: 4, jaccard: 0.3 },
    { source: 7, target: 8, count: 3, jaccard: 0.25 },
  ],
};

describe('layoutNetwork', () => {
  for (const width of [640, 300]) {
    it(`at ${width} px: deterministic, every circle inside the drawing, communities in boxes that do not overlap`, () => {
      const layout = layoutNetwork(NETWORK, width);
      expect(layoutNetwork(NETWORK, width)).toEqual(layout);
      for (const node of layout.nodes) {
        expect(node.x - node.r).toBeGreaterThanOrEqual(0);
        expect(node.x + node.r).toBeLessThanOrEqual(width);
        expect(node.y - node.r).toBeGreaterThanOrEqual(0);
        expect(node.y + node.r).toBeLessThanOrEqual(layout.height);
      }
      const box = (community: number) => {
        const members = layout.nodes.filter((_, index) => NETWORK.nodes[index].community === community);
        return {
          left: Math.min(...members.map((node) => node.x - node.r)),
          right: Math.max(...members.map((node) => node.x + node.r)),
          top: Math.min(...members.map((node) => node.y - node.r)),
          bottom: Math.max(...members.map((node) => node.y + node.r)),
        };
      };
      const boxes = [0, 1, 2, 3].map(box);
      for (let a = 0; a < boxes.length; a++) {
        for (let b = a + 1; b < boxes.length; b++) {
          const apart = boxes[a].right <= boxes[b].left || boxes[b].right <= boxes[a].left || boxes[a].bottom <= boxes[b].top || boxes[b].bottom <= boxes[a].top;
          expect(apart, `communities ${a} and ${b}`).toBe(true);
        }
      }
    });
  }

  it('sizes words by count and puts a community’s most frequent word in its middle', () => {
    const { nodes } = layoutNetwork(NETWORK, 640);
    expect(nodes[0].r).toBe(MAX_RADIUS);
    expect(nodes[9].r).toBeGreaterThan(MIN_RADIUS);
    expect(nodes[0].r).toBeGreaterThan(nodes[1].r);
    expect(nodes[4].r).toBe(nodes[5].r);
    const ring = [1, 2, 3].map((index) => Math.hypot(nodes[index].x - nodes[0].x, nodes[index].y - nodes[0].y));
    for (const distance of ring) expect(distance).toBeCloseTo(ring[0], 9);
    expect(ring[0]).toBeGreaterThan(nodes[0].r + nodes[1].r);
  });

  it('draws nothing for an empty network', () => {
    expect(layoutNetwork({ nodes: [], edges: [] }, 300)).toEqual({ width: 300, height: 0, nodes: [] });
  });
});
