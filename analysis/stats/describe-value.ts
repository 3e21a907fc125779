/**
 * A short, faithful rendering of a bad input for an error message. Unlike JSON.stringify it
 * shows NaN, Infinity and undefined as themselves (JSON turns them into null or drops them),
 * and it cuts long inputs (a table of a million cells) to a readable length.
 */
export function describeValue(value: unknown, maxLength = 200): string {
  const text = render(value, maxLength);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function render(value: unknown, maxLength: number): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    // Enough elements to fill maxLength; the rest would be cut anyway.
    const shown = value.slice(0, Math.ceil(maxLength / 2)).map((item) => render(item, maxLength));
    return `[${shown.join(',')}${shown.length < value.length ? ',…' : ''}]`;
  }
  const entries = Object.entries(value).slice(0, Math.ceil(maxLength / 4));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${render(item, maxLength)}`).join(',')}}`;
}
