import { describe, expect, it } from 'vitest';
import { createDayCounter, japanDay } from '../../../analysis/timeline/count-responses-by-day.ts';

function count(by: string, minGroupSize: number, rows: Array<[string, string | undefined]>) {
  const counter = createDayCounter(by, minGroupSize);
  for (const [receivedAt, value] of rows) counter.add(receivedAt, value);
  return counter.finish();
}

describe('japanDay', () => {
  it('is the calendar day in Japan (UTC+9)', () => {
    expect(japanDay('2025-04-01T14:59:59.999Z')).toBe('2025-04-01');
    expect(japanDay('2025-04-01T15:00:00.000Z')).toBe('2025-04-02');
    expect(japanDay('2025-04-02T08:00:00+09:00')).toBe('2025-04-02');
  });

  it('quotes an instant it cannot read', () => {
    expect(() => japanDay('yesterday')).toThrow('not an ISO 8601 date-time: "yesterday"');
  });
});

describe('createDayCounter', () => {
  it('counts per Japan day and series, with every day in between, even empty ones', () => {
    const rows: Array<[string, string]> = [
      ...Array.from({ length: 3 }, (): [string, string] => ['2025-04-01T01:00:00Z', 'kiosk']),
      ...Array.from({ length: 2 }, (): [string, string] => ['2025-04-01T16:00:00Z', 'kiosk']), // 4/2 in Japan
      ...Array.from({ length: 5 }, (): [string, string] => ['2025-04-03T23:00:00Z', 'online']), // 4/4 in Japan
    ];
    expect(count('channel', 5, rows)).toEqual({
      by: 'channel',
      interval: 'day',
      periods: ['2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04'],
      total: 10,
      series: [
        { value: 'kiosk', total: 5, counts: [3, 2, 0, 0] },
        { value: 'online', total: 5, counts: [0, 0, 0, 5] },
      ],
      suppressed: [],
    });
  });

  it('adds a series under the minimum up with the next-smallest, and draws the sum as one series', () => {
    const rows: Array<[string, string | undefined]> = [
      ...Array.from({ length: 2 }, (): [string, string] => ['2025-04-01T01:00:00Z', 'kiyota']),
      ...Array.from({ length: 6 }, (): [string, string] => ['2025-04-01T01:00:00Z', 'kita']),
      ...Array.from({ length: 9 }, (): [string, string] => ['2025-04-01T01:00:00Z', 'chuo']),
    ];
    expect(count('ward', 5, rows)).toEqual({
      by: 'ward',
      interval: 'day',
      periods: ['2025-04-01'],
      total: 17,
      series: [
        { value: 'chuo', total: 9, counts: [9] },
        { value: '(fewer)', total: 8, counts: [8], members: ['kiyota', 'kita'] },
      ],
      suppressed: [
        { where: 'timeline.ward=kiyota', reason: 'fewer than 5 responses: counted with others' },
        { where: 'timeline.ward=kita', reason: 'counted with a smaller series so that it cannot be worked out from the total' },
      ],
    });
  });

  it('small series together must reach the minimum; respondents without a value form the "" series', () => {
    const rows: Array<[string, string | undefined]> = [
      ['2025-04-01T01:00:00Z', 'kiyota'],
      ['2025-04-01T01:00:00Z', undefined],
      ...Array.from({ length: 6 }, (): [string, string] => ['2025-04-02T01:00:00Z', 'kita']),
    ];
    const result = count('ward', 5, rows);
    // 1 + 1 is under 5 together, so kita joins them: the selection is drawn as one series.
    expect(result.series).toEqual([{ value: '(all)', total: 8, counts: [2, 6], members: ['kiyota', '', 'kita'] }]);
    expect(result.suppressed.map((entry) => entry.where)).toEqual(['timeline.ward=kiyota', 'timeline.ward=', 'timeline.ward=kita']);
  });

  it('never blanks a large selection because a few came through another channel (issue 26)', () => {
    const rows: Array<[string, string]> = [
      ...Array.from({ length: 3 }, (): [string, string] => ['2025-04-01T01:00:00Z', 'kiosk']),
      ...Array.from({ length: 1500 }, (_, i): [string, string] => [`2025-04-0${1 + (i % 3)}T01:00:00Z`, 'online']),
    ];
    const result = count('channel', 10, rows);
    expect(result.total).toBe(1503);
    expect(result.series).toEqual([{ value: '(all)', total: 1503, counts: [503, 500, 500], members: ['kiosk', 'online'] }]);
  });

  it('shows nothing when the whole selection is under the minimum', () => {
    expect(count('channel', 5, [['2025-04-01T01:00:00Z', 'kiosk'], ['2025-04-02T01:00:00Z', 'online']])).toEqual({
      by: 'channel',
      interval: 'day',
      periods: [],
      total: 0,
      series: [],
      suppressed: [
        { where: 'timeline.channel=kiosk', reason: 'the selection has fewer than 5 responses' },
        { where: 'timeline.channel=online', reason: 'the selection has fewer than 5 responses' },
      ],
    });
  });

  it('no responses: no periods', () => {
    expect(count('channel', 5, [])).toEqual({ by: 'channel', interval: 'day', periods: [], total: 0, series: [], suppressed: [] });
  });

  it('counts a span over 92 days by week (from Monday), over two years by month', () => {
    // 2025-06-02 is a Monday; 2025-09-02 is 93 days later (a Tuesday).
    const weekly = count('channel', 1, [
      ['2025-06-02T01:00:00Z', 'kiosk'],
      ['2025-06-08T14:00:00Z', 'kiosk'], // Sunday 23:00 in Japan: still the first week
      ['2025-06-08T15:00:00Z', 'kiosk'], // Monday 00:00 in Japan: the second week
      ['2025-09-02T01:00:00Z', 'kiosk'],
    ]);
    expect(weekly.interval).toBe('week');
    expect(weekly.periods).toHaveLength(14);
    expect(weekly.periods.slice(0, 2)).toEqual(['2025-06-02', '2025-06-09']);
    expect(weekly.periods.at(-1)).toBe('2025-09-01');
    expect(weekly.series).toEqual([{ value: 'kiosk', total: 4, counts: [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] }]);

    const monthly = count('channel', 1, [
      ['2024-01-31T01:00:00Z', 'kiosk'],
      ['2026-02-01T01:00:00Z', 'online'],
    ]);
    expect(monthly.interval).toBe('month');
    expect(monthly.periods).toHaveLength(26);
    expect(monthly.periods.slice(0, 2)).toEqual(['2024-01-01', '2024-02-01']);
    expect(monthly.series.map((series) => [series.value, series.counts[0], series.counts[25]])).toEqual([
      ['kiosk', 1, 0],
      ['online', 0, 1],
    ]);
  });
});
