/**
 * GET /api/surveys/:id/responses through the real server: responses submitted
 * through the collection API come back out as CSV, XLSX, JSONL and a codebook.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { enrollKiosk } from '../enrollment/enroll-kiosk.ts';

const SURVEY = 'ward-office-exit';
let app: SecureApp;

/** 7 from Chuo (3 choosing online procedures), 5 from Kita, one with a formula-looking comment. */
const plan = [
  ...Array.from({ length: 7 }, (_, i) => ({ ward: 'chuo', improvements: i < 3 ? ['online_procedures', 'call_system'] : ['call_system'], comment: `中央 ${i}` })),
  ...Array.from({ length: 5 }, (_, i) => ({ ward: 'kita', improvements: ['counter_reservation'], comment: i === 0 ? '=HYPERLINK("http://evil.example")' : `北 ${i}` })),
];

beforeAll(async () => {
  app = await startSecureApp();
  // Only an enrolled kiosk's responses carry a kiosk id and ward (issue 20): one tablet per ward.
  const credentials = { chuo: (await enrollKiosk(app, 'chuo-01', 'chuo')).credential, kita: (await enrollKiosk(app, 'kita-01', 'kita')).credential };
  for (const { ward, improvements, comment } of plan) {
    const base = validSubmission(SURVEY);
    const submission = { ...base, meta: { ward, locale: 'ja', kioskId: `${ward}-01` }, data: { ...base.data, improvements, comment } };
    const response = await fetch(`${app.url}/api/surveys/${SURVEY}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-credential': credentials[ward as keyof typeof credentials] },
      body: JSON.stringify(submission),
    });
    expect(response.status).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
});

function get(query: string) {
  return fetch(`${app.url}/api/surveys/${SURVEY}/responses?${query}`, { headers: bearer(app.tokens.analyst) });
}

async function csvRows(query: string): Promise<{ bom: boolean; header: string[]; rows: string[][] }> {
  const response = await get(query);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  // No quoted field in these responses spans lines, so splitting on CRLF is enough here.
  const lines = text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  return { bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

describe('GET /api/surveys/:id/responses', () => {
  it('CSV (default, Japanese labels): BOM, header, one row per response, attachment headers', async () => {
    const response = await get('');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ward-office-exit-responses.csv"');
    const { bom, header, rows } = await csvRows('format=csv');
    expect(bom).toBe(true);
    expect(header.slice(0, 7)).toEqual(['回答ID', '送信ID', '調査票の版', '回答経路', '回答言語', '端末ID', '回答した区役所']);
    expect(rows).toHaveLength(12);
    expect(rows.filter((row) => row[6] === '中央区')).toHaveLength(7);
  });

  it('codes: one 0/1 column per checkbox option, counting what was chosen', async () => {
    const { header, rows } = await csvRows('format=csv&codes');
    const online = header.indexOf('improvements.online_procedures');
    const callSystem = header.indexOf('improvements.call_system');
    expect(online).toBeGreaterThan(0);
    expect(rows.map((row) => row[online]).sort()).toEqual([...Array(9).fill('0'), ...Array(3).fill('1')]);
    expect(rows.filter((row) => row[callSystem] === '1')).toHaveLength(7);
    expect(header).toContain('satisfaction.waiting');
  });

  it('neutralises a formula in a free-text answer', async () => {
    const text = await (await get('format=csv&codes')).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it('filters by ward (a meta variable), channel and period', async () => {
    expect((await csvRows('format=csv&ward=kita')).rows).toHaveLength(5);
    expect((await csvRows('format=csv&ward=kita,chuo')).rows).toHaveLength(12);
    expect((await csvRows('format=csv&ward=kita&ageBand=40s')).rows).toHaveLength(5);
    expect((await csvRows('format=csv&channel=online')).rows).toHaveLength(0);
    expect((await csvRows('format=csv&from=2000-01-01&to=2000-12-31')).rows).toHaveLength(0);
  });

  it('JSONL is exactly the stored records, the input of `survey-toolkit report --input`', async () => {
    const response = await get('format=jsonl');
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await response.text()).split('\n');
    expect(lines.pop()).toBe('');
    const stored: ResponseRecord[] = [];
    for await (const record of app.store.list({ surveyId: SURVEY })) stored.push(record);
    expect(lines.map((line) => JSON.parse(line))).toEqual(stored);
  });

  it('XLSX opens with exceljs: responses and codebook sheets, English labels on request', async () => {
    const response = await get('format=xlsx&locale=en');
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => [s.name, s.rowCount > 1])).toEqual([
      ['Responses', true],
      ['Codebook', true],
    ]);
    const sheet = workbook.getWorksheet('Responses')!;
    expect(sheet.rowCount).toBe(13);
    expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['Response ID', 'Submission ID', 'Survey version', 'Channel', 'Answer language', 'Kiosk ID', 'Ward office where the survey was answered']);
    expect(sheet.getRow(2).getCell(4).value).toBe('Kiosk');
  });

  it('codebook: every column with its codes and labels', async () => {
    const response = await get('format=codebook');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ward-office-exit-codebook.csv"');
    const lines = (await response.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('column,header,question,type,code,label,note');
    expect(lines).toContain('ward,,,,kita,北区,');
    expect(lines).toContain('purpose,,,,family_register_residence,戸籍・住民票,');
  });

  it('refuses what it cannot do, saying why', async () => {
    const cases = [
      ['format=pdf', 400, 'format must be one of csv, xlsx, jsonl, codebook; got "pdf"'],
      ['locale=fr', 400, 'locale must be one of ja, en; got "fr"'],
      ['labels&codes', 400, 'Ask for labels or codes, not both'],
      ['nickname=x', 400, 'unknown filter "nickname"'],
      ['channel=fax', 400, 'channel must be kiosk or online; got "fax"'],
      ['from=yesterday', 400, 'from must be a date (2025-04-01) or an ISO 8601 date-time with a time zone (2025-04-01T09:00:00+09:00); got "yesterday"'],
      ['from=2025-06-02&to=2025-06-01', 400, 'must be before to'],
    ] as const;
    for (const [query, status, message] of cases) {
      const response = await get(query);
      expect(response.status, query).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
    const unknown = await fetch(`${app.url}/api/surveys/no-such-survey/responses`, { headers: bearer(app.tokens.analyst) });
    expect(unknown.status).toBe(404);
  });
});

describe('a cancelled download', () => {
  it('stops the export quietly, and the server carries on', async () => {
    // Express logs errors after headers were sent, except when NODE_ENV is "test" (as under Vitest).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const big = await startSecureApp();
    process.env.NODE_ENV = nodeEnv;
    const logged: unknown[][] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const inserts = [];
      for (let i = 0; i < 4_000; i++) {
        const base = validSubmission(SURVEY);
        inserts.push(big.store.insert({ surveyId: SURVEY, ...base, data: { ...base.data, comment: `長いコメント ${i} `.repeat(40) } }));
      }
      await Promise.all(inserts);
      for (const format of ['csv', 'xlsx', 'jsonl']) {
        const controller = new AbortController();
        const response = await fetch(`${big.url}/api/surveys/${SURVEY}/responses?format=${format}`, { headers: bearer(big.tokens.analyst), signal: controller.signal });
        const reader = response.body!.getReader();
        await reader.read();
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect((await fetch(`${big.url}/healthz`)).status).toBe(200);
      expect(logged).toEqual([]);
    } finally {
      console.error = originalError;
      await big.close();
    }
  });
});
