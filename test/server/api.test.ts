import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { bearer, startSecureApp } from './auth/start-secure-app.ts';
import { readFixtureDefinition, startApp, SURVEY_ID, toVersion2, type RunningApp } from './start-app.ts';

const RESPONSES_PATH = `/api/surveys/${SURVEY_ID}/responses`;

function postJson(app: RunningApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(app.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function answer(response: Response): Promise<{ status: number; body: any }> {
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('collection API', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const count = () => app.store.count({ surveyId: SURVEY_ID });

  describe('survey definitions', () => {
    it('lists each survey once, at its current version', async () => {
      const v1 = await readFixtureDefinition();
      expect(await answer(await fetch(`${app.url}/api/surveys`))).toEqual({
        status: 200,
        body: [{ id: SURVEY_ID, version: 2, title: v1.title, audience: 'visitor', languages: ['ja', 'en'] }],
      });
    });

    it('serves the current definition, and an older one by version', async () => {
      const v1 = await readFixtureDefinition();
      expect(await answer(await fetch(`${app.url}/api/surveys/${SURVEY_ID}`))).toEqual({ status: 200, body: toVersion2(v1) });
      expect(await answer(await fetch(`${app.url}/api/surveys/${SURVEY_ID}/versions/1`))).toEqual({ status: 200, body: v1 });
      expect(await answer(await fetch(`${app.url}/api/surveys/${SURVEY_ID}/versions/2`))).toEqual({ status: 200, body: toVersion2(v1) });
    });

    it('answers 404 for an unknown survey, naming it and the known ones', async () => {
      expect(await answer(await fetch(`${app.url}/api/surveys/no-such-survey`))).toEqual({
        status: 404,
        body: { error: { code: 'unknown_survey', message: 'No survey "no-such-survey"; known surveys: all-question-types' } },
      });
      expect((await fetch(`${app.url}/api/surveys/no-such-survey/versions/1`)).status).toBe(404);
    });

    it('answers 404 for a version that is not kept, or is not a version number', async () => {
      expect(await answer(await fetch(`${app.url}/api/surveys/${SURVEY_ID}/versions/3`))).toEqual({
        status: 404,
        body: { error: { code: 'unknown_version', message: 'Survey "all-question-types" has no version "3"; kept versions: 1, 2' } },
      });
      for (const version of ['0', '01', '1.0', 'latest', '-1']) {
        const { status, body } = await answer(await fetch(`${app.url}/api/surveys/${SURVEY_ID}/versions/${version}`));
        expect({ version, status, code: body.error.code }).toEqual({ version, status: 404, code: 'unknown_version' });
      }
    });
  });

  it('answers /healthz when the store answers', async () => {
    const health = await answer(await fetch(`${app.url}/healthz`));
    expect(health.status).toBe(200);
    expect((health.body as { status: string }).status).toBe('ok');
    // Every survey's live analysis table, each built or building (issue 23).
    const tables = (health.body as { tables: Record<string, { state: string; rows: number }> }).tables;
    expect(Object.keys(tables).length).toBeGreaterThan(0);
    for (const status of Object.values(tables)) expect(['building', 'ready']).toContain(status.state);
  });

  it('answers an anonymous request to an unknown API route with 401 JSON (the access policy fails closed)', async () => {
    expect(await answer(await fetch(`${app.url}/api/nothing-here`))).toEqual({
      status: 401,
      body: { error: { code: 'unauthenticated', message: 'Log in or send an API token to GET "/api/nothing-here"' } },
    });
  });

  describe('POST /api/surveys/:id/responses', () => {
    it('stores a valid response: 201 with its id, every field kept, surveyId from the URL', async () => {
      const submission = validSubmission(SURVEY_ID, { surveyVersion: 2 });
      const { status, body } = await answer(await postJson(app, RESPONSES_PATH, submission));

      expect(status).toBe(201);
      expect(body).toEqual({ id: expect.any(String), duplicate: false });
      expect(await app.store.get(body.id)).toEqual({
        ...submission,
        meta: { locale: submission.meta.locale }, // a kiosk id and ward only from an enrolled kiosk's credential (issue 20)
        id: body.id,
        surveyId: SURVEY_ID,
        receivedAt: expect.any(String),
      });
    });

    it('answers a repeated submissionId with 200, the first id, duplicate: true, and stores nothing new', async () => {
      const submission = validSubmission(SURVEY_ID, { surveyVersion: 2 });
      const first = await answer(await postJson(app, RESPONSES_PATH, submission));
      const before = await count();
      const again = await answer(await postJson(app, RESPONSES_PATH, submission));

      expect(first.status).toBe(201);
      expect(again).toEqual({ status: 200, body: { id: first.body.id, duplicate: true } });
      expect(await count()).toBe(before);
    });

    it('stores one record when 20 copies of a submission arrive at once', async () => {
      const submission = validSubmission(SURVEY_ID);
      const before = await count();
      const answers = await Promise.all(Array.from({ length: 20 }, () => postJson(app, RESPONSES_PATH, submission).then(answer)));

      expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await count()).toBe(before + 1);
    });

    it('accepts a response to an older version that is still kept', async () => {
      const submission = validSubmission(SURVEY_ID, { surveyVersion: 1 });
      const { status, body } = await answer(await postJson(app, RESPONSES_PATH, submission));
      expect(status).toBe(201);
      expect((await app.store.get(body.id))!.surveyVersion).toBe(1);
    });

    it('validates against the version the response names', async () => {
      const base = validSubmission(SURVEY_ID);
      const withNewQuestion = { ...base.data, visitCount: 3 };
      const asV2 = await answer(await postJson(app, RESPONSES_PATH, { ...base, surveyVersion: 2, data: withNewQuestion }));
      const asV1 = await answer(await postJson(app, RESPONSES_PATH, { ...base, submissionId: randomUUID(), surveyVersion: 1, data: withNewQuestion }));

      expect(asV2.status).toBe(201);
      expect(asV1.status).toBe(422);
      expect(asV1.body.error.details).toEqual([{ question: 'visitCount', message: expect.stringContaining('visitCount') }]);
    });

    it('answers 422 invalid_response with per-question details for invalid answers, storing nothing', async () => {
      const before = await count();
      const submission = validSubmission(SURVEY_ID, { surveyVersion: 2 });
      submission.data.mood = 'sightseeing';
      const { status, body } = await answer(await postJson(app, RESPONSES_PATH, submission));

      expect(status).toBe(422);
      expect(body.error).toEqual({
        code: 'invalid_response',
        message: expect.stringMatching(/^The response is not valid \(1 problem\): mood: /),
        details: [{ question: 'mood', message: expect.stringContaining('"sightseeing"') }],
      });
      expect(await count()).toBe(before);
      expect(await app.store.getBySubmissionId(submission.submissionId)).toBeUndefined();
    });

    it('answers 422 naming each body field that breaks the submission schema, quoting the bad value', async () => {
      const submission = { ...validSubmission(SURVEY_ID), submissionId: 'not-a-uuid', channel: 'fax', meta: { locale: 'ja', ward: 'sapporo' }, extra: 1 };
      const { status, body } = await answer(await postJson(app, RESPONSES_PATH, submission));

      expect(status).toBe(422);
      expect(body.error.code).toBe('invalid_response');
      expect(body.error.details).toEqual([
        { question: 'submissionId', message: 'Invalid UUID (got "not-a-uuid")' },
        { question: 'channel', message: 'Invalid option: expected one of "kiosk"|"online" (got "fax")' },
        { question: 'meta.ward', message: expect.stringContaining('got "sapporo"') },
        { question: 'extra', message: 'unknown field "extra"' },
      ]);
    });

    it('answers 422 for JSON that is not a submission object', async () => {
      for (const body of ['[]', '{}', '[1,2]']) {
        const result = await answer(await postJson(app, RESPONSES_PATH, body));
        expect({ body, status: result.status, code: result.body.error.code }).toEqual({ body, status: 422, code: 'invalid_response' });
      }
    });

    it('refuses "__proto__" keys in answers with 422, and no prototype changes', async () => {
      const before = await count();
      const submission = validSubmission(SURVEY_ID);
      const raw = JSON.stringify(submission).replace('"data":{', '"data":{"__proto__":{"polluted":"yes"},');
      const nested = JSON.stringify(validSubmission(SURVEY_ID)).replace('"satisfaction":{', '"satisfaction":{"__proto__":{"polluted":"yes"},');

      expect(await answer(await postJson(app, RESPONSES_PATH, raw))).toEqual({
        status: 422,
        body: {
          error: {
            code: 'invalid_response',
            message: 'The response is not valid (1 problem): __proto__: the key "__proto__" is not allowed (at "__proto__")',
            details: [{ question: '__proto__', message: 'the key "__proto__" is not allowed (at "__proto__")' }],
          },
        },
      });
      expect((await answer(await postJson(app, RESPONSES_PATH, nested))).body.error.details).toEqual([
        { question: 'satisfaction', message: 'the key "__proto__" is not allowed (at "satisfaction.__proto__")' },
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await count()).toBe(before);
    });

    it('answers 422 for a "constructor" answer key, which is not a question', async () => {
      const submission = validSubmission(SURVEY_ID);
      const raw = JSON.stringify(submission).replace('"data":{', '"data":{"constructor":{"prototype":{"polluted":"yes"}},');
      const { status, body } = await answer(await postJson(app, RESPONSES_PATH, raw));
      expect(status).toBe(422);
      expect(body.error.details.map((d: { question: string }) => d.question)).toEqual(['constructor']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('answers 422 for answers nested absurdly deep, instead of overflowing the stack', async () => {
      const submission = validSubmission(SURVEY_ID);
      const deep = '['.repeat(50_000) + ']'.repeat(50_000);
      const raw = JSON.stringify(submission).replace('"data":{', `"data":{"deep":${deep},`);
      const { status, body } = await answer(await postJson(app, RESPONSES_PATH, raw));
      expect(status).toBe(422);
      expect(body.error.details).toEqual([{ question: 'deep', message: expect.stringContaining('nested more than 32 levels') }]);
    });

    it('answers 404 for an unknown survey or version, storing nothing', async () => {
      const before = await count();
      const unknownSurvey = await answer(await postJson(app, '/api/surveys/no-such-survey/responses', validSubmission(SURVEY_ID)));
      const unknownVersion = await answer(await postJson(app, RESPONSES_PATH, validSubmission(SURVEY_ID, { surveyVersion: 7 })));

      expect(unknownSurvey).toEqual({ status: 404, body: { error: { code: 'unknown_survey', message: expect.stringContaining('"no-such-survey"') } } });
      expect(unknownVersion).toEqual({
        status: 404,
        body: { error: { code: 'unknown_version', message: 'Survey "all-question-types" has no version 7; kept versions: 1, 2' } },
      });
      expect(await count()).toBe(before);
    });

    it('answers 400 malformed_json for a body that is not JSON', async () => {
      for (const body of ['{"submissionId": ', 'hello', '{"a":1}}', 'null', '"text"']) {
        const result = await answer(await postJson(app, RESPONSES_PATH, body));
        expect({ body, status: result.status, code: result.body.error.code }).toEqual({ body, status: 400, code: 'malformed_json' });
        expect(result.body.error.message).toMatch(/^The body is not valid JSON: /);
      }
    });

    it('answers 413 payload_too_large for a body over 256 KiB, storing nothing', async () => {
      const before = await count();
      const submission = validSubmission(SURVEY_ID);
      submission.data.free = 'x'.repeat(256 * 1024);
      expect(await answer(await postJson(app, RESPONSES_PATH, submission))).toEqual({
        status: 413,
        body: { error: { code: 'payload_too_large', message: 'The body is larger than the limit of 262144 bytes' } },
      });
      expect(await count()).toBe(before);
    });

    it('answers 415 for a body that is not sent as JSON', async () => {
      const body = JSON.stringify(validSubmission(SURVEY_ID));
      const asText = await answer(await fetch(app.url + RESPONSES_PATH, { method: 'POST', headers: { 'content-type': 'text/plain' }, body }));
      const asForm = await answer(await fetch(app.url + RESPONSES_PATH, { method: 'POST', body: new URLSearchParams({ data: body }) }));
      const withoutType = await answer(await fetch(app.url + RESPONSES_PATH, { method: 'POST' }));
      const latin1 = await answer(await postJson(app, RESPONSES_PATH, body, { 'content-type': 'application/json; charset=latin1' }));

      // The access policy refuses every non-JSON POST first (its CSRF defence); the route would too.
      expect(asText).toEqual({
        status: 415,
        body: { error: { code: 'unsupported_media_type', message: expect.stringMatching(/as application\/json; got "text\/plain"$/) } },
      });
      expect(asForm.status).toBe(415);
      expect(withoutType).toEqual({
        status: 415,
        body: { error: { code: 'unsupported_media_type', message: expect.stringMatching(/as application\/json; got no Content-Type$/) } },
      });
      expect(latin1.status).toBe(415);
    });

    it('accepts JSON sent with an explicit UTF-8 charset', async () => {
      const result = await postJson(app, RESPONSES_PATH, validSubmission(SURVEY_ID), { 'content-type': 'application/json; charset=utf-8' });
      expect(result.status).toBe(201);
    });
  });
});

describe('collection API with a smaller body limit', () => {
  it('answers 413 above the configured limit', async () => {
    const app = await startApp({ bodyLimit: '512b' }); // the valid submission is about 840 bytes
    try {
      const result = await answer(await postJson(app, RESPONSES_PATH, validSubmission(SURVEY_ID)));
      expect(result).toEqual({ status: 413, body: { error: { code: 'payload_too_large', message: 'The body is larger than the limit of 512 bytes' } } });
    } finally {
      await app.close();
    }
  });
});

describe('unknown API routes, for a logged-in admin', () => {
  it('answer 404 JSON naming the method and path', async () => {
    const app = await startSecureApp();
    try {
      expect(await answer(await fetch(`${app.url}/api/nothing-here`, { headers: bearer(app.tokens.admin) }))).toEqual({
        status: 404,
        body: { error: { code: 'not_found', message: 'No API route for GET "/api/nothing-here"' } },
      });
      const wrongMethod = await fetch(`${app.url}/api/surveys`, { method: 'DELETE', headers: { ...bearer(app.tokens.admin), 'content-type': 'application/json' }, body: '{}' });
      expect((await answer(wrongMethod)).body.error.code).toBe('not_found');
    } finally {
      await app.close();
    }
  });
});

describe('collection API when the store fails', () => {
  it('answers 500 without internals, and /healthz answers 503', async () => {
    const app = await startApp();
    await app.store.close(); // a real failure: every store call now throws
    const originalError = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      expect(await answer(await postJson(app, RESPONSES_PATH, validSubmission(SURVEY_ID)))).toEqual({
        status: 500,
        body: { error: { code: 'internal_error', message: 'The server failed to handle this request; it has been logged' } },
      });
      expect(logged).toHaveLength(1);
      // The URL is an argument of a '%s %s failed:' format, never the format itself (server/error-handler.ts).
      expect(logged[0].slice(0, 3)).toEqual(['%s %s failed:', 'POST', RESPONSES_PATH]);
      expect(format(...logged[0]).split('\n')[0]).toMatch(new RegExp(`^POST ${RESPONSES_PATH} failed: Error: response store is closed`));
      expect(await answer(await fetch(`${app.url}/healthz`))).toEqual({
        status: 503,
        body: { error: { code: 'store_unavailable', message: 'The response store does not answer: response store is closed' } },
      });
    } finally {
      console.error = originalError;
      await app.close();
    }
  });
});

describe('serving the client', () => {
  let clientDir: string;
  beforeAll(async () => {
    clientDir = await mkdtemp(join(tmpdir(), 'client-dist-'));
    await mkdir(join(clientDir, 'assets'));
    await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>app</title><script type="module" src="/assets/app.js"></script>');
    await writeFile(join(clientDir, 'assets', 'app.js'), 'console.log("app")');
  });
  afterAll(async () => {
    await rm(clientDir, { recursive: true, force: true });
  });

  it('answers index.html for the app routes and serves the built assets', async () => {
    const app = await startApp({ clientDir });
    try {
      for (const path of ['/', '/kiosk', '/kiosk/chuo', '/s/citizen-needs']) {
        const response = await fetch(app.url + path);
        expect({ path, status: response.status, type: response.headers.get('content-type'), text: await response.text() }).toEqual({
          path,
          status: 200,
          type: 'text/html; charset=utf-8',
          text: '<!doctype html><title>app</title><script type="module" src="/assets/app.js"></script>',
        });
      }
      const script = await fetch(`${app.url}/assets/app.js`);
      expect(await script.text()).toBe('console.log("app")');
      expect((await fetch(`${app.url}/no-such-page`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('sends the built assets gzipped and cacheable for good, and index.html revalidated', async () => {
    const bigScript = `console.log(${JSON.stringify('区役所'.repeat(2000))});`;
    await writeFile(join(clientDir, 'assets', 'big-abc123.js'), bigScript);
    const app = await startApp({ clientDir });
    try {
      // Node's fetch asks for gzip and decompresses, so the body is checked as the browser sees it.
      const asset = await fetch(`${app.url}/assets/big-abc123.js`);
      expect({
        encoding: asset.headers.get('content-encoding'),
        cache: asset.headers.get('cache-control'),
        body: await asset.text(),
      }).toEqual({ encoding: 'gzip', cache: 'public, max-age=31536000, immutable', body: bigScript });
      const page = await fetch(`${app.url}/kiosk/ward-office-exit`);
      expect(page.headers.get('cache-control')).not.toContain('immutable');
    } finally {
      await app.close();
    }
  });

  it('forbids loading anything from outside the server (Content-Security-Policy)', async () => {
    const app = await startApp({ clientDir });
    try {
      const csp = (await fetch(`${app.url}/`)).headers.get('content-security-policy')!;
      expect(csp.split(';')).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "connect-src 'self'", "font-src 'self' data:"]));
    } finally {
      await app.close();
    }
  });

  it('tells how to build the client when it is not built', async () => {
    const app = await startApp({ clientDir: join(clientDir, 'missing') });
    try {
      const response = await fetch(`${app.url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<code>npm run build</code>');
    } finally {
      await app.close();
    }
  });
});
