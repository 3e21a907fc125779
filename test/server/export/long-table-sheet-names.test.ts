/**
 * Issue 21: a long table's XLSX sheet is named after its dynamic question, and a definition may name a question
 * with characters Excel refuses in a sheet name (`/ ? * [ ] :`), characters XML 1.0 forbids, more than 31
 * characters, or a name that clashes with another sheet. The workbook must still open in real LibreOffice with
 * every sheet there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { sheetNames } from '../../../server/export/sheet-name.ts';
import { writeExport } from '../../../server/export/write-export.ts';
import { parseCsv } from '../../e2e/support/parse-csv.ts';
import { asyncOf, exportRecord } from './export-fixture.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'long-sheet-names-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('sheetNames', () => {
  it('makes names valid for Excel and unique without regard to case, within 31 characters', () => {
    expect(sheetNames(['Responses', 'Codebook', 'a/b:c[d]*?\\e', "'quoted'", 'x\uFFFF\u0001y', '', 'responses', 'Responses'])).toEqual([
      'Responses',
      'Codebook',
      'a_b_c_d____e',
      'quoted',
      'xy',
      'sheet',
      'responses (2)',
      'Responses (3)',
    ]);
    const long = 'household_members_and_their_relations';
    const [first, second] = sheetNames([long, long]);
    expect(first).toBe(long.slice(0, 31));
    expect(second).toBe(`${long.slice(0, 27)} (2)`);
    expect(sheetNames(['😀'.repeat(20)])[0]).toBe('😀'.repeat(15)); // 30 UTF-16 units, no pair cut in two
  });
});

describe('an XLSX whose dynamic questions have hostile names opens in LibreOffice', () => {
  it('every long table is a sheet, with its panels', async () => {
    const hostile = 'Responses';
    const odd = 'family/members:[2026]?\uFFFF and more than thirty-one characters';
    const definition = definitionFromJson({
      id: 'odd-names',
      version: 1,
      audience: 'citizen',
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'paneldynamic', name: hostile, templateElements: [{ type: 'text', name: 'who' }] },
            { type: 'paneldynamic', name: odd, templateElements: [{ type: 'text', name: 'who' }] },
          ],
        },
      ],
    } as never);
    const records = [1, 2].map((k) =>
      exportRecord(k, { surveyId: 'odd-names', surveyVersion: 1, meta: { locale: 'en' }, data: { [hostile]: [{ who: `a${k}` }], [odd]: [{ who: `b${k}` }, { who: `c${k}` }] } }),
    );
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeExport(sink, { format: 'xlsx', mode: 'codes', locale: 'en', versions: [definition], records: asyncOf(records) });
    const file = join(dir, 'odd.xlsx');
    await writeFile(file, Buffer.concat(chunks));

    const out = join(dir, 'csv');
    await run(
      'libreoffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, file],
      { timeout: 120_000 },
    );
    const sheets = new Map<string, string[][]>();
    for (const name of await readdir(out).catch(() => [] as string[])) sheets.set(name.slice('odd-'.length, -'.csv'.length), parseCsv(await readFile(join(out, name), 'utf8')).filter((row) => row.length > 1));
    expect([...sheets.keys()].sort()).toEqual(['Codebook', 'Responses', 'Responses (2)', 'family_members__2026__ and more']);
    expect(sheets.get('Responses (2)')!.slice(1).map((row) => row.slice(1))).toEqual([['1', 'a1'], ['1', 'a2']]);
    expect(sheets.get('family_members__2026__ and more')!.slice(1).map((row) => row.slice(1))).toEqual([['1', 'b1'], ['2', 'c1'], ['1', 'b2'], ['2', 'c2']]);
    expect(sheets.get('Responses')!).toHaveLength(3);
  }, 180_000);
});
