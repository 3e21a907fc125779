/**
 * Responses per day, split into series (by channel, or by a segment such as
 * the ward): the dashboard's "responses over time". Days are calendar days in
 * Japan time (UTC+9, no daylight saving), the offices' calendar, as the
 * export filter's `from`/`to` days are (server/live-table/response-filter.ts).
 * A long span is counted per week (from Monday) or per month instead, so that
 * a chart of a year stays readable: up to 92 days by day, up to two years by
 * week, beyond that by month.
 *
 * Small-group protection as the report's (docs/analysis.md, "Suppression"): a
 * series with fewer than `minGroupSize` responses in all is not shown on its own;
 * it is added up with the next-smallest until there are two and they reach the
 * minimum together, and that sum is drawn as one series (`members`), so no
 * response leaves the chart (issue 26: 3 kiosk answers once blanked a chart of
 * 1,500). When the whole selection is that small, nothing is shown. Every series
 * shown only inside the sum is listed in `suppressed`.
 *
 * An accumulator rather than a function of an array, so the caller can stream
 * a million records through it in constant memory.
 */

import type { CountInterval, DailyCounts, DailySeries } from '../../contracts/timeline.ts';
import { suppressSmallGroups } from '../suppression/suppress-small-groups.ts';

export type { DailyCounts } from '../../contracts/timeline.ts';

export interface DayCounter {
  add(receivedAt: string, seriesValue: string | undefined): void;
  /** The same, for a response received at epoch milliseconds `receivedAt` (the server's live table keeps them so). */
  addAt(receivedAt: number, seriesValue: string | undefined): void;
  /**
   * `count` responses on the Japan-time day `dayNumber` (whole days since 1970-01-01 in Japan time, japanDayNumber),
   * counted by the caller. Series are listed in the order they were first added, as with add.
   */
  addDays(dayNumber: number, seriesValue: string | undefined, count: number): void;
  finish(): DailyCounts;
}

const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Japan-time calendar day of an ISO 8601 instant. */
export function japanDay(isoInstant: string): string {
  const time = Date.parse(isoInstant);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO 8601 date-time: ${JSON.stringify(isoInstant)}`);
  return new Date(time + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Japan-time day of epoch milliseconds, as whole days since 1970-01-01 (Japan time). */
export function japanDayNumber(epochMs: number): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not an instant: ${epochMs}`);
  return Math.floor((epochMs + JAPAN_OFFSET_MS) / DAY_MS);
}

export function createDayCounter(by: string, minGroupSize: number): DayCounter {
  // series value → day → count
  const counts = new Map<string, Map<string, number>>();
  let first: string | undefined;
  let last: string | undefined;
  // Day names by day number: a million responses fall on a few hundred days, so each name is built once.
  const dayNames = new Map<number, string>();
  const count = (day: string, seriesValue: string | undefined, n = 1) => {
    if (first === undefined || day < first) first = day;
    if (last === undefined || day > last) last = day;
    const key = seriesValue ?? '';
    let byDay = counts.get(key);
    if (!byDay) counts.set(key, (byDay = new Map()));
    byDay.set(day, (byDay.get(day) ?? 0) + n);
  };
  const dayName = (dayNumber: number) => {
    let day = dayNames.get(dayNumber);
    if (day === undefined) dayNames.set(dayNumber, (day = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)));
    return day;
  };
  return {
    add(receivedAt, seriesValue) {
      count(japanDay(receivedAt), seriesValue);
    },
    addAt(receivedAt, seriesValue) {
      count(dayName(japanDayNumber(receivedAt)), seriesValue);
    },
    addDays(dayNumber, seriesValue, n) {
      if (n > 0) count(dayName(dayNumber), seriesValue, n);
    },
    finish() {
      const days = first === undefined || last === undefined ? [] : dayRange(first, last);
      const interval = first === undefined || last === undefined ? 'day' : chooseInterval(first, last);
      const periodOf = (day: string) => (interval === 'day' ? day : interval === 'week' ? mondayOf(day) : `${day.slice(0, 7)}-01`);
      const periods = [...new Set(days.map(periodOf))];
      const index = new Map(periods.map((period, position) => [period, position]));
      const all: DailySeries[] = [...counts].map(([value, byDay]) => {
        const perPeriod = periods.map(() => 0);
        for (const [day, count] of byDay) perPeriod[index.get(periodOf(day))!] += count;
        return { value, total: perPeriod.reduce((sum, count) => sum + count, 0), counts: perPeriod };
      });
      const hidden = chooseHidden(all, minGroupSize);
      const shown = all.filter((series) => !hidden.has(series.value));
      const merged = all.filter((series) => hidden.has(series.value));
      if (merged.length > 0 && merged.reduce((sum, series) => sum + series.total, 0) >= minGroupSize) {
        shown.push({
          value: shown.length === 0 ? '(all)' : '(fewer)',
          total: merged.reduce((sum, series) => sum + series.total, 0),
          counts: periods.map((_, position) => merged.reduce((sum, series) => sum + series.counts[position], 0)),
          members: merged.map((series) => series.value),
        });
      }
      return {
        by,
        interval,
        periods: shown.length > 0 ? periods : [],
        total: shown.reduce((sum, series) => sum + series.total, 0),
        series: shown,
        suppressed: all
          .filter((series) => hidden.has(series.value))
          .map((series) => ({ where: `timeline.${by}=${series.value}`, reason: hidden.get(series.value)! })),
      };
    },
  };
}

/** A quarter of days (92 bars) still fits a dashboard card; a week axis stays readable up to two years (105 bars). */
export const MAX_DAYS_BY_DAY = 92;
export const MAX_DAYS_BY_WEEK = 731;

/**
 * The resolution of the axis for responses from day `first` to day `last` (YYYY-MM-DD,
 * Japan time, both included), so that the axis never has more than about a hundred bars:
 * up to 92 days by day, up to 731 days (two years) by week, beyond that by month.
 * The span is the data's own, never a fixed window, so a survey that ran for a month
 * is drawn by day however long ago it ran.
 */
export function chooseInterval(first: string, last: string): CountInterval {
  const days = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
  if (!(days >= 1)) throw new RangeError(`not a span of days: ${JSON.stringify(first)} to ${JSON.stringify(last)}`);
  return days <= MAX_DAYS_BY_DAY ? 'day' : days <= MAX_DAYS_BY_WEEK ? 'week' : 'month';
}

/** The Monday of a day's week (ISO 8601 weeks start on Monday). */
function mondayOf(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(time - weekday * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The report's rule (analysis/suppression), applied to the series totals, plus one of the
 * timeline's own: a selection smaller than the minimum group size shows nothing at all.
 * Series go to the rule in value order, so a tie for "next-smallest" always hides the same one.
 */
function chooseHidden(all: DailySeries[], minGroupSize: number): Map<string, string> {
  const hidden = new Map<string, string>();
  const grandTotal = all.reduce((sum, series) => sum + series.total, 0);
  const small = `fewer than ${minGroupSize} responses`;
  if (grandTotal < minGroupSize) {
    for (const series of all) hidden.set(series.value, `the selection has ${small}`);
    return hidden;
  }
  const byValue = [...all].sort((a, b) => a.value.localeCompare(b.value));
  suppressSmallGroups(
    byValue.map((series) => series.total),
    minGroupSize,
    { shownTogether: true },
  ).forEach((group, index) => {
    if (group) hidden.set(byValue[index].value, group.reason === 'small' ? `${small}: counted with others` : 'counted with a smaller series so that it cannot be worked out from the total');
  });
  return hidden;
}

function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${first}T00:00:00Z`); time <= Date.parse(`${last}T00:00:00Z`); time += DAY_MS) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}
