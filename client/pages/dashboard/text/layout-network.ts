/**
 * Where to draw the co-occurrence network's words (issue 27, 自由記述): each community (the report's Louvain
 * communities, 0 the largest) in a cell of its own — its most frequent word in the middle and the others round
 * it on a circle, the word labels outward — and the cells packed in rows, largest community first, within the
 * given width. Deterministic (the same network is always drawn the same way) and readable at any width: a
 * force layout pushed the many small communities of real comments against the edges, their labels on top of
 * one another. Lines between communities, when there are any, cross between cells. Pure: the view draws the
 * positions as SVG, the tests check them.
 */
import type { TextNetwork } from '../../../../contracts/report.ts';

export interface PlacedNode {
  x: number;
  y: number;
  /** Radius, by the word's count (area ∝ count). */
  r: number;
  /** Where the label goes, and which of its ends is there. */
  labelX: number;
  labelY: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface NetworkLayout {
  width: number;
  /** As high as the rows of cells need. */
  height: number;
  nodes: PlacedNode[];
}

export const MIN_RADIUS = 4;
export const MAX_RADIUS = 16;
/** Label font size (px) and a width per character that holds a kanji (Latin letters take less). */
const FONT = 13;
const GAP = 6;

const labelWidth = (word: string) => [...word].length * FONT;

export function layoutNetwork(network: Pick<TextNetwork, 'nodes' | 'edges'>, width: number): NetworkLayout {
  const maxCount = Math.max(1, ...network.nodes.map((node) => node.count));
  const radius = network.nodes.map((node) => MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(node.count / maxCount));
  const byCommunity = new Map<number, number[]>();
  network.nodes.forEach((node, index) => byCommunity.set(node.community, [...(byCommunity.get(node.community) ?? []), index]));
  const communities = [...byCommunity.entries()].sort((a, b) => a[0] - b[0]).map(([, members]) => members.sort((a, b) => network.nodes[b].count - network.nodes[a].count || a - b));

  const placed: PlacedNode[] = network.nodes.map(() => ({ x: 0, y: 0, r: 0, labelX: 0, labelY: 0, anchor: 'middle' }));
  let rowX = 0;
  let rowY = 0;
  let rowHeight = 0;
  for (const members of communities) {
    // The cell: a ring of words round the most frequent one (a ring alone for up to three words).
    const centre = members.length > 3 ? members[0] : undefined;
    const ring = centre === undefined ? members : members.slice(1);
    const biggest = Math.max(...members.map((member) => radius[member]));
    // The ring is long enough for every circle and its neighbour's label to sit side by side.
    const ringLength = ring.reduce((sum, member) => sum + 2 * radius[member] + FONT * 1.6 + GAP, 0);
    const ringRadius = ring.length === 1 ? 0 : Math.max(ringLength / (2 * Math.PI), (centre === undefined ? 0 : radius[centre]) + biggest + FONT * 1.6 + GAP);
    const widest = Math.max(...members.map((member) => labelWidth(network.nodes[member].word)));
    const halfWidth = Math.min(ringRadius + biggest + GAP + widest, width / 2);
    const halfHeight = ringRadius + biggest + FONT + GAP * 2;
    if (rowX > 0 && rowX + 2 * halfWidth > width) {
      rowX = 0;
      rowY += rowHeight;
      rowHeight = 0;
    }
    const cx = rowX + halfWidth;
    const cy = rowY + halfHeight;
    if (centre !== undefined) placed[centre] = { x: cx, y: cy, r: radius[centre], labelX: cx, labelY: cy - radius[centre] - 4, anchor: 'middle' };
    ring.forEach((member, position) => {
      // From the top, clockwise; a ring of two sits side by side.
      const angle = ring.length === 2 ? Math.PI * position : (2 * Math.PI * position) / ring.length - Math.PI / 2;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const x = cx + ringRadius * cos;
      const y = cy + ringRadius * sin;
      const r = radius[member];
      const anchor = cos > 0.35 ? 'start' : cos < -0.35 ? 'end' : 'middle';
      const labelX = anchor === 'middle' ? x : x + (r + 3) * Math.sign(cos);
      const labelY = anchor === 'middle' ? (sin < 0 ? y - r - 4 : y + r + FONT) : y + FONT / 3;
      placed[member] = { x, y, r, labelX, labelY, anchor };
    });
    rowX += 2 * halfWidth;
    rowHeight = Math.max(rowHeight, 2 * halfHeight);
  }
  return { width, height: Math.ceil(rowY + rowHeight), nodes: placed };
}
