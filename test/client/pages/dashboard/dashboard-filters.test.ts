import { describe, expect, it } from 'vitest';
import { countActiveFilters, filtersToQuery, readFilters } from '../../../../client/pages/dashboard/dashboard-filters.ts';

describe('dashboard filters in the URL', () => {
  it('reads the known filters and drops malformed or unknown ones', () => {
    expect(readFilters('?from=2025-06-01&to=June&channel=fax&ward=kita&ageBand=30s&evil=1', ['ward', 'ageBand'])).toEqual({
      from: '2025-06-01',
      segments: { ward: 'kita', ageBand: '30s' },
    });
  });

  it('writes a stable query string, the server filter syntax, leaving empty filters out', () => {
    const filters = { to: '2025-06-30', from: '2025-06-01', channel: 'kiosk' as const, segments: { ward: 'kita', ageBand: '', age: '30s' } };
    expect(filtersToQuery(filters)).toBe('from=2025-06-01&to=2025-06-30&channel=kiosk&age=30s&ward=kita');
    expect(countActiveFilters(filters)).toBe(5);
    expect(filtersToQuery({ segments: {} })).toBe('');
  });

  it('round-trips', () => {
    const filters = { from: '2025-06-01', channel: 'online' as const, segments: { ward: 'chuo' } };
    expect(readFilters(`?${filtersToQuery(filters)}`, ['ward'])).toEqual(filters);
  });
});
