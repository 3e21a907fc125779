/**
 * A copy of a text made for pattern matching, with a map from every UTF-16 unit
 * of the copy back to the characters of the original it came from (issue 20,
 * finding 3). analysis/text/mask-personal-data.ts matches on the copy and
 * replaces the original characters under each match, so everything outside a
 * match stays exactly as written.
 *
 * What the copy folds, one original code point at a time:
 * - NFKC: full-width letters, digits and punctuation, ① → 1, ⑩ → 10, 𝟎 → 0, ＠ and ﹫ → @, 〶 → 〒, ℡ → TEL,
 *   NBSP and ideographic space → space;
 * - digits of every script (Unicode `Nd`: Arabic-Indic, Devanagari, Thai, …) → 0-9, and the circled digits that NFKC
 *   leaves alone (❶ ➀ ➊ ⓫ ⓵ ⓿ 🄋) → their value;
 * - kanji numerals 〇一二三四五六七八九 → 0-9, but only where they stand among digits: next to another numeral or digit,
 *   or a few separators or parentheses away from one (〇九〇-一二三四 and -(六)-五七 yes, 一つ or 北一条 no);
 * - dashes, minus signs, tildes and middle dots of every kind (‐ ‑ ‒ – — ― − ﹣ － ～ 〜 ・ ─ …) → `-`;
 *   the long-vowel mark ー (and ｰ) → `-` only between two digits or numerals;
 * - 〠 → 〒; 。 and ｡ stay `。` (an e-mail rule reads them as a dot);
 * - tabs and every kind of space → a space, and a run of them → a single space;
 * - format characters (zero-width space, soft hyphen, joiners, BOM) and combining marks (a keycap's ⃣) → nothing.
 * Line breaks stay.
 *
 * Kept cheap for long exports: text that needs no folding (ASCII, kana, kanji) is copied in runs, and the map is a
 * short list of segments rather than one entry per character. Pure: no I/O.
 */

export interface MatchingText {
  /** The folded copy. */
  text: string;
  /** The index in the original of the first unit that the copy's unit `i` came from. */
  originalStart(i: number): number;
  /** The index in the original just past the last unit that the copy's unit `i` came from. */
  originalEnd(i: number): number;
}

/** The original range `[start, end)` behind the copy's range `[from, to)` (to > from). */
export function originalRange(copy: MatchingText, from: number, to: number): [start: number, end: number] {
  return [copy.originalStart(from), copy.originalEnd(to - 1)];
}

const KANJI_DIGITS = '〇一二三四五六七八九';

/** Code points that become `-` (after NFKC, which already turns －, ﹣, ～ and ･ into -, -, ~ and ・). */
const DASHES = new Set([
  0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2796, 0x02d7, 0x2e3a, 0x2e3b, 0xfe58, 0x30a0, // dashes, minus
  0x2500, 0x2501, // box-drawing lines, typed as dashes in Japanese text
  0x007e, 0x301c, 0x3030, 0x223c, 0x2053, 0x02dc, // tildes and wave dashes
  0x30fb, 0x00b7, 0x2027, 0x2219, 0x22c5, // middle dots
]);

/** Circled and dingbat digits that NFKC leaves as they are: first and last code point, and the first one's value. */
const DINGBAT_DIGITS: Array<[from: number, to: number, firstValue: number]> = [
  [0x2776, 0x277f, 1], // ❶ … ❿
  [0x2780, 0x2789, 1], // ➀ … ➉
  [0x278a, 0x2793, 1], // ➊ … ➓
  [0x24eb, 0x24f4, 11], // ⓫ … ⓴
  [0x24f5, 0x24fe, 1], // ⓵ … ⓾
  [0x24ff, 0x24ff, 0], // ⓿
  [0x1f10b, 0x1f10c, 0], // 🄋 🄌
];

const IS_ND = /^\p{Nd}$/u;
const IS_SPACE = /^\p{Zs}$/u;
const IS_DROPPED = /^[\p{M}\p{Cf}]$/u;

/** The value of a decimal digit of any script: Unicode keeps each script's 0-9 contiguous and in order, 0 first. */
function ndValue(cp: number): number {
  let zero = cp;
  while (IS_ND.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

function dingbatValue(cp: number): number | undefined {
  for (const [from, to, first] of DINGBAT_DIGITS) if (cp >= from && cp <= to) return first + cp - from;
  return undefined;
}

/** One character of an NFKC result, folded. */
function foldUnit(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return code === 0x7e ? '-' : code === 0x09 ? ' ' : ch;
  if (DASHES.has(code)) return '-';
  if (code === 0x3020) return '〒';
  if (IS_SPACE.test(ch)) return ' ';
  if (IS_DROPPED.test(ch)) return '';
  if (IS_ND.test(ch)) return String(ndValue(code));
  const dingbat = dingbatValue(code);
  return dingbat === undefined ? ch : String(dingbat);
}

/** Folded form of each code point outside the fast ranges met so far (bounded, so odd input cannot grow it without end). */
const cache = new Map<number, string>();
const CACHE_LIMIT = 8192;

/** A code point that folds to itself and never needs its neighbours looked at: most ASCII, kana, kanji other than numerals. */
function isPlain(c: number): boolean {
  if (c < 0x80) return c >= 0x20 ? c !== 0x7e : c === 0x0a || c === 0x0d;
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x4e00 && c <= 0x9fff && !isKanjiDigit(c));
}

function isKanjiDigit(c: number): boolean {
  return c === 0x3007 || c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94 || c === 0x516d || c === 0x4e03 || c === 0x516b || c === 0x4e5d;
}

/** The code point's folded form, without regard to its neighbours. */
function foldCodePoint(cp: number): string {
  if (cp < 0x80) return cp === 0x7e ? '-' : cp === 0x09 ? ' ' : String.fromCharCode(cp);
  const known = cache.get(cp);
  if (known !== undefined) return known;
  let out = '';
  for (const unit of String.fromCodePoint(cp).normalize('NFKC')) out += foldUnit(unit);
  if (cache.size < CACHE_LIMIT) cache.set(cp, out);
  return out;
}

/** What a folded code point is to its neighbours. */
const Kind = { Other: 0, Numeral: 1, Gap: 2 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

function kindOf(out: string): Kind {
  if (out.length === 0) return Kind.Other;
  if (out.length === 1) {
    const code = out.charCodeAt(0);
    if (code >= 0x30 && code <= 0x39) return Kind.Numeral;
    if (out === '-' || out === '.' || out === '/' || out === ' ' || out === '(' || out === ')' || out === 'ー') return Kind.Gap;
    return KANJI_DIGITS.includes(out) ? Kind.Numeral : Kind.Other;
  }
  for (let i = 0; i < out.length; i++) {
    const code = out.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return Kind.Other;
  }
  return Kind.Numeral;
}

/** The code point before index `i` of `text` and where it starts, or undefined at the start. */
function stepBack(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? i - 2 : i - 1;
}

/** Kind of the code point at `i`. */
function kindAt(text: string, i: number): Kind {
  const cp = text.codePointAt(i) ?? 0;
  if (cp >= 0x30 && cp <= 0x39) return Kind.Numeral;
  if (isPlain(cp) && cp !== 0x20 && cp !== 0x2d && cp !== 0x2e && cp !== 0x2f && cp !== 0x28 && cp !== 0x29) return Kind.Other;
  return kindOf(foldCodePoint(cp));
}

/** Whether, stepping from `i` over at most four gaps (" - " is three), the next code point is a digit or a numeral. */
function numeralNear(text: string, i: number, forward: boolean, width: number): boolean {
  let at: number | undefined = forward ? i + width : stepBack(text, i);
  for (let gaps = 0; at !== undefined && at < text.length; gaps++) {
    const kind = kindAt(text, at);
    if (kind === Kind.Numeral) return true;
    if (kind !== Kind.Gap || gaps === 4) return false;
    at = forward ? at + ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1) : stepBack(text, at);
  }
  return false;
}

/** Whether the code points right before and right after `i` are digits or numerals. */
function betweenNumerals(text: string, i: number, width: number): boolean {
  const before = stepBack(text, i);
  return before !== undefined && i + width < text.length && kindAt(text, before) === Kind.Numeral && kindAt(text, i + width) === Kind.Numeral;
}

const DIGIT_STRINGS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The folded copy of `text`, and where each of its units came from. */
export function normalizeForMatching(text: string): MatchingText {
  // The map is a list of segments of the copy, three numbers each: [copyStart, originalStart, originalEnd].
  // originalEnd -1 marks a one-for-one segment, where copy unit j comes from original unit originalStart + (j - copyStart)
  // (unchanged text, and folds of one unit to one unit: ０ → 0, 一 → 1, － → -); otherwise every unit of the segment
  // comes from the whole of [originalStart, originalEnd) (⑩ → 10, 𝟎 → 0).
  const segments: number[] = [0, 0, -1];
  let copy = '';
  let pending = 0; // original text from here on is unchanged and not yet in the copy
  let lastIsSpace = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (isPlain(c) && !(c === 0x20 && lastIsSpace)) {
      lastIsSpace = c === 0x20;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    let out = foldCodePoint(cp);
    if (isKanjiDigit(cp)) {
      if (numeralNear(text, i, false, width) || numeralNear(text, i, true, width)) out = DIGIT_STRINGS[KANJI_DIGITS.indexOf(out)];
    } else if (out === 'ー' && betweenNumerals(text, i, width)) {
      out = '-';
    } else if (out === ' ' && lastIsSpace) {
      out = '';
    }
    if (out.length > 0) lastIsSpace = out === ' ';
    if (width === 1 && out.length === 1) {
      if (out.charCodeAt(0) !== c) {
        copy += text.slice(pending, i) + out;
        pending = i + 1;
      }
      i++;
      continue;
    }
    if (width === 2 && out.length === 2 && out.charCodeAt(0) === c && out.charCodeAt(1) === text.charCodeAt(i + 1)) {
      i += 2;
      continue;
    }
    copy += text.slice(pending, i);
    if (out.length > 0) {
      segments.push(copy.length, i, i + width);
      copy += out;
    }
    i += width;
    pending = i;
    segments.push(copy.length, i, -1);
  }
  if (pending === 0) return identity(text);
  copy += text.slice(pending);
  return withSegments(copy, segments);
}

function identity(text: string): MatchingText {
  return { text, originalStart: (i) => i, originalEnd: (i) => i + 1 };
}

function withSegments(copy: string, segments: number[]): MatchingText {
  const count = segments.length / 3;
  /** The segment holding copy unit `i`: the last one starting at or before it. */
  const find = (i: number) => {
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid * 3] <= i) low = mid;
      else high = mid - 1;
    }
    return low * 3;
  };
  return {
    text: copy,
    originalStart(i) {
      const s = find(i);
      return segments[s + 2] === -1 ? segments[s + 1] + (i - segments[s]) : segments[s + 1];
    },
    originalEnd(i) {
      const s = find(i);
      return segments[s + 2] === -1 ? segments[s + 1] + (i - segments[s]) + 1 : segments[s + 2];
    },
  };
}
