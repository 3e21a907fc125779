/**
 * Loads what one survey's dashboard shows for the current filters: the report
 * (built by the analysis library on the server), the timeline and the newest
 * comments. The previous numbers stay on screen while new ones load, so a
 * filter change updates the charts in place instead of blanking them; a newer
 * request aborts an older one, so a slow answer never overwrites a newer one.
 */
import { useEffect, useState } from 'react';
import { fetchComments, fetchReport, fetchTimeline, NotLoggedInError } from './dashboard-api.ts';
import type { CommentList, Report, DailyCounts } from './report-shape.ts';

export interface DashboardData {
  report?: Report;
  timeline?: DailyCounts;
  comments?: CommentList;
  busy: boolean;
  error?: Error;
}

export interface DashboardRequest {
  surveyId: string;
  /** The filters as a query string (dashboard-filters.ts). */
  filterQuery: string;
  /** The question the generation gaps compare; undefined: the survey's cohort question. */
  compareBy?: string;
  /** A question the cross-tabs break down by that is not one of the report's breakdowns. */
  crosstabBy?: string;
  timelineBy: string;
  /** The language of the report's labels; undefined: the survey's own (it has not the dashboard's). */
  locale: string | undefined;
  /** Raked to the survey's margins (the 「重み付け」 switch, issue 30): the report only; the timeline and comments are counts and texts. */
  weighted?: boolean;
  /** Changing it loads everything again (the "reload" button after an error). */
  reloadKey: number;
}

export function useDashboardData({ surveyId, filterQuery, compareBy, crosstabBy, timelineBy, locale, weighted = false, reloadKey }: DashboardRequest, onLoggedOut: () => void): DashboardData {
  const [data, setData] = useState<DashboardData>({ busy: false });

  useEffect(() => {
    const controller = new AbortController();
    setData((previous) => ({ ...previous, busy: true, error: undefined }));
    Promise.all([
      fetchReport(surveyId, filterQuery, { by: compareBy, crosstabBy, locale, weighted }, controller.signal),
      fetchComments(surveyId, filterQuery, controller.signal),
    ]).then(
      ([report, comments]) => setData((previous) => ({ ...previous, report, comments, busy: false })),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof NotLoggedInError) return onLoggedOut();
        setData((previous) => ({ ...previous, busy: false, error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => controller.abort();
  }, [surveyId, filterQuery, compareBy, crosstabBy, locale, weighted, onLoggedOut, reloadKey]);

  // The timeline has its own switch (channel / ward), which must not rebuild the report.
  useEffect(() => {
    const controller = new AbortController();
    fetchTimeline(surveyId, filterQuery, timelineBy, controller.signal).then(
      (timeline) => setData((previous) => ({ ...previous, timeline })),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof NotLoggedInError) return onLoggedOut();
        setData((previous) => ({ ...previous, error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => controller.abort();
  }, [surveyId, filterQuery, timelineBy, onLoggedOut, reloadKey]);

  return data;
}
