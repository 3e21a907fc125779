/**
 * `report --compare receivedAt:2026-04-01 [--pilot ward=chuo,kita]` (issue 28) read into the
 * report's `compare` option; buildReport computes 効果検証 (analysis/effects/) from it, and checks
 * the pilot variable and values against the definitions before a line is read (planFor).
 *
 * The split is by the record time the response table keeps, `completedAt` (when the respondent
 * finished; the server refuses one later than its own clock, and a kiosk's queued answer keeps the
 * time it was given). `receivedAt:` is accepted as the issue names it, and splits by the same
 * time; the report says which (`effectComparison.time`).
 */
import { parsePilotOption, type PilotSpec } from '../../analysis/effects/mark-pilot.ts';
import { splitInstant } from '../../analysis/effects/split-at-date.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { CliError } from '../cli-error.ts';

export interface CompareOptions {
  date: string;
  pilot?: PilotSpec;
}

const TIMES = ['receivedAt', 'completedAt'];

/** --compare and --pilot as given; one line quoting what is wrong. Undefined without --compare. */
export function parseCompareOptions(compare: string | undefined, pilot: string | undefined): CompareOptions | undefined {
  if (compare === undefined) {
    if (pilot !== undefined) throw new CliError(`--pilot ${JSON.stringify(pilot)} needs --compare receivedAt:YYYY-MM-DD (the date the pilot started)`, 2);
    return undefined;
  }
  const match = /^([A-Za-z]+):(.*)$/.exec(compare);
  if (!match || !TIMES.includes(match[1])) {
    throw new CliError(`--compare must be receivedAt:YYYY-MM-DD (or completedAt:YYYY-MM-DD), got ${JSON.stringify(compare)}`, 2);
  }
  try {
    splitInstant(match[2]);
    return { date: match[2], ...(pilot !== undefined ? { pilot: parsePilotOption(pilot) } : {}) };
  } catch (error) {
    if (error instanceof ReportInputError) throw new CliError(`${pilot !== undefined && /pilot/.test(error.message) ? '--pilot' : '--compare'}: ${error.message}`, 2);
    throw error;
  }
}
