/**
 * Epoch milliseconds of an ISO 8601 instant given as UTF-8 bytes, exactly as `Date.parse` of
 * the same text gives them (NaN when it is no date). The stored records' `completedAt` and
 * `receivedAt` are always `YYYY-MM-DDTHH:MM:SS(.sss)(Z|±HH:MM)` (contracts/submission.ts), and
 * decoding plus `Date.parse` per row would add ~0.4 s to a million-row report, so that form is
 * read digit by digit; anything else (other precision, a leap second, no zone) goes to `Date.parse`.
 */
const decoder = new TextDecoder();

export function parseInstant(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 20 || length === 24 || length === 25 || length === 29) {
    const fast = parseCanonical(bytes, start, end);
    if (fast === fast) return fast; // not NaN
  }
  return Date.parse(decoder.decode(bytes.subarray(start, end)));
}

/** NaN whenever the text is not the canonical form, so the caller asks Date.parse instead. */
function parseCanonical(b: Uint8Array, s: number, end: number): number {
  if (b[s + 4] !== 0x2d || b[s + 7] !== 0x2d || b[s + 10] !== 0x54 || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a) return NaN;
  const year = digits(b, s, 4);
  const month = digits(b, s + 5, 2);
  const day = digits(b, s + 8, 2);
  const hour = digits(b, s + 11, 2);
  const minute = digits(b, s + 14, 2);
  const second = digits(b, s + 17, 2);
  let i = s + 19;
  let millis = 0;
  if (b[i] === 0x2e) {
    millis = digits(b, i + 1, 3);
    i += 4;
  }
  let offset = 0;
  if (b[i] === 0x5a && i + 1 === end) offset = 0; // Z
  else if ((b[i] === 0x2b || b[i] === 0x2d) && i + 6 === end && b[i + 3] === 0x3a) {
    const hours = digits(b, i + 1, 2);
    const minutes = digits(b, i + 4, 2);
    if (hours > 23 || minutes > 59) return NaN;
    offset = (b[i] === 0x2b ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else return NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

/** The number the ASCII digits spell, or NaN if any is not a digit (NaN then fails every test above). */
function digits(b: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = b[at + k] - 0x30;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
