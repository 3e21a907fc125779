/**
 * A resent invitation submission is a duplicate, not a rejection (issue 20, finding 8):
 * the kiosk queue and the online form resend a response until they see 200 or 201, and
 * treat any other 4xx as final (client/queue/classify-send-outcome.ts). Through the real
 * HTTP server on loopback with real SQLite files.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import { classifySendOutcome } from '../../../client/queue/classify-send-outcome.ts';
import { createApp } from '../../../server/app.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { INVITATION_SURVEY, writeInvitationDefinitions } from './invitation-definitions.ts';

let tempDir: string;
let definitionsDir: string;
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'idempotent-retries-'));
  definitionsDir = await writeInvitationDefinitions(tempDir);
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

async function makeCode(url: string, adminToken: string): Promise<string> {
  const answer = await fetch(`${url}/api/surveys/${INVITATION_SURVEY}/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(adminToken) },
    body: JSON.stringify({ count: 1 }),
  });
  expect(answer.status).toBe(201);
  return ((await answer.json()) as { codes: Array<{ code: string }> }).codes[0].code;
}

async function send(url: string, submission: Submission): Promise<{ status: number; body: any }> {
  const answer = await fetch(`${url}/api/surveys/${INVITATION_SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
  return { status: answer.status, body: await answer.json() };
}

const tally = (answers: Array<{ status: number; body: any }>) =>
  answers.reduce<Record<string, number>>((counts, { status, body }) => {
    const key = status === 200 && body.duplicate === true ? '200 duplicate' : status === 201 && body.duplicate === false ? '201' : `${status} ${body.error?.code}`;
    return { ...counts, [key]: (counts[key] ?? 0) + 1 };
  }, {});

describe('one server', () => {
  let app: SecureApp;
  beforeEach(async () => {
    app = await startSecureApp({ definitionsDir });
  });
  afterEach(async () => {
    await app.close();
  });

  it('20 concurrent copies of one submission with its code: one 201, nineteen 200 "duplicate", one record, the code spent once', async () => {
    const code = await makeCode(app.url, app.tokens.admin);
    const submission = validSubmission(INVITATION_SURVEY, { invitationCode: code });
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(app.url, submission)));
    expect(tally(answers)).toEqual({ '201': 1, '200 duplicate': 19 });
    expect(new Set(answers.map(({ body }) => body.id)).size).toBe(1);
    expect(await app.store.count({ surveyId: INVITATION_SURVEY })).toBe(1);
    // The client's queue counts every one of those answers as delivered.
    for (const { status, body } of answers) expect(classifySendOutcome({ status, body }).kind).toBe('delivered');
    // The code is spent: another response with it is refused.
    const other = await send(app.url, validSubmission(INVITATION_SURVEY, { invitationCode: code }));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('invitation_spent');
  });

  it('a resend later is a duplicate too, with the code as typed in any form', async () => {
    const code = await makeCode(app.url, app.tokens.admin);
    const submission = validSubmission(INVITATION_SURVEY, { invitationCode: code });
    expect((await send(app.url, submission)).status).toBe(201);
    for (const typed of [code, code.toLowerCase(), code.replaceAll('-', '')]) {
      const again = await send(app.url, { ...submission, invitationCode: typed });
      expect(again).toEqual({ status: 200, body: { id: expect.any(String), duplicate: true } });
    }
  });

  it('different responses racing for one code still get exactly one 201; the others 409 invitation_spent', async () => {
    const code = await makeCode(app.url, app.tokens.admin);
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(app.url, validSubmission(INVITATION_SURVEY, { invitationCode: code }))));
    expect(tally(answers)).toEqual({ '201': 1, '409 invitation_spent': 9 });
    expect(await app.store.count({ surveyId: INVITATION_SURVEY })).toBe(1);
  });
});

describe('two server processes on the same SQLite files', () => {
  it('copies of one submission split between them: one 201, the rest 200 "duplicate"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'two-servers-'));
    const definitions = await loadDefinitionCatalogFromDir(definitionsDir);
    const opened: Array<{ store: ResponseStore; authStore: AuthStore; server: Server; url: string }> = [];
    for (let i = 0; i < 2; i++) {
      const store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
      const authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
      const app = createApp({ store, definitions, authStore, clientDir: join(dir, 'no-client-build') });
      const server: Server = await new Promise((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      opened.push({ store, authStore, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    }
    try {
      const admin = (await createApiToken(opened[0].authStore, { name: 'admin-automation', role: 'admin' })).secret;
      const code = await makeCode(opened[0].url, admin);
      const submission = validSubmission(INVITATION_SURVEY, { invitationCode: code });
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => send(opened[i % 2].url, submission)));
      expect(tally(answers)).toEqual({ '201': 1, '200 duplicate': 19 });
      expect(await opened[1].store.count({ surveyId: INVITATION_SURVEY })).toBe(1);
    } finally {
      for (const { store, authStore, server } of opened) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await store.close();
        await authStore.close();
      }
      await rm(dir, { recursive: true, force: true });
    }
  });
});
