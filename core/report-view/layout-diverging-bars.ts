/**
 * Where each answer's segment goes in a gap chart's bar, from the shares the
 * report gives (no new numbers: a segment is exactly its share wide).
 *
 * - An ordered scale is drawn diverging: answers below the middle of the scale
 *   to the left of 0, above it to the right, and a neutral middle answer
 *   straddling 0. Low scale values are on the left, whatever order the
 *   definition lists them in (the shipped scales list 5 "agree" first).
 * - Unordered answers (and a checkbox option's chosen / not chosen) are
 *   stacked from 0 in the definition's order.
 * - A hidden answer (share null, issue 26) takes no room: the bar stops short
 *   of 100 %, and the chart says why.
 */
import type { AnswerValue, DistributionCell } from '../../contracts/report.ts';

export interface BarSegment {
  value: AnswerValue;
  share: number;
  start: number;
  end: number;
  /** Position on the scale (0 = lowest) for colouring; the definition's order for unordered answers. */
  position: number;
}

export function layoutDivergingBar(cells: readonly DistributionCell[], ordered: boolean): BarSegment[] {
  const sorted = ordered && cells.every((cell) => typeof cell.value === 'number') ? [...cells].sort((a, b) => (a.value as number) - (b.value as number)) : [...cells];
  let position = 0;
  if (ordered) {
    const middle = (sorted.length - 1) / 2;
    const below = sorted.reduce((sum, cell, index) => sum + (index < middle ? (cell.share ?? 0) : index === middle ? (cell.share ?? 0) / 2 : 0), 0);
    position = -below;
  }
  return sorted.map((cell, index) => {
    const share = cell.share ?? 0;
    const segment = { value: cell.value, share, start: position, end: position + share, position: index };
    position += share;
    return segment;
  });
}
