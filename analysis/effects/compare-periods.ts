/**
 * One figure of 効果検証 (a share or a mean) compared across the split, and with a pilot group its
 * difference-in-differences: the pure core of buildEffects, before Holm's adjustment.
 *
 * - change (after − before): unweighted shares, Newcomb's hybrid score interval and prop.test's p;
 *   unweighted means, Welch's t; weighted, svyglm(y ~ after) on the design.
 * - DiD: the interaction of y ~ after * pilot, OLS with HC1 (unweighted) or svyglm (weighted).
 * - The small-group rule: a figure only when every cell it uses has at least `minGroupSize`
 *   respondents; otherwise `hidden` names the cells too small, and none of its cells shows n or a
 *   value: their totals are known (the summary's answered, the cross-tab by the pilot variable),
 *   so one hidden cell beside shown ones could be worked out by subtraction (docs/analysis.md,
 *   "Suppression").
 */
import type { EffectCell, EffectCellName } from '../../contracts/report.ts';
import { cellMoments, type CellMoments } from './cell-moments.ts';
import { newcombInterval } from './newcomb-interval.ts';
import { olsHc1Contrast } from './ols-hc1.ts';
import { propTestP } from './prop-test-p.ts';
import { svyglmContrast } from './svyglm-contrast.ts';
import { welchTTest, type TestedDifference } from './welch-t-test.ts';

export interface PeriodsInput {
  /** The answer per row: 0/1 for a share, the value for a mean; NaN for a respondent without one. */
  y: ArrayLike<number>;
  /** 0 before the split, 1 after, −1 neither (no date, or outside the pre-trend window). */
  period: ArrayLike<number>;
  /** 1 pilot group, 0 control, −1 unknown; null without --pilot. */
  pilot: ArrayLike<number> | null;
  weights: ArrayLike<number> | null;
  measure: 'share' | 'mean';
  minGroupSize: number;
}

export interface Estimate {
  estimate: number;
  low: number;
  high: number;
  p: number;
}

export interface PeriodsComparison {
  before: EffectCell;
  after: EffectCell;
  change: Estimate | null;
  did?: { estimate: Estimate | null; pilot: { before: EffectCell; after: EffectCell }; control: { before: EffectCell; after: EffectCell } };
  hidden?: { change?: EffectCellName[]; did?: EffectCellName[] };
}

export function comparePeriods(input: PeriodsInput): PeriodsComparison {
  const { y, period, pilot, weights, measure, minGroupSize } = input;
  const designSize = y.length;
  const [before, after] = cellMoments(y, period, 2, weights);
  const small = tooSmall(measure, minGroupSize);
  const hiddenChange: EffectCellName[] = [];
  if (small(before)) hiddenChange.push('before');
  if (small(after)) hiddenChange.push('after');
  const change = hiddenChange.length > 0 ? null : estimateChange(before, after, measure, weights !== null, designSize);
  const hideChange = hiddenChange.length > 0;
  const result: PeriodsComparison = { before: shown(before, hideChange), after: shown(after, hideChange), change };
  const hidden: NonNullable<PeriodsComparison['hidden']> = {};
  if (hiddenChange.length > 0) hidden.change = hiddenChange;

  if (pilot) {
    const did = estimateDid(y, period, pilot, weights, minGroupSize, measure);
    result.did = { estimate: did.estimate, pilot: did.pilot, control: did.control };
    if (did.hidden.length > 0) hidden.did = did.hidden;
  }
  if (hidden.change || hidden.did) result.hidden = hidden;
  return result;
}

/**
 * A cell too small to show: fewer respondents than the minimum, or, for a share, between 1 and the
 * minimum − 1 who gave the answer, since n × share would show that count (no number of 1 … k − 1
 * people is shown anywhere, docs/analysis.md "Suppression"; a summary hides such an answer too).
 */
function tooSmall(measure: 'share' | 'mean', minGroupSize: number): (cell: CellMoments) => boolean {
  return (cell) => cell.n < minGroupSize || (measure === 'share' && cell.ones > 0 && cell.ones < minGroupSize);
}

/** Cells of the DiD: control before, control after, pilot before, pilot after. */
const DID_CELLS: EffectCellName[] = ['control.before', 'control.after', 'pilot.before', 'pilot.after'];
/** The interaction (pilot after − pilot before) − (control after − control before). */
const DID_SIGNS = [1, -1, -1, 1];

/** The difference-in-differences alone: also the pre-trend check, with `period` halving the before period. */
export function estimateDid(
  y: ArrayLike<number>,
  period: ArrayLike<number>,
  pilot: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  minGroupSize: number,
  measure: 'share' | 'mean',
): { estimate: Estimate | null; pilot: { before: EffectCell; after: EffectCell }; control: { before: EffectCell; after: EffectCell }; hidden: EffectCellName[] } {
  const rows = y.length;
  const cell = new Int8Array(rows);
  for (let row = 0; row < rows; row++) cell[row] = period[row] < 0 || pilot[row] < 0 ? -1 : pilot[row] * 2 + period[row];
  const cells = cellMoments(y, cell, 4, weights);
  const small = tooSmall(measure, minGroupSize);
  const hidden = DID_CELLS.filter((_, c) => small(cells[c]));
  const hide = hidden.length > 0;
  const contrast = hide ? null : weights ? svyglmContrast(cells, DID_SIGNS, rows) : olsHc1Contrast(cells, DID_SIGNS);
  return {
    estimate: contrast && estimateOf(contrast),
    control: { before: shown(cells[0], hide), after: shown(cells[1], hide) },
    pilot: { before: shown(cells[2], hide), after: shown(cells[3], hide) },
    hidden,
  };
}

function estimateChange(before: CellMoments, after: CellMoments, measure: 'share' | 'mean', weighted: boolean, designSize: number): Estimate | null {
  if (weighted) {
    const contrast = svyglmContrast([before, after], [-1, 1], designSize);
    return contrast && estimateOf(contrast);
  }
  if (measure === 'share') {
    // y is 0/1, so n·mean is the count who chose it (rounded: a sum of ones is exact anyway).
    const x1 = Math.round(after.mean * after.n);
    const x2 = Math.round(before.mean * before.n);
    const p = propTestP(x1, after.n, x2, before.n);
    if (p === null) return null;
    const [low, high] = newcombInterval(x1, after.n, x2, before.n);
    return { estimate: x1 / after.n - x2 / before.n, low, high, p };
  }
  const tested = welchTTest(momentsOf(after), momentsOf(before));
  return tested && estimateOf(tested);
}

function momentsOf(cell: CellMoments) {
  return { n: cell.n, mean: cell.mean, variance: cell.n > 1 ? cell.squares / (cell.n - 1) : Number.NaN };
}

function estimateOf({ estimate, low, high, p }: TestedDifference): Estimate {
  return { estimate, low, high, p };
}

/** A cell as the report shows it: nothing when a cell of its figure is too small. */
function shown(cell: CellMoments, hide: boolean): EffectCell {
  return hide ? { n: null, value: null } : { n: cell.n, value: cell.mean };
}
