/**
 * GET /api/surveys/:id/report: the analysis library's report over stored
 * responses, recomputed for the filters the dashboard sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

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
      ['format=pdf', 'format must be json or html; got "pdf"'],
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
});
