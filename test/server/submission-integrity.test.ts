/**
 * Data integrity through the real server and a real SQLite file (issue 13, item 4):
 * a reused submissionId with other content is 409, never a silent "duplicate";
 * times are checked as instants against each other and the server's clock;
 * date filters are instants in the years 0000–9999, never text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { Submission } from '../../contracts/submission.ts';
import { MAX_CLOCK_SKEW_MS } from '../../server/validation/check-submission-times.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { asStored, seededRecords } from '../store/seeded-records.ts';
import { bearer, startSecureApp, type SecureApp } from './auth/start-secure-app.ts';

let app: SecureApp;
beforeAll(async () => {
  app = await startSecureApp();
});
afterAll(async () => {
  await app?.close();
});

function submit(surveyId: string, submission: Submission) {
  return fetch(`${app.url}/api/surveys/${surveyId}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
}

describe('a submissionId sent again', () => {
  it('with the identical body (the offline queue retrying): 200 duplicate, one record', async () => {
    const submission = validSubmission('citizen-needs');
    const first = await submit('citizen-needs', submission);
    expect(first.status).toBe(201);
    const { id } = await first.json();
    for (let retry = 0; retry < 3; retry++) {
      const again = await submit('citizen-needs', structuredClone(submission));
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ id, duplicate: true });
    }
    expect((await app.store.getBySubmissionId(submission.submissionId))!.id).toBe(id);
  });

  it('to another survey, or with other answers or meta: 409, and the first record is kept as it was', async () => {
    const submission = validSubmission('citizen-needs');
    expect((await submit('citizen-needs', submission)).status).toBe(201);
    const stored = await app.store.getBySubmissionId(submission.submissionId);
    // (Not the staff survey: it needs an invitation code, and refuses a response without one before anything else.)
    const exit = { ...validSubmission('ward-office-exit'), submissionId: submission.submissionId };
    const attempts: Array<[string, Submission]> = [
      ['ward-office-exit', exit],
      ['citizen-needs', { ...submission, meta: { ...submission.meta, locale: 'en' } }],
      ['citizen-needs', { ...submission, data: { ...submission.data, comment: `${submission.data.comment} (changed)` } }],
    ];
    for (const [surveyId, body] of attempts) {
      const response = await submit(surveyId, body);
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({
        error: {
          code: 'submission_conflict',
          message: `submissionId ${submission.submissionId} is already used by a different response; nothing was stored (a new response needs a new submissionId)`,
        },
      });
    }
    expect(await app.store.getBySubmissionId(submission.submissionId)).toEqual(stored);
    expect(await app.store.count({ surveyId: 'ward-office-exit' })).toBe(0);
  });
});

describe('startedAt and completedAt', () => {
  const now = () => Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  async function problemsOf(times: Pick<Submission, 'startedAt' | 'completedAt'>): Promise<{ status: number; questions: string[] }> {
    const response = await submit('citizen-needs', { ...validSubmission('citizen-needs'), ...times });
    if (response.status !== 422) return { status: response.status, questions: [] };
    const body = await response.json();
    return { status: 422, questions: body.error.details.map((d: { question: string }) => d.question) };
  }

  it('refuses startedAt after completedAt, compared as instants whatever the offsets', async () => {
    // 09:00+09:00 is 00:00Z: after 23:59Z the day before, though it sorts first as text.
    expect(await problemsOf({ startedAt: '2025-06-02T09:00:00+09:00', completedAt: '2025-06-01T23:59:00Z' })).toEqual({ status: 422, questions: ['startedAt'] });
    // ...and 08:59+09:00 is before 00:00Z, though it sorts after it as text.
    expect((await problemsOf({ startedAt: '2025-06-02T08:59:00+09:00', completedAt: '2025-06-02T00:00:00Z' })).status).toBe(201);
  });

  it('refuses a reset clock (1970) and a clock far ahead (2030)', async () => {
    expect(await problemsOf({ startedAt: '1970-01-01T00:00:00Z', completedAt: '1970-01-01T00:03:00Z' })).toEqual({ status: 422, questions: ['startedAt', 'completedAt'] });
    expect(await problemsOf({ startedAt: '2030-01-01T00:00:00Z', completedAt: '2030-01-01T00:03:00Z' })).toEqual({ status: 422, questions: ['startedAt', 'completedAt'] });
    expect(await problemsOf({ startedAt: '2025-06-02T00:00:00Z', completedAt: iso(now() + 2 * MAX_CLOCK_SKEW_MS) })).toEqual({ status: 422, questions: ['completedAt'] });
  });

  it('accepts a device clock a little ahead of the server', async () => {
    expect((await problemsOf({ startedAt: iso(now() - 60_000), completedAt: iso(now() + MAX_CLOCK_SKEW_MS / 2) })).status).toBe(201);
  });

  it('stores nothing for a refused response', async () => {
    const submission = { ...validSubmission('ward-office-exit'), startedAt: '2025-06-02T10:00:00Z', completedAt: '2025-06-02T09:00:00Z' };
    expect((await submit('ward-office-exit', submission)).status).toBe(422);
    expect(await app.store.getBySubmissionId(submission.submissionId)).toBeUndefined();
  });
});

describe('date filters', () => {
  const SURVEY = 'ward-office-exit';
  let records: ResponseRecord[];
  beforeAll(async () => {
    // Received 2025-06-01T00:00Z + n hours.
    records = asStored(seededRecords(6, 31)).map((record, n) => ({ ...record, surveyId: SURVEY, receivedAt: new Date(Date.parse('2025-06-01T00:00:00Z') + n * 3600_000).toISOString() }));
    await app.store.importRecords(records);
  });

  async function exported(query: string): Promise<{ status: number; ids: string[]; message?: string }> {
    const response = await fetch(`${app.url}/api/surveys/${SURVEY}/responses?format=jsonl&${query}`, { headers: bearer(app.tokens.analyst) });
    if (response.status !== 200) return { status: response.status, ids: [], message: (await response.json()).error.message };
    const text = await response.text();
    return { status: 200, ids: text.split('\n').filter(Boolean).map((line) => JSON.parse(line).id).filter((id: string) => records.some((r) => r.id === id)) };
  }

  it('refuses years beyond 9999 or before 0000 with 400, instead of matching every row', async () => {
    for (const query of ['from=%2B275760-09-13T00:00:00Z', 'to=%2B275760-09-13T00:00:00Z', 'from=-000001-01-01T00:00:00Z', 'from=0000-01-01']) {
      const answer = await exported(query);
      expect(answer.status, query).toBe(400);
      expect(answer.message, query).toMatch(/years 0000 to 9999|must be a date/);
    }
  });

  it('refuses a date-time without a time zone, which the server would read in its own', async () => {
    const answer = await exported('from=2025-06-01T03:00:00');
    expect(answer).toMatchObject({ status: 400, message: expect.stringContaining('with a time zone') });
  });

  it('compares bounds with offsets as instants', async () => {
    // 2025-06-01T11:00+09:00 is 02:00Z: records 2..5; to 03:00Z excludes 3 onwards. (0000-01-01 in Japan is still year -1 in UTC.)
    expect((await exported('from=2025-06-01T11:00:00%2B09:00')).ids).toEqual(records.slice(2).map((r) => r.id));
    expect((await exported('from=2025-06-01T11:00:00%2B09:00&to=2025-06-01T03:00:00Z')).ids).toEqual([records[2].id]);
    // from after to as instants, though before it as text:
    const reversed = await exported('from=2025-06-01T12:00:00%2B09:00&to=2025-06-01T02:30:00Z');
    expect(reversed.status).toBe(400);
  });
});
