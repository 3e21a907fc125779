import { SEALED_PROGRESS_MAX_AGE_MS, sealedEntrySavedAt, sealedKeyPrefix } from './sealed-progress.ts';

/**
 * On opening an anonymous survey: removes whatever an earlier page (or an
 * earlier version of this app, which kept staff answers in the clear) left of
 * its answers in localStorage and sessionStorage: plain progress, "already
 * answered" marks, and sealed entries that are stale or no longer allowed.
 * The submission queue (IndexedDB) is not touched: it holds completed
 * responses only until the server has them.
 */
export function forgetStaleAnswers(
  surveyId: string,
  options: { keepSealed: boolean; now?: number; storages?: Array<Storage | undefined> },
): number {
  const { keepSealed, now = Date.now(), storages = [safeStorage('localStorage'), safeStorage('sessionStorage')] } = options;
  const plainPrefixes = [`survey-progress:${surveyId}:`, `survey-completed:${surveyId}:`];
  const sealedPrefix = sealedKeyPrefix(surveyId);
  let removed = 0;
  for (const storage of storages) {
    if (!storage) continue;
    try {
      const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key !== null);
      for (const key of keys) {
        const plain = plainPrefixes.some((prefix) => key.startsWith(prefix));
        const sealed = key.startsWith(sealedPrefix);
        if (!plain && !sealed) continue;
        if (sealed && keepSealed) {
          const savedAt = sealedEntrySavedAt(storage.getItem(key));
          if (savedAt !== undefined && now - savedAt < SEALED_PROGRESS_MAX_AGE_MS) continue;
        }
        storage.removeItem(key);
        removed++;
      }
    } catch {
      // Storage disabled: there is nothing in it.
    }
  }
  return removed;
}

function safeStorage(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return window[name];
  } catch {
    return undefined;
  }
}
