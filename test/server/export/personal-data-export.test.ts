/**
 * Personal data in free text through the real server (loopback, real SQLite):
 * masked in default exports, the dashboard's comments and the report; the
 * original only for an admin who asks, and every such export on record in
 * DATA_DIR/audit.jsonl. The store keeps what residents wrote.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const SURVEY = 'ward-office-exit';
let app: SecureApp;

const ORIGINALS = [
  '折り返しは０９０－１２３４－５６７８までお願いします。',
  'taro.sapporo@example.jp に結果を送ってください',
  'マイナンバーは1234 5678 9012です',
  '〒060-8611 の住所に郵送希望、自宅 011(222)3333',
  '2026年4月1日に来庁、手数料は1,500円でした。',
  '10:30に着いて3回呼ばれました',
];
const MASKED = [
  '折り返しは［電話番号］までお願いします。',
  '［メールアドレス］ に結果を送ってください',
  'マイナンバーは［マイナンバー］です',
  '［郵便番号］ の住所に郵送希望、自宅 ［電話番号］',
  '2026年4月1日に来庁、手数料は1,500円でした。',
  '10:30に着いて3回呼ばれました',
];

beforeAll(async () => {
  app = await startSecureApp();
  for (const comment of ORIGINALS) {
    const base = validSubmission(SURVEY);
    const response = await fetch(`${app.url}/api/surveys/${SURVEY}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...base, data: { ...base.data, comment } }),
    });
    expect(response.status).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
});

function get(path: string, token: string) {
  return fetch(`${app.url}/api/surveys/${SURVEY}/${path}`, { headers: bearer(token) });
}

async function jsonlComments(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  const records = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as ResponseRecord);
  return records.map((record) => record.data.comment as string);
}

const auditLog = async () =>
  (await readFile(join(app.dir, 'audit.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('exports', () => {
  it('JSONL, CSV and XLSX mask free text by default, and leave dates, amounts and times alone', async () => {
    expect(await jsonlComments(await get('responses?format=jsonl', app.tokens.analyst))).toEqual(MASKED);

    const csv = await (await get('responses?format=csv', app.tokens.analyst)).text();
    for (const text of MASKED) expect(csv).toContain(text);
    expect(csv).not.toContain('5678');
    expect(csv).not.toContain('example.jp');

    const xlsx = await get('responses?format=xlsx', app.tokens.analyst);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    for (const text of MASKED) expect(cells).toContain(text);
    expect(cells.join('\n')).not.toContain('1234 5678 9012');
  });

  it('English exports get English placeholders', async () => {
    const comments = await jsonlComments(await get('responses?format=jsonl&locale=en', app.tokens.analyst));
    expect(comments[0]).toBe('折り返しは[phone]までお願いします。');
  });

  it('refuses the original to an analyst (403) and an unknown value (400), recording nothing', async () => {
    const analyst = await get('responses?format=jsonl&personalData=include', app.tokens.analyst);
    expect(analyst.status).toBe(403);
    expect((await analyst.json()).error.message).toBe('personalData=include needs the admin role; you are analyst');
    const unknown = await get('responses?format=jsonl&personalData=yes', app.tokens.admin);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe('invalid_personal_data');
    expect(await auditLog()).toEqual([]);
  });

  it('gives an admin the original with personalData=include, and records who, when, which survey and format', async () => {
    const before = Date.now();
    expect(await jsonlComments(await get('responses?format=jsonl&personalData=include&channel=kiosk', app.tokens.admin))).toEqual(ORIGINALS);
    const entries = await auditLog();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'export-personal-data', who: 'admin-automation', via: 'token', surveyId: SURVEY, format: 'jsonl', filter: { channel: 'kiosk' } });
    expect(Date.parse(entries[0].at)).toBeGreaterThanOrEqual(before - 1000);

    const csv = await (await get('responses?format=csv&personalData=include', app.tokens.admin)).text();
    expect(csv).toContain('０９０－１２３４－５６７８');
    expect((await auditLog()).map((entry) => entry.format)).toEqual(['jsonl', 'csv']);
  });

  it('leaves the stored responses as written', async () => {
    await get('responses?format=jsonl', app.tokens.analyst).then((response) => response.text());
    const stored: string[] = [];
    for await (const record of app.store.list({ surveyId: SURVEY })) stored.push(record.data.comment as string);
    expect(stored).toEqual(ORIGINALS);
  });
});

describe('what analysts read', () => {
  it('the dashboard comments are masked', async () => {
    const response = await get('comments?limit=20', app.tokens.analyst);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.comments.map((c: { text: string }) => c.text)).toEqual([...MASKED].reverse());
  });

  it("the report's comment samples are masked", async () => {
    const response = await get('report?format=json', app.tokens.analyst);
    expect(response.status).toBe(200);
    const report = await response.json();
    const samples = report.comments.find((c: { question: string }) => c.question === 'comment').sample;
    expect([...samples].sort()).toEqual([...MASKED].sort());
  });

  it('the HTML report shows the masked samples too', async () => {
    const response = await get('report?format=html', app.tokens.analyst);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('折り返しは［電話番号］までお願いします。');
    expect(html).not.toContain('０９０－１２３４－５６７８');
    expect(html).not.toContain('taro.sapporo@example.jp');
  });
});
