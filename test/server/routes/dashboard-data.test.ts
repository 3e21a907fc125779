/**
 * GET /api/surveys/:id/timeline and /comments, the dashboard's reads besides
 * the report: real app, real SQLite, records stored with the receivedAt they
 * name (as `migrate` keeps them), read with an analyst's API token.
 * (401 and 403 for these routes are the route-table test's.)
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const EXIT = 'ward-office-exit';
let app: SecureApp;

function record(ward: string, channel: 'kiosk' | 'online', receivedAt: string, comment?: string): ResponseRecord {
  const submission = validSubmission(EXIT, { channel, meta: { ward, locale: 'ja' } });
  const data = { ...submission.data };
  if (comment === undefined) delete data.comment;
  else data.comment = comment;
  return { ...submission, id: randomUUID(), surveyId: EXIT, receivedAt, data };
}

beforeAll(async () => {
  app = await startSecureApp();
  const records = [
    // 2025-06-02 in Japan (UTC+9): six kiosk answers in Chuo.
    ...Array.from({ length: 6 }, (_, i) => record('chuo', 'kiosk', `2025-06-02T0${i}:00:00.000Z`, `中央区のコメント${i + 1}`)),
    // 2025-06-03 in Japan: six online answers in Kita, two kiosk answers in Kiyota.
    ...Array.from({ length: 6 }, (_, i) => record('kita', 'online', `2025-06-02T${15 + i}:00:00.000Z`)),
    record('kiyota', 'kiosk', '2025-06-03T06:00:00.000Z', '<script>alert(1)</script>'),
    record('kiyota', 'kiosk', '2025-06-03T07:00:00.000Z'),
  ];
  const importer = await openSqliteResponseStore(join(app.dir, 'responses.sqlite'));
  await importer.importRecords(records);
  await importer.close();
});

afterAll(async () => {
  await app?.close();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app.url}/api/surveys/${EXIT}/${path}`, { headers: bearer(app.tokens.analyst) });
  return { status: response.status, body: await response.json() };
}

describe('GET /api/surveys/:id/timeline', () => {
  it('counts responses per Japan day and channel', async () => {
    expect(await get('timeline')).toEqual({
      status: 200,
      body: {
        by: 'channel',
        interval: 'day',
        periods: ['2025-06-02', '2025-06-03'],
        total: 14,
        series: [
          { value: 'kiosk', total: 8, counts: [6, 2] },
          { value: 'online', total: 6, counts: [0, 6] },
        ],
        suppressed: [],
      },
    });
  });

  it('by ward: the small ward is drawn added up with the next-smallest, never dropped', async () => {
    const { body } = await get('timeline?by=ward');
    expect(body.series).toEqual([
      { value: 'kita', total: 6, counts: [0, 6] },
      { value: '(fewer)', total: 8, counts: [6, 2], members: ['chuo', 'kiyota'] },
    ]);
    expect(body.total).toBe(14);
    // In the order the wards first answered.
    expect(body.suppressed).toEqual([
      { where: 'timeline.ward=chuo', reason: 'counted with a smaller series so that it cannot be worked out from the total' },
      { where: 'timeline.ward=kiyota', reason: 'fewer than 5 responses: counted with others' },
    ]);
  });

  it('applies the export filters', async () => {
    const { body } = await get('timeline?channel=online&from=2025-06-03&to=2025-06-03');
    expect(body).toMatchObject({ periods: ['2025-06-03'], total: 6, series: [{ value: 'online', counts: [6] }] });
  });

  it('refuses an unknown split or filter, quoting it', async () => {
    expect(await get('timeline?by=shoeSize')).toEqual({
      status: 400,
      body: { error: { code: 'invalid_by', message: 'by must be one of channel, ward, purpose, countersVisited, waitingTime, awareOnline, awareNavigator, ageBand; got "shoeSize"' } },
    });
    const { status, body } = await get('timeline?from=June');
    expect(status).toBe(400);
    expect(body.error.message).toContain('"June"');
  });
});

describe('GET /api/surveys/:id/comments (the overview’s newest; paging and search: comments.test.ts)', () => {
  it('the newest comments first, verbatim, without dates', async () => {
    const { status, body } = await get('comments?limit=3');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 7, nextCursor: expect.any(String), suppressed: [] });
    expect(body.comments.map(({ question, text, codes, segments }: any) => ({ question, text, codes, ward: segments.ward }))).toEqual([
      { question: 'comment', text: '<script>alert(1)</script>', codes: [], ward: '清田区' },
      { question: 'comment', text: '中央区のコメント6', codes: [], ward: '中央区' },
      { question: 'comment', text: '中央区のコメント5', codes: [], ward: '中央区' },
    ]);
  });

  it('shows none when fewer than minGroupSize respondents are selected or wrote one', async () => {
    expect((await get('comments?ward=kiyota')).body).toEqual({
      total: 0,
      comments: [],
      nextCursor: null,
      suppressed: [{ where: 'comments', reason: 'the selection has fewer than 5 responses', rule: 'small' }],
    });
    // Kiyota and Kita: eight responses, but only one of them wrote a comment.
    expect((await get('comments?ward=kiyota,kita')).body).toEqual({
      total: 0,
      comments: [],
      nextCursor: null,
      suppressed: [{ where: 'comments', reason: 'fewer than 5 respondents wrote one', rule: 'small' }],
    });
  });

  it('refuses a limit outside 1–100', async () => {
    for (const limit of ['0', '101', 'ten']) {
      const { status, body } = await get(`comments?limit=${limit}`);
      expect(status, limit).toBe(400);
      expect(body.error.message).toBe(`limit must be a whole number from 1 to 100; got "${limit}"`);
    }
  });
});
