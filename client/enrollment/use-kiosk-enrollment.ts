/**
 * This tablet's enrollment for the kiosk page. A kiosk URL from the
 * dashboard's QR code carries `enroll=<code>`: the code is redeemed once and
 * removed from the address, so a reload or a bookmark never shows it again.
 */
import { useEffect, useState } from 'react';
import { ENROLLMENT_CHANGED_EVENT, enrollThisTablet, readKioskEnrollment, type KioskEnrollment } from './kiosk-enrollment.ts';

export interface KioskEnrollmentState {
  enrollment?: KioskEnrollment;
  /** Why redeeming the URL's code failed, in the server's words. */
  error?: string;
}

export function useKioskEnrollment(search: string): KioskEnrollmentState {
  const [state, setState] = useState<KioskEnrollmentState>(() => ({ enrollment: readKioskEnrollment() }));

  useEffect(() => {
    const changed = () => setState({ enrollment: readKioskEnrollment() });
    window.addEventListener(ENROLLMENT_CHANGED_EVENT, changed);
    return () => window.removeEventListener(ENROLLMENT_CHANGED_EVENT, changed);
  }, []);

  useEffect(() => {
    const code = new URLSearchParams(search).get('enroll');
    if (code === null) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('enroll');
    window.history.replaceState(window.history.state, '', url);
    enrollThisTablet(code).catch((error: unknown) => setState((previous) => ({ ...previous, error: (error as Error).message })));
  }, [search]);

  return state;
}
