/**
 * The sender's pass on the in-memory queue (both queues pass one contract,
 * submission-queue.contract.ts; the IndexedDB queue is also proven in real
 * Chromium by test/e2e). `post` stands in for the network here: what is
 * tested is what the queue does with each kind of answer.
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import { createMemoryQueue } from '../../../client/queue/create-memory-queue.ts';
import { sendDueSubmissions, type PostSubmission } from '../../../client/queue/send-due-submissions.ts';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
const NOW = Date.parse('2025-06-01T09:00:00Z');

function submission(n: number): Submission {
  return {
    submissionId: `00000000-0000-4000-8000-00000000000${n}`,
    surveyVersion: 1,
    channel: 'kiosk',
    meta: { ward: 'chuo', locale: 'ja' },
    startedAt: '2025-06-01T08:55:00.000Z',
    completedAt: `2025-06-01T08:5${n}:00.000Z`,
    data: { purpose: 'tax' },
  };
}

async function queueWith(...numbers: number[]) {
  const queue = createMemoryQueue();
  for (const n of numbers) {
    await queue.add({ surveyId: 'ward-office-exit', submission: submission(n), queuedAt: `2025-06-01T08:5${n}:00.000Z`, nextAttemptAt: NOW });
  }
  return queue;
}

describe('sendDueSubmissions', () => {
  it('sends every due response once, oldest first, and forgets the delivered ones', async () => {
    const queue = await queueWith(2, 1);
    const sent: string[] = [];
    const post: PostSubmission = async (_surveyId, body) => {
      sent.push(body.submissionId);
      return { status: 201, body: { id: `r-${body.submissionId.slice(-1)}`, duplicate: false } };
    };
    const result = await sendDueSubmissions({ queue, post, now: () => NOW, random: () => 0, policy });
    expect(sent).toEqual([submission(1).submissionId, submission(2).submissionId]);
    expect(result).toEqual({ delivered: 2, rejected: 0, retrying: 0, nextAttemptAt: null });
    expect(await queue.counts()).toEqual({ waiting: 0, rejected: 0 });
  });

  it('a duplicate acknowledgement (200) counts as delivered: the first attempt did arrive', async () => {
    const queue = await queueWith(1);
    const post: PostSubmission = async () => ({ status: 200, body: { id: 'r-first', duplicate: true } });
    expect(await sendDueSubmissions({ queue, post, now: () => NOW, policy })).toMatchObject({ delivered: 1 });
    expect(await queue.counts()).toEqual({ waiting: 0, rejected: 0 });
  });

  it('without a network, keeps the response unchanged and schedules it with backoff', async () => {
    const queue = await queueWith(1);
    const post: PostSubmission = async () => {
      throw new TypeError('Failed to fetch');
    };
    const first = await sendDueSubmissions({ queue, post, now: () => NOW, random: () => 0, policy });
    expect(first).toEqual({ delivered: 0, rejected: 0, retrying: 1, nextAttemptAt: NOW + 500 });
    const [waiting] = await queue.listWaiting();
    expect(waiting).toEqual({
      surveyId: 'ward-office-exit',
      submission: submission(1),
      attempts: 1,
      nextAttemptAt: NOW + 500,
      queuedAt: '2025-06-01T08:51:00.000Z',
      lastFailure: 'no answer from the server: Failed to fetch',
    });

    // Not due yet: nothing is sent.
    let calls = 0;
    const counting: PostSubmission = async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    };
    await sendDueSubmissions({ queue, post: counting, now: () => NOW + 100, random: () => 0, policy });
    expect(calls).toBe(0);
    const second = await sendDueSubmissions({ queue, post: counting, now: () => NOW + 500, random: () => 0, policy });
    expect(calls).toBe(1);
    expect(second.nextAttemptAt).toBe(NOW + 500 + 1_000);
  });

  it('moves a 422 to the rejected list with the server’s reasons, and keeps sending the others', async () => {
    const queue = await queueWith(1, 2);
    const refusal = { error: { code: 'invalid_response', message: 'invalid', details: [{ question: 'age', message: 'not a choice' }] } };
    const post: PostSubmission = async (_surveyId, body) =>
      body.submissionId === submission(1).submissionId ? { status: 422, body: refusal } : { status: 201, body: { id: 'r2', duplicate: false } };
    const result = await sendDueSubmissions({ queue, post, now: () => NOW, policy });
    expect(result).toEqual({ delivered: 1, rejected: 1, retrying: 0, nextAttemptAt: null });
    expect(await queue.listRejected()).toEqual([
      {
        surveyId: 'ward-office-exit',
        submission: submission(1),
        attempts: 1,
        queuedAt: '2025-06-01T08:51:00.000Z',
        rejectedAt: '2025-06-01T09:00:00.000Z',
        status: 422,
        serverAnswer: refusal,
      },
    ]);
  });

  it('retries 429 no earlier than the server asked', async () => {
    const queue = await queueWith(1);
    const post: PostSubmission = async () => ({ status: 429, body: { error: { code: 'rate_limited', message: 'slow down' } }, retryAfter: '20' });
    const result = await sendDueSubmissions({ queue, post, now: () => NOW, random: () => 0, policy });
    expect(result).toEqual({ delivered: 0, rejected: 0, retrying: 1, nextAttemptAt: NOW + 20_000 });
    expect((await queue.listWaiting())[0].lastFailure).toBe('HTTP 429: slow down');
  });

  it('every retry sends the very same body, so the server can recognise a repeat', async () => {
    const queue = await queueWith(1);
    const bodies: string[] = [];
    let answer = 0;
    const post: PostSubmission = async (_surveyId, body) => {
      bodies.push(JSON.stringify(body));
      answer++;
      if (answer === 1) throw new TypeError('Failed to fetch');
      if (answer === 2) return { status: 503, body: 'maintenance' };
      return { status: 200, body: { id: 'r1', duplicate: true } };
    };
    let clock = NOW;
    for (let pass = 0; pass < 3; pass++) {
      await sendDueSubmissions({ queue, post, now: () => clock, random: () => 0, policy });
      clock += 60_000;
    }
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    expect(await queue.counts()).toEqual({ waiting: 0, rejected: 0 });
  });
});

describe('createMemoryQueue', () => {
  it('adding the same submission twice keeps one entry; staff can requeue rejected ones', async () => {
    const queue = await queueWith(1);
    await queue.add({ surveyId: 'ward-office-exit', submission: submission(1), queuedAt: '2025-06-01T09:00:00.000Z', nextAttemptAt: NOW });
    expect(await queue.counts()).toEqual({ waiting: 1, rejected: 0 });
    await queue.markRejected(submission(1).submissionId, { status: 404, serverAnswer: null, rejectedAt: '2025-06-01T09:00:00.000Z' });
    expect(await queue.counts()).toEqual({ waiting: 0, rejected: 1 });
    expect(await queue.requeueRejected(NOW + 5)).toBe(1);
    expect(await queue.listWaiting()).toEqual([
      { surveyId: 'ward-office-exit', submission: submission(1), attempts: 0, nextAttemptAt: NOW + 5, queuedAt: '2025-06-01T08:51:00.000Z' },
    ]);
  });
});
