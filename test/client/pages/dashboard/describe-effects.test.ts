/**
 * The 効果検証 view's pure parts (client/pages/dashboard/effects/): the forest plot's rows sorted by size on
 * each measure's own scale, its axis, the table's cells with ◆ at Holm-adjusted p < 0.05 and ＊ with the
 * reason, and the split date first proposed. Expected strings are written out, not recomputed.
 */
import { describe, expect, it } from 'vitest';
import type { Effect, EffectComparison } from '../../../../contracts/report.ts';
import { effectsTable, forestRows, forestScale, formatEstimate } from '../../../../client/pages/dashboard/effects/describe-effects.ts';
import { middleDate, splitPilot } from '../../../../client/pages/dashboard/effects/effects-view.tsx';

const estimate = (value: number, low: number, high: number, pAdjusted: number) => ({ estimate: value, low, high, p: pAdjusted / 2, pAdjusted });

const SMALL: Effect = {
  question: 'improvements',
  label: '改善してほしいことを教えてください。',
  option: 'reservation',
  optionLabel: '窓口の予約',
  measure: 'share',
  before: { n: 400, value: 0.3 },
  after: { n: 380, value: 0.28 },
  change: estimate(-0.02, -0.08, 0.04, 0.6),
  did: { ...estimate(-0.031, -0.09, 0.028, 0.7), pilot: { before: { n: 100, value: 0.3 }, after: { n: 90, value: 0.25 } }, control: { before: { n: 300, value: 0.3 }, after: { n: 290, value: 0.29 } }, preTrend: { estimate: 0.01, p: 0.41 } },
};
const LARGE: Effect = {
  ...SMALL,
  option: 'online',
  optionLabel: 'オンライン手続',
  change: estimate(-0.1, -0.16, -0.04, 0.002),
  did: { ...SMALL.did!, ...estimate(-0.12, -0.2, -0.04, 0.0004) },
};
const MEAN: Effect = {
  question: 'satisfaction',
  label: '満足度',
  row: 'waiting',
  rowLabel: '待ち時間',
  measure: 'mean',
  before: { n: 400, value: 3.1 },
  after: { n: 380, value: 3.4 },
  change: estimate(0.3, 0.1, 0.5, 0.01),
  did: { ...SMALL.did!, ...estimate(0.05, -0.2, 0.3, 0.9), preTrend: null },
};
const HIDDEN: Effect = {
  ...SMALL,
  option: 'other',
  optionLabel: 'その他',
  before: { n: null, value: null },
  after: { n: null, value: null },
  change: null,
  did: null,
  hidden: { change: ['before'], did: ['pilot.before', 'pilot.after'] },
};
const COMPARISON: EffectComparison = {
  time: 'completedAt',
  date: '2026-04-01',
  at: '2026-03-31T15:00:00.000Z',
  timeZone: 'Asia/Tokyo',
  before: 800,
  after: 760,
  undated: 0,
  pilot: { variable: 'ward', label: '区', values: [{ value: 'chuo', label: '中央区' }] },
  weighted: false,
  methods: { shareChange: '', meanChange: '', did: '' },
  preTrend: null,
  warnings: [],
};

describe('forest rows', () => {
  it('puts the largest DiD first, in points for shares, means apart, hidden figures left out', () => {
    const shares = forestRows([SMALL, HIDDEN, LARGE, MEAN], 'share', true, 'ja');
    // What is measured first, the question (as the printed report cuts it) as its context.
    expect(shares.map((row) => [row.label, row.context])).toEqual([
      ['オンライン手続', '改善してほしいこと'],
      ['窓口の予約', '改善してほしいこと'],
    ]);
    expect(shares[0]).toMatchObject({ estimate: -12, low: -20, high: -4, marked: true });
    expect(shares[1]).toMatchObject({ marked: false });
    expect(shares[1].estimate).toBeCloseTo(-3.1, 12);
    const means = forestRows([SMALL, MEAN], 'mean', true, 'en');
    expect(means).toEqual([{ key: 'satisfaction.waiting:mean', label: '待ち時間: mean', context: '満足度', estimate: 0.05, low: -0.2, high: 0.3, pAdjusted: 0.9, marked: false }]);
    // Without a pilot the change is plotted: the mean's +0.3 is then marked.
    expect(forestRows([MEAN], 'mean', false, 'ja')[0]).toMatchObject({ estimate: 0.3, marked: true });
  });

  it('has an axis of round steps that holds every interval and zero', () => {
    expect(forestScale(forestRows([SMALL, LARGE], 'share', true, 'ja'))).toEqual({ min: -20, max: 5, ticks: [-20, -15, -10, -5, 0, 5] });
    expect(forestScale([])).toEqual({ min: -1, max: 1, ticks: [-1, 0, 1] });
  });
});

describe('the table of every figure', () => {
  // The cells are core's (test/core/report-view covers them); here only that the view gets the printed report's table.
  it('is the printed report’s, with ◆ beside an adjusted p under 0.05 and ＊ with the cells too small', () => {
    const table = effectsTable([LARGE, HIDDEN], COMPARISON, 10, 'ja');
    expect(table.rows[0][0]).toBe('改善してほしいこと: オンライン手続');
    expect(table.rows[0][8]).toBe('< 0.001 ◆');
    expect(table.rows[1].slice(1, 5)).toEqual(['＊', '＊', '＊', '＊']);
    expect(table.rows[1].at(-1)).toContain('10');
    expect(table.hides).toBe(true);
  });

  it('writes zero without a sign', () => {
    expect(formatEstimate(0.00001, 'share', 'en')).toBe('0.0');
    expect(formatEstimate(-0.004, 'mean', 'en')).toBe('0.00');
  });
});

describe('the choices', () => {
  it('proposes the middle of the fieldwork as the split date, and reads the pilot from the address', () => {
    expect(middleDate({ from: '2026-01-05', to: '2026-06-03' })).toBe('2026-03-20');
    expect(middleDate(null)).toBeUndefined();
    expect(splitPilot('ward=chuo,kita')).toEqual({ variable: 'ward', values: ['chuo', 'kita'] });
    expect(splitPilot('ward=')).toEqual({ variable: 'ward', values: [] });
    expect(splitPilot(undefined)).toEqual({ values: [] });
  });
});
