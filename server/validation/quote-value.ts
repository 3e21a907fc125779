/** How error messages show a submitted value: as JSON, cut short so one bad answer cannot bloat the error body. */
const MAX_QUOTED_CHARS = 100;

export function quoteValue(value: unknown): string {
  if (typeof value === 'string') {
    const chars = [...value];
    // Cut inside the quotes, so the message still reads as one quoted string: "ああ…".
    return JSON.stringify(chars.length > MAX_QUOTED_CHARS ? `${chars.slice(0, MAX_QUOTED_CHARS - 1).join('')}…` : value);
  }
  const json = toJson(value);
  const chars = [...json];
  return chars.length > MAX_QUOTED_CHARS ? `${chars.slice(0, MAX_QUOTED_CHARS).join('')}…` : json;
}

function toJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value);
  } catch {
    // JSON.stringify recurses: a hostile, deeply nested answer overflows the stack.
    return Array.isArray(value) ? '[…too deeply nested…]' : '{…too deeply nested…}';
  }
}
