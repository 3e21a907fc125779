/**
 * Requests from issue 13's attack findings, against the real app on loopback with
 * a real SQLite file: each used to answer 500 (or hide the logged error). The
 * answer must be a 4xx with the API's error shape, and nothing may be stored.
 */
import { format } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { startApp, SURVEY_ID, type RunningApp } from './start-app.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function post(path: string, body: string) {
  return fetch(app.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('deeply nested JSON outside "data"', () => {
  // 100 000 levels fit in the 256 KiB body limit and overflow any recursive serialiser.
  const DEPTH = 100_000;
  const deep = '['.repeat(DEPTH) + ']'.repeat(DEPTH);

  for (const field of ['meta', 'startedAt', 'submissionId', 'channel']) {
    it(`in "${field}": 422 naming the field, nothing stored`, async () => {
      // JSON.parse keeps the last of two equal keys: the nested value replaces the valid one.
      const body = JSON.stringify(validSubmission(SURVEY_ID)).replace(/\}$/, `,"${field}":${deep}}`);
      const response = await post(`/api/surveys/${SURVEY_ID}/responses`, body);
      expect(response.status).toBe(422);
      const answer = await response.json();
      expect(answer.error.code).toBe('invalid_response');
      expect(answer.error.details.map((d: { question: string }) => d.question)).toContain(field);
      expect(await app.store.count({ surveyId: SURVEY_ID })).toBe(0);
    });
  }
});

describe('a malformed %-escape in the path', () => {
  for (const [method, path] of [
    ['GET', '/api/surveys/%ff'],
    ['GET', '/api/surveys/%E0%A4%A'],
    ['POST', '/api/surveys/%ff/responses'],
    ['GET', '/api/surveys/%ff/responses?format=csv'],
  ] as const) {
    it(`${method} ${path}: 400 malformed_path`, async () => {
      const response = await fetch(app.url + path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify(validSubmission(SURVEY_ID)) : undefined,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'malformed_path', message: 'The path contains a malformed %-escape' } });
    });
  }
});

describe('the error log', () => {
  it('logs the URL as data: %s, %o and %c in it cannot swallow the error', async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    // A store that fails is the one unexpected error a request can reach from outside.
    vi.spyOn(app.store, 'insert').mockRejectedValueOnce(new Error('disk on fire'));
    const response = await post(`/api/surveys/${SURVEY_ID}/responses?x=%25s%25o%25c%25d`, JSON.stringify(validSubmission(SURVEY_ID)));
    expect(response.status).toBe(500);
    expect(logged).toHaveLength(1);
    // What the console prints is util.format of the arguments.
    const line = format(...(logged[0] as [unknown, ...unknown[]]));
    expect(line).toContain(`POST /api/surveys/${SURVEY_ID}/responses?x=%25s%25o%25c%25d failed:`);
    expect(line).toContain('disk on fire');
    expect(typeof logged[0][0]).toBe('string');
    expect(logged[0][0]).not.toContain('/api/'); // the format string is ours, never the request's
  });

  it('with raw % characters in the path too', async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    vi.spyOn(app.store, 'insert').mockRejectedValueOnce(new Error('disk on fire'));
    const response = await post(`/api/surveys/${SURVEY_ID}/responses?q=%s%o%c`, JSON.stringify(validSubmission(SURVEY_ID)));
    expect(response.status).toBe(500);
    const line = format(...(logged[0] as [unknown, ...unknown[]]));
    expect(line).toContain('?q=%s%o%c failed:');
    expect(line).toContain('disk on fire');
  });
});
