/**
 * Masks personal data that residents write into free text (issues 14 and 20):
 * phone numbers, My Numbers (個人番号), e-mail addresses, postal codes and long
 * digit runs. Each match becomes one labelled placeholder such as 「［電話番号］」;
 * every other character stays exactly as written.
 *
 * Matching runs on a folded copy (analysis/text/normalize-for-matching.ts: NFKC,
 * digits of every script, kanji numerals among digits, every dash, tilde, middle
 * dot and space), which keeps a map back to the original; each match is mapped to
 * the original characters it came from and only those are replaced.
 *
 * Deliberately conservative about what is NOT personal data: dates (2026-04-01,
 * 2026/4/1, R8.4.1), amounts (1,500円, ¥12,000), times, years, room numbers and
 * counts keep their digits: a number only counts when it has a phone, My Number
 * or postal-code shape, or is a run of at least 8 digits with no date or amount
 * shape. Pure: no I/O.
 *
 * Kept fast for exports of 200k+ responses: a text without enough digits, an
 * @-like character or a `t` (for `[at]`) is returned as it is without being
 * copied, and no pattern can backtrack more than linearly.
 */
import { defineTexts } from '../../core/i18n/define-texts.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import { normalizeForMatching, originalRange, type MatchingText } from './normalize-for-matching.ts';

export type PersonalDataKind = 'phone' | 'myNumber' | 'email' | 'postalCode' | 'digits';

export interface MaskResult {
  text: string;
  /** Kinds found, in a fixed order, only those with count > 0. */
  found: Array<{ kind: PersonalDataKind; count: number }>;
}

/** One piece of personal data: `text.slice(start, end)` of the original. */
export interface PersonalDataSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

export const personalDataPlaceholders = defineTexts<Record<PersonalDataKind, string>>({
  ja: { phone: '［電話番号］', myNumber: '［マイナンバー］', email: '［メールアドレス］', postalCode: '［郵便番号］', digits: '［番号］' },
  en: { phone: '[phone]', myNumber: '[My Number]', email: '[e-mail]', postalCode: '[postal code]', digits: '[number]' },
});

const KIND_ORDER: readonly PersonalDataKind[] = ['email', 'postalCode', 'myNumber', 'phone', 'digits'];

// ---------------------------------------------------------------------------
// The pre-check: can this text hold anything the rules below would match?
// ---------------------------------------------------------------------------

/**
 * Characters outside ASCII, kana and kanji whose folded form holds a digit (test/analysis/text/normalize-for-matching.test.ts
 * checks every code point): numbers of any kind, the kanji numeral 〇, radicals and compatibility forms of 一 二 八 六,
 * and the squared forms ㋀ (1月), ㍘ (0点), ㏠ (1日), ㎡ (m2).
 */
const DIGIT_LIKE = /^[\p{N}〇\u2F00\u2F06\u2F0B\uF9D1\u32C0-\u32CB\u3358-\u3370\u3378\u3379\u339F-\u33A8\u33AF\u33E0-\u33FE\u{1F214}\u{1F229}\u{1F22A}\u{1F241}\u{1F242}]$/u;
/** Ones that fold to exactly one digit; any other counts as 3 (⅒ → 1⁄10 is the most one character gives). */
const SINGLE_DIGIT = /^[〇\p{Nd}]$/u;
/** @ in any form, and the letter t of `[at]` in any form NFKC folds to t. */
const AT_LIKE = /^[＠﹫ｔＴ\u1D40\u1D57\u209C\u2121\u2122\u24AF\u24C9\u24E3\u3250\u32CF\u3394\u33CF\uFB05\uFB06\u{1CCE9}\u{1D400}-\u{1D6A5}\u{1F123}\u{1F143}]$/u;

/** Fewest digits any rule needs: a bare postal code has 7; one after 〒 has 3. */
const MIN_DIGITS = 7;
const MIN_DIGITS_AFTER_MARK = 3;

/**
 * False when no rule can match `text`, decided in one pass without copying it. Sound (and tested on every code point):
 * every rule needs an @-like character or a `t` (of `[at]`) or アット/ｱｯﾄ/あっと, or at least 7 digits after folding,
 * or 3 and a postal mark (〒 〶 〠).
 */
export function couldHoldPersonalData(text: string): boolean {
  let weight = 0;
  let mark = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x30 && c <= 0x39) weight++;
      else if (c === 0x40 || c === 0x74 || c === 0x54) return true; // @ t T
      else continue;
    } else if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30ff)) {
      if ((c === 0x30a2 && text.startsWith('アット', i)) || (c === 0x3042 && text.startsWith('あっと', i))) return true;
      continue;
    } else if ((c === 0xff71 || c === 0x32d0) && text.slice(i, i + 3).normalize('NFKC').startsWith('アット')) {
      return true; // ｱｯﾄ, ㋐ット
    } else if (c >= 0x4e00 && c <= 0x9fff) {
      // 一 二 三 四 五 六 七 八 九
      if (c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94 || c === 0x516d || c === 0x4e03 || c === 0x516b || c === 0x4e5d) weight++;
      else continue;
    } else if (c >= 0x3000 && c <= 0x303f && c !== 0x3007 && c !== 0x3012 && c !== 0x3020 && c !== 0x3036 && !(c >= 0x3021 && c <= 0x3029) && !(c >= 0x3038 && c <= 0x303a)) {
      continue; // Japanese punctuation and brackets
    } else if (c >= 0xff10 && c <= 0xff19) {
      weight++; // full-width digits
    } else {
      const cp = text.codePointAt(i) ?? c;
      const ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      if (AT_LIKE.test(ch)) return true;
      if (cp === 0x3012 || cp === 0x3020 || cp === 0x3036) mark = true;
      else if (DIGIT_LIKE.test(ch)) weight += SINGLE_DIGIT.test(ch) ? 1 : 3;
      else continue;
    }
    if (weight >= MIN_DIGITS || (mark && weight >= MIN_DIGITS_AFTER_MARK)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The rules, on the folded copy: digits are 0-9, every dash `-`, spaces single.
// ---------------------------------------------------------------------------

/** Between digit groups: a dash, dot or slash with a space either side, or a space, or nothing. */
const SEP = '(?: ?[-./] ?| )?';
/** The same, but never nothing. */
const SEP_REQUIRED = '(?: ?[-./] ?| )';

// A number does not start inside a longer one, a decimal (3.14159265358), an amount (¥, $, 1,500) or a chain of digit
// groups (20260401-0012). Letters, and a slash, comma, dot or dash after a word, may precede it: "TEL090…",
// "Tel.011-…", "携帯/090-…", "山田,090-…" are how people write it.
const NUMBER_START = '(?<![0-9+¥$€£])(?<![0-9][-.,/])';
const NUMBER_END = '(?![0-9])(?![.,][0-9])';

// Japanese numbers: 10 digits for fixed lines (area code 2-5 digits incl. the 0), 11 for mobile (070/080/090), IP (050)
// and 0800 toll-free; 0120 and 0570 + 6 digits. `phoneDigitsValid` checks the count of each match.
const LOCAL_PHONE = [
  `0[5789]0${SEP}[0-9]{4}${SEP}[0-9]{4}`, // 090-1234-5678
  `0[1-9]${SEP}[0-9]{4}${SEP}[0-9]{4}`, // 03-1234-5678
  `0[1-9][0-9]${SEP}[0-9]{3}${SEP}[0-9]{4}`, // 011-222-3333
  `0[1-9][0-9]{2}${SEP}[0-9]{2}${SEP}[0-9]{4}`, // 0123-45-6789
  `0[1-9][0-9]{2}${SEP}[0-9]{3}${SEP}[0-9]{3,4}`, // 0120-123-456, 0800-123-4567
  `0[1-9][0-9]{3}${SEP}[0-9]${SEP}[0-9]{4}`, // 01267-2-3456
  `0[1-9][0-9]{0,3} ?\\( ?[0-9]{1,4} ?\\) ?[0-9]{3,4}`, // 011(222)3333, 0570(123)456
  `\\( ?0[1-9][0-9]{0,3} ?\\) ?[0-9]{1,4}${SEP}[0-9]{3,4}`, // (011)222-3333
].join('|');
// +81 or 0081, then the number without its 0, maybe after "(0)", maybe with the area code in parentheses.
const AREA = (digits: string) => `(?:${digits}|\\( ?${digits} ?\\))`;
const INTL_PHONE = `(?:\\+ ?|00 ?)81${SEP}(?:\\( ?0 ?\\)${SEP})?(?:${AREA('[5789]0')}${SEP}[0-9]{4}${SEP}[0-9]{4}|${AREA('[1-9][0-9]{0,3}')}${SEP}[0-9]{1,4}${SEP}[0-9]{3,4})`;

/** 10 digits for a number starting 0[1-9], 11 for 0[5789]0… and 0800…. */
function phoneDigitsValid(national: string): boolean {
  if (!/^0[1-9]/.test(national)) return false;
  return national.length === 10 || (national.length === 11 && /^(?:0[5789]0|0800)/.test(national));
}

function acceptPhone(match: string): boolean {
  let digits = match.replace(/[^0-9]/g, '');
  if (match.startsWith('+') || (match.startsWith('00') && /^00 ?81/.test(match))) {
    digits = digits.slice(match.startsWith('+') ? 2 : 4);
    if (digits.startsWith('0')) digits = digits.slice(1); // +81-(0)90-…
    digits = `0${digits}`;
  }
  return phoneDigitsValid(digits);
}

/** 4-4-4 with no separators or two (of any kind); three years in a row (2024 2025 2026) are not one. */
const MY_NUMBER = `${NUMBER_START}[0-9]{4}(?:${SEP_REQUIRED}[0-9]{4}${SEP_REQUIRED}|[0-9]{4})[0-9]{4}${NUMBER_END}(?![円万億兆%])`;
const YEAR = /^(?:19|20)[0-9]{2}$/;
function acceptMyNumber(match: string): boolean {
  const digits = match.replace(/[^0-9]/g, '');
  return ![digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)].every((group) => YEAR.test(group));
}

// After 〒 (〶 and 〠 fold to it): 3 digits, then maybe 4 more after any separator, but not a year or date after a space.
const POSTAL_AFTER_MARK = `〒 ?:? ?[0-9]{3}(?:${SEP}[0-9]{4}(?![0-9年月日円]))?(?![0-9])`;
// Without 〒: 3 + 4 digits, accepted only next to an address word (札幌市, 北区, 丁目, 住所 …).
// Not one group of a longer chain either: 090 1234 5678 and 1-2-3 060-0001 hold no postal code.
// Nor an amount or a count (100-2000円北区).
const POSTAL_BARE = `(?<![0-9+¥$€£])(?<![0-9] ?[-.,/]? ?)[0-9]{3}(?: ?- ?| )?[0-9]{4}(?! ?[-.,/]? ?[0-9])(?![円万億人回件歳階号])`;
const ADDRESS_WORD = '(?:都|道|府|県|市|区|町|村|郡|丁目|番地|住所|所在地)';
const ADDRESS_BEFORE = new RegExp(`${ADDRESS_WORD}[ :,、は]?$`);
const ADDRESS_AFTER = new RegExp(`^[ ,、]?[\\p{Script=Han}\\p{Script=Katakana}ー々ヶ0-9-]{0,8}?${ADDRESS_WORD}`, 'u');
function acceptBarePostal(_match: string, copy: string, start: number, end: number): boolean {
  return ADDRESS_BEFORE.test(copy.slice(Math.max(0, start - 6), start)) || ADDRESS_AFTER.test(copy.slice(end, end + 12));
}

// E-mail: found from its @ (or [at], (at), アットマーク) outwards, so the search is one pass over the text.
// - The local part is the run of one script right before it: ASCII and other alphabets, or kanji, or katakana, or
//   hiragana, so 「連絡は山田@…」 takes 山田 only.
// - The domain is labels (ASCII, or Japanese: 例え.jp) each followed by ., 。 or [dot], ending in an ASCII top-level
//   domain. 。 ends a sentence far more often than it splits a domain, so it counts as a dot only before a common
//   top-level or second-level label (gmail。com, docomo。ne。jp, but not com。Good).
const OPEN = '[\\[(<{【〔]';
const CLOSE = '[\\])>}】〕]';
const AT = new RegExp(`@| ?${OPEN} ?at ?${CLOSE} ?|アットマーク|あっとまーく|${OPEN}アット${CLOSE}`, 'gi');
const LABELS_AFTER_IDEOGRAPHIC_STOP = 'com|net|org|jp|ne|co|or|ac|go|lg|ed|gr|ad|info|biz|io|me|mobi|us|uk|cn|kr|tw|de|fr';
const DOT = `(?:\\.|。(?=(?:${LABELS_AFTER_IDEOGRAPHIC_STOP})(?![a-z0-9]))| ?${OPEN} ?dot ?${CLOSE} ?)`;
/** One script per label, so a label cannot run on into the Japanese sentence after it. */
const LABEL = '(?:[a-z0-9-]+|[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々]+)';
const DOMAIN = new RegExp(`(?:${LABEL}${DOT})+[a-z]{2,63}(?![a-z0-9])`, 'iuy');
const LOCAL_SCRIPTS = [
  /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Hangul}0-9._%+'-]/u,
  /[\p{Script=Han}々〆ヶ]/u,
  /[\p{Script=Katakana}ー]/u,
  /\p{Script=Hiragana}/u,
];

function findEmails(copy: string): Array<[from: number, to: number]> {
  const found: Array<[number, number]> = [];
  let taken = 0;
  for (const at of copy.matchAll(AT)) {
    if (at.index < taken) continue;
    const script = LOCAL_SCRIPTS.find((chars) => chars.test(codePointBefore(copy, at.index)));
    if (!script) continue;
    DOMAIN.lastIndex = at.index + at[0].length;
    const domain = DOMAIN.exec(copy);
    if (!domain) continue;
    let from = at.index;
    while (from > taken && script.test(codePointBefore(copy, from))) from -= codePointBefore(copy, from).length;
    taken = DOMAIN.lastIndex;
    found.push([from, taken]);
  }
  return found;
}

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 && (text.charCodeAt(index - 2) & 0xfc00) === 0xd800 ? text.slice(index - 2, index) : text[index - 1];
}

// Eight or more digits in a row with nothing that makes them a date, an amount or a count (a compact date such as
// 20260401 is not one).
const DIGIT_RUN = `(?<![+0-9,/¥$€£])(?<![0-9][.-])[0-9]{8,}(?![0-9]|[.,/:][0-9]|[年月日円万億千時分秒回歳階番号人件%])`;
const COMPACT_DATE = /^(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])$/;

interface Rule {
  kind: PersonalDataKind;
  /** The matches in the copy, in order, not overlapping. */
  find: (copy: string) => Iterable<[from: number, to: number]>;
}

/**
 * A rule from a pattern: skipped when the copy has fewer digits than any match needs, and each match kept only when
 * `accept` (given the match, the copy and where the match is) says so.
 */
function byPattern(source: string, minDigits: number, accept?: (match: string, copy: string, from: number, to: number) => boolean): Rule['find'] {
  const pattern = new RegExp(source, 'g');
  const enoughDigits = new RegExp(`[0-9](?:[^0-9]*[0-9]){${minDigits - 1}}`);
  return function* (copy) {
    if (!enoughDigits.test(copy)) return;
    for (const match of copy.matchAll(pattern)) {
      const to = match.index + match[0].length;
      if (!accept || accept(match[0], copy, match.index, to)) yield [match.index, to];
    }
  };
}

// In this order: a later rule never matches what an earlier one took (an e-mail made of a phone number is an e-mail;
// a bare 3-4 group is a postal code only when no longer shape took it).
const RULES: readonly Rule[] = [
  { kind: 'email', find: findEmails },
  { kind: 'postalCode', find: (copy) => (copy.includes('〒') ? byPattern(POSTAL_AFTER_MARK, 3)(copy) : []) },
  { kind: 'myNumber', find: byPattern(MY_NUMBER, 12, acceptMyNumber) },
  { kind: 'phone', find: byPattern(`${NUMBER_START}(?:${INTL_PHONE}|${LOCAL_PHONE})${NUMBER_END}`, 10, acceptPhone) },
  { kind: 'postalCode', find: byPattern(POSTAL_BARE, 7, acceptBarePostal) },
  { kind: 'digits', find: byPattern(DIGIT_RUN, 8, (match) => !COMPACT_DATE.test(match)) },
];

/** Stands in the copy for what a rule took, so later rules cannot match across it; one unit for one, so the map holds. */
const TAKEN = '\uFFFC';

/**
 * Every piece of personal data in `text`, in order, as ranges of the original. Empty when there is none.
 */
export function findPersonalData(text: string): PersonalDataSpan[] {
  return couldHoldPersonalData(text) ? scanForPersonalData(text) : [];
}

/** `findPersonalData` without the pre-check (which only saves time: the tests compare the two). */
export function scanForPersonalData(text: string): PersonalDataSpan[] {
  const matching: MatchingText = normalizeForMatching(text);
  let copy = matching.text;
  const found: Array<{ kind: PersonalDataKind; from: number; to: number }> = [];
  for (const rule of RULES) {
    let next = '';
    let last = 0;
    for (const [from, to] of rule.find(copy)) {
      found.push({ kind: rule.kind, from, to });
      next += copy.slice(last, from) + TAKEN.repeat(to - from);
      last = to;
    }
    if (last > 0) copy = next + copy.slice(last);
  }
  found.sort((a, b) => a.from - b.from);
  const spans: PersonalDataSpan[] = [];
  for (const { kind, from, to } of found) {
    const [start, end] = originalRange(matching, from, to);
    const previous = spans.at(-1);
    // Two matches can meet inside one original character (⑩ folds to 10): they share it.
    if (previous && start < previous.end) previous.end = Math.max(previous.end, end);
    else spans.push({ kind, start, end });
  }
  return spans;
}

/**
 * `text` with each piece of personal data replaced by its placeholder in `locale`
 * (Japanese by default), and how many of each kind were replaced.
 */
export function maskPersonalData(text: string, locale: Locale = 'ja'): MaskResult {
  const spans = findPersonalData(text);
  if (spans.length === 0) return { text, found: [] };
  const placeholders = personalDataPlaceholders(locale);
  const counts = new Map<PersonalDataKind, number>();
  let out = '';
  let last = 0;
  for (const { kind, start, end } of spans) {
    out += text.slice(last, start) + placeholders[kind];
    last = end;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  out += text.slice(last);
  return { text: out, found: KIND_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 })) };
}

/** Just the masked text; for callers that map over many strings. */
export function maskText(text: string, locale: Locale = 'ja'): string {
  return maskPersonalData(text, locale).text;
}
