import type { SegmentVariable } from '../../../core/definitions/segment-variables.ts';

/**
 * The segments the filter bar shows at once (the rest are one click away):
 * meta variables and the cohort first, then the ward and the age band, which
 * every shipped survey has and analysts reach for most; at most `count`.
 */
const PROMINENT_NAMES = ['ward', 'ageBand'];

export function chooseProminentSegments(filters: readonly SegmentVariable[], count: number): SegmentVariable[] {
  const rank = (filter: SegmentVariable) => (filter.source === 'meta' ? 0 : filter.role === 'cohort' ? 1 : PROMINENT_NAMES.includes(filter.name) ? 2 : 3);
  return [...filters]
    .map((filter, index) => ({ filter, index }))
    .sort((a, b) => rank(a.filter) - rank(b.filter) || a.index - b.index)
    .slice(0, count)
    .map(({ filter }) => filter);
}
