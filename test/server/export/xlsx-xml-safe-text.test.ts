/**
 * Issue 20, finding 2: one character XML 1.0 forbids (U+FFFF, U+FFFE, a lone surrogate, a C0
 * control) in one free-text answer made the whole XLSX export, and the 集計表 workbook, a file
 * that LibreOffice and Excel refuse. Each workbook is opened by a real LibreOffice (Debian's
 * libreoffice-calc-nogui, installed by .ci/run) and read back as CSV: every row must be there,
 * with the rest of the text intact.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { writeExport } from '../../../server/export/write-export.ts';
import { xmlSafeText } from '../../../server/export/xml-safe-text.ts';
import { writeReportWorkbook } from '../../../server/report/write-report-workbook.ts';
import { parseCsv } from '../../e2e/support/parse-csv.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp } from '../auth/start-secure-app.ts';
import { asyncOf, exportDefinition, exportRecord } from './export-fixture.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'xlsx-xml-safe-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every sheet of the workbook as LibreOffice shows it, by sheet name. */
async function openInLibreOffice(workbook: string): Promise<Map<string, string[][]>> {
  const name = workbook.split('/').pop()!.replace(/\.xlsx$/, '');
  const out = join(dir, `csv-${name}`);
  // Comma, double quote, UTF-8, from line 1, cells as shown, every sheet (-1):
  // https://help.libreoffice.org/latest/en-US/text/shared/guide/csv_params.html
  await run(
    'libreoffice',
    [`-env:UserInstallation=file://${join(dir, `profile-${name}`)}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, workbook],
    { timeout: 120_000 },
  );
  const sheets = new Map<string, string[][]>();
  const files = await readdir(out).catch(() => [] as string[]);
  for (const file of files) sheets.set(file.slice(name.length + 1, -'.csv'.length), parseCsv(await readFile(join(out, file), 'utf8')));
  return sheets;
}

/** Forbidden characters around text that must come through unchanged, an emoji (a valid surrogate pair) among it. */
const HOSTILE = 'before\uFFFF\uFFFEmiddle\uD800 lone\uDC00 low\u0001 control\u0008 😀 𠮷 end';
const CLEANED = 'beforemiddle lone low control 😀 𠮷 end';

describe('xmlSafeText', () => {
  it('removes exactly what XML 1.0 forbids and keeps tab, line breaks, emoji and every other character', () => {
    expect(xmlSafeText(HOSTILE)).toBe(CLEANED);
    expect(xmlSafeText('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
    expect(xmlSafeText('\uD83D\uDE00')).toBe('😀'); // a pair stays
    expect(xmlSafeText('\uDE00\uD83D')).toBe(''); // the same halves in the wrong order are two lone surrogates
    expect(xmlSafeText('\uFFFD\uE000\uD7FF')).toBe('\uFFFD\uE000\uD7FF'); // the edges of the allowed ranges
    expect(xmlSafeText('\u0000')).toBe('');
  });
});

describe('workbooks with characters XML 1.0 forbids open in LibreOffice', () => {
  it('the XLSX export: every response row is there, the comment without only the forbidden characters', async () => {
    const records = Array.from({ length: 12 }, (_, k) => exportRecord(k + 1, k % 3 === 0 ? { data: { ...exportRecord(k + 1).data, comment: HOSTILE } } : {}));
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeExport(sink, { format: 'xlsx', mode: 'labels', locale: 'en', versions: [exportDefinition], records: asyncOf(records) });
    const file = join(dir, 'export.xlsx');
    await writeFile(file, Buffer.concat(chunks));

    const sheets = await openInLibreOffice(file);
    const data = sheets.get('Responses');
    expect(data, `LibreOffice read no Responses sheet, only: ${[...sheets.keys()].join(', ')}`).toBeDefined();
    expect(data!).toHaveLength(1 + records.length);
    const comment = data![0].indexOf('Comments');
    expect(comment).toBeGreaterThan(0);
    expect(data!.slice(1).map((row) => row[comment])).toEqual(records.map((_, k) => (k % 3 === 0 ? CLEANED : 'ありがとう')));
    expect(data!.slice(1).map((row) => row[0])).toEqual(records.map((record) => record.id));
    expect(sheets.get('Codebook')!.length).toBeGreaterThan(1);
  }, 180_000);

  it('GET …/responses?format=xlsx of responses submitted through the API with such a comment', async () => {
    const app = await startSecureApp();
    try {
      const comments = ['first', HOSTILE, 'third', `\uFFFF${HOSTILE}\u0001`, 'fifth'];
      for (const comment of comments) {
        const base = validSubmission('ward-office-exit');
        const posted = await fetch(`${app.url}/api/surveys/ward-office-exit/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...base, data: { ...base.data, comment } }),
        });
        expect(posted.status).toBe(201);
      }
      const exported = await fetch(`${app.url}/api/surveys/ward-office-exit/responses?format=xlsx&codes&locale=en`, { headers: bearer(app.tokens.analyst) });
      expect(exported.status).toBe(200);
      const file = join(dir, 'api-export.xlsx');
      await writeFile(file, Buffer.from(await exported.arrayBuffer()));
      const data = (await openInLibreOffice(file)).get('Responses');
      expect(data).toBeDefined();
      expect(data!).toHaveLength(1 + comments.length);
      const comment = data![0].indexOf('comment');
      expect(data!.slice(1).map((row) => row[comment])).toEqual(['first', CLEANED, 'third', CLEANED, 'fifth']);
    } finally {
      await app.close();
    }
  }, 180_000);

  it('the 集計表 workbook: labels, the sheet name from a breakdown label and the title keep their text', async () => {
    const report = {
      survey: { id: 'export-demo', versions: [2], title: { en: `Title ${HOSTILE}` } },
      responses: 40,
      minGroupSize: 5,
      seed: 1,
      weighting: null,
      needs: [],
      ipa: [],
      gaps: { cohort: null, questions: [] },
      comments: [],
      suppressed: [],
      summaries: [
        {
          question: 'purpose',
          label: `Purpose ${HOSTILE}`,
          type: 'radiogroup',
          answered: 40,
          noAnswer: 0,
          ordered: false,
          items: [
            { value: 'a', label: `Answer ${HOSTILE}`, count: 30, share: 0.75 },
            { value: 'b', label: 'Other answer', count: 10, share: 0.25 },
          ],
        },
      ],
      breakdowns: [{ by: 'ward', label: 'Ward\uFFFF\uD800', source: 'meta', groups: [{ value: 'chuo', label: `Chuo ${HOSTILE}` }] }],
      crosstabs: [
        {
          question: 'purpose',
          label: `Purpose ${HOSTILE}`,
          by: 'ward',
          byLabel: 'Ward\uFFFF\uD800',
          kind: 'single',
          values: [
            { value: 'a', label: `Answer ${HOSTILE}` },
            { value: 'b', label: 'Other answer' },
          ],
          groups: [{ value: 'chuo', label: `Chuo ${HOSTILE}`, n: 40, cells: [
            { value: 'a', count: 30, share: 0.75, residual: null, mark: '' },
            { value: 'b', count: 10, share: 0.25, residual: null, mark: '' },
          ] }],
          total: { n: 40, cells: [
            { value: 'a', count: 30, share: 0.75, residual: null, mark: '' },
            { value: 'b', count: 10, share: 0.25, residual: null, mark: '' },
          ] },
          test: null,
        },
      ],
    } as unknown as Report;
    const file = join(dir, 'report.xlsx');
    await writeFile(file, await writeReportWorkbook(report, 'en'));

    const sheets = await openInLibreOffice(file);
    const names = [...sheets.keys()];
    // One sheet per question, named from its (cleaned, shortened) label: Q01 …
    const question = names.find((name) => name.startsWith('Q01 '))!;
    expect(question).toMatch(/^Q01 Purpose /);
    expect(names.filter((name) => name !== question).sort()).toEqual(['Contents', 'Overview', 'Summary']);
    expect(sheets.get('Overview')![0][0]).toBe(`Title ${CLEANED}`);
    const summary = sheets.get('Summary')!;
    expect(summary.some((row) => row[0] === `Q01 Purpose ${CLEANED}`)).toBe(true);
    expect(summary.some((row) => row[0] === `Answer ${CLEANED}` && row[1] === '30')).toBe(true);
    const ward = sheets.get(question)!;
    expect(ward.some((row) => row[0] === `Chuo ${CLEANED}` && row[1] === '40')).toBe(true);
  }, 180_000);
});
