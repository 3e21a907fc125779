/**
 * Every form of issue 20, finding 3, that the personal-data mask used to miss,
 * one row each: the text, and exactly what must come out (the placeholder where
 * the personal data was, everything else as written).
 */
import { describe, expect, it } from 'vitest';
import { maskPersonalData, type PersonalDataKind } from '../../../analysis/text/mask-personal-data.ts';

const P: Record<PersonalDataKind, string> = {
  phone: '［電話番号］',
  myNumber: '［マイナンバー］',
  email: '［メールアドレス］',
  postalCode: '［郵便番号］',
  digits: '［番号］',
};

type Row = [text: string, expected: string, kind: PersonalDataKind];

const PHONES: Row[] = [
  // a label with a slash or a comma right before
  ['携帯/090-1234-5678', `携帯/${P.phone}`, 'phone'],
  ['山田,090-1234-5678', `山田,${P.phone}`, 'phone'],
  ['自宅／011-222-3333', `自宅／${P.phone}`, 'phone'],
  ['田中、090-1234-5678', `田中、${P.phone}`, 'phone'],
  // separators of every kind
  ['090  1234  5678 まで', `${P.phone} まで`, 'phone'],
  ['090 - 1234 - 5678 まで', `${P.phone} まで`, 'phone'],
  ['090\u00a01234\u00a05678 まで', `${P.phone} まで`, 'phone'],
  ['090\t1234\t5678 まで', `${P.phone} まで`, 'phone'],
  ['090～1234～5678 まで', `${P.phone} まで`, 'phone'],
  ['090〜1234〜5678 まで', `${P.phone} まで`, 'phone'],
  ['090・1234・5678 まで', `${P.phone} まで`, 'phone'],
  ['090﹣1234﹣5678 まで', `${P.phone} まで`, 'phone'],
  ['090/1234/5678 まで', `${P.phone} まで`, 'phone'],
  ['090‐1234‑5678 まで', `${P.phone} まで`, 'phone'],
  ['090‒1234–5678 まで', `${P.phone} まで`, 'phone'],
  ['090—1234―5678 まで', `${P.phone} まで`, 'phone'],
  ['０９０ー１２３４ー５６７８ まで', `${P.phone} まで`, 'phone'],
  ['090ｰ1234ｰ5678 まで', `${P.phone} まで`, 'phone'],
  ['011−222−3333 まで', `${P.phone} まで`, 'phone'],
  ['090\u30001234\u30005678 まで', `${P.phone} まで`, 'phone'],
  ['090-1234\u200b-5678 まで', `${P.phone} まで`, 'phone'],
  // international forms
  ['0081-90-1234-5678 まで', `${P.phone} まで`, 'phone'],
  ['+81-(0)90-1234-5678 まで', `${P.phone} まで`, 'phone'],
  ['+81 (0)11-222-3333 まで', `${P.phone} まで`, 'phone'],
  ['+81(90)1234-5678 まで', `${P.phone} まで`, 'phone'],
  ['＋８１（９０）１２３４－５６７８ まで', `${P.phone} まで`, 'phone'],
  ['+81 3 1234 5678 まで', `${P.phone} まで`, 'phone'],
  ['0081 11 222 3333 まで', `${P.phone} まで`, 'phone'],
  // a word right after
  ['090-1234-5678番にお願いします', `${P.phone}番にお願いします`, 'phone'],
  ['090-1234-5678時以降', `${P.phone}時以降`, 'phone'],
  ['09012345678番', `${P.phone}番`, 'phone'],
  ['011-222-3333円', `${P.phone}円`, 'phone'],
  // digits of other scripts
  ['⓪⑨⓪-①②③④-⑤⑥⑦⑧ まで', `${P.phone} まで`, 'phone'],
  ['𝟎𝟗𝟎-𝟏𝟐𝟑𝟒-𝟓𝟔𝟕𝟖 まで', `${P.phone} まで`, 'phone'],
  ['𝟘𝟡𝟘𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠 まで', `${P.phone} まで`, 'phone'],
  ['〇九〇-一二三四-五六七八 まで', `${P.phone} まで`, 'phone'],
  ['〇九〇ー一二三四ー五六七八 まで', `${P.phone} まで`, 'phone'],
  ['〇九〇一二三四五六七八 まで', `${P.phone} まで`, 'phone'],
  ['〇一二六七-二-三四五六 まで', `${P.phone} まで`, 'phone'],
  ['❶❷❸ と ٠٩٠-١٢٣٤-٥٦٧٨ まで', `❶❷❸ と ${P.phone} まで`, 'phone'],
  ['०९०-१२३४-५६७८ まで', `${P.phone} まで`, 'phone'],
  ['0️⃣9️⃣0️⃣-1234-5678 まで', `${P.phone} まで`, 'phone'],
  ['℡090-1234-5678', `℡${P.phone}`, 'phone'],
  ['０５７０－１２３－４５６ まで', `${P.phone} まで`, 'phone'],
  ['090(1234)5678 まで', `${P.phone} まで`, 'phone'],
];

const EMAILS: Row[] = [
  ['taro@gmail。com に', `${P.email} に`, 'email'],
  ['taro@gmail｡com に', `${P.email} に`, 'email'],
  ['taro@gmail．com に', `${P.email} に`, 'email'],
  ['連絡は山田@example.com まで', `連絡は${P.email} まで`, 'email'],
  ['メールはヤマダ@example.com まで', `メールは${P.email} まで`, 'email'],
  ['送り先 taro@例え.jp です', `送り先 ${P.email} です`, 'email'],
  ['送り先 taro@例え.jpに送って', `送り先 ${P.email}に送って`, 'email'],
  ['taro﹫example.com まで', `${P.email} まで`, 'email'],
  ['taro[at]example.com まで', `${P.email} まで`, 'email'],
  ['taro(at)example.com まで', `${P.email} まで`, 'email'],
  ['taro［at］example.com まで', `${P.email} まで`, 'email'],
  ['taro（at）example.com まで', `${P.email} まで`, 'email'],
  ['taro [at] example [dot] com まで', `${P.email} まで`, 'email'],
  ['taro(AT)example(DOT)com まで', `${P.email} まで`, 'email'],
  ['taroアットマークexample.com まで', `${P.email} まで`, 'email'],
  ['taroｱｯﾄﾏｰｸexample.com まで', `${P.email} まで`, 'email'],
  ['taro(アット)example.com まで', `${P.email} まで`, 'email'],
  ['taro@example.comです', `${P.email}です`, 'email'],
  ['ｔａｒｏ＠ｇｍａｉｌ。ｃｏｍ', P.email, 'email'],
  ['090-1234-5678@docomo.ne.jp に', `${P.email} に`, 'email'],
];

const MY_NUMBERS: Row[] = [
  ['番号 1234-5678 9012 です', `番号 ${P.myNumber} です`, 'myNumber'],
  ['番号 1234 5678-9012 です', `番号 ${P.myNumber} です`, 'myNumber'],
  ['番号 1234.5678.9012 です', `番号 ${P.myNumber} です`, 'myNumber'],
  ['番号 1234  5678  9012 です', `番号 ${P.myNumber} です`, 'myNumber'],
  ['番号 1234/5678/9012 です', `番号 ${P.myNumber} です`, 'myNumber'],
  ['番号 1234・5678・9012 です', `番号 ${P.myNumber} です`, 'myNumber'],
  ['番号 1234 - 5678 - 9012 です', `番号 ${P.myNumber} です`, 'myNumber'],
  ['123456789012番', `${P.myNumber}番`, 'myNumber'],
  ['1234-5678-9012番です', `${P.myNumber}番です`, 'myNumber'],
  ['マイナンバー:１２３４\u00a0５６７８\u00a0９０１２', `マイナンバー:${P.myNumber}`, 'myNumber'],
  ['一二三四五六七八九〇一二 です', `${P.myNumber} です`, 'myNumber'],
  ['①②③④⑤⑥⑦⑧⑨⓪①② です', `${P.myNumber} です`, 'myNumber'],
];

const POSTAL_CODES: Row[] = [
  ['〒060 0001 札幌市北区', `${P.postalCode} 札幌市北区`, 'postalCode'],
  ['〒  060-0001 札幌市', `${P.postalCode} 札幌市`, 'postalCode'],
  ['〒\u3000060-0001 札幌市', `${P.postalCode} 札幌市`, 'postalCode'],
  ['〶060-0001 に送付', `${P.postalCode} に送付`, 'postalCode'],
  ['〠060-0001 に送付', `${P.postalCode} に送付`, 'postalCode'],
  ['〒：060-0001', P.postalCode, 'postalCode'],
  ['〒060～0001 に送付', `${P.postalCode} に送付`, 'postalCode'],
  ['060-0001 札幌市中央区北1条西2丁目', `${P.postalCode} 札幌市中央区北1条西2丁目`, 'postalCode'],
  ['060-0001札幌市', `${P.postalCode}札幌市`, 'postalCode'],
  ['札幌市北区 001-0010', `札幌市北区 ${P.postalCode}`, 'postalCode'],
  ['北区、001-0010', `北区、${P.postalCode}`, 'postalCode'],
  ['住所は060-0001 北区北7条', `住所は${P.postalCode} 北区北7条`, 'postalCode'],
  ['060 0001 北海道札幌市', `${P.postalCode} 北海道札幌市`, 'postalCode'],
  ['０６０ー０００１ 中央区', `${P.postalCode} 中央区`, 'postalCode'],
  ['北1条西2丁目 060-0001', `北1条西2丁目 ${P.postalCode}`, 'postalCode'],
  ['060-0001 大通町', `${P.postalCode} 大通町`, 'postalCode'],
];

describe('maskPersonalData: the forms of issue 20 (finding 3)', () => {
  it.each([...PHONES, ...EMAILS, ...MY_NUMBERS, ...POSTAL_CODES])('%s', (text, expected, kind) => {
    const result = maskPersonalData(text);
    expect(result.text).toBe(expected);
    expect(result.found).toEqual([{ kind, count: 1 }]);
  });
});

describe('maskPersonalData: text that still stays as written', () => {
  it.each([
    ['2026-12-06 に来庁'],
    ['2026/12/6 と 12/6 と 2026.12.06'],
    ['令和8年12月6日、令和八年十二月六日'],
    ['二〇二六年一二月六日に伺います'],
    ['1,234,567円 ¥12,000 ￥１２，０００ 12,000,000円'],
    ['2026年 2025年度 1990年代'],
    ['10:30 から 9時30分 まで、１０：３０〜１１：００'],
    ['301号室 1203号室 に 3回 5人 12件 30歳 8階'],
    ['バージョン 1.2.3 と 10.0.19045.1234 と 3.14159265358'],
    ['受付20260401-0012 と 20260401-0012-0003'],
    ['2024・2025・2026年度の3年間'],
    ['2024 2025 2026 の推移'],
    ['一二三さん と 七五三 と 九九 と 一つ 二つ'],
    ['〇〇区〇〇町の〇〇さん'],
    ['①受付 ②会計 ③薬局'],
    ['北区は100人、中央区は200人'],
    ['100-2000円北区、150-1500人の市町村'],
    ['1234567 円ではなく'],
    ['ｔｅｌは後日、12/6 10:30'],
    ['at 10:30 (at the office) [at] noon'],
    ['会議@区役所 3個@100円'],
    ['2026-12-06 10:30 に 1,500円 を払った'],
  ])('%s', (text) => {
    expect(maskPersonalData(text)).toEqual({ text, found: [] });
  });
});

describe('maskPersonalData: several in one text', () => {
  it('masks each and keeps everything between them byte for byte', () => {
    const text = '山田,090 - 1234 - 5678 / taro[at]example.com\u3000〒060 0001 札幌市北区、マイナンバー1234-5678 9012番。2026/12/6 10:30';
    expect(maskPersonalData(text)).toEqual({
      text: `山田,${P.phone} / ${P.email}\u3000${P.postalCode} 札幌市北区、マイナンバー${P.myNumber}番。2026/12/6 10:30`,
      found: [
        { kind: 'email', count: 1 },
        { kind: 'postalCode', count: 1 },
        { kind: 'myNumber', count: 1 },
        { kind: 'phone', count: 1 },
      ],
    });
  });

  it('keeps characters that normalisation would change, outside a match', () => {
    const text = '㈱札幌　ｶﾀｶﾅ ①番窓口 ㍻ 〇九〇ー一二三四ー五六七八 ﬁle';
    expect(maskPersonalData(text).text).toBe(`㈱札幌　ｶﾀｶﾅ ①番窓口 ㍻ ${P.phone} ﬁle`);
  });
});

const hostile = (text: string) => [`${JSON.stringify(text.slice(0, 12))}… (${text.length} characters)`, text];

describe('maskPersonalData: long hostile text', () => {
  // Inputs that made the first version's patterns backtrack (0.4–2.5 s each); now each takes a few milliseconds.
  // The bound is generous so a loaded machine never fails it; quadratic work would take far longer.
  it.each([
    hostile('a'.repeat(20_000) + '@'),
    hostile('0'.repeat(20_000)),
    hostile('1-'.repeat(10_000)),
    hostile('a.'.repeat(10_000) + '@x'),
    hostile('x@' + 'a.'.repeat(10_000)),
    hostile('x@' + 'a-'.repeat(10_000)),
    hostile('〒'.repeat(1_000) + '1'.repeat(10_000)),
    hostile('ー1'.repeat(10_000)),
    hostile('一二'.repeat(10_000)),
    hostile('taro@'.repeat(4_000)),
    hostile('山田@例え.'.repeat(3_000)),
    hostile('090 '.repeat(5_000)),
    hostile('+81 (0)'.repeat(3_000)),
  ])('masks %s in linear time', (_name, text) => {
    const started = performance.now();
    maskPersonalData(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
