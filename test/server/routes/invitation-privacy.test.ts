/**
 * Issue 20, finding 7, through the real server: what an admin sees through the API must not
 * tie a code (a person) to a response. A batch's `spent` moves only in steps of the survey's
 * minimum group size, so a one-code batch never tells whether its holder answered; exports of an
 * invitation survey give the response times only to the minute.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { spentInSteps } from '../../../server/routes/invitations.ts';
import { idToTheMinute, toTheMinute } from '../../../server/export/write-export.ts';
import { makeUuidV7 } from '../../../server/store/make-uuid-v7.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { INVITATION_SURVEY, writeInvitationDefinitions } from '../enrollment/invitation-definitions.ts';

let tempDir: string;
let app: SecureApp;
let minGroupSize: number;
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'invitation-privacy-'));
  const definitionsDir = await writeInvitationDefinitions(tempDir);
  minGroupSize = (JSON.parse(await readFile(join(definitionsDir, INVITATION_SURVEY, 'v1.json'), 'utf8')) as { minGroupSize?: number }).minGroupSize ?? 5;
  app = await startSecureApp({ definitionsDir });
});
afterAll(async () => {
  await app?.close();
  await rm(tempDir, { recursive: true, force: true });
});

async function generate(count: number): Promise<{ batchId: string; codes: string[] }> {
  const answer = await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(app.tokens.admin) },
    body: JSON.stringify({ count }),
  });
  expect(answer.status).toBe(201);
  const body = (await answer.json()) as { batch: { id: string }; codes: Array<{ code: string }> };
  return { batchId: body.batch.id, codes: body.codes.map((entry) => entry.code) };
}

async function answerWith(invitationCode: string): Promise<void> {
  const response = await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(validSubmission(INVITATION_SURVEY, { invitationCode })),
  });
  expect(response.status).toBe(201);
}

async function spentOf(batchId: string): Promise<number> {
  const batches = (await (await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/invitations`, { headers: bearer(app.tokens.admin) })).json()) as Array<{ id: string; spent: number }>;
  return batches.find((batch) => batch.id === batchId)!.spent;
}

describe('GET …/invitations', () => {
  it('never shows whether the code of a one-code batch was spent', async () => {
    const { batchId, codes } = await generate(1);
    expect(await spentOf(batchId)).toBe(0);
    await answerWith(codes[0]);
    expect(await spentOf(batchId)).toBe(0);
  });

  it('counts a batch\'s spent codes only in steps of the survey\'s minimum group size', async () => {
    expect(minGroupSize).toBeGreaterThan(1);
    const { batchId, codes } = await generate(minGroupSize + 2);
    for (const code of codes.slice(0, minGroupSize - 1)) await answerWith(code);
    expect(await spentOf(batchId)).toBe(0);
    await answerWith(codes[minGroupSize - 1]);
    expect(await spentOf(batchId)).toBe(minGroupSize);
    await answerWith(codes[minGroupSize]);
    expect(await spentOf(batchId)).toBe(minGroupSize);
    expect([0, 1, 4, 5, 9, 10, 11].map((n) => spentInSteps(n, 5))).toEqual([0, 0, 0, 5, 5, 10, 10]);
    expect(spentInSteps(3, 1)).toBe(3);
  });
});

describe('exports of an invitation survey', () => {
  it('give receivedAt, startedAt, completedAt and the time in the record id to the minute only', async () => {
    const response = await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/responses?format=jsonl`, { headers: bearer(app.tokens.analyst) });
    expect(response.status).toBe(200);
    const records = (await response.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as ResponseRecord);
    expect(records.length).toBeGreaterThan(minGroupSize);
    for (const record of records) {
      expect(record.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
      expect(record.startedAt).toMatch(/T\d{2}:\d{2}:00\.000(Z|[+-]\d{2}:\d{2})$/);
      expect(record.completedAt).toMatch(/T\d{2}:\d{2}:00\.000(Z|[+-]\d{2}:\d{2})$/);
      // The SQLite store's ids are UUIDv7: their first 48 bits are the receipt millisecond.
      expect(parseInt(record.id.replaceAll('-', '').slice(0, 12), 16) % 60_000).toBe(0);
    }
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    // The store keeps the exact times; only what leaves the server is rounded.
    const stored: ResponseRecord[] = [];
    for await (const record of app.store.list({ surveyId: INVITATION_SURVEY })) stored.push(record);
    expect(stored.map((record) => toTheMinute(record.receivedAt)).sort()).toEqual(records.map((record) => record.receivedAt).sort());

    const csv = await (await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/responses?format=csv&codes`, { headers: bearer(app.tokens.analyst) })).text();
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const receivedAt = header.split(',').indexOf('receivedAt');
    expect(receivedAt).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(',')[receivedAt]).toMatch(/:00\.000Z$/);
  });

  it('round to the minute in the form the time was written in', () => {
    expect(toTheMinute('2026-06-02T09:15:42.123+09:00')).toBe('2026-06-02T09:15:00.000+09:00');
    expect(toTheMinute('2026-06-02T00:15:42Z')).toBe('2026-06-02T00:15:00.000Z');
    const at = Date.parse('2026-06-02T00:15:42.123Z');
    const id = makeUuidV7(at);
    expect(idToTheMinute(id)).toBe(makeUuidV7(Date.parse('2026-06-02T00:15:00.000Z')).slice(0, 14) + id.slice(14));
    expect(idToTheMinute('00000000-0000-4000-8000-000000000001')).toBe('00000000-0000-4000-8000-000000000001'); // not a v7: kept
  });
});
