import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../analysis/table/parse-instant.ts';

const encoder = new TextEncoder();
const parse = (text: string) => {
  const bytes = encoder.encode(`"${text}"`);
  return parseInstant(bytes, 1, bytes.length - 1);
};

describe('parseInstant', () => {
  it('reads the stored forms to the millisecond', () => {
    expect(parse('2026-04-01T09:00:00Z')).toBe(Date.UTC(2026, 3, 1, 9));
    expect(parse('2026-04-01T09:00:00.123Z')).toBe(Date.UTC(2026, 3, 1, 9, 0, 0, 123));
    expect(parse('2026-04-01T09:00:00+09:00')).toBe(Date.UTC(2026, 3, 1, 0));
    expect(parse('2026-04-01T09:00:00.500-03:30')).toBe(Date.UTC(2026, 3, 1, 12, 30, 0, 500));
    expect(parse('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('gives what Date.parse gives for every other text, dates that do not exist included', () => {
    for (const text of ['2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-04-01T24:00:00Z', '2026-13-01T00:00:00Z', '2026-04-01', 'x', '']) {
      expect(parse(text), text).toEqual(Date.parse(text));
    }
  });

  it('agrees with Date.parse on generated instants and offsets', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.boolean(),
        (date, offsetMinutes, withMillis) => {
          const iso = date.toISOString();
          const text = withMillis ? iso : iso.replace(/\.\d{3}/, '');
          expect(parse(text)).toBe(Date.parse(text));
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const zoned = `${text.slice(0, -1)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parse(zoned)).toBe(Date.parse(zoned));
        },
      ),
      { numRuns: 500, seed: 20261204 },
    );
  });
});

describe('parseInstant without Date.UTC (issue 24)', () => {
  it('agrees with Date.parse on years 0–99 and 9999, leap days and every month end', () => {
    const texts = ['0000-01-01T00:00:00Z', '0050-03-01T12:00:00.001Z', '0099-12-31T23:59:59.999Z', '0100-02-28T00:00:00Z', '0400-02-29T00:00:00Z', '1600-02-29T00:00:00Z', '1900-02-28T00:00:00Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '2000-02-29T00:00:00+14:00', '9999-12-31T23:59:59.999-12:00'];
    for (let month = 1; month <= 12; month++) for (const day of [1, 28, 29, 30, 31]) texts.push(`2023-${String(month).padStart(2, '0')}-${day}T00:00:00Z`.replace(/-(\d)T/, '-0$1T'));
    for (const text of texts) expect(parse(text), text).toEqual(Date.parse(text));
  });

  it('agrees with Date.parse on any year and on damaged digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.nat(18), fc.integer({ min: 0x20, max: 0x7e }), (year, month, day, at, byte) => {
        const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T01:02:03.456Z`;
        expect(parse(text), text).toEqual(Date.parse(text));
        const damaged = text.slice(0, at) + String.fromCharCode(byte) + text.slice(at + 1);
        expect(parse(damaged), damaged).toEqual(Date.parse(damaged));
      }),
      { numRuns: 2000, seed: 2026_1207 },
    );
  });
});
