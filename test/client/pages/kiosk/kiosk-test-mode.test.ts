/**
 * A kiosk's test mode (issue 30): the switch is kept in this tablet's localStorage and announced to the page,
 * and a submission built in test mode carries meta.test = true, which the shared schema accepts only as true.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { submissionSchema } from '../../../../contracts/submission.ts';
import { readKioskTestMode, setKioskTestMode, TEST_MODE_CHANGED_EVENT } from '../../../../client/pages/kiosk/kiosk-test-mode.ts';
import { buildSubmission } from '../../../../client/survey/build-submission.ts';
import { memoryStorage } from '../../../../client/pages/online/saved-progress.ts';

let storage: Storage;
let changes: number;

beforeEach(() => {
  storage = memoryStorage();
  const target = new EventTarget();
  changes = 0;
  target.addEventListener(TEST_MODE_CHANGED_EVENT, () => changes++);
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', target);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the test-mode switch', () => {
  it('is off until staff turn it on, kept in localStorage, and announced on each change', () => {
    expect(readKioskTestMode()).toBe(false);
    expect(setKioskTestMode(true)).toBe(true);
    expect(readKioskTestMode()).toBe(true);
    expect(storage.getItem('kiosk-test-mode')).toBe('on');
    expect(setKioskTestMode(false)).toBe(true);
    expect(readKioskTestMode()).toBe(false);
    expect(storage.getItem('kiosk-test-mode')).toBeNull();
    expect(changes).toBe(2);
  });

  it('reads anything but "on" as off', () => {
    storage.setItem('kiosk-test-mode', 'true');
    expect(readKioskTestMode()).toBe(false);
  });
});

describe('a submission in test mode', () => {
  const base = {
    submissionId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    surveyVersion: 1,
    channel: 'kiosk' as const,
    locale: 'ja',
    ward: 'kita' as const,
    startedAt: new Date('2025-06-01T09:00:00Z'),
    completedAt: new Date('2025-06-01T09:03:00Z'),
    data: {},
  };

  it('carries meta.test = true, and none otherwise', () => {
    const test = buildSubmission({ ...base, test: true });
    expect(test.meta).toEqual({ locale: 'ja', ward: 'kita', test: true });
    expect(submissionSchema.parse(test)).toEqual(test);
    expect(buildSubmission({ ...base, test: false }).meta).toEqual({ locale: 'ja', ward: 'kita' });
    expect(buildSubmission(base).meta).toEqual({ locale: 'ja', ward: 'kita' });
  });

  it('the shared schema refuses any meta.test but true, naming it', () => {
    for (const value of [false, 'true', 1]) {
      const parsed = submissionSchema.safeParse({ ...buildSubmission(base), meta: { locale: 'ja', test: value } });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ path: ['meta', 'test'], message: expect.stringContaining('must be true') });
    }
  });
});
