/**
 * Normalises an ISO 8601 date-time to `toISOString()` form (UTC, milliseconds,
 * "Z"). Every store keeps instants in this one form so that they compare
 * correctly as text (SQLite) and read back identically from either store.
 *
 * Only years 0000–9999: beyond them toISOString writes "+275760-…" or
 * "-000001-…", which sort wrongly as text ("+" and "-" come before every digit),
 * so `?from=+275760-09-13T00:00:00Z` matched every row (issue 13).
 */
const FOUR_DIGIT_YEAR = /^\d{4}-/;

export function toUtcIso(value: string, name = 'value'): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`${name} must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
  const iso = new Date(time).toISOString();
  if (!FOUR_DIGIT_YEAR.test(iso)) throw new RangeError(`${name} must be in the years 0000 to 9999 (UTC), got ${JSON.stringify(value)}`);
  return iso;
}
