/**
 * The language of the analysts' pages (/login and /dashboard): Japanese unless
 * the analyst switched to English, remembered in this browser so both pages
 * and the next visit agree. Survey pages have their own switch and ignore this.
 */
import { useCallback, useEffect, useState } from 'react';
import { toLocale } from '../../../core/i18n/locale.ts';
import type { DashboardLocale } from './dashboard-texts.ts';

const STORAGE_KEY = 'analyst-locale';

function readStoredLocale(): DashboardLocale {
  try {
    return toLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'ja'; // storage blocked: stay with the default
  }
}

export function useAnalystLocale(): [DashboardLocale, (locale: string) => void] {
  const [locale, setLocale] = useState<DashboardLocale>(readStoredLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const choose = useCallback((next: string) => {
    const chosen = toLocale(next);
    try {
      localStorage.setItem(STORAGE_KEY, chosen);
    } catch {
      // not remembered; the switch still works for this page
    }
    setLocale(chosen);
  }, []);
  return [locale, choose];
}
