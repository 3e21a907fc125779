/**
 * The co-occurrence network of a comment question (report.text[].network) as plain shapes for an
 * inline SVG, laid out here, deterministically: the same network always gets the same picture, so a
 * printed report can be compared with last month's. A force-directed layout (Fruchterman and
 * Reingold 1991) from fixed starting places (a circle, in the nodes' order), a fixed number of
 * steps and a fixed cooling, no randomness. Nodes are sized by how many comments contain the word
 * (the radius grows with the square root of the count, so area follows the count), coloured by
 * community (the palette's series colours), edges wider and darker with a higher Jaccard coefficient;
 * each word's label has a white halo so a crossing edge does not hide it on paper.
 */
import type { TextNetwork } from '../../contracts/report.ts';
import { INK, SERIES_COLOURS } from './palette.ts';
import { labelUnits } from './truncate-label.ts';

export type NetworkShape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; opacity?: number }
  | { kind: 'circle'; x: number; y: number; r: number; fill: string; stroke: string }
  | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; fill: string; bold?: boolean; halo?: boolean };

export interface NetworkLayout {
  width: number;
  height: number;
  shapes: NetworkShape[];
  /** Each node's centre and radius, in `nodes` order (tests check that nodes do not overlap much). */
  places: Array<{ x: number; y: number; r: number }>;
}

const WIDTH = 680;
const HEIGHT = 560;
const MARGIN = 40;
const MIN_RADIUS = 5;
const MAX_RADIUS = 22;
const STEPS = 400;
const FONT = 11;

export function layoutNetwork(network: TextNetwork, width = WIDTH, height = HEIGHT): NetworkLayout {
  const nodes = network.nodes;
  const n = nodes.length;
  if (n === 0) return { width, height: 40, shapes: [], places: [] };
  const maxCount = Math.max(...nodes.map((node) => node.count), 1);
  const radius = nodes.map((node) => MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(node.count / maxCount));
  const inner = { w: width - 2 * MARGIN, h: height - 2 * MARGIN };
  // Fruchterman–Reingold: k is the ideal distance; attraction along edges (stronger with Jaccard), repulsion between all.
  const k = Math.sqrt((inner.w * inner.h) / n) * 0.75;
  const x = nodes.map((_, i) => inner.w / 2 + (inner.w / 2.5) * Math.cos((2 * Math.PI * i) / n));
  const y = nodes.map((_, i) => inner.h / 2 + (inner.h / 2.5) * Math.sin((2 * Math.PI * i) / n));
  let temperature = inner.w / 8;
  for (let step = 0; step < STEPS; step++) {
    const dx = new Array<number>(n).fill(0);
    const dy = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j];
        let ey = y[i] - y[j];
        let distance = Math.hypot(ex, ey);
        if (distance < 0.01) {
          // Two nodes on one spot: push them apart along a fixed direction, so the result stays deterministic.
          ex = 0.01 * (i - j);
          ey = 0.01;
          distance = Math.hypot(ex, ey);
        }
        // Repulsion, with room for both circles.
        const room = Math.max(0.01, distance - (radius[i] + radius[j]) * 0.5);
        const force = (k * k) / room;
        dx[i] += (ex / distance) * force;
        dy[i] += (ey / distance) * force;
        dx[j] -= (ex / distance) * force;
        dy[j] -= (ey / distance) * force;
      }
    }
    for (const edge of network.edges) {
      const ex = x[edge.source] - x[edge.target];
      const ey = y[edge.source] - y[edge.target];
      const distance = Math.max(0.01, Math.hypot(ex, ey));
      const force = ((distance * distance) / k) * (0.5 + edge.jaccard);
      dx[edge.source] -= (ex / distance) * force;
      dy[edge.source] -= (ey / distance) * force;
      dx[edge.target] += (ex / distance) * force;
      dy[edge.target] += (ey / distance) * force;
    }
    // A pull to the middle (gravity) keeps words without edges near the rest; nothing is clamped to
    // the frame here (clamping piled the lone words along its edge), the picture is scaled to it after.
    for (let i = 0; i < n; i++) {
      const gx = inner.w / 2 - x[i];
      const gy = inner.h / 2 - y[i];
      const distance = Math.hypot(gx, gy);
      dx[i] += (gx * distance) / k * 0.08;
      dy[i] += (gy * distance) / k * 0.08;
      const length = Math.max(0.01, Math.hypot(dx[i], dy[i]));
      const move = Math.min(length, temperature);
      x[i] += (dx[i] / length) * move;
      y[i] += (dy[i] / length) * move;
    }
    temperature = Math.max(0.5, temperature * 0.985);
  }
  // Scale to fill the frame, keeping the aspect.
  const minX = Math.min(...x);
  const maxX = Math.max(...x);
  const minY = Math.min(...y);
  const maxY = Math.max(...y);
  const scale = Math.min(inner.w / Math.max(1, maxX - minX), inner.h / Math.max(1, maxY - minY));
  const places = nodes.map((_, i) => ({
    x: MARGIN + (x[i] - minX) * scale + (inner.w - (maxX - minX) * scale) / 2,
    y: MARGIN + (y[i] - minY) * scale + (inner.h - (maxY - minY) * scale) / 2,
    r: radius[i],
  }));
  separate(places, nodes.map((node) => node.word), width, height);
  const shapes: NetworkShape[] = [];
  const edges = [...network.edges].sort((a, b) => a.jaccard - b.jaccard);
  for (const edge of edges) {
    const from = places[edge.source];
    const to = places[edge.target];
    shapes.push({ kind: 'line', x1: from.x, y1: from.y, x2: to.x, y2: to.y, stroke: '#5f6b78', width: 0.6 + 4 * edge.jaccard, opacity: 0.35 + 0.6 * edge.jaccard });
  }
  nodes.forEach((node, i) => {
    const colour = SERIES_COLOURS[node.community % SERIES_COLOURS.length];
    shapes.push({ kind: 'circle', x: places[i].x, y: places[i].y, r: places[i].r, fill: colour, stroke: '#fff' });
  });
  // Labels last, over every circle and edge, with a white halo so a crossing edge does not hide them.
  nodes.forEach((node, i) => {
    const place = places[i];
    const wide = (labelUnits(node.word) * FONT) / 2;
    const right = place.x + place.r + 3 + wide <= width;
    shapes.push({ kind: 'text', x: right ? place.x + place.r + 3 : place.x - place.r - 3, y: place.y + FONT * 0.35, text: node.word, anchor: right ? 'start' : 'end', size: FONT, fill: INK, halo: true });
  });
  return { width, height, shapes, places };
}

/**
 * Pushes apart the words whose circles or labels overlap after scaling (each a box: the circle and
 * its label to the right), along the axis that needs the smaller move, for a fixed number of passes,
 * keeping every box in the frame. Deterministic: pairs in a fixed order.
 */
function separate(places: Array<{ x: number; y: number; r: number }>, labels: string[], width: number, height: number): void {
  const box = (i: number) => {
    const p = places[i];
    const label = (labelUnits(labels[i]) * FONT) / 2;
    return { x0: p.x - p.r, x1: p.x + p.r + 3 + label, y0: p.y - Math.max(p.r, FONT * 0.7), y1: p.y + Math.max(p.r, FONT * 0.7) };
  };
  for (let pass = 0; pass < 600; pass++) {
    let moved = false;
    for (let i = 0; i < places.length; i++) {
      for (let j = i + 1; j < places.length; j++) {
        const a = box(i);
        const b = box(j);
        const overlapX = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const overlapY = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (overlapX <= 0 || overlapY <= 0) continue;
        moved = true;
        // Vertical moves are cheaper (labels are wide): prefer them unless the horizontal one is much smaller.
        if (overlapY <= overlapX * 2) {
          const shift = overlapY / 2 + 0.5;
          const down = places[i].y >= places[j].y ? 1 : -1;
          places[i].y += down * shift;
          places[j].y -= down * shift;
        } else {
          const shift = overlapX / 2 + 0.5;
          const right = places[i].x >= places[j].x ? 1 : -1;
          places[i].x += right * shift;
          places[j].x -= right * shift;
        }
      }
    }
    for (let i = 0; i < places.length; i++) {
      const p = places[i];
      const label = (labelUnits(labels[i]) * FONT) / 2;
      p.x = Math.min(width - p.r - 3 - label, Math.max(p.r + 2, p.x));
      p.y = Math.min(height - Math.max(p.r, FONT) - 2, Math.max(Math.max(p.r, FONT) + 2, p.y));
    }
    if (!moved) break;
  }
}
