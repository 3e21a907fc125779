import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { couldHoldPersonalData } from '../../../analysis/text/mask-personal-data.ts';
import { normalizeForMatching, originalRange } from '../../../analysis/text/normalize-for-matching.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';

const fold = (text: string) => normalizeForMatching(text).text;

describe('normalizeForMatching: the folded copy', () => {
  it.each([
    ['０９０－１２３４－５６７８', '090-1234-5678'],
    ['⓪⑨⓪ ①②③④', '090 1234'],
    ['⑩⑪', '1011'],
    ['𝟎𝟗𝟎𝟘𝟡𝟘', '090090'],
    ['❶➀➊⓫⓵⓿🄋', '11111100'],
    ['٠٩٠ ०९० ๐๙๐ ০৯০', '090 090 090 090'],
    ['〇九〇ー一二三四ー五六七八', '090-1234-5678'],
    ['〇九〇 - 四 - 五', '090 - 4 - 5'],
    ['(六)-五', '(6)-5'],
    ['一つ 北一条 第一に 一人で', '一つ 北一条 第一に 一人で'],
    ['二〇二六年', '2026年'],
    ['データー 5ー6 ーー', 'データー 5-6 ーー'],
    ['‐‑‒–—―−﹣－～〜・･─', '-'.repeat(14)],
    ['a\u00a0\u3000\t  b', 'a b'],
    ['a\nb\r\nc', 'a\nb\r\nc'],
    ['1\u200b2\u00ad3\ufeff4', '1234'],
    ['0\ufe0f\u20e3', '0'],
    ['＠﹫@', '@@@'],
    ['〒〶〠', '〒〒〒'],
    ['taro。com ｡', 'taro。com 。'],
    ['℡ ㈱ ﬁ', 'TEL (株) fi'],
    ['ＡＢＣ ａｂｃ', 'ABC abc'],
  ])('%s → %s', (text, expected) => {
    expect(fold(text)).toBe(expected);
  });

  it('maps every unit of the copy to the original characters it came from', () => {
    const text = 'TEL\u3000\u3000⑩〇九〇ー１𝟐';
    const copy = normalizeForMatching(text);
    expect(copy.text).toBe('TEL 10090-12');
    const pieces = Array.from({ length: copy.text.length }, (_, i) => text.slice(copy.originalStart(i), copy.originalEnd(i)));
    // The second space is dropped: it belongs to no unit, and a match around it covers it.
    expect(pieces).toEqual(['T', 'E', 'L', '\u3000', '⑩', '⑩', '〇', '九', '〇', 'ー', '１', '𝟐']);
    expect(originalRange(copy, 4, 12)).toEqual([5, text.length]);
  });

  it('keeps the map in order and inside the text, for any text', { timeout: propertyTimeout() }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const folded = normalizeForMatching(text);
        const copy = folded.text;
        const starts = Array.from({ length: copy.length }, (_, i) => folded.originalStart(i));
        const ends = Array.from({ length: copy.length }, (_, i) => folded.originalEnd(i));
        for (let i = 0; i < copy.length; i++) {
          expect(starts[i]).toBeLessThan(ends[i]);
          expect(ends[i]).toBeLessThanOrEqual(text.length);
          // The next unit comes from the same original character (⑩ → 1, 0) or from one after it.
          if (i > 0 && starts[i] !== starts[i - 1]) expect(starts[i]).toBeGreaterThanOrEqual(ends[i - 1]);
        }
      }),
      { seed: 7, numRuns: propertyRuns(2_000) },
    );
  });
});

describe('couldHoldPersonalData: the pre-check', () => {
  // Every code point, through the real normaliser: whatever folds to digits, to @, to t (of [at]) or to 〒 must pass.
  it('lets through every character that folds to a digit, @, t or 〒', { timeout: propertyTimeout() }, () => {
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const nfkc = ch.normalize('NFKC');
      if (!/[\p{N}@〒tT〇一二三四五六七八九]/u.test(nfkc) && !/\p{N}/u.test(ch) && cp !== 0x3020) continue;
      const copy = fold(ch + ch);
      const digits = copy.replace(/[^0-9]/g, '').length / 2;
      if (digits > 0 && !couldHoldPersonalData(ch.repeat(Math.ceil(7 / digits)))) missed.push(`U+${cp.toString(16)} (digits)`);
      if (/[@tT]/.test(copy) && !couldHoldPersonalData(ch)) missed.push(`U+${cp.toString(16)} (@ or t)`);
      if (copy.includes('〒') && !couldHoldPersonalData(`${ch}060`)) missed.push(`U+${cp.toString(16)} (〒)`);
    }
    expect(missed).toEqual([]);
  });

  it('skips ordinary comments with few digits', () => {
    for (const text of ['待ち時間が長かった', '2026年4月1日に来ました', '3回呼ばれて30分待った', '窓口の方が丁寧でした。ありがとう'])
      expect(couldHoldPersonalData(text), text).toBe(false);
    for (const text of ['090-1234-5678', '〒060', 'a@b', 'taro[at]', 'ｱｯﾄﾏｰｸ', '一二三四五六七']) expect(couldHoldPersonalData(text), text).toBe(true);
  });
});
