/**
 * Answers of the online form, saved in localStorage as they are given, so a
 * closed tab resumes where it left off. Keyed by survey id and version: answers
 * to version 1 never leak into version 2, whose questions may mean other things.
 * Only surveys whose resume policy is "device" (core/definitions/resume-policy.ts)
 * keep answers this way; anonymous surveys keep none, or keep them sealed under
 * the person's invitation code (sealed-progress.ts).
 *
 * `completedSubmission` is written just before the response enters the queue:
 * if the tab dies between the two, the next load queues that same submission
 * (same submissionId) instead of letting the person complete a second time.
 */
import type { Submission } from '../../../contracts/submission.ts';

export interface SavedProgress {
  data: Record<string, unknown>;
  currentPageNo: number;
  startedAt: string;
  locale: string;
  completedSubmission?: Submission;
}

export function progressStorageKey(surveyId: string, version: number): string {
  return `survey-progress:${surveyId}:v${version}`;
}

export function completionStorageKey(surveyId: string, version: number): string {
  return `survey-completed:${surveyId}:v${version}`;
}

/** Where one person's unfinished answers are kept while they answer. */
export interface ProgressStore {
  /** What was kept when the page opened: null when nothing (or nothing of ours). */
  readonly initial: SavedProgress | null;
  save(progress: SavedProgress): void;
  clear(): void;
  /** Resolves once every save and clear so far has reached the storage (tests). */
  settled?: () => Promise<void>;
}

/** The browser's storage, under the survey's progress key: for surveys whose policy is "device". */
export function deviceProgressStore(storage: Storage, key: string): ProgressStore {
  return {
    initial: loadSavedProgress(storage, key),
    save: (progress) => void saveProgress(storage, key, progress),
    clear: () => removeStoredItem(storage, key),
  };
}

/** Keeps nothing: an anonymous survey's answers live only on the screen, and go with the page. */
export function forgettingProgressStore(): ProgressStore {
  return { initial: null, save: () => undefined, clear: () => undefined };
}

/** The saved progress, or null when there is none or it is not ours (corrupt, other shape). */
export function loadSavedProgress(storage: Pick<Storage, 'getItem'>, key: string): SavedProgress | null {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return null;
  }
  return text === null ? null : parseSavedProgress(text);
}

/** Saved progress from its JSON text, or null when it is not ours. */
export function parseSavedProgress(text: string): SavedProgress | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const progress = value as Partial<SavedProgress>;
  if (typeof progress.data !== 'object' || progress.data === null || Array.isArray(progress.data)) return null;
  if (!Number.isInteger(progress.currentPageNo) || (progress.currentPageNo as number) < 0) return null;
  if (typeof progress.startedAt !== 'string' || Number.isNaN(Date.parse(progress.startedAt))) return null;
  if (typeof progress.locale !== 'string') return null;
  return progress as SavedProgress;
}

/** False when the browser refused to store (quota, storage disabled): the form keeps working, only resuming is lost. */
export function saveProgress(storage: Pick<Storage, 'setItem'>, key: string, progress: SavedProgress): boolean {
  try {
    storage.setItem(key, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

export function removeStoredItem(storage: Pick<Storage, 'removeItem'>, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Storage disabled: there is nothing to remove.
  }
}

/** localStorage, or an in-memory stand-in when the browser blocks it (some privacy modes throw on access). */
export function browserStorage(): Storage {
  try {
    const storage = window.localStorage;
    storage.getItem('survey-storage-probe');
    return storage;
  } catch {
    return memoryStorage();
  }
}

/** A Storage that forgets everything with the page: where the browser refuses localStorage. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}
