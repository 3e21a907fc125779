/**
 * One response per invitation code, anonymously, through the real HTTP server
 * on loopback with real SQLite (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 */
import Database from 'better-sqlite3';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { INVITATION_SURVEY, writeInvitationDefinitions } from './invitation-definitions.ts';

/** The shipped staff survey's minGroupSize: the step a batch's used count moves in. */
const MIN_GROUP = 10;

let definitionsDir: string;
let tempDir: string;
let app: SecureApp;
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'invitation-definitions-'));
  definitionsDir = await writeInvitationDefinitions(tempDir);
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});
beforeEach(async () => {
  app = await startSecureApp({ definitionsDir });
});
afterEach(async () => {
  await app.close();
});

interface Generated {
  batch: { id: string; count: number; spent: number; workplace?: string };
  codes: Array<{ code: string; url: string; qr: string }>;
}

async function generate(body: unknown, surveyId = INVITATION_SURVEY): Promise<Response> {
  return fetch(`${app.url}/api/surveys/${surveyId}/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(app.tokens.admin) },
    body: JSON.stringify(body),
  });
}

async function codes(count: number, workplace?: string): Promise<string[]> {
  const answer = await generate(workplace === undefined ? { count } : { count, workplace });
  expect(answer.status).toBe(201);
  return ((await answer.json()) as Generated).codes.map((entry) => entry.code);
}

function submit(invitationCode: string | undefined, submissionId?: string) {
  const submission = validSubmission(INVITATION_SURVEY, {
    ...(invitationCode !== undefined && { invitationCode }),
    ...(submissionId !== undefined && { submissionId }),
  });
  return fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
}

function check(code: string) {
  return fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/invitations/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
}

describe('generating invitation codes', () => {
  it('makes N distinct codes, each with a survey link and a QR code, listed per workplace', async () => {
    const answer = await generate({ count: 25, workplace: '中央区役所 戸籍住民課' });
    expect(answer.status).toBe(201);
    const body = (await answer.json()) as Generated & { csv: string };
    const { batch, codes: generated } = body;
    // Counts of used codes move in steps of the survey's minimum group size, and the answer says so.
    expect(batch).toMatchObject({ count: 25, spent: 0, spentStep: MIN_GROUP, workplace: '中央区役所 戸籍住民課' });
    expect(new Set(generated.map((entry) => entry.code)).size).toBe(25);
    for (const { code, url, qr } of generated) {
      expect(url).toBe(`${app.url}/s/${INVITATION_SURVEY}?code=${code}`);
      expect(qr).toMatch(/^data:image\/gif;base64,/);
    }
    const { csv } = body;
    expect(csv.split('\r\n').slice(0, 2)).toEqual(['\uFEFFcode,url,workplace', `${generated[0].code},${generated[0].url},中央区役所 戸籍住民課`]);
    expect(csv.split('\r\n')).toHaveLength(27); // header, 25 codes, and the final line end

    await codes(3);
    const batches = await (await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/invitations`, { headers: bearer(app.tokens.admin) })).json();
    expect(batches).toEqual([
      { id: batch.id, surveyId: INVITATION_SURVEY, workplace: '中央区役所 戸籍住民課', createdAt: expect.any(String), count: 25, spent: 0, spentStep: MIN_GROUP },
      { id: expect.any(String), surveyId: INVITATION_SURVEY, createdAt: expect.any(String), count: 3, spent: 0, spentStep: MIN_GROUP },
    ]);
  });

  it('refuses bad counts, unknown fields and surveys without invitations, and stores nothing', async () => {
    for (const body of [{ count: 0 }, { count: 1001 }, { count: '5' }, { count: 2.5 }, {}, { count: 1, colour: 'red' }, { count: 1, workplace: '' }]) {
      const answer = await generate(body);
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect((await answer.json()).error.code).toBe('invalid_invitations');
    }
    const notInvitational = await generate({ count: 5 }, 'citizen-needs');
    expect(notInvitational.status).toBe(409);
    expect((await notInvitational.json()).error.code).toBe('invitations_not_required');
    expect(await (await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/invitations`, { headers: bearer(app.tokens.admin) })).json()).toEqual([]);
  });
});

describe('answering with a code', () => {
  it('a code admits one response; the second use is refused with a clear 409', async () => {
    const [code] = await codes(1);
    expect(await (await check(code)).json()).toEqual({ status: 'unused' });
    expect((await submit(code)).status).toBe(201);
    const second = await submit(code);
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ error: { code: 'invitation_spent', message: 'This invitation code has already been used; each code answers once (この招待コードは使用済みです)' } });
    expect((await check(code)).status).toBe(409);
    expect(await app.store.count({ surveyId: INVITATION_SURVEY })).toBe(1);
    const [batch] = await (await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/invitations`, { headers: bearer(app.tokens.admin) })).json();
    expect(batch).toMatchObject({ count: 1, spent: 0 }); // a one-code batch never shows whether it was spent (issue 20)
  });

  it('of many concurrent submissions with one code, exactly one is stored', async () => {
    const [code] = await codes(1);
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(code)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(await app.store.count({ surveyId: INVITATION_SURVEY })).toBe(1);
  });

  it('a resent response (its 201 was lost) is answered as a duplicate, not refused', async () => {
    const [code] = await codes(1);
    const submissionId = crypto.randomUUID();
    expect((await submit(code, submissionId)).status).toBe(201);
    const again = await submit(code, submissionId);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
  });

  it('refuses a missing, unknown or other survey\'s code, and a code on a survey without invitations', async () => {
    const [code] = await codes(1);
    const missing = await submit(undefined);
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.code).toBe('invitation_required');
    for (const wrong of ['0000-0000-0000', 'not a code', code.slice(0, 9)]) {
      const answer = await submit(wrong);
      expect(answer.status, wrong).toBe(403);
      expect((await answer.json()).error.code).toBe('invitation_unknown');
    }
    const elsewhere = await fetch(`${app.url}/api/surveys/citizen-needs/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validSubmission('citizen-needs', { invitationCode: code })),
    });
    expect(elsewhere.status).toBe(422);
    expect((await elsewhere.json()).error.code).toBe('invitation_not_used');
    expect(await app.store.count({ surveyId: INVITATION_SURVEY })).toBe(0);
    expect(await (await check(code)).json()).toEqual({ status: 'unused' }); // none of that spent it
  });

  it('an invalid response does not spend the code', async () => {
    const [code] = await codes(1);
    const invalid = validSubmission(INVITATION_SURVEY, { invitationCode: code, data: { yearsOfService: 'forever' } });
    const answer = await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(invalid),
    });
    expect(answer.status).toBe(422);
    expect(await (await check(code)).json()).toEqual({ status: 'unused' });
  });

  it('gives the code back when the response cannot be stored', async () => {
    const [code] = await codes(1);
    const insert = app.store.insert;
    app.store.insert = () => Promise.reject(new Error('disk full'));
    try {
      expect((await submit(code)).status).toBe(500);
    } finally {
      app.store.insert = insert;
    }
    expect(await (await check(code)).json()).toEqual({ status: 'unused' });
    expect((await submit(code)).status).toBe(201);
  });
});

describe('anonymity: nothing joins a code to a response', () => {
  it('neither database holds the code, and the code table has no time or order to join on', async () => {
    const generated = await codes(3);
    for (const code of generated) expect((await submit(code)).status).toBe(201);

    for await (const record of app.store.list({ surveyId: INVITATION_SURVEY })) {
      expect(JSON.stringify(record)).not.toMatch(/invitation/i);
    }
    // The database files and their write-ahead logs, byte for byte.
    const bytesOf = async (name: string) => {
      const files = (await readdir(app.dir)).filter((file) => file.startsWith(name));
      return (await Promise.all(files.map((file) => readFile(join(app.dir, file))))).map((bytes) => bytes.toString('latin1')).join('');
    };
    const responsesFile = await bytesOf('responses.sqlite');
    const authFile = await bytesOf('auth.sqlite');
    for (const code of generated) {
      expect(responsesFile).not.toContain(code.replaceAll('-', ''));
      expect(authFile).not.toContain(code.replaceAll('-', ''));
      expect(authFile).not.toContain(code);
    }
    const db = new Database(join(app.dir, 'auth.sqlite'), { readonly: true });
    try {
      const columns = (db.prepare('PRAGMA table_info(invitation_codes)').all() as Array<{ name: string }>).map((column) => column.name);
      expect(columns).toEqual(['code_hash', 'survey_id', 'batch_id', 'spent']);
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'invitation_codes'").pluck().get()).toContain('WITHOUT ROWID');
    } finally {
      db.close();
    }
  });
});
