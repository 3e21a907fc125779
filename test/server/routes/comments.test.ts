/**
 * GET /api/surveys/:id/comments (server/routes/comments.ts, issue 30 "every comment findable"): paging newest
 * first by an opaque cursor that new responses do not disturb, search by substring (on the masked text), by word
 * (base forms, as the text analysis extracts them), by code (the exit survey's coding.txt) and by question, the
 * small-group rule, keyword in context over every comment, and the CSV and XLSX downloads (no time, no id).
 * Real app on loopback, real SQLite, the shipped definitions, an analyst's token; records imported with the
 * receivedAt they name (as `migrate` keeps them).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentKwic, CommentList } from '../../../contracts/comments.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const EXIT = 'ward-office-exit';
let app: SecureApp;

const TOPICS = [
  (i: number) => `待ち時間が長くて困りました（${i}）`,
  (i: number) => `駐車場が狭くて停められません（${i}）`,
  (i: number) => `書類の記入が大変でした（${i}）`,
];
/** Seeded comments, by index; the newest is the largest index (10 and 11 share a receivedAt). */
const seeded: string[] = [];

function receivedAt(i: number): string {
  const at = Date.parse('2025-06-01T00:00:00.000Z') + (i === 11 ? 10 : i) * 3_600_000;
  return new Date(at).toISOString();
}

function record(i: number, comment: string | undefined, overrides: { ward?: string; ageBand?: string; at?: string } = {}): ResponseRecord {
  const ward = overrides.ward ?? (i % 2 === 0 ? 'chuo' : 'kita');
  const submission = validSubmission(EXIT, { meta: { ward, locale: 'ja', kioskId: `${ward}-01` } });
  const data: Record<string, unknown> = { ...submission.data, ageBand: overrides.ageBand ?? (i < 15 ? '30s' : '60s') };
  if (comment === undefined) delete data.comment;
  else data.comment = comment;
  return { ...submission, id: randomUUID(), surveyId: EXIT, receivedAt: overrides.at ?? receivedAt(i), data };
}

beforeAll(async () => {
  app = await startSecureApp();
  const records: ResponseRecord[] = [];
  for (let i = 0; i < 30; i++) {
    seeded[i] = TOPICS[i % 3](i);
    records.push(record(i, seeded[i]));
  }
  // A phone number to mask, a formula for the spreadsheet, a verb form of waiting, and three without a comment.
  seeded[30] = '電話 011-222-3333 に連絡ください（30）';
  seeded[31] = '=HYPERLINK("http://example.com","待ち時間")';
  seeded[32] = '窓口で待たされました（32）';
  for (const i of [30, 31, 32]) records.push(record(i, seeded[i]));
  for (const i of [33, 34, 35]) records.push(record(i, undefined));
  // Kiyota: three responses only, each with a comment.
  for (const i of [36, 37, 38]) records.push(record(i, `清田区の意見（${i}）`, { ward: 'kiyota' }));
  const importer = await openSqliteResponseStore(join(app.dir, 'responses.sqlite'));
  await importer.importRecords(records);
  await importer.close();
}, 30_000);

afterAll(async () => {
  await app?.close();
});

async function get(query: string): Promise<Response> {
  return fetch(`${app.url}/api/surveys/${EXIT}/comments?${query}`, { headers: bearer(app.tokens.analyst) });
}
async function list(query: string): Promise<CommentList> {
  const response = await get(query);
  expect(response.status, `${query}: ${response.status}`).toBe(200);
  return (await response.json()) as CommentList;
}
const texts = (body: CommentList) => body.comments.map((comment) => comment.text);
/** The seeded comments newest first, as the list gives them (10 and 11 tie on time; the id decides). */
const chuoAndKita = 'ward=chuo,kita';

describe('paging', () => {
  it('pages newest first across a page boundary, and responses arriving between pages shift nothing', async () => {
    const first = await list(`${chuoAndKita}&limit=10`);
    expect(first.total).toBe(33);
    expect(first.comments).toHaveLength(10);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(texts(first).slice(0, 3)).toEqual(['窓口で待たされました（32）', '=HYPERLINK("http://example.com","待ち時間")', '電話 ［電話番号］ に連絡ください（30）']);

    // New answers arrive meanwhile: newer than everything listed, so a later page is unchanged.
    await Promise.all(
      [0, 1, 2].map((k) => {
        const fresh = validSubmission(EXIT, { meta: { ward: 'chuo', locale: 'ja', kioskId: 'chuo-01' } });
        return app.store.insert({ surveyId: EXIT, ...fresh, data: { ...fresh.data, comment: `新しい意見（${k}）` } });
      }),
    );
    const pages = [first];
    while (pages[pages.length - 1].nextCursor) {
      pages.push(await list(`${chuoAndKita}&limit=10&cursor=${pages[pages.length - 1].nextCursor}`));
    }
    expect(pages.map((page) => page.comments.length)).toEqual([10, 10, 10, 3]);
    expect(pages[pages.length - 1].nextCursor).toBeNull();
    // Later pages count the new ones in the total, but none of them is listed there.
    expect(pages[1].total).toBe(36);
    const all = pages.flatMap(texts);
    expect(all.some((text) => text.startsWith('新しい意見'))).toBe(false);
    expect(new Set(all).size).toBe(33);
    // Newest first: 32, 31, 30, then 29 … 0, where 10 and 11 came at the same time (either order).
    const order = all.map((text) => Number(/（(\d+)）$/.exec(text)?.[1] ?? 31));
    const expected = Array.from({ length: 33 }, (_, k) => 32 - k);
    expect(order.filter((n) => n !== 10 && n !== 11)).toEqual(expected.filter((n) => n !== 10 && n !== 11));
    expect(order.indexOf(12) + 1).toBe(Math.min(order.indexOf(10), order.indexOf(11)));

    // A fresh first page starts with the new ones.
    const again = await list(`${chuoAndKita}&limit=3`);
    expect(texts(again).every((text) => text.startsWith('新しい意見'))).toBe(true);
  });

  it('never gives the id, the time or anything decodable in the cursor', async () => {
    const body = await list(`${chuoAndKita}&ageBand=60s&limit=2`);
    for (const comment of body.comments) expect(Object.keys(comment).sort()).toEqual(['codes', 'question', 'segments', 'text']);
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/2025-06|T\d\d:\d\d|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(Buffer.from(body.nextCursor!, 'base64url').toString('latin1')).not.toMatch(/2025|receivedAt/);
    // The segments as labels, in the survey's language or the one asked for.
    expect(body.comments[0].segments).toEqual({
      ward: '中央区',
      ageBand: '60代',
      purpose: '戸籍・住民票',
      countersVisited: '2か所',
      waitingTime: '15分以上30分未満',
      awareOnline: '知っているが、利用したことはない',
      awareNavigator: '知らない',
    });
    expect(Object.keys(body.comments[0].segments).slice(0, 3)).toEqual(['ward', 'ageBand', 'purpose']);
    expect((await list(`${chuoAndKita}&ageBand=60s&limit=1&locale=en`)).comments[0].segments).toMatchObject({ ward: 'Chuo', ageBand: '60s' });
  });

  it('refuses a cursor it did not give, or one given for another search', async () => {
    const body = await list(`${chuoAndKita}&limit=2`);
    // The same search spelled otherwise is the same search.
    expect((await list(`ward=kita&ward=chuo&limit=2&cursor=${body.nextCursor}`)).comments).toHaveLength(2);
    const other = await get(`ward=chuo&limit=2&cursor=${body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(((await other.json()) as any).error.message).toContain('belongs to another search');
    const forged = Buffer.from(JSON.stringify(['2025-06-01T00:00:00.000Z', 'x', 0])).toString('base64url');
    const refused = await get(`cursor=${forged}`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.message).toContain(JSON.stringify(forged));
  });
});

describe('search', () => {
  it('by substring, case-insensitively, on the masked text only', async () => {
    const parking = await list(`${chuoAndKita}&q=駐車場&limit=100`);
    expect(parking.total).toBe(10);
    expect(texts(parking).every((text) => text.includes('駐車場'))).toBe(true);
    expect((await list(`${chuoAndKita}&q=hyperlink`)).total).toBe(0); // 1 match: fewer than 5 respondents
    expect((await list(`${chuoAndKita}&q=hyperlink`)).suppressed[0].reason).toBe('fewer than 5 respondents wrote a matching comment');
    // The phone number is masked before the search sees the text: its digits find nothing.
    for (const q of ['3333', '011-222']) {
      const body = await list(`${chuoAndKita}&q=${q}`);
      expect(body.total, q).toBe(0);
      expect(body.suppressed, q).toEqual([]);
    }
    // Full-width letters and upper case fold like the text: ＨＹＰＥＲＬＩＮＫ finds it too (then suppressed: one respondent).
    expect((await list(`${chuoAndKita}&q=%EF%BC%A8%EF%BC%B9%EF%BC%B0%EF%BC%A5%EF%BC%B2`)).suppressed).toHaveLength(1);
  });

  it('by word, as the text analysis extracts it: base forms and the parts of compounds', async () => {
    // 長い is written 長くて; 駐車 is a part of 駐車場.
    const long = await list(`${chuoAndKita}&word=長い&limit=100`);
    expect(long.total).toBe(10);
    expect(texts(long).every((text) => text.startsWith('待ち時間が長くて'))).toBe(true);
    expect((await list(`${chuoAndKita}&word=駐車&limit=100`)).total).toBe(10);
    // A substring is not a word: 車 is in 駐車場 but is no word of it.
    expect((await list(`${chuoAndKita}&word=車`)).total).toBe(0);
  }, 60_000);

  it('by code of the survey’s coding rules, each comment with its codes', async () => {
    const waiting = await list(`${chuoAndKita}&code=待ち時間&limit=100`);
    // 10 templated, the formula (its text says 待ち時間) and 待たされました (待たす).
    expect(waiting.total).toBe(12);
    expect(texts(waiting)).toContain('窓口で待たされました（32）');
    expect(waiting.comments.every((comment) => comment.codes.includes('待ち時間'))).toBe(true);
    const papers = await list(`${chuoAndKita}&code=書類・押印&limit=1`);
    expect(papers.comments[0].codes).toEqual(['書類・押印']);
    // Combined: parking among the 60s (i ≥ 15): 16, 19, 22, 25, 28 → five.
    const combined = await list(`${chuoAndKita}&ageBand=60s&code=駐車場&q=狭く&limit=100`);
    expect(texts(combined)).toEqual([28, 25, 22, 19, 16].map((i) => seeded[i]));
  }, 60_000);

  it('by question', async () => {
    // 33 seeded and the 3 the paging test added.
    const body = await list(`${chuoAndKita}&question=comment&limit=5`);
    expect(body.comments.every((comment) => comment.question === 'comment')).toBe(true);
    expect(body.total).toBe(36);
  });
});

describe('the small-group rule, for the selection as a whole', () => {
  it('shows nothing when fewer than minGroupSize respondents are selected or match', async () => {
    expect(await list('ward=kiyota')).toEqual({
      total: 0,
      comments: [],
      nextCursor: null,
      suppressed: [{ where: 'comments', reason: 'the selection has fewer than 5 responses', rule: 'small' }],
    });
    // The first four hours: four responses.
    const few = await list(`to=2025-06-01T04:00:00Z`);
    expect(few.suppressed[0]?.reason).toBe('the selection has fewer than 5 responses');
    // 9 responses, all with comments: enough.
    expect((await list('to=2025-06-01T09:00:00Z')).total).toBe(9);
    // A word only three respondents used: hidden, in the list, in keyword in context and in the download.
    expect((await list('word=清田区')).suppressed[0].reason).toBe('fewer than 5 respondents wrote a matching comment');
    const kwic = (await (await get('kwic=清田区')).json()) as CommentKwic;
    expect(kwic).toMatchObject({ containing: 0, count: 0, rows: [] });
    expect(kwic.suppressed[0].reason).toBe('fewer than 5 respondents wrote the word');
    const csv = await (await get('format=csv&word=清田区')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  }, 60_000);
});

describe('keyword in context over every comment', () => {
  it('finds the word in every matching comment, not one page, and says when it stops', async () => {
    const response = await get(`${chuoAndKita}&kwic=長い`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as CommentKwic;
    expect(body).toMatchObject({ word: '長い', containing: 10, count: 10, limit: 500, truncated: false, suppressed: [] });
    expect(body.comments).toBeGreaterThanOrEqual(33);
    expect(body.rows[0]).toEqual({ question: 'comment', left: '待ち時間が', keyword: '長く', right: 'て困りました(27)' });
    // Limited by the other parameters: only the 60s.
    expect(((await (await get(`${chuoAndKita}&ageBand=60s&kwic=長い`)).json()) as CommentKwic).containing).toBe(5);
  }, 60_000);
});

describe('downloads', () => {
  it('CSV: question, masked text, codes and segments; no time, no id; formulas neutralised', async () => {
    const response = await get(`${chuoAndKita}&format=csv&code=待ち時間`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain(`${EXIT}-comments.csv`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel in Japan needs
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = csv.slice(1).trim().split('\r\n');
    // The segments in the filter bar's order: the ward, the age band, then the rest as the definition has them.
    expect(lines[0]).toBe('設問,記述（個人情報はマスク済み）,分類（コーディングルール）,回答した区役所,あなたの年代を教えてください。,本日の主な来庁目的を一つお選びください。,本日、いくつの窓口で手続や相談をされましたか。,窓口で呼ばれるまでの待ち時間は、合計でどのくらいでしたか。,札幌市の電子申請（オンラインでの手続）をご存じですか。,いくつかの質問に答えると、必要な手続や持ち物を案内する市の「手続ナビ」をご存じですか。');
    expect(lines).toHaveLength(1 + 12);
    expect(lines[1]).toContain('窓口で待たされました（32）');
    expect(lines[1]).toContain(',待ち時間,');
    expect(lines[1]).toContain(',中央区,60代,戸籍・住民票,2か所,15分以上30分未満,');
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com"",""待ち時間"")"`);
    expect(csv).not.toMatch(/2025-|T\d\d:\d\d|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // English headings and labels.
    const en = await (await get(`${chuoAndKita}&format=csv&q=駐車場&locale=en`)).text();
    expect(en.split('\r\n')[0]).toMatch(/^Question,Comment \(personal data masked\),Codes \(coding rules\),Ward office where/);
  }, 60_000);

  it('XLSX opens, with the same rows', async () => {
    const response = await get(`${chuoAndKita}&format=xlsx&q=電話`);
    // One respondent: suppressed, the header alone.
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as any);
    expect(workbook.worksheets[0].rowCount).toBe(1);
    expect(decodeURIComponent(response.headers.get('x-comments-suppressed') ?? '')).toBe('fewer than 5 respondents wrote a matching comment');

    const full = await get(`${chuoAndKita}&format=xlsx&word=駐車場`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await full.arrayBuffer()) as any);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('自由記述');
    expect(sheet.rowCount).toBe(11);
    expect(sheet.getRow(1).getCell(2).value).toBe('記述（個人情報はマスク済み）');
    expect(sheet.getRow(2).getCell(2).value).toBe(seeded[28]);
    expect(sheet.getRow(2).getCell(3).value).toBe('駐車場');
    expect(sheet.getRow(2).getCell(5).value).toBe('60代');
  }, 60_000);
});

describe('bad parameters', () => {
  it('answers 400 quoting the value', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', '"0"'],
      ['limit=101', '"101"'],
      ['limit=ten', '"ten"'],
      ['question=nope', '"nope"'],
      ['code=nope', '"nope"'],
      ['q=', '""'],
      ['word=%20', '" "'],
      ['q=a&q=b', '["a","b"]'],
      ['format=pdf', '"pdf"'],
      ['format=csv&limit=5', '"5"'],
      ['kwic=長い&cursor=abc', '"abc"'],
      ['kwic=長い&format=xlsx', '"xlsx"'],
      ['cursor=not-a-cursor', '"not-a-cursor"'],
      ['ward=atlantis&from=2025-02-30', '"2025-02-30"'],
      ['colour=red', '"colour"'],
      ['locale=fr', '"fr"'],
    ];
    for (const [query, quoted] of cases) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message, query).toContain(quoted);
    }
  });
});
