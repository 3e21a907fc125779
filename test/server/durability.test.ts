/**
 * A 201 means stored: kill -9 the real server while submissions stream in,
 * restart it on the same DATA_DIR, and every acknowledged response is there,
 * once. (SIGKILL leaves the OS page cache intact, so this proves "answer only
 * after commit" and crash recovery; power-loss durability rests on
 * synchronous=FULL, docs/decisions/0001-embedded-sqlite-store.md.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { Submission } from '../../contracts/submission.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { spawnServer, type SpawnedServer } from './spawn-server.ts';
import { SURVEY_ID, writeTestDefinitions } from './start-app.ts';

const SENDERS = 8;
const KILL_AFTER_ACKNOWLEDGED = 150;

let dir: string;
let servers: SpawnedServer[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'durability-'));
  await writeTestDefinitions(join(dir, 'survey-definitions'));
});
afterAll(async () => {
  for (const server of servers) await server.kill();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<SpawnedServer> {
  const server = await spawnServer({
    DATA_DIR: join(dir, 'data'),
    DEFINITIONS_DIR: join(dir, 'survey-definitions'),
    // One "kiosk" posting hundreds of responses a second would rightly be rate-limited (server/limits/).
    ABUSE_LIMITS: 'off',
  });
  servers.push(server);
  return server;
}

function post(server: SpawnedServer, submission: Submission): Promise<Response> {
  return fetch(`${server.url}/api/surveys/${SURVEY_ID}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
}

it('keeps every acknowledged response, once, across kill -9 mid-stream; resending is answered as duplicate', async () => {
  const first = await start();
  const sent: Submission[] = [];
  const acknowledged = new Map<string, string>(); // submissionId → id answered with 201
  let killed = false;

  // SENDERS clients post new submissions back to back until the server dies under them.
  const sender = async () => {
    while (!killed) {
      const submission = validSubmission(SURVEY_ID, { data: { ...validSubmission(SURVEY_ID).data, free: `送信 ${sent.length}` } });
      sent.push(submission);
      try {
        const response = await post(first, submission);
        const body = (await response.json()) as { id: string; duplicate: boolean };
        expect(response.status, JSON.stringify(body)).toBe(201);
        acknowledged.set(submission.submissionId, body.id);
      } catch (error) {
        if (!killed) throw error; // only the kill may break a request
        return;
      }
      if (acknowledged.size >= KILL_AFTER_ACKNOWLEDGED && !killed) {
        killed = true;
        first.child.kill('SIGKILL'); // no await: other requests are still in flight
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  await first.kill();
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);

  const second = await start();
  // Read the file directly, beside the running server (WAL lets both in).
  const store = await openSqliteResponseStore(join(dir, 'data', 'responses.sqlite'));
  const records: ResponseRecord[] = [];
  for await (const record of store.list({ surveyId: SURVEY_ID })) records.push(record);
  const sentIds = new Set(sent.map((s) => s.submissionId));

  expect(records.filter((r) => !sentIds.has(r.submissionId))).toEqual([]);
  expect(new Set(records.map((r) => r.submissionId)).size).toBe(records.length); // none twice
  const storedIdBySubmission = new Map(records.map((r) => [r.submissionId, r.id]));
  const lost = [...acknowledged].filter(([submissionId, id]) => storedIdBySubmission.get(submissionId) !== id);
  expect(lost).toEqual([]);
  // At most the requests in flight at the kill were stored without an answer.
  expect(records.length - acknowledged.size).toBeLessThanOrEqual(SENDERS);

  // The kiosks' offline queues resend everything they never saw answered, and more.
  const resent = await Promise.all(sent.map(async (submission) => ({ submission, response: await post(second, submission) })));
  for (const { submission, response } of resent) {
    const body = (await response.json()) as { id: string; duplicate: boolean };
    const firstId = acknowledged.get(submission.submissionId);
    if (firstId !== undefined) expect({ status: response.status, body }).toEqual({ status: 200, body: { id: firstId, duplicate: true } });
    else expect([200, 201]).toContain(response.status);
  }
  expect(await store.count({ surveyId: SURVEY_ID })).toBe(sentIds.size);
  await store.close();
  expect(await second.stop()).toBe(0);
});
