/**
 * Issue 20, finding 9: a submissionId is a UUID, and a UUID's hex digits mean the same in either
 * case (RFC 9562 §4: compare case-insensitively, write lower-case). A client that upper-cased the
 * id of a response it had already sent (another UUID library, a retry after a reload) used to
 * store the response a second time: 201 instead of 200 duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const SURVEY = 'citizen-needs';
let app: SecureApp;
beforeAll(async () => {
  app = await startSecureApp();
});
afterAll(async () => {
  await app?.close();
});

function submit(submission: Submission) {
  return fetch(`${app.url}/api/surveys/${SURVEY}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission) });
}

describe('POST a response whose submissionId differs only in case', () => {
  it('is 200 duplicate of the stored one, which keeps its id in lower case', async () => {
    const submission = validSubmission(SURVEY);
    const first = await submit(submission);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };

    for (const variant of [submission.submissionId.toUpperCase(), submission.submissionId.replace(/[a-f]/, (c) => c.toUpperCase())]) {
      const again = await submit({ ...structuredClone(submission), submissionId: variant });
      expect(again.status, variant).toBe(200);
      expect(await again.json()).toEqual({ id, duplicate: true });
    }
    expect(await app.store.count({ surveyId: SURVEY })).toBe(1);
    expect((await app.store.get(id))!.submissionId).toBe(submission.submissionId.toLowerCase());
  });

  it('stores a first submission sent upper-case with its id lower-cased, and its lower-case retry is the duplicate', async () => {
    const submission = validSubmission(SURVEY);
    const upper = { ...submission, submissionId: submission.submissionId.toUpperCase() };
    const first = await submit(upper);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    expect((await app.store.get(id))!.submissionId).toBe(submission.submissionId.toLowerCase());
    const again = await submit({ ...upper, submissionId: submission.submissionId.toLowerCase() });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, duplicate: true });
  });
});
