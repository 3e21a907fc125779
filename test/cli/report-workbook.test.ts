/**
 * `survey-toolkit report --format xlsx`: the 集計表 workbook, opened by a real LibreOffice
 * (Debian's libreoffice-calc-nogui, installed by .ci/run) and read back as it shows each sheet.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import { parseCsv } from '../e2e/support/parse-csv.ts';
import { runCli } from './run-cli.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'report-workbook-'));
const file = (name: string) => join(dir, name);

/** Every sheet of the workbook as LibreOffice shows it (formatted text), by sheet name. */
async function openInLibreOffice(workbook: string, locale: string): Promise<Map<string, string[][]>> {
  const out = file(`csv-${locale}`);
  // CSV filter options: comma, double quote, UTF-8, from line 1, …, cells as shown, every sheet (-1).
  // https://help.libreoffice.org/latest/en-US/text/shared/guide/csv_params.html
  await run(
    'libreoffice',
    [`-env:UserInstallation=file://${file(`profile-${locale}`)}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, workbook],
    { timeout: 120_000 },
  );
  const sheets = new Map<string, string[][]>();
  const prefix = workbook.split('/').pop()!.replace(/\.xlsx$/, '-');
  // A CSV row runs to the sheet's widest row: drop the empty cells at its end.
  const trim = (row: string[]) => row.slice(0, row.findLastIndex((cell) => cell !== '') + 1);
  for (const name of await readdir(out)) sheets.set(name.slice(prefix.length, -'.csv'.length), parseCsv(await readFile(join(out, name), 'utf8')).map(trim));
  return sheets;
}

let report: Report;
beforeAll(async () => {
  const seeded = await runCli(['seed', '--survey', 'ward-office-exit', '--count', '1500', '--seed', '5', '--out', file('exit.jsonl')]);
  expect(seeded.code).toBe(0);
  const json = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('exit.jsonl'), '--locale', 'en']);
  expect(json.code).toBe(0);
  report = JSON.parse(json.stdout) as Report;
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report --format xlsx', () => {
  it('opens in LibreOffice with a table of contents, an overview, a summary of every question and a sheet per cross-tabulated question', async () => {
    const made = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('exit.jsonl'), '--format', 'xlsx', '--locale', 'en', '--out', file('exit-en.xlsx')]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const sheets = await openInLibreOffice(file('exit-en.xlsx'), 'en');
    const names = [...sheets.keys()];
    expect(names).toEqual(expect.arrayContaining(['Contents', 'Overview', 'Summary']));
    const questions = new Set(report.crosstabs!.map((crosstab) => crosstab.question));
    expect(names.filter((name) => /^Q\d{2} /.test(name))).toHaveLength(questions.size);

    const overview = sheets.get('Overview')!;
    expect(overview).toContainEqual(['Responses analysed', '1,500']);

    // Every summarised question's title, numbered, and its counts, as the JSON report has them.
    const summary = sheets.get('Summary')!;
    const rowsOf = (label: string) => summary.findIndex((row) => /^Q\d{2} /.test(row[0] ?? '') && row[0].slice(4) === label);
    for (const question of report.summaries!) {
      expect(rowsOf(question.label), question.question).toBeGreaterThanOrEqual(0);
    }
    const purpose = report.summaries!.find((s) => s.question === 'purpose')!;
    const at = rowsOf(purpose.label);
    const number = summary[at][0].slice(0, 3);
    const first = purpose.items!.find((item) => item.count !== null)!;
    expect(summary.slice(at, at + 14)).toContainEqual([first.label, first.count!.toLocaleString('en-US'), `${(first.share! * 100).toFixed(1)}%`]);

    // The purpose sheet, by ward: a 全体 row, shares shown with their marks, the test line under the table.
    const sheet = sheets.get(names.find((name) => name.startsWith(`${number} `))!)!;
    const crosstab = report.crosstabs!.find((c) => c.by === 'ward' && c.question === 'purpose')!;
    const from = sheet.findIndex((cells) => cells[0] === `Group: ${crosstab.byLabel}`);
    expect(from).toBeGreaterThan(0);
    const table = sheet.slice(from);
    expect(table[1][0]).toBe('All');
    expect(table[1][1]).toBe(crosstab.total.n!.toLocaleString('en-US'));
    const marked = crosstab.groups.flatMap((group) => group.cells.filter((cell) => cell.mark).map((cell) => ({ group, cell })));
    expect(marked.length).toBeGreaterThan(0);
    const { group, cell } = marked[0];
    const row = table.find((cells) => cells[0] === group.label)!;
    expect(row[1]).toBe(group.n === null ? '*' : group.n.toLocaleString('en-US'));
    expect(row[2 + crosstab.values.findIndex((v) => v.value === cell.value)]).toBe(`${(cell.share! * 100).toFixed(1)}% ${cell.mark}`);
    // Every hidden cell of the report is a *, never a number.
    for (const hidden of crosstab.groups.filter((g) => g.cells.some((c) => c.count === null))) {
      const cells = table.find((cells) => cells[0] === hidden.label)!;
      hidden.cells.forEach((c, k) => c.count === null && expect(cells[2 + k], `${hidden.label} ${String(c.value)}`).toBe('*'));
    }
    expect(table.some((cells) => cells[0]?.startsWith('χ² = ') && cells[0].includes('Cramér’s V'))).toBe(true);
  }, 180_000);

  it('writes Japanese labels with --locale ja', async () => {
    const made = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('exit.jsonl'), '--format', 'xlsx', '--locale', 'ja', '--out', file('exit-ja.xlsx')]);
    expect(made.code).toBe(0);
    const sheets = await openInLibreOffice(file('exit-ja.xlsx'), 'ja');
    const names = [...sheets.keys()];
    expect(names).toEqual(expect.arrayContaining(['目次', '調査概要', '単純集計']));
    expect(sheets.get('単純集計')!.some((row) => /^Q\d{2} 本日の主な来庁目的を一つお選びください。$/.test(row[0] ?? ''))).toBe(true);
    expect(names.some((name) => /^Q\d{2} 本日の主な来庁目的を一つお選びください$/.test(name))).toBe(true);
  }, 180_000);

  it('refuses xlsx without --out, and an unknown locale, before reading anything', async () => {
    const noOut = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('missing.jsonl'), '--format', 'xlsx']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--format xlsx needs --out FILE\.xlsx/);
    const badLocale = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('missing.jsonl'), '--locale', 'fr']);
    expect(badLocale.code).toBe(2);
    expect(badLocale.stderr).toMatch(/--locale must be one of ja, en, got "fr"/);
  });
});
