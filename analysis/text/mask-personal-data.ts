/**
 * Masks personal data that residents write into free text (issue 14): phone
 * numbers, My Numbers (個人番号), e-mail addresses, postal codes after 〒 and long
 * digit runs. Each match becomes one labelled placeholder such as 「［電話番号］」;
 * every other character stays exactly as written.
 *
 * Matching runs on a normalised copy (full-width digits, hyphens, ＠, ＋, parentheses
 * and spaces folded to ASCII one character for one character), so indices in the
 * copy are indices in the original and the replacement is spliced into the original
 * text. NFKC is not used for this because it can change the length of a string
 * (e.g. ㈱ → (株)), which would break that position mapping.
 *
 * Deliberately conservative about what is NOT personal data: dates (2026-04-01,
 * 2026/4/1, R8.4.1), amounts (1,500円, ¥12,000), times and counts keep their
 * digits, because a digit run only counts when it has no date or amount shape and
 * is at least 8 digits long. Pure: no I/O.
 */
import { defineTexts } from '../../core/i18n/define-texts.ts';
import type { Locale } from '../../core/i18n/locale.ts';

export type PersonalDataKind = 'phone' | 'myNumber' | 'email' | 'postalCode' | 'digits';

export interface MaskResult {
  text: string;
  /** Kinds found, in a fixed order, only those with count > 0. */
  found: Array<{ kind: PersonalDataKind; count: number }>;
}

export const personalDataPlaceholders = defineTexts<Record<PersonalDataKind, string>>({
  ja: { phone: '［電話番号］', myNumber: '［マイナンバー］', email: '［メールアドレス］', postalCode: '［郵便番号］', digits: '［番号］' },
  en: { phone: '[phone]', myNumber: '[My Number]', email: '[e-mail]', postalCode: '[postal code]', digits: '[number]' },
});

const KIND_ORDER: readonly PersonalDataKind[] = ['email', 'postalCode', 'myNumber', 'phone', 'digits'];

/** Full-width and typographic variants folded to ASCII, always one UTF-16 unit for one. */
const FOLD: Record<string, string> = {
  '＠': '@', '＋': '+', '（': '(', '）': ')', '．': '.', '　': ' ', '－': '-', 'ー': '-', '−': '-', '‐': '-',
  '‑': '-', '–': '-', '—': '-', '―': '-', 'ｰ': '-', '〜': '~', '＿': '_', '％': '%',
};

function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch.length === 2) out += ch; // astral characters: unchanged, still 2 units
    else if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 0x30); // ０-９
    else if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) out += String.fromCharCode(code - 0xfee0); // Ａ-Ｚ ａ-ｚ
    else out += FOLD[ch] ?? ch;
  }
  return out;
}

// Separators between digit groups: hyphen, dot, space (one, optional).
const S = '[-. ]?';
// Not inside a longer number, a decimal (3.14159265358), an amount (¥, $, 1,500) or a chain of digit groups
// (20260401-0012). Letters, and a dot or hyphen after a word, may precede: "TEL090…", "Tel.011-…" are how people write it.
const NOT_DIGIT_BEFORE = '(?<![+0-9,/¥$])(?<![0-9][.-])';
const NOT_DIGIT_AFTER = '(?![0-9]|[.,/:][0-9]|[年月日円万億千時分秒回歳階番号人件%])';

// Japanese numbers: 10 digits for fixed lines (area code 2-5 digits incl. the 0),
// 11 for mobile (070/080/090), IP (050) and 0800 toll-free, 0120 + 6 digits.
// The +81 form drops the leading 0. Parenthesised area or exchange: 011(222)3333, (011)222-3333.
const LOCAL_PHONE = [
  `0[5789]0${S}[0-9]{4}${S}[0-9]{4}`, // mobile, IP
  `0120${S}[0-9]{3}${S}[0-9]{3}`, // toll-free
  `0800${S}[0-9]{3}${S}[0-9]{4}`, // toll-free
  `0[1-9]${S}[0-9]{4}${S}[0-9]{4}`, // 0X-XXXX-XXXX
  `0[1-9][0-9]${S}[0-9]{3}${S}[0-9]{4}`, // 0XX-XXX-XXXX
  `0[1-9][0-9]{2}${S}[0-9]{2}${S}[0-9]{4}`, // 0XXX-XX-XXXX
  `0[1-9][0-9]{3}${S}[0-9]${S}[0-9]{4}`, // 0XXXX-X-XXXX
  `0[1-9][0-9]{0,3} ?\\([0-9]{1,4}\\) ?[0-9]{4}`, // 011(222)3333
  `\\(0[1-9][0-9]{0,3}\\) ?[0-9]{1,4}${S}[0-9]{4}`, // (011)222-3333
].join('|');
const INTL_PHONE = `\\+81 ?\\(?0?\\)?[- ]?(?:[5789]0${S}[0-9]{4}${S}[0-9]{4}|[1-9][0-9]{0,3}${S}[0-9]{1,4}${S}[0-9]{4})`;

interface Rule {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** Extra check on the matched (folded) text; false keeps it. */
  accept?: (match: string) => boolean;
}

const COMPACT_DATE = /^(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])$/;
const digitCount = (s: string) => s.replace(/[^0-9]/g, '').length;

const RULES: readonly Rule[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'postalCode', pattern: /〒 ?[0-9]{3}(?:-?[0-9]{4})?(?![0-9])/g },
  // 12 digits straight or 4-4-4: My Number (a 12-digit run has no phone shape, so it goes here first).
  { kind: 'myNumber', pattern: new RegExp(`${NOT_DIGIT_BEFORE}[0-9]{4}([- ]?)[0-9]{4}\\1[0-9]{4}${NOT_DIGIT_AFTER}`, 'g') },
  {
    kind: 'phone',
    pattern: new RegExp(`(?:${NOT_DIGIT_BEFORE}(?:${INTL_PHONE})|${NOT_DIGIT_BEFORE}(?:${LOCAL_PHONE}))${NOT_DIGIT_AFTER}`, 'g'),
    // A date like 2026-04-01 never starts with 0, but 01-2345-6789 must be 10+ digits.
    accept: (m) => digitCount(m) >= 10,
  },
  // Eight or more digits in a row with nothing that makes them a date or an amount.
  // A compact date (20260401) is not one.
  { kind: 'digits', pattern: new RegExp(`${NOT_DIGIT_BEFORE}[0-9]{8,}${NOT_DIGIT_AFTER}`, 'g'), accept: (m) => !COMPACT_DATE.test(m) },
];

/**
 * `text` with each piece of personal data replaced by its placeholder in `locale`
 * (Japanese by default), and how many of each kind were replaced.
 */
export function maskPersonalData(text: string, locale: Locale = 'ja'): MaskResult {
  const placeholders = personalDataPlaceholders(locale);
  const counts = new Map<PersonalDataKind, number>();
  let original = text;
  let folded = fold(text);
  for (const rule of RULES) {
    if (!rule.pattern.test(folded)) continue;
    rule.pattern.lastIndex = 0;
    let outOriginal = '';
    let outFolded = '';
    let last = 0;
    for (const match of folded.matchAll(rule.pattern)) {
      if (rule.accept && !rule.accept(match[0])) continue;
      const start = match.index;
      outOriginal += original.slice(last, start) + placeholders[rule.kind];
      // The placeholder goes into the folded copy too, so positions stay aligned and
      // a later rule cannot match across it.
      outFolded += folded.slice(last, start) + placeholders[rule.kind];
      last = start + match[0].length;
      counts.set(rule.kind, (counts.get(rule.kind) ?? 0) + 1);
    }
    original = outOriginal + original.slice(last);
    folded = outFolded + folded.slice(last);
  }
  return { text: original, found: KIND_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 })) };
}

/** Just the masked text; for callers that map over many strings. */
export function maskText(text: string, locale: Locale = 'ja'): string {
  return maskPersonalData(text, locale).text;
}
