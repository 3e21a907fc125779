/**
 * GET /api/surveys/:id/report?crosstabBy=…: the dashboard breaks a question down by any
 * single-answer question (issue 25, item 4), not only by the report's breakdowns. The route passes
 * `crosstabBy` to the report builder, as `survey-toolkit report --crosstab-by` does, so the
 * cross-tabs and the comparisons of means by that question are in the JSON the view draws and in
 * the CSV of one cross-tab. Real app, real SQLite, an analyst's API token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const SURVEY = 'ward-office-exit';
/** A single-answer question of the exit survey that is not one of its breakdowns (its role is attitude). */
const EXTRA = 'couldBeOnline';
let app: SecureApp;

beforeAll(async () => {
  app = await startSecureApp();
  const inserts = [];
  for (let i = 0; i < 40; i++) {
    // 20 who would have gone online, rating the wait worse; 20 who would still come, rating it better.
    const online = i % 2 === 0;
    const base = validSubmission(SURVEY, { meta: { ward: i < 20 ? 'chuo' : 'kita', locale: 'ja', kioskId: 'chuo-01' } });
    const satisfaction = { ...(base.data.satisfaction as Record<string, number>), waiting: online ? 1 + (i % 3) : 3 + (i % 3) };
    inserts.push(app.store.insert({ surveyId: SURVEY, ...base, data: { ...base.data, couldBeOnline: online ? 'yes' : 'no', satisfaction } }));
  }
  await Promise.all(inserts);
});
afterAll(async () => {
  await app?.close();
});

const get = (query: string) => fetch(`${app.url}/api/surveys/${SURVEY}/report?${query}`, { headers: bearer(app.tokens.analyst) });
const json = async (query: string) => {
  const response = await get(query);
  expect(response.status, query).toBe(200);
  return (await response.json()) as Report;
};

describe('GET /api/surveys/:id/report with crosstabBy', () => {
  it('adds the question as a breakdown: its cross-tabs and its comparisons of means, the survey’s own breakdowns kept', async () => {
    const plain = await json('locale=ja');
    expect(plain.breakdowns!.map((breakdown) => breakdown.by)).not.toContain(EXTRA);
    expect(plain.crosstabs!.some((crosstab) => crosstab.by === EXTRA)).toBe(false);

    const extra = await json(`locale=ja&crosstabBy=${EXTRA}`);
    expect(extra.breakdowns!.map((breakdown) => breakdown.by)).toEqual([...plain.breakdowns!.map((breakdown) => breakdown.by), EXTRA]);
    expect(extra.breakdowns!.at(-1)).toMatchObject({ by: EXTRA, source: 'option' });
    const improvements = extra.crosstabs!.find((crosstab) => crosstab.question === 'improvements' && crosstab.by === EXTRA)!;
    // Every answer of the question is a group (nobody chose maybe or not_sure: 0, shown).
    expect(Object.fromEntries(improvements.groups.map((group) => [group.value, group.n]))).toEqual({ yes: 20, maybe: 0, no: 20, not_sure: 0 });
    // The wait was rated differently by the two groups: the means say so, with a test.
    const waiting = extra.means!.find((means) => means.question === 'satisfaction' && means.row === 'waiting' && means.by === EXTRA)!;
    expect(waiting.scale).toBe(true);
    const mean = (value: string) => waiting.groups.find((group) => group.value === value)!.mean!;
    expect(mean('yes')).toBeLessThan(mean('no'));
    expect(waiting.test).toMatchObject({ method: 'kruskal' });
    // The filters still apply.
    expect((await json(`crosstabBy=${EXTRA}&ward=kita`)).responses).toBe(20);
  });

  it('downloads the CSV of a cross-tab by that question, with the numbers of the JSON', async () => {
    const extra = await json(`locale=ja&crosstabBy=${EXTRA}`);
    const crosstab = extra.crosstabs!.find((candidate) => candidate.question === 'improvements' && candidate.by === EXTRA)!;
    const response = await get(`format=csv&locale=ja&crosstab=improvements&by=${EXTRA}&crosstabBy=${EXTRA}`);
    expect(response.status).toBe(200);
    const lines = new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()).slice(3)).split('\r\n');
    for (const group of crosstab.groups.filter((candidate) => candidate.n !== null)) {
      expect(Number(lines.find((line) => line.startsWith(`${group.label},`))!.split(',')[1]), group.label).toBe(group.n);
    }
    // Without crosstabBy the question is no breakdown of the report, and the CSV says so.
    expect((await get(`format=csv&crosstab=improvements&by=${EXTRA}`)).status).toBe(400);
  });

  it('refuses what is not a single-answer question, and crosstabBy without a name', async () => {
    for (const query of ['crosstabBy=improvements', 'crosstabBy=nope', 'crosstabBy=']) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code, query).toBe('invalid_report_request');
    }
    // Repeated, and naming a breakdown the report already has: each breakdown once.
    const twice = await json(`crosstabBy=${EXTRA}&crosstabBy=${EXTRA}&crosstabBy=ageBand`);
    const names = twice.breakdowns!.map((breakdown) => breakdown.by);
    expect(names.filter((name) => name === EXTRA)).toHaveLength(1);
    expect(names.filter((name) => name === 'ageBand')).toHaveLength(1);
  });
});
