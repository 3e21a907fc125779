import { describe, expect, it } from 'vitest';
import { kioskUrl, promptSecondsFor, readKioskSettings } from '../../../../client/pages/kiosk/read-kiosk-settings.ts';

const read = (query: string) => readKioskSettings(new URLSearchParams(query));

describe('readKioskSettings', () => {
  it('a ward alone gives the default 90 s idle time', () => {
    expect(read('ward=chuo')).toEqual({ ok: true, settings: { ward: 'chuo', idleSeconds: 90, promptSeconds: 30, enrollmentCheckSeconds: 300 } });
  });

  it('an enrolled tablet checks its enrollment every 5 minutes, or as often as check= says (2–300 s)', () => {
    expect(read('ward=kita&check=3')).toMatchObject({ ok: true, settings: { enrollmentCheckSeconds: 3 } });
    for (const check of ['1', '301', '5m', '']) {
      expect(read(`ward=kita&check=${check}`)).toMatchObject({ ok: false, problems: [{ parameter: 'check', given: check }] });
    }
  });

  it('reads the idle time and kiosk id', () => {
    expect(read('ward=teine&idle=45&kiosk=teine-1F.a')).toEqual({
      ok: true,
      settings: { ward: 'teine', idleSeconds: 45, promptSeconds: 15, enrollmentCheckSeconds: 300, kioskId: 'teine-1F.a' },
    });
  });

  it('a missing ward is a set-up error', () => {
    expect(read('')).toEqual({ ok: false, problems: [{ parameter: 'ward', given: null, message: 'the URL has no ward; add ?ward=<code>' }] });
  });

  it('an unknown ward is a set-up error quoting it (codes are lower-case romaji)', () => {
    expect(read('ward=Chuo')).toEqual({ ok: false, problems: [{ parameter: 'ward', given: 'Chuo', message: '"Chuo" is not one of the ten ward codes' }] });
    expect(read('ward=%E4%B8%AD%E5%A4%AE')).toMatchObject({ ok: false, problems: [{ given: '中央' }] });
  });

  it('reports every problem at once, including a ward given twice', () => {
    expect(read('ward=kita&ward=chuo&idle=2&kiosk=a%20b')).toEqual({
      ok: false,
      problems: [
        { parameter: 'ward', given: 'kita, chuo', message: '"ward" is given 2 times; give it once' },
        { parameter: 'idle', given: '2', message: '"2" is not a whole number of seconds from 5 to 3600' },
        { parameter: 'kiosk', given: 'a b', message: '"a b" must be 1–64 letters, digits, ".", "_" or "-"' },
      ],
    });
  });

  it('refuses idle times that are not whole seconds', () => {
    for (const idle of ['', '1.5', '-10', '90s', '3601', '1e3']) {
      expect(read(`ward=kita&idle=${encodeURIComponent(idle)}`)).toMatchObject({ ok: false, problems: [{ parameter: 'idle', given: idle }] });
    }
  });
});

describe('promptSecondsFor', () => {
  it('is a third of the idle time, between 5 and 30 s', () => {
    expect([5, 15, 30, 90, 600].map(promptSecondsFor)).toEqual([5, 5, 10, 30, 30]);
  });
});

describe('kioskUrl', () => {
  it('builds a ward URL and keeps the idle and kiosk settings staff already chose', () => {
    expect(kioskUrl('ward-office-exit', 'kita')).toBe('/kiosk/ward-office-exit?ward=kita');
    expect(kioskUrl('ward-office-exit', 'kita', new URLSearchParams('ward=nope&idle=60&kiosk=k1&x=1'))).toBe(
      '/kiosk/ward-office-exit?ward=kita&idle=60&kiosk=k1',
    );
  });
});
