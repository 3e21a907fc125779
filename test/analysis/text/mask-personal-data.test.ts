import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../../analysis/text/mask-personal-data.ts';

const PHONE = '［電話番号］';
const MY_NUMBER = '［マイナンバー］';
const EMAIL = '［メールアドレス］';
const POSTAL = '［郵便番号］';
const DIGITS = '［番号］';

const masked = (text: string) => maskPersonalData(text).text;

describe('maskPersonalData: phone numbers', () => {
  it.each([
    ['011-222-3333'], // 0XX-XXX-XXXX (Sapporo)
    ['03-1234-5678'], // 0X-XXXX-XXXX
    ['0123-45-6789'], // 0XXX-XX-XXXX
    ['01267-2-3456'], // 0XXXX-X-XXXX
    ['090-1234-5678'], ['080-1234-5678'], ['070-1234-5678'], // mobile
    ['050-1234-5678'], // IP phone
    ['0120-123-456'], ['0800-123-4567'], // toll-free
    ['0112223333'], ['09012345678'], // no separators
    ['011 222 3333'], ['090.1234.5678'], // spaces, dots
    ['011(222)3333'], ['(011)222-3333'], // parentheses
    ['+81-11-222-3333'], ['+81 90 1234 5678'], ['+819012345678'], // +81 forms
    ['０９０－１２３４－５６７８'], ['０１１（２２２）３３３３'], ['０１１ー２２２ー３３３３'], ['＋８１９０１２３４５６７８'], // full-width
  ])('masks %s in a sentence', (phone) => {
    const result = maskPersonalData(`連絡先は${phone}です。`);
    expect(result.text).toBe(`連絡先は${PHONE}です。`);
    expect(result.found).toEqual([{ kind: 'phone', count: 1 }]);
  });

  it.each([['Tel.090-1234-5678'], ['TEL09012345678'], ['電話:011-222-3333']])('masks the number in %s after its label', (text) => {
    expect(maskPersonalData(text).found).toEqual([{ kind: 'phone', count: 1 }]);
    expect(maskPersonalData(text).text.endsWith(PHONE)).toBe(true);
  });

  it('masks after a label with a colon, and counts several', () => {
    expect(maskPersonalData('TEL:011-222-3333 携帯：090-1111-2222')).toEqual({
      text: `TEL:${PHONE} 携帯：${PHONE}`,
      found: [{ kind: 'phone', count: 2 }],
    });
  });
});

describe('maskPersonalData: My Number, e-mail, postal codes, digit runs', () => {
  it.each([['123456789012'], ['1234-5678-9012'], ['1234 5678 9012'], ['１２３４５６７８９０１２'], ['１２３４－５６７８－９０１２']])('masks the My Number %s', (n) => {
    expect(maskPersonalData(`番号は${n}`)).toEqual({ text: `番号は${MY_NUMBER}`, found: [{ kind: 'myNumber', count: 1 }] });
  });

  it.each([['taro.sapporo@example.jp'], ['a+b_c@mail.city.sapporo.jp'], ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ'], ['taro＠example.com']])('masks the e-mail %s', (mail) => {
    expect(maskPersonalData(`メール ${mail} まで`)).toEqual({ text: `メール ${EMAIL} まで`, found: [{ kind: 'email', count: 1 }] });
  });

  it.each([['〒060-8611'], ['〒0608611'], ['〒 060-8611'], ['〒060'], ['〒０６０－８６１１']])('masks the postal code %s', (code) => {
    expect(maskPersonalData(`${code} 札幌市中央区北1条西2丁目`)).toEqual({
      text: `${POSTAL} 札幌市中央区北1条西2丁目`,
      found: [{ kind: 'postalCode', count: 1 }],
    });
  });

  it.each([['12345678'], ['987654321'], ['１２３４５６７８９']])('masks the long digit run %s', (run) => {
    expect(maskPersonalData(`会員番号${run}の者です`)).toEqual({ text: `会員番号${DIGITS}の者です`, found: [{ kind: 'digits', count: 1 }] });
  });

  it('masks a digit run after a letter prefix', () => {
    expect(masked('整理番号 A-12345678、No.87654321')).toBe(`整理番号 A-${DIGITS}、No.${DIGITS}`);
  });

  it('reports every kind found, and English placeholders', () => {
    const text = 'Mail me at a@b.jp or call 090-1234-5678; My Number 1234 5678 9012, 〒060-0001, ID 55556666.';
    expect(maskPersonalData(text, 'en')).toEqual({
      text: 'Mail me at [e-mail] or call [phone]; My Number [My Number], [postal code], ID [number].',
      found: [
        { kind: 'email', count: 1 },
        { kind: 'postalCode', count: 1 },
        { kind: 'myNumber', count: 1 },
        { kind: 'phone', count: 1 },
        { kind: 'digits', count: 1 },
      ],
    });
  });
});

describe('maskPersonalData: text that must stay untouched', () => {
  it.each([
    ['2026年4月1日に行きました'],
    ['２０２６年４月１日'],
    ['2026-04-01 と 2026/4/1 と 2026/04/01'],
    ['20260401 に申請'],
    ['R8.4.1 から 令和8年 まで'],
    ['2026年 と 平成30年'],
    ['1,500円 ¥12,000 3万円 12,000,000円 ￥１２，０００'],
    ['10:30 から 11:45 まで'],
    ['3回 30分 3階 2番窓口 第12345678号'],
    ['人口は1,973,000人です'],
    ['割合は12.5%でした 0.123456789 3.14159265358'],
    ['電話がつながらない（3回かけた）'],
    ['バス停は北1条西2丁目、11:00-12:00'],
    ['1234567 円ではなく'],
    ['受付20260401-0012 2026-2027年度 1000-2000円 3-4人'],
    ['ＴＥＬは後日、１２：００〜１３：００'],
    [''],
  ])('leaves %s as written', (text) => {
    expect(maskPersonalData(text)).toEqual({ text, found: [] });
  });

  it('changes only the personal data, keeping full-width text around it', () => {
    expect(masked('２０２６年４月１日、０９０－１２３４－５６７８に１，５００円の件で電話をください。')).toBe(
      `２０２６年４月１日、${PHONE}に１，５００円の件で電話をください。`,
    );
  });
});
