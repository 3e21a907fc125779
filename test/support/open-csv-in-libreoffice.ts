/**
 * A CSV as LibreOffice Calc reads it (UTF-8, comma-separated, quoted fields): converted by headless LibreOffice
 * through its CSV import and back, and parsed. What an analyst who double-clicks the export would see, cell by cell.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { parseCsv } from '../e2e/support/parse-csv.ts';

const run = promisify(execFile);
/** Calc's CSV filter: comma, double quote, UTF-8 (76), from line 1. */
const CSV_FILTER = 'CSV:44,34,76,1';

export async function openCsvInLibreOffice(csvPath: string, workDir: string): Promise<string[][]> {
  const name = basename(csvPath).replace(/\.csv$/, '');
  const out = join(workDir, `libreoffice-${name}`);
  await mkdir(out, { recursive: true });
  await run(
    'libreoffice',
    [`-env:UserInstallation=file://${join(workDir, `profile-${name}`)}`, '--headless', `--infilter=${CSV_FILTER}`, '--convert-to', `csv:Text - txt - csv (StarCalc):44,34,76,1`, '--outdir', out, csvPath],
    { timeout: 120_000 },
  );
  const [converted] = await readdir(out);
  if (!converted) throw new Error(`LibreOffice did not open ${csvPath}`);
  return parseCsv((await readFile(join(out, converted), 'utf8')).replace(/^\uFEFF/, ''));
}
