/**
 * GET /api/surveys/:id/report?compare=YYYY-MM-DD&pilot=VAR=v1,v2 (issue 28, the dashboard's 効果検証
 * view) and ?text=1 (issue 27, its 自由記述 view): the route passes `compare: { date, pilot }` to the
 * report as `survey-toolkit report --compare/--pilot` does, refuses a bad date or pilot with one line
 * quoting it, and builds the text analysis only when asked (other views stay fast). Real app on
 * loopback, real SQLite, the shipped definitions (and the exit survey's coding rules), an analyst's token.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, SHIPPED_DEFINITIONS, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const SURVEY = 'ward-office-exit';
let app: SecureApp;

/**
 * 4 cells of 40: chuo (the pilot) and kita, before and after 2025-06-01 (Japan time). In chuo after
 * the split 30 of 40 would have gone online (couldBeOnline=yes), in every other cell 10 of 40: a
 * planted DiD of +0.5 that a working route must find. Each leaves a comment, one in four naming the wait.
 */
beforeAll(async () => {
  app = await startSecureApp();
  const inserts = [];
  for (const ward of ['chuo', 'kita']) {
    for (const after of [false, true]) {
      const yes = ward === 'chuo' && after ? 30 : 10;
      for (let i = 0; i < 40; i++) {
        // Just either side of the split: 2025-05-31 23:30 and 2025-06-01 00:30 in Japan.
        const completedAt = after ? '2025-06-01T00:30:00+09:00' : '2025-05-31T23:30:00+09:00';
        const base = validSubmission(SURVEY, { completedAt, meta: { ward, locale: 'ja', kioskId: `${ward}-01` } });
        const comment = { comment: i % 4 === 0 ? '待ち時間が長いので、予約できると助かります。' : '駐車場が狭い。' };
        inserts.push(app.store.insert({ surveyId: SURVEY, ...base, data: { ...base.data, couldBeOnline: i < yes ? 'yes' : 'no', ...comment } }));
      }
    }
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

describe('GET /api/surveys/:id/report with compare and pilot', () => {
  it('splits at the date (Japan time) and compares the pilot wards with the others', async () => {
    const plain = await json('locale=ja');
    expect(plain.effects).toBeUndefined();

    const report = await json('locale=ja&compare=2025-06-01&pilot=ward=chuo');
    expect(report.effectComparison).toMatchObject({ date: '2025-06-01', before: 80, after: 80, undated: 0, pilot: { variable: 'ward', values: [{ value: 'chuo' }] } });
    const yes = report.effects!.find((effect) => effect.question === 'couldBeOnline' && effect.option === 'yes')!;
    expect(yes.before).toEqual({ n: 80, value: 0.25 });
    expect(yes.after).toEqual({ n: 80, value: 0.5 });
    expect(yes.did!.estimate).toBeCloseTo(0.5, 12);
    expect(yes.did!.low).toBeGreaterThan(0);
    // The filters still apply: kita alone has no change and no pilot to compare.
    const kita = await json('compare=2025-06-01&ward=kita');
    expect(kita.effects!.find((effect) => effect.question === 'couldBeOnline' && effect.option === 'yes')!.change!.estimate).toBeCloseTo(0, 12);
    // Several pilot values, as --pilot takes them: chuo and kita are everyone, so nobody is left to control.
    const both = await json('compare=2025-06-01&pilot=ward=chuo,kita');
    expect(both.effectComparison!.pilot!.values.map((value) => value.value)).toEqual(['chuo', 'kita']);
  });

  it('refuses a bad date, a bad pilot and a pilot without a date with one line quoting the value', async () => {
    const cases: Array<[string, string]> = [
      ['compare=2025-02-30', '"2025-02-30"'],
      ['compare=receivedAt:2025-06-01', '"receivedAt:2025-06-01"'],
      ['compare=2025-06-01&pilot=ward', '"ward"'],
      ['compare=2025-06-01&pilot=nope=x', '"nope"'],
      ['compare=2025-06-01&pilot=ward=atlantis', '"atlantis"'],
      ['pilot=ward=chuo', '"ward=chuo"'],
      ['compare=2025-06-01&compare=2025-07-01', '2025-07-01'],
    ];
    for (const [query, quoted] of cases) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code, query).toBe('invalid_report_request');
      expect(error.message, query).toContain(quoted);
      expect(error.message, query).not.toContain('\n');
    }
  });
});

describe('GET /api/surveys/:id/report with text=1', () => {
  it('adds 自由記述 only when asked, coded by the survey’s coding rules', async () => {
    expect((await json('locale=ja')).text).toBeUndefined();
    const report = await json('locale=ja&text=1');
    const comment = report.text!.find((entry) => entry.question === 'comment')!;
    expect(comment.comments.n).toBe(160);
    expect(comment.words.map((word) => word.word)).toContain('待ち時間');
    // The exit survey's coding.txt: 待ち時間 holds for the 40 comments naming the wait, 駐車場 for the rest.
    expect(comment.codes.find((code) => code.code === '待ち時間')!.count).toBe(40);
    expect(comment.codes.find((code) => code.code === '駐車場')!.count).toBe(120);
    expect((await get('text=yes')).status).toBe(400);
  }, 60_000);
});

describe('the coding rules of a definitions folder elsewhere (DEFINITIONS_DIR)', () => {
  it('are read from that folder, not from a path relative to the working directory', async () => {
    // A copy of the shipped definitions in a temporary folder, the exit survey with rules of its own.
    const dir = await mkdtemp(join(tmpdir(), 'coding-rules-dir-'));
    let elsewhere: SecureApp | undefined;
    try {
      await cp(SHIPPED_DEFINITIONS, dir, { recursive: true });
      await writeFile(join(dir, SURVEY, 'coding.txt'), '*車で来た\n駐車場\n');
      elsewhere = await startSecureApp({ definitionsDir: dir });
      const base = validSubmission(SURVEY, { meta: { ward: 'chuo', locale: 'ja', kioskId: 'chuo-01' } });
      await Promise.all(Array.from({ length: 12 }, () => elsewhere!.store.insert({ surveyId: SURVEY, ...validSubmission(SURVEY, { meta: base.meta }), data: { ...base.data, comment: '駐車場が狭い。' } })));
      const response = await fetch(`${elsewhere.url}/api/surveys/${SURVEY}/report?locale=ja&text=1`, { headers: bearer(elsewhere.tokens.analyst) });
      expect(response.status).toBe(200);
      const comment = ((await response.json()) as Report).text!.find((entry) => entry.question === 'comment')!;
      expect(comment.codes.map((code) => [code.code, code.count])).toEqual([['車で来た', 12]]);
    } finally {
      await elsewhere?.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
