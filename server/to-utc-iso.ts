/**
 * Normalises an ISO 8601 date-time to `toISOString()` form (UTC, milliseconds,
 * "Z"). Every store keeps instants in this one form so that they compare
 * correctly as text (SQLite) and read back identically from either store.
 */
export function toUtcIso(value: string, name = 'value'): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`${name} must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}
