/**
 * Generated texts for the personal-data mask (issue 20, finding 3): phone
 * numbers, e-mail addresses, My Numbers and postal codes in every form people
 * type (labels, separators, digit scripts, words right after), embedded in
 * Japanese text, must come out as exactly that text with a placeholder where
 * each one was; a corpus of dates, amounts, years, times, room numbers and counts
 * must come out byte for byte; and the cheap pre-check never skips a text the
 * full scan would mask.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { couldHoldPersonalData, maskPersonalData, scanForPersonalData, type PersonalDataKind } from '../../../analysis/text/mask-personal-data.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';

const SEED = 20_260_612;
// Each run masks a few hundred characters: well under a millisecond.
const RUNS = propertyRuns(2_000);

const PLACEHOLDER: Record<PersonalDataKind, string> = {
  phone: '［電話番号］',
  myNumber: '［マイナンバー］',
  email: '［メールアドレス］',
  postalCode: '［郵便番号］',
  digits: '［番号］',
};

// ---------------------------------------------------------------------------
// Digits in every script the mask reads
// ---------------------------------------------------------------------------

const fromZero = (zero: number) => (d: number) => String.fromCodePoint(zero + d);
const SCRIPTS: Record<string, (d: number) => string> = {
  ascii: (d) => String(d),
  fullWidth: fromZero(0xff10),
  circled: (d) => (d === 0 ? '⓪' : String.fromCodePoint(0x2460 + d - 1)),
  mathBold: fromZero(0x1d7ce),
  doubleStruck: fromZero(0x1d7d8),
  kanji: (d) => '〇一二三四五六七八九'[d],
  arabicIndic: fromZero(0x0660),
  devanagari: fromZero(0x0966),
  thai: fromZero(0x0e50),
};
const script = fc.constantFrom(...Object.keys(SCRIPTS));
const render = (digits: string, name: string) => [...digits].map((d) => SCRIPTS[name](Number(d))).join('');

const digitString = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));

/** Separators between digit groups, as people type them. */
const SEPARATORS = ['-', ' ', '  ', ' - ', '\u00a0', '\t', '～', '〜', '・', '﹣', '/', '‐', '‑', '‒', '–', '—', '―', '－', 'ー', 'ｰ', '.', '−', '\u3000', '／', '．'];
const separator = fc.constantFrom(...SEPARATORS);
const separatorOrNone = fc.oneof(fc.constant(''), separator);

// ---------------------------------------------------------------------------
// Japanese text around them: no digits, no kanji numerals, no t or @, no 〒
// ---------------------------------------------------------------------------

const WORDS = [
  'ご意見', 'ありがとう', 'ございます', 'よろしく', 'お願いします', '窓口', 'が', '混んで', 'いました', '待ち時間', 'が長い', 'です',
  '連絡先', 'は', 'こちら', '確認', 'して', 'ください', '職員', 'の', '対応', 'カウンター', 'サービス', 'また', '来ます', '丁寧',
  '案内', '手続き', '分かりやすい', '受付', '駐車場', '狭い', '！', '？', '（笑）', '。', '、', ' ', '\n', '「', '」', 'ＯＫ', 'Good', 'みなさん',
];
const filler = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 }).map((ws) => ws.join(''));
/** Filler with at least one word of kana or kanji, to stand between two numbers. */
const wordy = fc.tuple(filler, fc.constantFrom('ご意見', 'です', '窓口', 'ありがとう', 'また', 'こちら'), filler).map(([a, w, b]) => a + w + b);

interface Piece {
  /** What is typed. */
  text: string;
  /** What must come out: the same, with the personal data replaced. */
  masked: string;
  kind?: PersonalDataKind;
}

const piece = (lead: string, data: string, tail: string, kind: PersonalDataKind): Piece => ({
  text: lead + data + tail,
  masked: lead + PLACEHOLDER[kind] + tail,
  kind,
});

// ---------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------

/** A Japanese number as digit groups, the first with its leading 0. */
const nationalGroups: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constantFrom('070', '080', '090', '050'), digitString(4), digitString(4)).map((g) => [...g]),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digitString(4), digitString(4)).map(([a, b, c]) => [`0${a}`, b, c]),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digitString(1), digitString(3), digitString(4)).map(([a, b, c, d]) => [`0${a}${b}`, c, d]),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digitString(2), digitString(2), digitString(4)).map(([a, b, c, d]) => [`0${a}${b}`, c, d]),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digitString(3), digitString(1), digitString(4)).map(([a, b, c, d]) => [`0${a}${b}`, c, d]),
  fc.tuple(fc.constantFrom('0120', '0570'), digitString(3), digitString(3)).map((g) => [...g]),
  fc.tuple(fc.constant('0800'), digitString(3), digitString(4)).map((g) => [...g]),
);

const joinGroups = (groups: string[], seps: string[], digits: string) => groups.map((g) => render(g, digits)).reduce((out, g, i) => out + seps[i - 1] + g);

const localPhone = fc.tuple(nationalGroups, separatorOrNone, separatorOrNone, script).map(([groups, s1, s2, digits]) => joinGroups(groups, [s1, s2], digits));

const parenthesisedPhone = fc
  .tuple(nationalGroups, fc.constantFrom('area', 'exchange'), fc.constantFrom('(', '（'), script)
  .map(([[a, b, c], where, open, digits]) => {
    const close = open === '(' ? ')' : '）';
    const [ra, rb, rc] = [a, b, c].map((g) => render(g, digits));
    return where === 'area' ? `${open}${ra}${close}${rb}-${rc}` : `${ra}${open}${rb}${close}${rc}`;
  });

const intlPhone = fc
  .tuple(
    nationalGroups,
    fc.constantFrom('+81', '+81 ', '+81-', '0081-', '0081 ', '+81-(0)', '+81 (0)', '+81(0)', '＋８１', '＋８１－'),
    fc.boolean(),
    separatorOrNone.filter((s) => s !== 'ー' && s !== 'ｰ'),
    separatorOrNone,
    script,
  )
  .map(([[first, b, c], prefix, parenthesised, s1, s2, digits]) => {
    const area = render(first.slice(1), digits);
    const head = parenthesised && !prefix.endsWith(')') ? `(${area})` : area;
    return prefix + head + s1 + render(b, digits) + s2 + render(c, digits);
  });

const phone: fc.Arbitrary<Piece> = fc
  .tuple(
    fc.constantFrom('', '携帯/', '山田,', 'TEL', 'Tel.', '電話:', '電話：', '携帯／', '自宅 ', '田中、', '連絡先は', '℡'),
    fc.oneof({ arbitrary: localPhone, weight: 4 }, { arbitrary: parenthesisedPhone, weight: 1 }, { arbitrary: intlPhone, weight: 2 }),
    fc.constantFrom('', '番', '時', 'です', 'まで', '）', '。', '番にお願いします', '時以降', ' まで'),
  )
  .map(([lead, number, tail]) => piece(lead, number, tail, 'phone'));

// ---------------------------------------------------------------------------
// E-mail addresses
// ---------------------------------------------------------------------------

const email: fc.Arbitrary<Piece> = fc
  .tuple(
    fc.constantFrom('、', ' ', 'は', '：', '（', 'メール '),
    fc.constantFrom('taro', 'taro.sapporo', 'a+b_c', 'yamada-taro99', '山田', 'ヤマダ', 'ｔａｒｏ', 'Hanako.Y'),
    fc.constantFrom('@', '＠', '﹫', '[at]', '(at)', '［at］', '（at）', ' [at] ', '(AT)', 'アットマーク'),
    fc.constantFrom('example', 'gmail', 'mail.city.sapporo', '例え', 'ｅｘａｍｐｌｅ', 'docomo.ne', 'ex-ample'),
    fc.constantFrom('.', '。', '．', '｡', '[dot]', ' [dot] ', '(dot)'),
    fc.constantFrom('com', 'jp', 'net', 'ｃｏｍ', 'org'),
    // Never a letter right after: "comGood" is one word.
    fc.constantFrom(' ', 'です', 'まで', '）', 'に送って', '。', '、'),
  )
  .map(([lead, local, at, domain, dot, tld, tail]) => piece(lead, local + at + domain + dot + tld, tail, 'email'));

// ---------------------------------------------------------------------------
// My Numbers
// ---------------------------------------------------------------------------

const isYear = (g: string) => /^(?:19|20)[0-9]{2}$/.test(g);
const myNumber: fc.Arbitrary<Piece> = fc
  .tuple(
    fc.constantFrom('', '番号 ', 'マイナンバー:', 'マイナンバーは', '個人番号：', 'No.'),
    digitString(12).filter((d) => ![d.slice(0, 4), d.slice(4, 8), d.slice(8)].every(isYear)),
    fc.oneof(fc.constant(['', '']), fc.tuple(separator, separator)),
    script,
    fc.constantFrom('', '番', 'です', '。', '番です', ' まで'),
  )
  .map(([lead, digits, [s1, s2], name, tail]) => piece(lead, joinGroups([digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)], [s1, s2], name), tail, 'myNumber'));

// ---------------------------------------------------------------------------
// Postal codes
// ---------------------------------------------------------------------------

const postalWithMark: fc.Arbitrary<Piece> = fc
  .tuple(
    fc.constantFrom('〒', '〶', '〠', '〒 ', '〒  ', '〒\u3000', '〒：', '〒:'),
    digitString(3),
    fc.option(fc.tuple(fc.constantFrom('-', '', ' ', '－', 'ー', '～', '‐', '—', '  '), digitString(4)), { nil: undefined }),
    fc.constantFrom('ascii', 'fullWidth', 'kanji', 'circled'),
    fc.constantFrom(' 札幌市北区', 'に送付', ' 北海道', '、', 'まで'),
  )
  .map(([mark, first, rest, name, tail]) => piece('', mark + render(first, name) + (rest ? rest[0] + render(rest[1], name) : ''), tail, 'postalCode'));

const barePostal: fc.Arbitrary<Piece> = fc
  .tuple(
    digitString(3),
    digitString(4),
    fc.constantFrom('-', '－', 'ー', ' ', '', '‐', '―', ' - '),
    fc.constantFrom('ascii', 'fullWidth', 'kanji'),
    fc.oneof(
      fc.tuple(fc.constantFrom('札幌市北区 ', '住所：', '北区、', '北1条西2丁目 ', '中央区'), fc.constant('')),
      fc.tuple(fc.constant(''), fc.constantFrom(' 札幌市中央区', '札幌市', ' 北海道札幌市', ' 北区北7条', ' 大通町')),
    ),
  )
  .map(([a, b, sep, name, [lead, tail]]) => piece(lead, render(a, name) + sep + render(b, name), tail, 'postalCode'));

// ---------------------------------------------------------------------------
// Text that must stay untouched
// ---------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const year = fc.integer({ min: 1950, max: 2099 });
const month = fc.integer({ min: 1, max: 12 });
const day = fc.integer({ min: 1, max: 28 });
const plainScript = fc.constantFrom('ascii', 'fullWidth');
const renderDigitsIn = (text: string, name: string) => text.replace(/[0-9]/g, (d) => SCRIPTS[name](Number(d)));

const date = fc
  .tuple(year, month, day, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 9 }))
  .chain(([y, m, d, era, form]) =>
    fc.constant(
      [
        `${y}-${pad(m)}-${pad(d)}`,
        `${y}/${m}/${d}`,
        `${y}.${pad(m)}.${pad(d)}`,
        `${y}年${m}月${d}日`,
        `令和${era}年${m}月${d}日`,
        `R${era}.${m}.${d}`,
        `${m}/${d}`,
        `${m}月${d}日`,
        `${y}${pad(m)}${pad(d)}`,
        `${y}/${pad(m)}/${pad(d)}〜${y}/${pad(m)}/${pad(d)}`,
      ][form],
    ),
  );
const kanjiDate = fc.tuple(year, month, day).map(([y, m, d]) => `${render(String(y), 'kanji')}年${m}月${d}日`);
const amount = fc
  .tuple(fc.integer({ min: 1, max: 2_000_000_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, form]) => [`${n.toLocaleString('en-US')}円`, `¥${n.toLocaleString('en-US')}`, `￥${n.toLocaleString('en-US')}`, `${n}円`, `${n % 10_000}万円`][form]);
const yearText = fc.tuple(year, fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 3 })).map(([y, h, form]) => [`${y}年`, `${y}年度`, `平成${h}年`, `${y}年代`][form]);
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 3 }))
  .map(([h, m, h2, m2, form]) => [`${h}:${pad(m)}`, `${h}時${m}分`, `${h}:${pad(m)}〜${h2}:${pad(m2)}`, `${h}時半`][form]);
const room = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.constantFrom('号室', '号', '号館')).map(([n, unit]) => `${n}${unit}`);
const count = fc
  .tuple(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constantFrom('回', '人', '件', '歳', '階', '分', '秒', '番', '時間', '日間', '年間'))
  .map(([n, unit]) => `${n}${unit}`);
const versionOrDecimal = fc
  .tuple(fc.nat(99), fc.nat(99), fc.nat(99_999), fc.integer({ min: 0, max: 1 }), fc.bigInt({ min: 0n, max: 999_999_999_999n }))
  .map(([a, b, c, form, frac]) => (form === 0 ? `${a}.${b}.${c}` : `${a}.${frac}`));
const chain = fc.tuple(year, month, day, digitString(4)).map(([y, m, d, n]) => `${y}${pad(m)}${pad(d)}-${n}`);
const years3 = fc.tuple(year, year, year, fc.constantFrom('、', ', ', '・', ' ')).map(([a, b, c, s]) => `${a}${s}${b}${s}${c}年`);

const untouched: fc.Arbitrary<Piece> = fc
  .tuple(
    fc.oneof(date, amount, yearText, time, room, count, versionOrDecimal, chain, years3),
    plainScript,
  )
  .map(([text, name]) => renderDigitsIn(text, name))
  .map((text) => ({ text, masked: text }));
const untouchedKanji: fc.Arbitrary<Piece> = kanjiDate.map((text) => ({ text, masked: text }));

// ---------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------

/** Pieces joined by Japanese words, as one comment. */
function comment(pieces: fc.Arbitrary<Piece>, maxPieces = 4): fc.Arbitrary<{ text: string; masked: string; kinds: PersonalDataKind[] }> {
  return fc.tuple(filler, fc.array(fc.tuple(pieces, wordy), { minLength: 1, maxLength: maxPieces })).map(([head, rest]) => ({
    text: head + rest.map(([p, w]) => p.text + w).join(''),
    masked: head + rest.map(([p, w]) => p.masked + w).join(''),
    kinds: rest.flatMap(([p]) => (p.kind ? [p.kind] : [])),
  }));
}

const countKinds = (kinds: PersonalDataKind[]) => {
  const counts = new Map<PersonalDataKind, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return (['email', 'postalCode', 'myNumber', 'phone', 'digits'] as const).filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) }));
};

const options = { seed: SEED, numRuns: RUNS, endOnFailure: true };

describe('maskPersonalData, generated', () => {
  it.each([
    ['phone numbers', phone],
    ['e-mail addresses', email],
    ['My Numbers', myNumber],
    ['postal codes after 〒, 〶 or 〠', postalWithMark],
    ['postal codes next to an address', barePostal],
  ] as const)('masks %s in every form, and nothing else', { timeout: propertyTimeout() }, (_name, pieces) => {
    fc.assert(
      fc.property(comment(pieces as fc.Arbitrary<Piece>), ({ text, masked, kinds }) => {
        const result = maskPersonalData(text);
        expect(result.text, JSON.stringify(text)).toBe(masked);
        expect(result.found).toEqual(countKinds(kinds));
      }),
      options,
    );
  });

  it('masks a mix of them among dates, amounts, times and counts, keeping those byte for byte', { timeout: propertyTimeout() }, () => {
    const any = fc.oneof(phone, email, myNumber, postalWithMark, barePostal, untouched, untouched, untouchedKanji);
    fc.assert(
      fc.property(comment(any, 6), ({ text, masked, kinds }) => {
        const result = maskPersonalData(text);
        expect(result.text, JSON.stringify(text)).toBe(masked);
        expect(result.found).toEqual(countKinds(kinds));
      }),
      options,
    );
  });

  it('leaves dates, amounts, years, times, room numbers, counts and versions as written', { timeout: propertyTimeout() }, () => {
    fc.assert(
      fc.property(comment(fc.oneof(untouched, untouched, untouched, untouchedKanji), 8), ({ text }) => {
        expect(maskPersonalData(text), JSON.stringify(text)).toEqual({ text, found: [] });
      }),
      options,
    );
  });

  it('never skips a text that the full scan would mask (the pre-check only saves time)', { timeout: propertyTimeout() }, () => {
    const alphabet = fc.constantFrom(
      ...'0123456789０１２３４５６７８９〇一二三四五六七八九⓪①②⑩㉑❶⓫𝟎𝟗٣३-‐ー・～ /.,:()（）[]＠@﹫〒〶〠tTａｔat札幌市北区 丁目ご意見アットｱｯﾄﾏｰｸあっと'.split(/(?:)/u),
    );
    const anyText = fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(anyText, comment(fc.oneof(phone, email, myNumber, postalWithMark, barePostal)).map((c) => c.text)), (text) => {
        if (!couldHoldPersonalData(text)) expect(scanForPersonalData(text), JSON.stringify(text)).toEqual([]);
      }),
      options,
    );
  });

  it('changes nothing outside what it reports, for any text', { timeout: propertyTimeout() }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const spans = scanForPersonalData(text);
        let rebuilt = '';
        let last = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(last);
          expect(span.end).toBeGreaterThan(span.start);
          rebuilt += text.slice(last, span.start) + PLACEHOLDER[span.kind];
          last = span.end;
        }
        expect(maskPersonalData(text).text).toBe(rebuilt + text.slice(last));
      }),
      options,
    );
  });
});
