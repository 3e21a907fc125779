import { describe, expect, it } from 'vitest';
import { forgetStaleAnswers } from '../../../../client/pages/online/forget-stale-answers.ts';
import {
  completionStorageKey,
  deviceProgressStore,
  forgettingProgressStore,
  loadSavedProgress,
  memoryStorage as pageStorage,
  progressStorageKey,
  saveProgress,
} from '../../../../client/pages/online/saved-progress.ts';
import { openSealedProgress, SEALED_PROGRESS_MAX_AGE_MS } from '../../../../client/pages/online/sealed-progress.ts';
import { resumePolicy } from '../../../../core/definitions/resume-policy.ts';

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

describe('resume policy (core/definitions/resume-policy.ts)', () => {
  it('citizen and visitor surveys resume on the device; anonymous ones never, unless they opt in with invitation codes', () => {
    expect(resumePolicy({ audience: 'citizen' })).toBe('device');
    expect(resumePolicy({ audience: 'visitor' })).toBe('device');
    expect(resumePolicy({ audience: 'staff' })).toBe('never');
    expect(resumePolicy({ audience: 'citizen', anonymous: true })).toBe('never');
    expect(resumePolicy({ audience: 'citizen', invitations: 'required' })).toBe('never');
    expect(resumePolicy({ audience: 'staff', invitations: 'required', resume: 'invitation' })).toBe('invitation');
    // The opt-in means nothing without personal codes to key it.
    expect(resumePolicy({ audience: 'staff', resume: 'invitation' })).toBe('never');
  });
});

describe('progress stores', () => {
  it('the device store resumes what it saved; the forgetting store keeps nothing', () => {
    const storage = pageStorage();
    const first = deviceProgressStore(storage, 'k');
    expect(first.initial).toBeNull();
    first.save(progress);
    expect(deviceProgressStore(storage, 'k').initial).toEqual(progress);
    first.clear();
    expect(storage.length).toBe(0);

    const forgetting = forgettingProgressStore();
    forgetting.save(progress);
    expect(forgetting.initial).toBeNull();
  });
});

describe('sealed progress (resume only with the same invitation code)', () => {
  const CODE_A = 'ABCD-EFGH-JKMN';
  const CODE_B = 'PQRS-TVWX-YZ12';

  it('resumes for the same code, however typed, and for no other; the storage holds no answer in the clear', async () => {
    const storage = pageStorage();
    const a = (await openSealedProgress(storage, 'staff-workstyle', 1, CODE_A))!;
    expect(a.initial).toBeNull();
    a.save(progress);
    await a.settled!();
    expect(storage.length).toBe(1);
    const stored = `${storage.key(0)} ${storage.getItem(storage.key(0)!)}`;
    expect(stored).not.toMatch(/kita|online|ward|ABCD|EFGH/i);

    const sameCode = await openSealedProgress(storage, 'staff-workstyle', 1, 'abcd efgh jkmn');
    expect(sameCode!.initial).toEqual(progress);
    const otherCode = await openSealedProgress(storage, 'staff-workstyle', 1, CODE_B);
    expect(otherCode!.initial).toBeNull();
    const otherVersion = await openSealedProgress(storage, 'staff-workstyle', 2, CODE_A);
    expect(otherVersion!.initial).toBeNull();

    // B's answers go to an entry of their own and never overwrite A's.
    otherCode!.save({ ...progress, data: { ward: 'chuo' } });
    await otherCode!.settled!();
    expect(storage.length).toBe(2);
    expect((await openSealedProgress(storage, 'staff-workstyle', 1, CODE_A))!.initial).toEqual(progress);

    a.clear();
    await a.settled!();
    expect((await openSealedProgress(storage, 'staff-workstyle', 1, CODE_A))!.initial).toBeNull();
  });

  it('a tampered entry resumes nothing, and without WebCrypto (plain http) there is no sealed store', async () => {
    const storage = pageStorage();
    const a = (await openSealedProgress(storage, 'staff-workstyle', 1, CODE_A))!;
    a.save(progress);
    await a.settled!();
    const key = storage.key(0)!;
    const entry = JSON.parse(storage.getItem(key)!) as { sealed: string };
    storage.setItem(key, JSON.stringify({ ...entry, sealed: `AAAA${entry.sealed.slice(4)}` }));
    expect((await openSealedProgress(storage, 'staff-workstyle', 1, CODE_A))!.initial).toBeNull();
    expect(await openSealedProgress(storage, 'staff-workstyle', 1, CODE_A, null)).toBeUndefined();
  });
});

describe('forgetStaleAnswers', () => {
  it('removes an anonymous survey\'s plain progress and "answered" marks from both storages, and nothing of other surveys', () => {
    const local = pageStorage();
    const session = pageStorage();
    local.setItem(progressStorageKey('staff-workstyle', 1), JSON.stringify(progress));
    local.setItem(completionStorageKey('staff-workstyle', 1), '2026-01-01T00:00:00Z');
    session.setItem(progressStorageKey('staff-workstyle', 2), JSON.stringify(progress));
    local.setItem(progressStorageKey('citizen-needs', 1), JSON.stringify(progress));
    local.setItem('kiosk-enrollment', '{}');
    expect(forgetStaleAnswers('staff-workstyle', { keepSealed: false, storages: [local, session] })).toBe(3);
    expect(Array.from({ length: local.length }, (_, index) => local.key(index)).sort()).toEqual(['kiosk-enrollment', 'survey-progress:citizen-needs:v1']);
    expect(session.length).toBe(0);
  });

  it('keeps a sealed entry only while the survey allows resuming and it is younger than 30 days', async () => {
    const local = pageStorage();
    const a = (await openSealedProgress(local, 'staff-workstyle', 1, 'ABCD-EFGH-JKMN'))!;
    a.save(progress);
    await a.settled!();
    const now = Date.now();
    expect(forgetStaleAnswers('staff-workstyle', { keepSealed: true, now, storages: [local] })).toBe(0);
    expect(forgetStaleAnswers('staff-workstyle', { keepSealed: true, now: now + SEALED_PROGRESS_MAX_AGE_MS + 1, storages: [local] })).toBe(1);
    a.save(progress);
    await a.settled!();
    expect(forgetStaleAnswers('staff-workstyle', { keepSealed: false, now, storages: [local] })).toBe(1);
    expect(local.length).toBe(0);
  });
});
