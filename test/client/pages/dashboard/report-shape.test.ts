/**
 * The dashboard mirrors the analysis library's report and timeline types (the
 * client may not import analysis code). These assertions are checked by the
 * typecheck (`npm test` runs tsc first): when the library's JSON changes in a
 * way the dashboard reads differently, tsc fails here.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Report as LibraryReport } from '../../../../analysis/report/report.ts';
import type { DailyCounts } from '../../../../analysis/timeline/count-responses-by-day.ts';
import type { Report as DashboardReport, Timeline } from '../../../../client/pages/dashboard/report-shape.ts';

describe('report-shape', () => {
  it('every report the library builds is one the dashboard can read', () => {
    expectTypeOf<LibraryReport>().toExtend<DashboardReport>();
  });

  it('every timeline the library counts is one the dashboard can read', () => {
    expectTypeOf<DailyCounts>().toExtend<Timeline>();
  });
});
