/**
 * Responses per period, split into series: GET /api/surveys/:id/timeline, counted by
 * analysis/timeline/count-responses-by-day.ts and drawn by the dashboard.
 */

export interface DailySeries {
  /** The series' value (channel or segment code); "" for respondents without one. */
  value: string;
  total: number;
  /** One count per entry of `periods`. */
  counts: number[];
  /**
   * Set on the series that adds up those too small to show on their own (issue 26): their values.
   * Its value is "(fewer)", or "(all)" when it holds every series (the selection shown as one line).
   */
  members?: string[];
}

export type CountInterval = 'day' | 'week' | 'month';

export interface DailyCounts {
  by: string;
  /**
   * Chosen by the server from the span of the data (analysis/timeline, chooseInterval):
   * by day up to 92 days, by week up to two years, by month beyond. The client draws what it gets.
   */
  interval: CountInterval;
  /**
   * Every period from the first response's to the last's, none skipped, by its
   * first day (YYYY-MM-DD; a week starts on Monday, a month on the 1st).
   */
  periods: string[];
  /** Responses shown in the series (all of them, unless the selection is under the minimum). */
  total: number;
  series: DailySeries[];
  /** Hidden series, as the report lists hidden groups (without its `rule`). */
  suppressed: Array<{ where: string; reason: string }>;
}
