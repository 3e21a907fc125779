/**
 * How error messages show a submitted value: as JSON, cut short so one bad
 * answer cannot bloat the error body. Quoting reads no more of the value than
 * it shows, so quoting a 250 000-character string or a 40 000-entry array
 * costs what quoting a short one does (issue 20).
 */
const MAX_QUOTED_CHARS = 100;

export function quoteValue(value: unknown): string {
  // Cut inside the quotes, so the message still reads as one quoted string: "ああ…".
  if (typeof value === 'string') return JSON.stringify(cutText(value));
  if (value === undefined) return 'undefined';
  const json = boundedJson(value) ?? toJson(value);
  const chars = [...json];
  return chars.length > MAX_QUOTED_CHARS ? `${chars.slice(0, MAX_QUOTED_CHARS).join('')}…` : json;
}

/**
 * `text` itself if its JSON (escapes counted, quotes not) is at most `max`
 * characters, else its longest prefix of at most `max - 1` such characters and
 * "…". Reads at most `max + 1` characters of `text`. For names taken from the
 * request, such as an unknown key.
 */
export function cutText(text: string, max = MAX_QUOTED_CHARS): string {
  let width = 0;
  let cut = 0;
  for (let end = 0; end < text.length; ) {
    const codePoint = text.codePointAt(end)!;
    width += jsonWidth(codePoint);
    if (width > max) return `${text.slice(0, cut)}…`;
    end += codePoint > 0xffff ? 2 : 1;
    if (width < max) cut = end;
  }
  return text;
}

/** How many characters JSON.stringify writes for one character of a string. */
function jsonWidth(codePoint: number): number {
  if (codePoint === 0x22 || codePoint === 0x5c) return 2; // \" and \\
  if (codePoint < 0x20) return codePoint === 0x08 || codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0c || codePoint === 0x0d ? 2 : 6;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 6; // a lone surrogate: \udxxx
  return 1;
}

/** Counts for messages: "39,900". */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

/**
 * The start of JSON.stringify(value): at least MAX_QUOTED_CHARS + 1 characters
 * of it, or all of it when shorter. Each nesting level writes a character, so
 * the recursion stops within MAX_QUOTED_CHARS + 1 levels however deep the value
 * is. Undefined for what is not JSON data (a toJSON method, a class instance,
 * a bigint): JSON.stringify knows those.
 */
function boundedJson(value: unknown): string | undefined {
  let out = '';
  let written = 0; // code points in `out`
  const full = () => written > MAX_QUOTED_CHARS;
  const emit = (token: string) => {
    out += token;
    written += codePointCount(token);
  };
  const write = (item: unknown): boolean => {
    if (item === null) emit('null');
    else if (typeof item === 'boolean' || typeof item === 'number') emit(JSON.stringify(item));
    // A longer string would fill the quote anyway; its closing quote is never shown.
    else if (typeof item === 'string') emit(JSON.stringify(codePointPrefix(item, MAX_QUOTED_CHARS + 1)));
    else if (Array.isArray(item)) {
      emit('[');
      for (let index = 0; index < item.length && !full(); index++) {
        if (index > 0) emit(',');
        const element = item[index];
        if (isSkipped(element)) emit('null');
        else if (!write(element)) return false;
      }
      if (!full()) emit(']');
    } else if (isPlainJsonObject(item)) {
      emit('{');
      let first = true;
      for (const key of Object.keys(item)) {
        if (full()) break;
        const member = item[key];
        if (isSkipped(member)) continue;
        emit(`${first ? '' : ','}${JSON.stringify(codePointPrefix(key, MAX_QUOTED_CHARS + 1))}:`);
        first = false;
        if (!write(member)) return false;
      }
      if (!full()) emit('}');
    } else return false;
    return true;
  };
  return write(value) ? out : undefined;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** The first `count` code points of `text` (all of it when shorter). */
function codePointPrefix(text: string, count: number): string {
  if (text.length <= count) return text;
  let end = 0;
  for (let taken = 0; taken < count && end < text.length; taken++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return text.slice(0, end);
}

function codePointCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

function toJson(value: unknown): string {
  try {
    return String(JSON.stringify(value));
  } catch {
    // JSON.stringify recurses: a hostile, deeply nested answer overflows the stack.
    return Array.isArray(value) ? '[…too deeply nested…]' : '{…too deeply nested…}';
  }
}
