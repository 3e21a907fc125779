/**
 * Issue 21, exports of dynamic questions, through the real server: responses posted over HTTP to the
 * surveyjs-types fixture (a matrixdynamic `children` with maxRowCount 3, a paneldynamic `household`) and to a
 * matrixdynamic with survey-core's default maxRowCount (1000) come back as wide columns, long tables
 * (`?table=`), a codebook describing both, and an XLSX with a sheet per long table opened by real LibreOffice.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../e2e/support/parse-csv.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'dynamic-export-'));
const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'definitions', 'surveyjs-types.json');
const PHONE = '090-1234-5678';

/** No maxRowCount: survey-core's default, 1000 rows. */
const manyRows = {
  id: 'many-rows',
  version: 1,
  audience: 'citizen',
  locale: 'en',
  pages: [{ name: 'p', elements: [{ type: 'matrixdynamic', name: 'visits', title: 'Visits', rowCount: 0, columns: [{ name: 'office', title: 'Office', cellType: 'dropdown', choices: [{ value: 'chuo', text: 'Chuo' }, { value: 'kita', text: 'Kita' }] }, { name: 'why', cellType: 'text' }] }] }],
};

let app: SecureApp;
const ids: Record<string, string> = {};

async function post(surveyId: string, data: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${app.url}/api/surveys/${surveyId}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ submissionId: crypto.randomUUID(), surveyVersion: 1, channel: 'online', meta: { locale: 'en' }, startedAt: '2025-06-02T09:00:00+09:00', completedAt: '2025-06-02T09:04:30+09:00', data }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

beforeAll(async () => {
  const definitions = join(dir, 'defs');
  await mkdir(definitions);
  await writeFile(join(definitions, 'surveyjs-types.json'), await readFile(FIXTURE));
  await writeFile(join(definitions, 'many-rows.json'), JSON.stringify(manyRows));
  app = await startSecureApp({ definitionsDir: definitions });
  ids.full = await post('surveyjs-types', {
    visitDate: '2026-05-01',
    address: { zip: '060-0001' },
    children: [{ age: '0-5', school: true, note: 'first' }, { age: '6-11' }],
    household: [
      { relation: 'self', birthYear: 1980 },
      { relation: 'parent', birthYear: 1950, care: `call ${PHONE} please` },
    ],
  });
  ids.bare = await post('surveyjs-types', { visitDate: '2026-05-02', address: { zip: '060-0002' } });
  ids.many = await post('many-rows', { visits: Array.from({ length: 12 }, (_, k) => ({ office: k % 2 ? 'kita' : 'chuo', why: `visit ${k + 1}` })) });
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

function get(surveyId: string, query: string) {
  return fetch(`${app.url}/api/surveys/${surveyId}/responses?${query}`, { headers: bearer(app.tokens.analyst) });
}

/** The CSV as rows of cells keyed by header. */
async function csv(surveyId: string, query: string): Promise<{ header: string[]; rows: Array<Record<string, string>> }> {
  const response = await get(surveyId, query);
  expect(response.status, await response.clone().text()).toBe(200);
  const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, '')).filter((row) => row.length > 1);
  return { header, rows: rows.map((row) => Object.fromEntries(header.map((name, k) => [name, row[k]]))) };
}

describe('matrixdynamic: wide columns', () => {
  it('children[1].age … children[3].note, maxRowCount 3, with the row count before them; no JSON cell', async () => {
    const { header, rows } = await csv('surveyjs-types', 'format=csv&codes');
    const children = header.filter((name) => name.startsWith('children'));
    expect(children).toEqual(['children', ...[1, 2, 3].flatMap((row) => ['age', 'school', 'note'].map((column) => `children[${row}].${column}`))]);
    const full = rows.find((row) => row.id === ids.full)!;
    expect([full.children, full['children[1].age'], full['children[1].school'], full['children[1].note'], full['children[2].age'], full['children[3].age']]).toEqual(['2', '0-5', 'true', 'first', '6-11', '']);
    expect(full.household).toBe('2');
    const bare = rows.find((row) => row.id === ids.bare)!;
    expect([bare.children, bare.household]).toEqual(['', '']);
    expect(Object.values(full).some((cell) => cell.startsWith('[{'))).toBe(false);
  });

  it('labels mode: "title: 1: column title" headers and choice labels in the cells', async () => {
    const { header, rows } = await csv('many-rows', 'format=csv&locale=en');
    expect(header).toContain('Visits: 1: Office');
    expect(rows[0]['Visits: 2: Office']).toBe('Kita');
  });

  it('beyond the limit of 10 rows: wide columns for rows 1–10 only, every row in the long table', async () => {
    const { header } = await csv('many-rows', 'format=csv&codes');
    expect(header.filter((name) => name.startsWith('visits[')).at(-1)).toBe('visits[10].why');
    const table = await csv('many-rows', 'format=csv&codes&table=visits');
    expect(table.header).toEqual(['responseId', 'row', 'office', 'why']);
    expect(table.rows.map((row) => [row.responseId, row.row, row.why])).toEqual(Array.from({ length: 12 }, (_, k) => [ids.many, String(k + 1), `visit ${k + 1}`]));
    const labelled = await csv('many-rows', 'format=csv&locale=en&table=visits');
    expect(labelled.header).toEqual(['Response ID', 'Row', 'Office', 'why']);
    expect(labelled.rows[1].Office).toBe('Kita');
  });

  it('the codebook says the wide columns stop at row 10 and where every row is', async () => {
    const rows = parseCsv((await (await get('many-rows', 'format=codebook&locale=en')).text()).replace(/^\uFEFF/, ''));
    expect(rows.find((row) => row[0] === 'visits')![6]).toBe('number of rows; the first 10 in the columns that follow, every row in table "visits"');
    expect(rows.filter((row) => row[0] === 'visits' && row[3] === 'matrixdynamic')).toHaveLength(2); // the count column, then the table
    expect(rows.filter((row) => row[0] === 'visits/office').map((row) => [row[4], row[5]])).toEqual([
      ['', ''],
      ['chuo', 'Chuo'],
      ['kita', 'Kita'],
    ]);
  });
});

describe('paneldynamic: a long table, one row per panel', () => {
  it('?table=household: responseId, panel, then the template questions; the phone number in a panel text masked', async () => {
    const response = await get('surveyjs-types', 'format=csv&codes&table=household');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="surveyjs-types-household.csv"');
    const { header, rows } = await csv('surveyjs-types', 'format=csv&codes&table=household');
    expect(header).toEqual(['responseId', 'panel', 'relation', 'birthYear', 'care']);
    expect(rows.map((row) => [row.responseId, row.panel, row.relation, row.birthYear])).toEqual([
      [ids.full, '1', 'self', '1980'],
      [ids.full, '2', 'parent', '1950'],
    ]);
    expect(rows[1].care).not.toContain(PHONE);
    expect(rows[1].care).toMatch(/^call .+ please$/);
  });

  it('an unknown table, or a table with another format, is a 400 naming the long tables', async () => {
    const unknown = await get('surveyjs-types', 'table=nope');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toBe('table "nope" is not a long table of this survey; its long tables are "household"');
    const xlsx = await get('surveyjs-types', 'format=xlsx&table=household');
    expect(xlsx.status).toBe(400);
  });

  it('the codebook describes the wide columns and each long table with its columns', async () => {
    const rows = parseCsv((await (await get('surveyjs-types', 'format=codebook&locale=en')).text()).replace(/^\uFEFF/, ''));
    const byKey = (key: string) => rows.find((row) => row[0] === key)!;
    expect(byKey('children')[6]).toBe('number of rows (each row in the columns that follow)');
    expect(byKey('children[2].age').slice(0, 4)).toEqual(['children[2].age', 'children: 2: age', 'children', 'matrixdynamic']);
    expect(byKey('household')[6]).toBe('number of panels; each panel is one row of table "household"');
    const table = rows.filter((row) => row[0] === 'household' && row[3] === 'paneldynamic');
    expect(table.at(-1)![6]).toContain('one row per panel or matrix row, joined to the main table by responseId');
    expect(rows.filter((row) => row[0] === 'household/relation' && row[4] !== '').map((row) => row[4])).toEqual(['self', 'spouse', 'child', 'parent']);
  });
});

/** Every sheet of the workbook as LibreOffice shows it, by sheet name (as in xlsx-xml-safe-text.test.ts). */
async function openInLibreOffice(workbook: string): Promise<Map<string, string[][]>> {
  const name = workbook.split('/').pop()!.replace(/\.xlsx$/, '');
  const out = join(dir, `csv-${name}`);
  await run(
    'libreoffice',
    [`-env:UserInstallation=file://${join(dir, `profile-${name}`)}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, workbook],
    { timeout: 120_000 },
  );
  const sheets = new Map<string, string[][]>();
  for (const file of await readdir(out).catch(() => [] as string[])) sheets.set(file.slice(name.length + 1, -'.csv'.length), parseCsv(await readFile(join(out, file), 'utf8')));
  return sheets;
}

describe('XLSX: a sheet per long table, opened by LibreOffice', () => {
  it('Responses with the wide columns, a household sheet with a row per panel (masked), then the codebook', async () => {
    const response = await get('surveyjs-types', 'format=xlsx&codes&locale=en');
    expect(response.status).toBe(200);
    const file = join(dir, 'types.xlsx');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const sheets = await openInLibreOffice(file);
    expect([...sheets.keys()].sort()).toEqual(['Codebook', 'Responses', 'household']);
    const data = sheets.get('Responses')!;
    expect(data[0]).toContain('children[3].note');
    expect(data).toHaveLength(3);
    const household = sheets.get('household')!.filter((row) => row.length > 1);
    expect(household[0]).toEqual(['responseId', 'panel', 'relation', 'birthYear', 'care']);
    expect(household.slice(1).map((row) => row.slice(0, 4))).toEqual([
      [ids.full, '1', 'self', '1980'],
      [ids.full, '2', 'parent', '1950'],
    ]);
    expect(household[2][4]).not.toContain(PHONE);
  }, 180_000);
});
