/**
 * Reads a kiosk URL's settings: /kiosk/<surveyId>?ward=<code>[&idle=<seconds>][&kiosk=<kioskId>][&check=<seconds>].
 * Staff set these once per tablet; any mistake must show a set-up error that
 * says exactly what is wrong, never a survey with the wrong ward.
 */
import { isWardCode, type WardCode } from '../../../contracts/wards.ts';

export const DEFAULT_IDLE_SECONDS = 90;
export const MIN_IDLE_SECONDS = 5;
export const MAX_IDLE_SECONDS = 3600;
/** An enrolled tablet asks the server whether it is still enrolled at least this often (issue 20: at least every 5 minutes). */
export const DEFAULT_ENROLLMENT_CHECK_SECONDS = 300;
export const MIN_ENROLLMENT_CHECK_SECONDS = 2;

export interface KioskSettings {
  ward: WardCode;
  /** Seconds without a touch before the kiosk asks 「まだ回答中ですか？」. */
  idleSeconds: number;
  /** Seconds the question stays up before the answers are cleared. */
  promptSeconds: number;
  /** Seconds between two checks of this tablet's enrollment (an enrolled tablet only). */
  enrollmentCheckSeconds: number;
  kioskId?: string;
}

export interface KioskSettingProblem {
  parameter: 'ward' | 'idle' | 'kiosk' | 'check' | 'survey';
  /** What the URL said, or null when the parameter is missing. */
  given: string | null;
  message: string;
}

export type KioskSettingsResult = { ok: true; settings: KioskSettings } | { ok: false; problems: KioskSettingProblem[] };

/** Same rule as contracts/submission.ts responseMetaSchema.kioskId. */
const KIOSK_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function readKioskSettings(params: URLSearchParams): KioskSettingsResult {
  const problems: KioskSettingProblem[] = [];
  const single = (parameter: KioskSettingProblem['parameter']): string | null => {
    const values = params.getAll(parameter);
    if (values.length > 1) {
      problems.push({ parameter, given: values.join(', '), message: `"${parameter}" is given ${values.length} times; give it once` });
    }
    return values[0] ?? null;
  };

  const ward = single('ward');
  if (ward === null) problems.push({ parameter: 'ward', given: null, message: 'the URL has no ward; add ?ward=<code>' });
  else if (!isWardCode(ward)) problems.push({ parameter: 'ward', given: ward, message: `${JSON.stringify(ward)} is not one of the ten ward codes` });

  const idle = single('idle');
  let idleSeconds = DEFAULT_IDLE_SECONDS;
  if (idle !== null) {
    idleSeconds = /^\d{1,6}$/.test(idle) ? Number(idle) : Number.NaN;
    if (!(idleSeconds >= MIN_IDLE_SECONDS && idleSeconds <= MAX_IDLE_SECONDS)) {
      problems.push({ parameter: 'idle', given: idle, message: `${JSON.stringify(idle)} is not a whole number of seconds from ${MIN_IDLE_SECONDS} to ${MAX_IDLE_SECONDS}` });
    }
  }

  const kioskId = single('kiosk');
  if (kioskId !== null && !KIOSK_ID.test(kioskId)) {
    problems.push({ parameter: 'kiosk', given: kioskId, message: `${JSON.stringify(kioskId)} must be 1–64 letters, digits, ".", "_" or "-"` });
  }

  const check = single('check');
  let enrollmentCheckSeconds = DEFAULT_ENROLLMENT_CHECK_SECONDS;
  if (check !== null) {
    enrollmentCheckSeconds = /^\d{1,6}$/.test(check) ? Number(check) : Number.NaN;
    if (!(enrollmentCheckSeconds >= MIN_ENROLLMENT_CHECK_SECONDS && enrollmentCheckSeconds <= DEFAULT_ENROLLMENT_CHECK_SECONDS)) {
      problems.push({
        parameter: 'check',
        given: check,
        message: `${JSON.stringify(check)} is not a whole number of seconds from ${MIN_ENROLLMENT_CHECK_SECONDS} to ${DEFAULT_ENROLLMENT_CHECK_SECONDS}`,
      });
    }
  }

  if (problems.length) return { ok: false, problems };
  const settings: KioskSettings = { ward: ward as WardCode, idleSeconds, promptSeconds: promptSecondsFor(idleSeconds), enrollmentCheckSeconds };
  if (kioskId !== null) settings.kioskId = kioskId;
  return { ok: true, settings };
}

/** A third of the idle time, between 5 and 30 s: long enough to reach the screen, short enough for the next visitor. */
export function promptSecondsFor(idleSeconds: number): number {
  return Math.min(30, Math.max(5, Math.round(idleSeconds / 3)));
}

/** A kiosk URL for a ward, keeping the other settings staff already chose. */
export function kioskUrl(surveyId: string, ward: string, keep: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams({ ward });
  for (const name of ['idle', 'kiosk', 'check']) {
    const value = keep.get(name);
    if (value !== null) params.set(name, value);
  }
  return `/kiosk/${encodeURIComponent(surveyId)}?${params}`;
}
