/**
 * The periods of 効果検証: responses completed strictly before midnight (Japan time, UTC+9, no
 * daylight saving) of the split date are "before", the others "after", by the table's
 * `completedAt` (the time the respondent finished, as the device reported it and the server
 * checked it); a response without one is in neither.
 *
 * The pre-trend window: with at least three calendar months between the first response before the
 * split and the split, the before period halved at its middle instant (first half 0, second 1).
 */
import { ReportInputError } from '../../core/definitions/report-input-error.ts';

const JST_OFFSET_MS = 9 * 3600_000;
export const PRE_TREND_MONTHS = 3;

/** Epoch milliseconds of midnight JST of a YYYY-MM-DD date; an error quoting anything else. */
export function splitInstant(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (!match || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new ReportInputError(`the split date must be a calendar date YYYY-MM-DD (Japan time), got ${JSON.stringify(date)}`);
  }
  return utc - JST_OFFSET_MS;
}

export interface Split {
  /** 0 before, 1 after, −1 undated. */
  period: Int8Array;
  before: number;
  after: number;
  undated: number;
}

export function splitAtInstant(completedAt: ArrayLike<number>, at: number): Split {
  const period = new Int8Array(completedAt.length);
  let before = 0;
  let after = 0;
  for (let row = 0; row < completedAt.length; row++) {
    const time = completedAt[row];
    if (time !== time) period[row] = -1;
    else if (time < at) {
      period[row] = 0;
      before += 1;
    } else {
      period[row] = 1;
      after += 1;
    }
  }
  return { period, before, after, undated: completedAt.length - before - after };
}

export type PreTrendWindow = { period: Int8Array; from: number; middle: number; to: number } | { skipped: 'nothing-before' | 'too-short' };

/** The before period halved, or why not (fewer than three months of it). */
export function preTrendWindow(completedAt: ArrayLike<number>, at: number): PreTrendWindow {
  let first = Infinity;
  for (let row = 0; row < completedAt.length; row++) if (completedAt[row] < first) first = completedAt[row];
  if (!(first < at)) return { skipped: 'nothing-before' };
  const split = new Date(at + JST_OFFSET_MS);
  const threeMonthsEarlier = Date.UTC(split.getUTCFullYear(), split.getUTCMonth() - PRE_TREND_MONTHS, split.getUTCDate()) - JST_OFFSET_MS;
  if (first > threeMonthsEarlier) return { skipped: 'too-short' };
  const middle = first + (at - first) / 2;
  const period = new Int8Array(completedAt.length);
  for (let row = 0; row < completedAt.length; row++) {
    const time = completedAt[row];
    period[row] = time >= first && time < at ? (time < middle ? 0 : 1) : -1;
  }
  return { period, from: first, middle, to: at };
}
