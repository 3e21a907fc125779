/**
 * `survey-toolkit export` as a child process, on a DATA_DIR seeded through the real SQLite store.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { runCli } from './run-cli.ts';

const SURVEY = 'ward-office-exit';
let dir: string;
let dataDir: string;
let stored: ResponseRecord[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-export-'));
  dataDir = join(dir, 'data');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dataDir);
  const store = await openSqliteResponseStore(join(dataDir, 'responses.sqlite'));
  for (const [index, ward] of ['chuo', 'chuo', 'kita', 'teine'].entries()) {
    const submission = validSubmission(SURVEY, { meta: { ward, locale: 'ja', kioskId: `${ward}-01` } });
    await store.insert({ surveyId: SURVEY, ...submission, data: { ...submission.data, comment: index === 3 ? '@SUM(1)' : `コメント ${index}` } });
  }
  stored = [];
  for await (const record of store.list({ surveyId: SURVEY })) stored.push(record);
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exportCli = (args: string[]) => runCli(['export', '--survey', SURVEY, ...args], { env: { DATA_DIR: dataDir } });

describe('survey-toolkit export', () => {
  it('csv: the responses file (BOM, header, a row per response) and its codebook beside it', async () => {
    const out = join(dir, 'answers.csv');
    const run = await exportCli(['--format', 'csv', '--codes', '--out', out]);
    expect(run).toMatchObject({ code: 0, stdout: `exported 4 responses of ${SURVEY} to ${out} and ${join(dir, 'answers.codebook.csv')}\n` });
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0].startsWith('id,submissionId,surveyVersion,channel,locale,kioskId,ward,')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(stored.map((r) => r.id));
    expect(lines[4].endsWith(",'@SUM(1)")).toBe(true);
    const codebook = (await readFile(join(dir, 'answers.codebook.csv'), 'utf8')).slice(1);
    expect(codebook.startsWith('column,header,question,type,code,label,note\r\n')).toBe(true);
    expect(codebook).toContain('ward,,,,teine,手稲区,');
  });

  it('jsonl: exactly the stored records, one per line', async () => {
    const out = join(dir, 'answers.jsonl');
    expect((await exportCli(['--format', 'jsonl', '--out', out])).code).toBe(0);
    const lines = (await readFile(out, 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((line) => JSON.parse(line))).toEqual(stored);
    // …which is what `survey-toolkit report --input` reads.
    const report = await runCli(['report', '--survey', SURVEY, '--input', out, '--format', 'json'], { env: { DATA_DIR: dataDir } });
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ survey: { id: SURVEY }, responses: stored.length });
  });

  it('xlsx in English with a ward filter', async () => {
    const out = join(dir, 'answers.xlsx');
    const run = await exportCli(['--format', 'xlsx', '--locale', 'en', '--labels', '--segment', 'ward=chuo', '--out', out]);
    expect(run.stdout).toBe(`exported 2 responses of ${SURVEY} to ${out}\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Responses', 'Codebook']);
    const sheet = workbook.getWorksheet('Responses')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(7).value).toBe('Chuo');
  });

  it('refuses bad requests with a clear message and leaves no file behind', async () => {
    const out = join(dir, 'never.csv');
    const cases: Array<[string[], Record<string, string>, number, string]> = [
      [['--format', 'pdf', '--out', out], {}, 2, '--format must be csv, xlsx or jsonl; got "pdf"'],
      [['--format', 'csv'], {}, 2, '--out is required'],
      [['--format', 'csv', '--locale', 'fr', '--out', out], {}, 2, '--locale must be one of ja, en; got "fr"'],
      [['--format', 'csv', '--segment', 'nickname=x', '--out', out], {}, 2, 'unknown filter "nickname"'],
      [['--format', 'csv', '--out', join(dir, 'missing-folder', 'x.csv')], {}, 1, 'the folder of --out does not exist'],
      [['--format', 'csv', '--out', out], { DATA_DIR: join(dir, 'empty') }, 1, 'no responses stored yet'],
    ];
    for (const [args, env, code, message] of cases) {
      const run = await runCli(['export', '--survey', SURVEY, ...args], { env: { DATA_DIR: dataDir, ...env } });
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr).toContain(message);
    }
    const other = await runCli(['export', '--survey', 'nope', '--format', 'csv', '--out', out], { env: { DATA_DIR: dataDir } });
    expect(other.stderr).toContain('unknown survey "nope"');
    expect(existsSync(out)).toBe(false);
    expect((await readdir(dir)).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});

describe('survey-toolkit export and personal data', () => {
  const comment = '連絡は０９０－１２３４－５６７８、メール hanako@example.jp まで（2026年4月1日来庁）';
  let piiDir: string;
  beforeAll(async () => {
    piiDir = join(dir, 'pii-data');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(piiDir);
    const store = await openSqliteResponseStore(join(piiDir, 'responses.sqlite'));
    const submission = validSubmission(SURVEY);
    await store.insert({ surveyId: SURVEY, ...submission, data: { ...submission.data, comment } });
    await store.close();
  });
  const run = (args: string[]) => runCli(['export', '--survey', SURVEY, '--format', 'jsonl', ...args], { env: { DATA_DIR: piiDir } });
  const exported = async (out: string) => (JSON.parse((await readFile(out, 'utf8')).trim()) as ResponseRecord).data.comment;

  it('masks free text by default and records nothing', async () => {
    const out = join(dir, 'masked.jsonl');
    expect((await run(['--out', out])).code).toBe(0);
    expect(await exported(out)).toBe('連絡は［電話番号］、メール ［メールアドレス］ まで（2026年4月1日来庁）');
    expect(existsSync(join(piiDir, 'audit.jsonl'))).toBe(false);
  });

  it('--include-personal-data writes the original and appends an audit entry naming the OS user', async () => {
    const out = join(dir, 'original.jsonl');
    expect((await run(['--include-personal-data', '--channel', 'kiosk', '--out', out])).code).toBe(0);
    expect(await exported(out)).toBe(comment);
    const entries = (await readFile(join(piiDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(entries).toEqual([
      { action: 'export-personal-data', at: expect.any(String), who: `cli:${(await import('node:os')).userInfo().username}`, via: 'cli', surveyId: SURVEY, format: 'jsonl', filter: { channel: 'kiosk' } },
    ]);
  });
});

describe('survey-toolkit export of dynamic questions (issue 21)', () => {
  let typesDir: string;
  let definitionsDir: string;
  let id: string;
  beforeAll(async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    typesDir = join(dir, 'types-data');
    definitionsDir = join(dir, 'types-defs');
    await mkdir(typesDir);
    await mkdir(definitionsDir);
    await writeFile(join(definitionsDir, 'surveyjs-types.json'), await readFile(join(import.meta.dirname, '..', 'fixtures', 'definitions', 'surveyjs-types.json')));
    const store = await openSqliteResponseStore(join(typesDir, 'responses.sqlite'));
    const submission = validSubmission('ward-office-exit');
    const data = { visitDate: '2026-05-01', children: [{ age: '0-5' }], household: [{ relation: 'self', birthYear: 1980 }, { relation: 'parent', care: '電話 090-1234-5678' }] };
    id = (await store.insert({ ...submission, surveyId: 'surveyjs-types', channel: 'online', meta: { locale: 'en' }, data })).id;
    await store.close();
  });
  const run = (args: string[]) => runCli(['export', '--survey', 'surveyjs-types', '--codes', ...args], { env: { DATA_DIR: typesDir, DEFINITIONS_DIR: definitionsDir } });

  it('--table household: one CSV row per panel, keyed by the response id, free text masked', async () => {
    const out = join(dir, 'household.csv');
    const result = await run(['--format', 'csv', '--table', 'household', '--out', out]);
    expect(result, result.stderr).toMatchObject({ code: 0, stdout: `exported the household table of 1 responses of surveyjs-types to ${out}\n` });
    const lines = (await readFile(out, 'utf8')).slice(1).split('\r\n').filter(Boolean);
    expect(lines).toEqual(['responseId,panel,relation,birthYear,care', `${id},1,self,1980,`, `${id},2,parent,,電話 [phone]`]);
  });

  it('xlsx: the responses with wide matrix columns, and a sheet for the panels', async () => {
    const out = join(dir, 'types.xlsx');
    expect((await run(['--format', 'xlsx', '--out', out])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Responses', 'household', 'Codebook']);
    expect(workbook.getWorksheet('Responses')!.getRow(1).values).toContain('children[3].note');
    expect(workbook.getWorksheet('household')!.rowCount).toBe(3);
  });

  it('refuses --table for another format or an unknown table, naming the long tables', async () => {
    const out = join(dir, 'never-table.csv');
    const unknown = await run(['--format', 'csv', '--table', 'children', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--table: table "children" is not a long table of this survey; its long tables are "household"');
    const xlsx = await run(['--format', 'xlsx', '--table', 'household', '--out', out]);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('--table is for --format csv');
    expect(existsSync(out)).toBe(false);
  });
});
