import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { writeExport, type ExportJob } from '../../../server/export/write-export.ts';
import { sheetOutputStream, writeXlsx } from '../../../server/export/write-xlsx.ts';
import { buildExportColumns } from '../../../server/export/build-export-columns.ts';
import { csvField } from '../../../server/export/write-csv.ts';
import { asyncOf, exportDefinition, exportRecord } from './export-fixture.ts';

async function exportToBuffer(job: Omit<ExportJob, 'versions'>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeExport(sink, { versions: [exportDefinition], ...job });
  return Buffer.concat(chunks);
}

const hostile = exportRecord(3, {
  data: { ...exportRecord(3).data, comment: '=HYPERLINK("http://evil.example","x")' },
  meta: { ward: 'kita', locale: 'ja', kioskId: '-kiosk' },
});
const records = [exportRecord(1), exportRecord(2, { channel: 'online', meta: { locale: 'en' }, data: { comment: 'a, "b"\nc' } }), hostile];

describe('CSV export', () => {
  it('is UTF-8 with a BOM, a header row and one CRLF line per record', async () => {
    const csv = await exportToBuffer({ format: 'csv', mode: 'codes', locale: 'ja', records: asyncOf(records) });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe(''); // ends with a line break
    expect(lines[0]).toBe(
      'id,submissionId,surveyVersion,channel,locale,kioskId,ward,startedAt,completedAt,receivedAt,purpose,wants.online,wants.booking,wants.other,wants-Comment,sat.waiting,sat.staff,prio.speed,prio.clarity,overall,online_ok,comment',
    );
    expect(lines[1]).toBe(
      '00000000-0000-4000-8000-000000000001,10000000-0000-4000-8000-000000000001,2,kiosk,ja,chuo-01,chuo,2025-05-01T01:00:01.000Z,2025-05-01T01:05:01.000Z,2025-05-01T01:05:01.500Z,family,0,1,0,,1,2,2,1,4,1,ありがとう',
    );
  });

  it('quotes commas, quotes and line breaks, so a multi-line comment stays one record', async () => {
    const text = (await exportToBuffer({ format: 'csv', mode: 'codes', locale: 'ja', records: asyncOf(records) })).toString('utf8');
    expect(text).toContain(',"a, ""b""\nc"\r\n');
  });

  it('neutralises cells that a spreadsheet would run as a formula', async () => {
    const text = (await exportToBuffer({ format: 'csv', mode: 'codes', locale: 'ja', records: asyncOf([hostile]) })).toString('utf8');
    const row = text.split('\r\n')[1];
    expect(row).toContain(`,'-kiosk,`);
    expect(row.endsWith(`,"'=HYPERLINK(""http://evil.example"",""x"")"`)).toBe(true);
    expect([csvField('+1'), csvField('@SUM(A1)'), csvField('\tcmd'), csvField('\rx'), csvField('-'), csvField(-3), csvField('a=b')]).toEqual([
      "'+1",
      "'@SUM(A1)",
      `"'\tcmd"`, // quoted: a tab is a separator to tab-splitting importers
      `"'\rx"`,
      "'-",
      '-3',
      'a=b',
    ]);
  });

  it('neutralises a formula after a separator another locale splits on, and after a line break (issue 13)', () => {
    // LibreOffice with ";" as separator read `ok;=1+8` as two cells, the second a live formula.
    expect(csvField('ok;=1+8')).toBe(`"ok;'=1+8"`);
    expect(csvField('ok,=1+8')).toBe(`"ok,'=1+8"`);
    expect(csvField('a|@SUM(A1)')).toBe(`"a|'@SUM(A1)"`);
    expect(csvField('a\t+1')).toBe(`"a\t'+1"`);
    expect(csvField('\n=1+8')).toBe(`"'\n'=1+8"`);
    expect(csvField('\r\n  =1+8')).toBe(`"'\r\n  '=1+8"`);
    expect(csvField('first line\n-2')).toBe(`"first line\n'-2"`);
    // Text with a separator but no trigger after it is only quoted, not changed.
    expect(csvField('ok; fine')).toBe('"ok; fine"');
    expect(csvField('a=b;c-d')).toBe('"a=b;c-d"');
  });

  it('strips NUL and other C0 controls and shows bidirectional controls instead of obeying them', () => {
    expect(csvField('a\u0000b\u0007c')).toBe('abc');
    expect(csvField('invoice\u202Efdp.exe')).toBe('invoice<U+202E>fdp.exe');
    expect(csvField('\u2066x\u2069')).toBe('<U+2066>x<U+2069>');
    expect(csvField('\u0000=1+8')).toBe("'=1+8"); // stripping first cannot unmask a formula
  });

  it('writes labels in the chosen language', async () => {
    const text = (await exportToBuffer({ format: 'csv', mode: 'labels', locale: 'en', records: asyncOf([exportRecord(1)]) })).toString('utf8');
    const [header, row] = text.slice(1).split('\r\n');
    expect(header.split(',').slice(3, 7)).toEqual(['Channel', 'Answer language', 'Kiosk ID', 'Ward']);
    expect(row.split(',').slice(3, 7)).toEqual(['Kiosk', 'ja', 'chuo-01', 'Chuo']);
    expect(row).toContain(',Family register,');
  });

  it('writes the codebook as its own CSV', async () => {
    const text = (await exportToBuffer({ format: 'codebook', mode: 'codes', locale: 'ja', records: asyncOf([]) })).toString('utf8');
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('column,header,question,type,code,label,note');
    expect(lines).toContain('purpose,,,,family,戸籍・住民票,');
  });
});

describe('JSONL export', () => {
  it('is exactly the records, one per line, and reads back to equal objects', async () => {
    const jsonl = (await exportToBuffer({ format: 'jsonl', mode: 'codes', locale: 'ja', records: asyncOf(records) })).toString('utf8');
    const lines = jsonl.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toEqual(records);
    expect(jsonl.charCodeAt(0)).toBe('{'.charCodeAt(0)); // no BOM: this is for programs
  });
});

describe('XLSX export', () => {
  it('reads back with exceljs: a responses sheet with header and rows, and a codebook sheet', async () => {
    const xlsx = await exportToBuffer({ format: 'xlsx', mode: 'labels', locale: 'ja', records: asyncOf(records) });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['回答', 'コードブック']);
    const sheet = workbook.getWorksheet('回答')!;
    expect(sheet.rowCount).toBe(4);
    const values = (rowNumber: number) => (sheet.getRow(rowNumber).values as unknown[]).slice(1);
    expect(values(1).slice(0, 4)).toEqual(['回答ID', '送信ID', '調査票の版', '回答経路']);
    const first = values(2);
    expect(first.slice(0, 7)).toEqual(['00000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 2, 'タブレット', 'ja', 'chuo-01', '中央区']);
    expect(first.slice(11, 14)).toEqual([0, 1, 0]); // checkbox options as numbers
    const third = values(4);
    expect(third[5]).toBe("'-kiosk");
    expect(third.at(-1)).toBe(`'=HYPERLINK("http://evil.example","x")`);
    const codebook = workbook.getWorksheet('コードブック')!;
    expect((codebook.getRow(1).values as unknown[]).slice(1)).toEqual(['column', 'header', 'question', 'type', 'code', 'label', 'note']);
  });

  it('writes hostile text as inert, readable cells: no formula, no NUL, no bidi control', async () => {
    const nasty = exportRecord(4, { data: { ...exportRecord(4).data, comment: 'ok;=1+8\u0000\u202Egnp.exe' } });
    const xlsx = await exportToBuffer({ format: 'xlsx', mode: 'codes', locale: 'ja', records: asyncOf([nasty]) });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer); // a NUL would have made the XML invalid
    const row = (workbook.getWorksheet(1)!.getRow(2).values as unknown[]).slice(1);
    expect(row.at(-1)).toBe("ok;'=1+8<U+202E>gnp.exe");
  });

  it('continues on a second sheet past the row limit of a sheet', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const columns = buildExportColumns([exportDefinition], { mode: 'codes', locale: 'en' });
    await writeXlsx(sink, {
      columns,
      headerOf: (c) => c.key,
      records: asyncOf([1, 2, 3, 4, 5].map((i) => exportRecord(i))),
      codebookHeader: ['column'],
      codebook: [],
      sheetNames: { data: 'Responses', codebook: 'Codebook' },
      maxRowsPerSheet: 2,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      ['Responses', 3],
      ['Responses (2)', 3],
      ['Responses (3)', 2],
      ['Codebook', 1],
    ]);
  });

  it('finds the stream exceljs writes sheet XML into (the backpressure hook)', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
    expect(sheetOutputStream(workbook.addWorksheet('x'))).toBeDefined();
  });
});

/** Records made on demand, counting how many were pulled. */
function countingRecords(limit: number) {
  const state = { pulled: 0 };
  async function* generate(): AsyncGenerator<ResponseRecord> {
    for (let i = 0; i < limit; i++) {
      state.pulled += 1;
      yield exportRecord(i, { data: { ...exportRecord(i).data, comment: `comment ${i} `.repeat(20) } });
    }
  }
  return { state, records: generate() };
}

/** A destination that accepts a little and then never reads again, like a stalled download. */
function stalledDestination(): Writable {
  return new Writable({ highWaterMark: 16 * 1024, write: () => {} });
}

describe('backpressure', () => {
  for (const format of ['csv', 'xlsx', 'jsonl'] as const) {
    it(`${format}: stops reading records while the destination does not read, and stops when it goes away`, async () => {
      const { state, records } = countingRecords(1_000_000);
      const destination = stalledDestination();
      const done = writeExport(destination, { versions: [exportDefinition], format, mode: 'codes', locale: 'ja', records });
      done.catch(() => {});
      // Wait until the export stops pulling records (on a busy machine that takes a while), at most 20 s.
      let before = -1;
      for (let waited = 0; waited < 20_000 && state.pulled !== before; waited += 500) {
        before = state.pulled;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(state.pulled, 'still pulling records after 20 s: not waiting for the destination').toBe(before);
      expect(state.pulled).toBeLessThan(20_000); // a bounded amount is buffered, not the million
      destination.destroy();
      await expect(done).rejects.toThrow();
    });
  }
});
