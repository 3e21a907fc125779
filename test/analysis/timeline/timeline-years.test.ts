/**
 * Issue 30, "a timeline with years": the resolution rule (analysis/timeline) and the
 * axis labels (the dashboard's timeline chart) on a range across 2025→2026, a
 * one-month range and a three-year range, counted from real instants.
 */
import { describe, expect, it } from 'vitest';
import { chooseInterval, createDayCounter } from '../../../analysis/timeline/count-responses-by-day.ts';
import { axisLabels, periodLabel } from '../../../client/pages/dashboard/charts/timeline-labels.ts';

function count(instants: string[]) {
  const counter = createDayCounter('channel', 1);
  for (const instant of instants) counter.add(instant, 'kiosk');
  return counter.finish();
}

describe('chooseInterval', () => {
  it('keeps days up to 92, weeks up to two years (731 days), months beyond', () => {
    expect(chooseInterval('2025-06-02', '2025-06-02')).toBe('day');
    expect(chooseInterval('2025-01-01', '2025-04-02')).toBe('day'); // 92 days
    expect(chooseInterval('2025-01-01', '2025-04-03')).toBe('week'); // 93 days
    expect(chooseInterval('2024-01-01', '2025-12-31')).toBe('week'); // 731 days
    expect(chooseInterval('2024-01-01', '2026-01-01')).toBe('month'); // 732 days
  });

  it('refuses a span that ends before it starts', () => {
    expect(() => chooseInterval('2025-06-02', '2025-06-01')).toThrow(RangeError);
  });
});

describe('a range across 2025→2026', () => {
  // 12/20 to 1/15 in Japan time: 27 days, so by day, and the periods run only from the first answer to the last.
  const timeline = count(['2025-12-20T01:00:00Z', '2025-12-31T14:59:00Z', '2025-12-31T15:00:00Z', '2026-01-15T03:00:00Z']);

  it('is counted by day, from the first response to the last, the Japan-time new year on its day', () => {
    expect(timeline.interval).toBe('day');
    expect(timeline.periods[0]).toBe('2025-12-20');
    expect(timeline.periods.at(-1)).toBe('2026-01-15');
    expect(timeline.periods).toHaveLength(27);
    const [series] = timeline.series;
    expect(series.counts[timeline.periods.indexOf('2025-12-31')]).toBe(1);
    expect(series.counts[timeline.periods.indexOf('2026-01-01')]).toBe(1);
  });

  it('labels every day with its year, in ja and en', () => {
    const ja = axisLabels(timeline.periods, timeline.interval, 'ja');
    expect(ja.slice(0, 2)).toEqual(['2025/12/20', '2025/12/21']);
    expect(ja.slice(11, 13)).toEqual(['2025/12/31', '2026/1/1']);
    expect(ja.every((label) => /^20(25|26)\//.test(label))).toBe(true);
    const en = axisLabels(timeline.periods, timeline.interval, 'en');
    expect(en.slice(11, 13)).toEqual(['Dec 31, 2025', 'Jan 1, 2026']);
    expect(en.every((label) => /, 20(25|26)$/.test(label))).toBe(true);
  });

  it('labels weeks across the new year with their year as well', () => {
    expect(axisLabels(['2025-12-22', '2025-12-29', '2026-01-05'], 'week', 'ja')).toEqual(['2025/12/22–', '2025/12/29–', '2026/1/5–']);
    expect(axisLabels(['2025-12-22', '2025-12-29', '2026-01-05'], 'week', 'en')).toEqual(['Dec 22, 2025–', 'Dec 29, 2025–', 'Jan 5, 2026–']);
  });
});

describe('a one-month range', () => {
  const instants = Array.from({ length: 30 }, (_, index) => new Date(Date.parse('2025-06-01T03:00:00Z') + index * 86_400_000).toISOString());
  const timeline = count(instants);

  it('is counted by day', () => {
    expect(timeline.interval).toBe('day');
    expect(timeline.periods).toHaveLength(30);
  });

  it('carries the year on the first label only', () => {
    const ja = axisLabels(timeline.periods, timeline.interval, 'ja');
    expect(ja.slice(0, 3)).toEqual(['2025/6/1', '6/2', '6/3']);
    expect(ja.at(-1)).toBe('6/30');
    const en = axisLabels(timeline.periods, timeline.interval, 'en');
    expect(en.slice(0, 3)).toEqual(['Jun 1, 2025', 'Jun 2', 'Jun 3']);
    expect(en.at(-1)).toBe('Jun 30');
  });
});

describe('a three-year range', () => {
  const timeline = count(['2023-04-10T03:00:00Z', '2024-08-01T03:00:00Z', '2026-03-31T03:00:00Z']);

  it('is counted by month, from the month of the first response to that of the last', () => {
    expect(timeline.interval).toBe('month');
    expect(timeline.periods[0]).toBe('2023-04-01');
    expect(timeline.periods.at(-1)).toBe('2026-03-01');
    expect(timeline.periods).toHaveLength(36);
  });

  it('labels every month with its year', () => {
    expect(axisLabels(timeline.periods, timeline.interval, 'ja').slice(8, 10)).toEqual(['2023/12', '2024/1']);
    expect(axisLabels(timeline.periods, timeline.interval, 'en').slice(8, 10)).toEqual(['Dec 2023', 'Jan 2024']);
  });
});

describe('periodLabel', () => {
  it('writes the year in full for the tooltip whatever the axis shows', () => {
    expect(periodLabel('2025-06-02', 'day', 'ja', true)).toBe('2025/6/2');
    expect(periodLabel('2025-06-02', 'week', 'en', false)).toBe('Jun 2–');
  });
});
