/**
 * The dashboard's filters live in its URL (/dashboard/citizen-needs?ward=kita&from=2025-04-01),
 * so a reload, the back button and a link sent to a colleague all show the
 * same view. The same query string goes to the report, timeline, comments and
 * export endpoints, whose filter syntax it is (server/live-table/response-filter.ts).
 */
export interface DashboardFilters {
  /** A day, YYYY-MM-DD (Japan time), inclusive. */
  from?: string;
  /** A day, YYYY-MM-DD (Japan time), inclusive. */
  to?: string;
  channel?: 'kiosk' | 'online';
  /** Segment name → the one chosen value. */
  segments: Record<string, string>;
  /** 「テスト回答を含める」 (issue 30): includeTest=1, so test answers and marked test data count too. */
  includeTest?: true;
}

export const NO_FILTERS: DashboardFilters = { segments: {} };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads filters from a location's search; anything not a known filter (or malformed) is left out. */
export function readFilters(search: string, segmentNames: readonly string[]): DashboardFilters {
  const params = new URLSearchParams(search);
  const filters: DashboardFilters = { segments: {} };
  const from = params.get('from');
  const to = params.get('to');
  const channel = params.get('channel');
  if (from && DAY.test(from)) filters.from = from;
  if (to && DAY.test(to)) filters.to = to;
  if (channel === 'kiosk' || channel === 'online') filters.channel = channel;
  if (params.get('includeTest') === '1') filters.includeTest = true;
  for (const name of segmentNames) {
    const value = params.get(name);
    if (value) filters.segments[name] = value;
  }
  return filters;
}

/** The query string (without "?") for the API and the page URL: stable order, empty filters left out. */
export function filtersToQuery(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.channel) params.set('channel', filters.channel);
  if (filters.includeTest) params.set('includeTest', '1');
  for (const name of Object.keys(filters.segments).sort()) {
    const value = filters.segments[name];
    if (value) params.set(name, value);
  }
  return params.toString();
}

export function countActiveFilters(filters: DashboardFilters): number {
  return [filters.from, filters.to, filters.channel, filters.includeTest, ...Object.values(filters.segments)].filter(Boolean).length;
}
