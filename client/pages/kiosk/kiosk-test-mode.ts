/**
 * This tablet's test mode (issue 30): staff trying the kiosk before opening, or a trainer showing the form,
 * turn it on in the staff panel. While it is on, every page shows a banner and every submission carries
 * `meta.test = true`, so the server keeps the answers but leaves them out of every count by default.
 * Kept in localStorage, like the tablet's enrollment: it is this tablet's alone and survives a reload.
 */
import { useEffect, useState } from 'react';

const STORAGE_KEY = 'kiosk-test-mode';

/** Fired on window when the switch changes, so the kiosk page shows or hides its banner at once. */
export const TEST_MODE_CHANGED_EVENT = 'kiosk-test-mode-changed';

export function readKioskTestMode(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): boolean {
  try {
    return storage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Turns test mode on or off; false when this browser cannot keep the setting (the switch then stays as it was). */
export function setKioskTestMode(on: boolean): boolean {
  const storage = safeLocalStorage();
  if (!storage) return false;
  try {
    if (on) storage.setItem(STORAGE_KEY, 'on');
    else storage.removeItem(STORAGE_KEY);
  } catch {
    return false;
  }
  window.dispatchEvent(new Event(TEST_MODE_CHANGED_EVENT));
  return true;
}

/** Whether this tablet is in test mode now, following the staff panel's switch (and other tabs). */
export function useKioskTestMode(): boolean {
  const [on, setOn] = useState(() => readKioskTestMode());
  useEffect(() => {
    const changed = () => setOn(readKioskTestMode());
    window.addEventListener(TEST_MODE_CHANGED_EVENT, changed);
    window.addEventListener('storage', changed);
    return () => {
      window.removeEventListener(TEST_MODE_CHANGED_EVENT, changed);
      window.removeEventListener('storage', changed);
    };
  }, []);
  return on;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
