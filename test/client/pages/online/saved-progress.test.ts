import { describe, expect, it } from 'vitest';
import {
  completionStorageKey,
  loadSavedProgress,
  locksDeviceAfterCompletion,
  progressStorageKey,
  saveProgress,
} from '../../../../client/pages/online/saved-progress.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

const progress = { data: { ward: 'kita', channels: ['online'] }, currentPageNo: 2, startedAt: '2025-06-01T09:00:00.000Z', locale: 'en' };

describe('saved progress', () => {
  it('is keyed by survey id and version, so version 2 never resumes version 1 answers', () => {
    expect(progressStorageKey('citizen-needs', 1)).toBe('survey-progress:citizen-needs:v1');
    expect(progressStorageKey('citizen-needs', 2)).toBe('survey-progress:citizen-needs:v2');
    expect(completionStorageKey('citizen-needs', 1)).toBe('survey-completed:citizen-needs:v1');
  });

  it('round-trips through storage', () => {
    const storage = memoryStorage();
    expect(saveProgress(storage, 'k', progress)).toBe(true);
    expect(loadSavedProgress(storage, 'k')).toEqual(progress);
  });

  it('ignores what is missing, corrupt or of another shape instead of breaking the form', () => {
    const storage = memoryStorage({
      corrupt: '{"data":',
      array: '[]',
      noPage: JSON.stringify({ ...progress, currentPageNo: -1 }),
      badDate: JSON.stringify({ ...progress, startedAt: 'yesterday' }),
      arrayData: JSON.stringify({ ...progress, data: [] }),
    });
    for (const key of ['missing', 'corrupt', 'array', 'noPage', 'badDate', 'arrayData']) expect(loadSavedProgress(storage, key)).toBeNull();
  });

  it('reports a refused write (quota) instead of throwing', () => {
    const full = {
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    expect(saveProgress(full, 'k', progress)).toBe(false);
  });
});

describe('locksDeviceAfterCompletion', () => {
  it('marks a browser as answered for citizen and visitor surveys, never for anonymous staff surveys on shared PCs', () => {
    expect(locksDeviceAfterCompletion({ audience: 'citizen' })).toBe(true);
    expect(locksDeviceAfterCompletion({ audience: 'visitor' })).toBe(true);
    expect(locksDeviceAfterCompletion({ audience: 'staff' })).toBe(false);
  });
});
