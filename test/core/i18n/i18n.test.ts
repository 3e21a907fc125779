import { describe, expect, it } from 'vitest';
import { defineTexts } from '../../../core/i18n/define-texts.ts';
import { toLocale } from '../../../core/i18n/locale.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../../../core/i18n/number-format.ts';

describe('core/i18n', () => {
  it('defineTexts picks the dictionary of a locale; both must have every key (a missing one is a type error)', () => {
    const texts = defineTexts({ ja: { hello: 'こんにちは', n: (count: number) => `${count}件` }, en: { hello: 'Hello', n: (count) => `${count} items` } });
    expect(texts('ja').hello).toBe('こんにちは');
    expect(texts('en').n(3)).toBe('3 items');
    // @ts-expect-error: the English dictionary lacks a key the Japanese one has.
    defineTexts({ ja: { a: 'あ', b: 'い' }, en: { a: 'a' } });
  });

  it('one number format per locale: grouped counts, fixed decimals, percentages, journal-style p', () => {
    for (const locale of ['ja', 'en'] as const) {
      expect(formatCount(12345, locale)).toBe('12,345');
      expect(formatNumber(3.14159, locale)).toBe('3.14');
      expect(formatNumber(0.5, locale, 3)).toBe('0.500');
      expect(formatPercent(0.1234, locale)).toBe('12.3%');
      expect(formatPercent(0.5, locale, 0)).toBe('50%');
      expect(formatP(0.0004, locale)).toBe('< 0.001');
      expect(formatP(0.04567, locale)).toBe('0.046');
      expect(formatP(Number.NaN, locale)).toBe('—');
    }
  });

  it('toLocale: one of our locales, else the primary language', () => {
    expect(toLocale('en')).toBe('en');
    expect(toLocale('ja')).toBe('ja');
    expect(toLocale('zh')).toBe('ja');
    expect(toLocale(undefined)).toBe('ja');
  });
});
