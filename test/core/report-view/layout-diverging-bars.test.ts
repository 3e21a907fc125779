import { describe, expect, it } from 'vitest';
import { layoutDivergingBar } from '../../../core/report-view/layout-diverging-bars.ts';

const cell = (value: string | number, share: number) => ({ value, label: String(value), count: Math.round(share * 100), share });

describe('layoutDivergingBar', () => {
  it('puts a 5-point scale low-to-high with the neutral answer straddling 0, whatever the listed order', () => {
    const cells = [cell(5, 0.4), cell(4, 0.2), cell(3, 0.2), cell(2, 0.1), cell(1, 0.1)];
    const segments = layoutDivergingBar(cells, true).map(({ value, start, end, position }) => ({ value, start: +start.toFixed(10), end: +end.toFixed(10), position }));
    expect(segments).toEqual([
      { value: 1, start: -0.3, end: -0.2, position: 0 },
      { value: 2, start: -0.2, end: -0.1, position: 1 },
      { value: 3, start: -0.1, end: 0.1, position: 2 },
      { value: 4, start: 0.1, end: 0.3, position: 3 },
      { value: 5, start: 0.3, end: 0.7, position: 4 },
    ]);
  });

  it('an even scale has no neutral: the lower half ends exactly at 0', () => {
    const segments = layoutDivergingBar([cell(1, 0.25), cell(2, 0.25), cell(3, 0.3), cell(4, 0.2)], true);
    expect(segments.map((segment) => [segment.start, segment.end])).toEqual([
      [-0.5, -0.25],
      [-0.25, 0],
      [0, 0.3],
      [0.3, 0.5],
    ]);
  });

  it('unordered answers stack from 0 in the given order', () => {
    const segments = layoutDivergingBar([cell('weekly', 0.5), cell('never', 0.3), cell('rarely', 0.2)], false);
    expect(segments.map(({ value, start, end }) => [value, start, end])).toEqual([
      ['weekly', 0, 0.5],
      ['never', 0.5, 0.8],
      ['rarely', 0.8, 1],
    ]);
  });
});
