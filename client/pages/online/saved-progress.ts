/**
 * Answers of the online form, saved in localStorage as they are given, so a
 * closed tab resumes where it left off. Keyed by survey id and version: answers
 * to version 1 never leak into version 2, whose questions may mean other things.
 *
 * `completedSubmission` is written just before the response enters the queue:
 * if the tab dies between the two, the next load queues that same submission
 * (same submissionId) instead of letting the person complete a second time.
 */
import type { Submission } from '../../../contracts/submission.ts';
import type { SurveyDefinitionJson } from '../../survey/fetch-survey-definition.ts';

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

/** The saved progress, or null when there is none or it is not ours (corrupt, other shape). */
export function loadSavedProgress(storage: Pick<Storage, 'getItem'>, key: string): SavedProgress | null {
  let value: unknown;
  try {
    const text = storage.getItem(key);
    if (text === null) return null;
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

/**
 * Whether a completion marks this browser as "already answered". Not for staff
 * surveys: they are anonymous and answered on shared office PCs, where the mark
 * would turn the next colleague away (issue 13). One-time invitation codes are
 * to keep staff surveys to one answer per person instead.
 */
export function locksDeviceAfterCompletion(definition: Pick<SurveyDefinitionJson, 'audience'>): boolean {
  return definition.audience !== 'staff';
}

/**
 * A Storage that forgets everything with the page. Invitation surveys use it on
 * purpose: on a shared PC nothing of one colleague's answers may stay for the next.
 */
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
