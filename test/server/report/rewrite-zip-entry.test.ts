/**
 * rewriteZipEntries (server/report/rewrite-zip-entry.ts): the edited entry reads back edited, every
 * other entry as it was, and `unzip -t` finds the whole file sound.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteZipEntries } from '../../../server/report/rewrite-zip-entry.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rewrite-zip-entry-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// unzip reads an entry name as a wildcard pattern: [Content_Types].xml needs its brackets escaped.
const read = async (file: string, entry: string) => (await run('unzip', ['-p', file, entry.replace(/[[\]]/g, '\\$&')])).stdout;

describe('rewriteZipEntries', () => {
  it('rewrites the named entries and keeps the rest', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('一').addRow(['札幌', 1]);
    workbook.addWorksheet('二').addRow(['中央区', 2]);
    const before = join(dir, 'before.xlsx');
    const after = join(dir, 'after.xlsx');
    const original = Buffer.from(await workbook.xlsx.writeBuffer());
    await writeFile(before, original);
    await writeFile(after, rewriteZipEntries(original, { 'xl/worksheets/sheet1.xml': (xml) => xml.replace('</sheetData>', '</sheetData><!-- 目次 -->'), 'no/such/entry': () => 'x' }));

    await run('unzip', ['-tq', after]);
    expect(await read(after, 'xl/worksheets/sheet1.xml')).toBe((await read(before, 'xl/worksheets/sheet1.xml')).replace('</sheetData>', '</sheetData><!-- 目次 -->'));
    const { stdout: list } = await run('unzip', ['-Z1', before]);
    for (const entry of list.trim().split('\n').filter((name) => name !== 'xl/worksheets/sheet1.xml')) {
      expect(await read(after, entry), entry).toBe(await read(before, entry));
    }
    expect((await run('unzip', ['-Z1', after])).stdout).toBe(list);
  });

  it('refuses what is not a zip file', () => {
    expect(() => rewriteZipEntries(Buffer.from('not a zip'), {})).toThrow(/not a zip file/);
  });
});
