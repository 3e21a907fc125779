/**
 * GET /api/surveys/:id/report: the analysis library's report over stored
 * responses, recomputed for the filters the dashboard sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import ExcelJS from 'exceljs';
import type { Report } from '../../../contracts/report.ts';
import type { SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { listQuestions } from '../../../core/definitions/list-questions.ts';

const SURVEY = 'ward-office-exit';
let app: SecureApp;

beforeAll(async () => {
  app = await startSecureApp();
  const inserts = [];
  for (let i = 0; i < 30; i++) {
    const ward = i < 20 ? 'chuo' : 'kita';
    const base = validSubmission(SURVEY, { meta: { ward, locale: 'ja', kioskId: `${ward}-01` } });
    const improvements = i % 2 === 0 ? ['online_procedures', 'call_system'] : ['counter_reservation'];
    inserts.push(app.store.insert({ surveyId: SURVEY, ...base, data: { ...base.data, improvements } }));
  }
  await Promise.all(inserts);
});
afterAll(async () => {
  await app?.close();
});

const report = (query: string) => fetch(`${app.url}/api/surveys/${SURVEY}/report?${query}`, { headers: bearer(app.tokens.analyst) });

describe('GET /api/surveys/:id/report', () => {
  it('answers the JSON report over every stored response, and over the filtered ones', async () => {
    const all = await report('');
    expect(all.status).toBe(200);
    expect(all.headers.get('cache-control')).toBe('no-store');
    const body = (await all.json()) as { survey: { id: string }; responses: number; minGroupSize: number; needs: unknown[] };
    expect(body).toMatchObject({ survey: { id: SURVEY }, responses: 30, minGroupSize: 5 });
    expect(body.needs.length).toBeGreaterThan(0);
    expect(((await (await report('ward=kita')).json()) as { responses: number }).responses).toBe(10);
    expect(((await (await report('ward=chuo&channel=kiosk')).json()) as { responses: number }).responses).toBe(20);
  });

  it('answers the HTML report as a download, never rendered under this origin', async () => {
    const response = await report('format=html&locale=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ward-office-exit-report.html"');
    expect((await response.text()).length).toBeGreaterThan(0);
  });

  it('refuses to show smaller groups than the survey allows, and other bad requests', async () => {
    const cases = [
      ['minGroupSize=2', "minGroupSize may not go below this survey's 5; got 2"],
      ['minGroupSize=abc', 'minGroupSize must be a whole number; got "abc"'],
      ['format=pdf', 'format must be json, html, xlsx or csv; got "pdf"'],
      ['locale=fr', 'locale must be one of'],
      ['format=csv&by=ward', 'format=csv needs crosstab=<question>[.<row>], given once'],
      ['format=csv&crosstab=improvements', 'format=csv needs by=<breakdown>, given once'],
      ['format=csv&crosstab=improvements&by=shoeSize', `by must be one of the report's breakdowns`],
      ['format=csv&crosstab=nope&by=ward', 'no cross-tab of "nope" by "ward"'],
      ['crosstab=improvements', 'crosstab is for format=csv'],
      ['shoeSize=42', 'unknown filter "shoeSize"'],
      ['by=nope', 'nope'],
    ] as const;
    for (const [query, message] of cases) {
      const response = await report(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
    expect((await report('minGroupSize=10')).status).toBe(200);
  });

  it('names questions and answers in the language asked for', async () => {
    const ja = (await (await report('locale=ja')).json()) as Report;
    const en = (await (await report('locale=en')).json()) as Report;
    const labelsOf = (r: Report) => r.summaries!.find((s) => s.question === 'improvements')!.items!.map((item) => item.label);
    const definition = (await (await fetch(`${app.url}/api/surveys/${SURVEY}`)).json()) as SurveyDefinitionJson;
    const question = listQuestions(definition).find((q) => q.name === 'improvements')!;
    const texts = (locale: string) =>
      ja.summaries!.find((s) => s.question === 'improvements')!.items!.map((item) => (question.choices!.find((c) => c.value === item.value)?.text as Record<string, string>)[locale]);
    expect(labelsOf(ja)).toEqual(texts('ja'));
    expect(labelsOf(en)).toEqual(texts('en'));
    expect(labelsOf(en)).not.toEqual(labelsOf(ja));
  });

  it('downloads the 集計表 workbook, under the same access rule as the report', async () => {
    const response = await report('format=xlsx&locale=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ward-office-exit-tables.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name).slice(0, 3)).toEqual(['Contents', 'Overview', 'Summary']);
    for (const format of ['xlsx', 'csv&crosstab=improvements&by=ward']) {
      expect((await fetch(`${app.url}/api/surveys/${SURVEY}/report?format=${format}`)).status, format).toBe(401);
    }
  });

  it('downloads one cross-tab as CSV with a BOM: the n, shares and marks of the JSON report', async () => {
    const json = (await (await report('locale=ja')).json()) as Report;
    const crosstab = json.crosstabs!.find((c) => c.question === 'improvements' && c.by === 'ward')!;
    const response = await report('format=csv&locale=ja&crosstab=improvements&by=ward');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ward-office-exit-improvements-by-ward.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe(crosstab.label);
    expect(lines[2]).toBe('重み付け：なし（単純集計）');
    const header = lines[3].split(',');
    expect(header.slice(0, 2)).toEqual(['区分', '回答者数']);
    for (const group of crosstab.groups) {
      const line = lines.find((l) => l.startsWith(`${group.label},`))!.split(',');
      expect(Number(line[1])).toBe(group.n);
      group.cells!.forEach((cell, k) => {
        expect(Number(line[2 + 2 * k]), `${group.label} ${String(cell.value)}`).toBeCloseTo(cell.share! * 100, 1);
        expect(line[3 + 2 * k]).toBe(cell.mark);
      });
    }
    expect(lines.some((l) => l.startsWith('▲▲／▽▽'))).toBe(true);
    expect(crosstab.groups.map((group) => group.value)).toEqual(expect.arrayContaining(['chuo', 'kita']));
  });
});
