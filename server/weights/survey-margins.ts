/**
 * Each survey's weighting margins on the server (issue 30): `DATA_DIR/weights/<survey>.csv`, in the CLI's
 * `--weights` format (analysis/weighting/parse-margins-csv.ts), placed there by an operator or uploaded by an
 * admin in the dashboard (PUT /api/surveys/:id/weights, server/routes/weights.ts).
 *
 * A file is checked as the CLI checks `--weights` — parsed, then against the survey's definitions (every kept
 * version, as the report plans them: checkMargins) — and every variable's margins must total the same
 * population, which raking needs. Each problem is one line naming `FILE:LINE`. An upload is written only once
 * it passes, under a temporary name, flushed, then renamed over the old file, so a reader sees the old file
 * or the new one, never half of one. The file is read on each weighted report (it is small); the report
 * carries its name and SHA-256 (`weighting.source`), so a download says which margins it was weighted to.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { planFor } from '../../analysis/report/build-report.ts';
import { MarginsCsvError, parseMarginsCsv, type MarginsFile } from '../../analysis/weighting/parse-margins-csv.ts';
import type { Margin } from '../../analysis/weighting/rake.ts';
import type { MarginsSource } from '../../contracts/report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';

/** The folder under DATA_DIR that holds them. */
export const WEIGHTS_DIR = 'weights';

/** The margins a weighted report of one survey rakes to, and the file they came from. */
export interface SurveyMargins {
  source: MarginsSource;
  margins: Margin[];
  /** lines[i]: the CSV line of margins[i]. */
  lines: number[];
}

/** A margins file that cannot be used; the message names `FILE:LINE` (or `FILE` for the whole file). */
export class MarginsFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'MarginsFileError';
  }
}

/** Margins a survey's folder holds: `<dir>/<survey>.csv`. */
export interface WeightsFolder {
  readonly dir: string;
  /** The file's name in the folder, which is also `weighting.source.file`. */
  fileName(surveyId: string): string;
  /** The survey's margins, checked; null when it has no file. A broken file throws MarginsFileError. */
  read(surveyId: string, versions: ReadonlyArray<SurveyDefinition>): Promise<SurveyMargins | null>;
  /**
   * Checks `text` (messages name it `label`, the uploaded file's name) and, when it passes, replaces the survey's
   * file with it atomically. Throws MarginsFileError and writes nothing when it does not.
   */
  write(surveyId: string, text: string, label: string, versions: ReadonlyArray<SurveyDefinition>): Promise<SurveyMargins>;
}

export function createWeightsFolder(dir: string): WeightsFolder {
  const fileName = (surveyId: string) => {
    // Survey ids are kebab-case (analysis/definitions/check-survey-fields.ts); anything else never names a file here.
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(surveyId)) throw new Error(`not a survey id: ${JSON.stringify(surveyId)}`);
    return `${surveyId}.csv`;
  };
  return {
    dir,
    fileName,
    async read(surveyId, versions) {
      const name = fileName(surveyId);
      let bytes: Buffer;
      try {
        bytes = await readFile(join(dir, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = checkSurveyMargins(bytes.toString('utf8'), `weights/${name}`, versions);
      return { ...parsed, source: { file: name, sha256: sha256(bytes) } };
    },
    async write(surveyId, text, label, versions) {
      const name = fileName(surveyId);
      const parsed = checkSurveyMargins(text, label, versions);
      const bytes = Buffer.from(text, 'utf8');
      await mkdir(dir, { recursive: true });
      const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const file = await open(temporary, 'wx', 0o600);
        try {
          await file.writeFile(bytes);
          await file.datasync();
        } finally {
          await file.close();
        }
        await rename(temporary, join(dir, name));
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncFolder(dir);
      return { ...parsed, source: { file: name, sha256: sha256(bytes) } };
    },
  };
}

/**
 * Margins text checked for a survey: parsed (parseMarginsCsv), every margin a single-answer question or meta
 * variable of the survey and one of its values (checkMargins, through the report's plan), and every variable
 * describing the same population. Throws MarginsFileError naming `label:LINE`.
 */
export function checkSurveyMargins(text: string, label: string, versions: ReadonlyArray<SurveyDefinition>): MarginsFile {
  let parsed: MarginsFile;
  try {
    parsed = parseMarginsCsv(text, label);
  } catch (error) {
    if (error instanceof MarginsCsvError) throw new MarginsFileError(error.message, error.line);
    throw error;
  }
  try {
    planFor(versions, { weights: parsed.margins });
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    const index = error.detail.marginIndex;
    const line = index === undefined ? undefined : parsed.lines[index];
    throw new MarginsFileError(line === undefined ? `${label}: ${error.message}` : `${label}:${line}: ${error.message}`, line);
  }
  checkTotals(parsed, label);
  return parsed;
}

/** Raking needs every variable's margins to describe one population: the same total (rake.ts, to 1e-9). */
function checkTotals({ margins, lines }: MarginsFile, label: string): void {
  const totals = new Map<string, { total: number; line: number }>();
  margins.forEach((margin, index) => {
    const entry = totals.get(margin.question) ?? { total: 0, line: lines[index] };
    entry.total += margin.population;
    totals.set(margin.question, entry);
  });
  const [first, ...rest] = [...totals.entries()];
  for (const [question, { total, line }] of rest) {
    if (Math.abs(total - first[1].total) > 1e-9 * first[1].total) {
      throw new MarginsFileError(
        `${label}:${line}: the margins of ${question} total ${total}, those of ${first[0]} ${first[1].total}; ` + 'every variable must describe the same population',
        line,
      );
    }
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The rename is durable once the folder's entry is on disk too. */
async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the file itself is already on disk.
  } finally {
    await folder.close();
  }
}
