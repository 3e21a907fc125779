/**
 * The one rule of test markings (issue 30): a response is marked when its id is named, or its kiosk is marked over
 * a period [from, to) its receipt falls in; withdrawn markings cover nothing. And the markings file as read back:
 * folded per survey, a write cut short at the end ignored, a line that cannot be read named.
 */
import { describe, expect, it } from 'vitest';
import { markedResponsesOf, markedTest } from '../../../server/test-markings/marked-responses.ts';
import { parseTestMarkings } from '../../../server/test-markings/test-markings-log.ts';

const act = { at: '2026-01-05T00:00:00.000Z', who: 'sato', via: 'session' as const, reason: 'trial' };

describe('markedTest', () => {
  const marked = markedResponsesOf([
    { target: { kind: 'kiosk', kioskId: 'kita-01', from: '2026-01-05T00:00:00.000Z', to: '2026-01-05T03:00:00.000Z' } },
    { target: { kind: 'responses', responseIds: ['r-2', 'r-1'] } },
    { target: { kind: 'kiosk', kioskId: 'chuo-02', from: '2026-01-01T00:00:00.000Z', to: '2026-01-09T00:00:00.000Z' }, unmarked: act },
  ]);
  const test = markedTest(marked);
  const at = (iso: string) => Date.parse(iso);

  it('keeps only current markings, sorted, so equal markings are one filter key', () => {
    expect(marked).toEqual({ responseIds: ['r-1', 'r-2'], kiosks: [{ kioskId: 'kita-01', from: '2026-01-05T00:00:00.000Z', to: '2026-01-05T03:00:00.000Z' }] });
    expect(markedResponsesOf([{ target: { kind: 'responses', responseIds: ['x'] }, unmarked: act }])).toBeUndefined();
  });

  it('covers the kiosk from `from` up to, not including, `to`', () => {
    expect(test('a', at('2026-01-04T23:59:59.999Z'), 'kita-01')).toBe(false);
    expect(test('a', at('2026-01-05T00:00:00.000Z'), 'kita-01')).toBe(true);
    expect(test('a', at('2026-01-05T02:59:59.999Z'), 'kita-01')).toBe(true);
    expect(test('a', at('2026-01-05T03:00:00.000Z'), 'kita-01')).toBe(false);
    expect(test('a', at('2026-01-05T01:00:00.000Z'), 'kita-02')).toBe(false);
    expect(test('a', at('2026-01-05T01:00:00.000Z'), undefined)).toBe(false);
  });

  it('covers named ids whatever their kiosk or time, and nothing of a withdrawn marking', () => {
    expect(test('r-1', 0, undefined)).toBe(true);
    expect(test('r-3', 0, undefined)).toBe(false);
    expect(test('a', at('2026-01-05T01:00:00.000Z'), 'chuo-02')).toBe(false);
    expect(markedTest(undefined)('r-1', 0, 'kita-01')).toBe(false);
  });
});

describe('parseTestMarkings', () => {
  const mark = (markingId: string, surveyId = 'ward-office-exit') => JSON.stringify({ action: 'mark', markingId, surveyId, ...act, target: { kind: 'responses', responseIds: ['r-1'] } });
  const unmark = (markingId: string) => JSON.stringify({ action: 'unmark', markingId, surveyId: 'ward-office-exit', ...act, reason: 'real' });

  it('folds marks and unmarks per survey, oldest first', () => {
    const bySurvey = parseTestMarkings([mark('m-1'), mark('m-2', 'staff-workstyle'), unmark('m-1'), mark('m-3')].join('\n') + '\n', 'test-markings.jsonl');
    expect(bySurvey.get('ward-office-exit')!.map((m) => [m.markingId, m.unmarked?.reason])).toEqual([
      ['m-1', 'real'],
      ['m-3', undefined],
    ]);
    expect(bySurvey.get('staff-workstyle')!.map((m) => m.markingId)).toEqual(['m-2']);
  });

  it('ignores a last line cut short (a crash mid-append), but not a broken line before it', () => {
    expect(parseTestMarkings(`${mark('m-1')}\n{"action":"ma`, 'f').get('ward-office-exit')).toHaveLength(1);
    expect(() => parseTestMarkings(`{"action":"ma\n${mark('m-1')}\n`, 'f')).toThrow('f:1: not JSON: "{\\"action\\":\\"ma"');
  });

  it('names a line that unmarks nothing, marks twice, or does something else', () => {
    expect(() => parseTestMarkings(`${unmark('m-1')}\n`, 'f')).toThrow('f:1: unmarks "m-1", which no earlier line marks');
    expect(() => parseTestMarkings(`${mark('m-1')}\n${mark('m-1')}\n`, 'f')).toThrow('f:2: marking "m-1" is made twice');
    expect(() => parseTestMarkings(`${JSON.stringify({ action: 'delete', markingId: 'm', surveyId: 's' })}\n`, 'f')).toThrow('f:1: action must be "mark" or "unmark", got "delete"');
  });
});
