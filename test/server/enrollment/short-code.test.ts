import { describe, expect, it } from 'vitest';
import { hashShortCode, makeShortCode, normaliseShortCode } from '../../../server/enrollment/short-code.ts';

describe('short one-time codes', () => {
  it('are 12 Crockford base32 characters in groups of four, and distinct', () => {
    const codes = Array.from({ length: 2000 }, makeShortCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read the same however they are typed: case, spaces, hyphens, and I/L/O for 1/1/0', () => {
    expect(normaliseShortCode('ab1c-d2ef-g3h0')).toBe('AB1CD2EFG3H0');
    expect(normaliseShortCode(' AB1C D2EF G3H0 ')).toBe('AB1CD2EFG3H0');
    expect(normaliseShortCode('ABIC-D2EF-G3HO')).toBe('AB1CD2EFG3H0');
    expect(normaliseShortCode('abLc-d2ef-g3h0')).toBe('AB1CD2EFG3H0');
    expect(hashShortCode(normaliseShortCode('ab1c-d2ef-g3h0')!)).toBe(hashShortCode('AB1CD2EFG3H0'));
  });

  it('refuse what cannot be one: wrong length, U, punctuation, non-strings', () => {
    for (const input of ['', 'AB1C-D2EF-G3H', 'AB1C-D2EF-G3H00', 'AB1C-D2EF-G3HU', 'AB1C_D2EF_G3H0', 'x'.repeat(41), 42, null, undefined]) {
      expect(normaliseShortCode(input), String(input)).toBeUndefined();
    }
  });
});
