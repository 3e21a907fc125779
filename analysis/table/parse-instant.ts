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

/**
 * NaN whenever the text is not the canonical form, so the caller asks Date.parse instead. Every byte of the text is
 * checked (digits, `-`, `T`, `:`, `.`, `Z` or an offset), so a JSON scanner may call it on bytes not yet scanned as a
 * string: a number means they are a whole unescaped string's content (create-jsonl-appender.ts).
 */
export function parseCanonical(b: Uint8Array, s: number, end: number): number {
  if (b[s + 4] !== 0x2d || b[s + 7] !== 0x2d || b[s + 10] !== 0x54 || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a) return NaN;
  // Each byte minus '0': a digit when 0–9; `>>> 0` turns a byte below '0' into a large number, so one test per byte.
  const y0 = b[s] - 0x30, y1 = b[s + 1] - 0x30, y2 = b[s + 2] - 0x30, y3 = b[s + 3] - 0x30;
  const mo0 = b[s + 5] - 0x30, mo1 = b[s + 6] - 0x30, d0 = b[s + 8] - 0x30, d1 = b[s + 9] - 0x30;
  const h0 = b[s + 11] - 0x30, h1 = b[s + 12] - 0x30, mi0 = b[s + 14] - 0x30, mi1 = b[s + 15] - 0x30;
  const s0 = b[s + 17] - 0x30, s1 = b[s + 18] - 0x30;
  if (
    (y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (mo0 >>> 0) > 9 || (mo1 >>> 0) > 9 ||
    (d0 >>> 0) > 9 || (d1 >>> 0) > 9 || (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (mi0 >>> 0) > 9 || (mi1 >>> 0) > 9 ||
    (s0 >>> 0) > 9 || (s1 >>> 0) > 9
  ) {
    return NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
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
  // NaN millis (a non-digit there) makes the result NaN, as before.
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - offset;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), as Date.UTC would count them but
 * without a call into the runtime (issue 24: Date.UTC was ~5 % of the scanner's time), and right for years 0–99 too,
 * which Date.UTC would read as 1900–1999 while Date.parse does not.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
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
