/**
 * SURVEY_TOOLKIT_TIMINGS=1: `report` prints, on stderr, when each of its phases ended, in seconds from the process's
 * start (issue 24). The benchmark reads the line to show where a run's time went (start-up, definitions, reading, the
 * report), since wall time alone on a shared 2-core machine says little about which part changed.
 *
 *   timings: definitions 0.41 · read 1.98 (this thread) · read 2.05 · report 2.40 · written 2.45
 */
import { CliError } from '../cli-error.ts';

export interface PhaseClock {
  /** Notes that `phase` has ended now. */
  mark(phase: string): void;
  /** Prints the line (once), if timings were asked for. */
  print(): void;
}

export const TIMINGS_LINE = /^timings: (.*)$/m;

export function phaseClock(setting = process.env.SURVEY_TOOLKIT_TIMINGS): PhaseClock {
  if (setting !== undefined && setting !== '' && setting !== '0' && setting !== '1') {
    throw new CliError(`SURVEY_TOOLKIT_TIMINGS must be 1 (print the phases) or 0, got ${JSON.stringify(setting)}`, 2);
  }
  if (setting !== '1') return { mark() {}, print() {} };
  const marks: Array<[string, number]> = [];
  let printed = false;
  return {
    // performance.now() counts from the process's start (its timeOrigin), so start-up is included.
    mark: (phase) => void marks.push([phase, performance.now() / 1000]),
    print() {
      if (printed) return;
      printed = true;
      process.stderr.write(`timings: ${marks.map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}`).join(' · ')}\n`);
    },
  };
}

/** The phases of a `timings:` line on stderr, in seconds; empty when there is none. */
export function parseTimings(stderr: string): Map<string, number> {
  const line = TIMINGS_LINE.exec(stderr)?.[1];
  if (line === undefined) return new Map();
  return new Map(
    line.split(' · ').map((entry) => {
      const at = entry.lastIndexOf(' ');
      return [entry.slice(0, at), Number(entry.slice(at + 1))] as [string, number];
    }),
  );
}
