/**
 * The behaviour every SubmissionQueue must have (client/queue/submission-queue.ts),
 * run against both implementations: the IndexedDB queue of the browser and the
 * in-memory fallback. The sender (send-due-submissions.ts) is tested on the
 * in-memory one, so this suite is what lets those tests speak for both.
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import type { SubmissionQueue } from '../../../client/queue/submission-queue.ts';

export interface SubmissionQueueContractOptions {
  name: string;
  durable: boolean;
  /** A fresh, empty queue. */
  newQueue: () => Promise<SubmissionQueue>;
}

const NOW = Date.parse('2025-06-01T09:00:00Z');
const SURVEY = 'ward-office-exit';

function submission(n: number): Submission {
  return {
    submissionId: `00000000-0000-4000-8000-00000000000${n}`,
    surveyVersion: 1,
    channel: 'kiosk',
    meta: { ward: 'chuo', locale: 'ja', kioskId: 'chuo-01' },
    startedAt: '2025-06-01T08:50:00.000Z',
    completedAt: `2025-06-01T08:5${n}:00.000Z`,
    data: { purpose: 'tax', comment: `待ち時間 ${n}` },
  };
}
const queuedAt = (n: number) => `2025-06-01T08:5${n}:30.000Z`;
const idOf = (n: number) => submission(n).submissionId;

async function add(queue: SubmissionQueue, n: number, nextAttemptAt = NOW): Promise<void> {
  await queue.add({ surveyId: SURVEY, submission: submission(n), queuedAt: queuedAt(n), nextAttemptAt });
}

export function runSubmissionQueueContract({ name, durable, newQueue }: SubmissionQueueContractOptions): void {
  describe(`SubmissionQueue contract: ${name}`, () => {
    it(`says whether it survives a reload (${durable})`, async () => {
      expect((await newQueue()).durable).toBe(durable);
    });

    it('keeps an added response exactly, with no attempts yet', async () => {
      const queue = await newQueue();
      expect(await queue.counts()).toEqual({ waiting: 0, rejected: 0 });
      await add(queue, 1);
      expect(await queue.listWaiting()).toEqual([{ surveyId: SURVEY, submission: submission(1), attempts: 0, nextAttemptAt: NOW, queuedAt: queuedAt(1) }]);
      expect(await queue.counts()).toEqual({ waiting: 1, rejected: 0 });
      expect(await queue.listRejected()).toEqual([]);
    });

    it('lists waiting responses oldest first, whatever order they were added in', async () => {
      const queue = await newQueue();
      for (const n of [3, 1, 2]) await add(queue, n);
      expect((await queue.listWaiting()).map((entry) => entry.submission.submissionId)).toEqual([idOf(1), idOf(2), idOf(3)]);
    });

    it('keeps one entry when the same completion is added twice, also once it was rejected', async () => {
      const queue = await newQueue();
      await add(queue, 1);
      await add(queue, 1, NOW + 5_000);
      expect(await queue.listWaiting()).toHaveLength(1);
      expect((await queue.listWaiting())[0].nextAttemptAt).toBe(NOW);
      await queue.markRejected(idOf(1), { status: 422, serverAnswer: null, rejectedAt: '2025-06-01T09:01:00.000Z' });
      await add(queue, 1);
      expect(await queue.counts()).toEqual({ waiting: 0, rejected: 1 });
    });

    it('forgets a delivered response and ignores an unknown one', async () => {
      const queue = await newQueue();
      await add(queue, 1);
      await add(queue, 2);
      await queue.markDelivered(idOf(1));
      await queue.markDelivered(idOf(9));
      expect((await queue.listWaiting()).map((entry) => entry.submission.submissionId)).toEqual([idOf(2)]);
    });

    it('moves a rejected response to the rejected list with the server answer, counting the attempt', async () => {
      const queue = await newQueue();
      await add(queue, 1);
      await queue.reschedule(idOf(1), { attempts: 2, nextAttemptAt: NOW, lastFailure: 'network' });
      const serverAnswer = { error: { code: 'invalid_response', message: 'bad', details: [{ question: 'purpose', message: 'not a choice' }] } };
      await queue.markRejected(idOf(1), { status: 422, serverAnswer, rejectedAt: '2025-06-01T09:01:00.000Z' });
      await queue.markRejected(idOf(9), { status: 422, serverAnswer: 'text', rejectedAt: '2025-06-01T09:01:00.000Z' });
      expect(await queue.listWaiting()).toEqual([]);
      expect(await queue.listRejected()).toEqual([
        { surveyId: SURVEY, submission: submission(1), attempts: 3, queuedAt: queuedAt(1), rejectedAt: '2025-06-01T09:01:00.000Z', status: 422, serverAnswer },
      ]);
      expect(await queue.counts()).toEqual({ waiting: 0, rejected: 1 });
    });

    it('records a failed attempt and when to try next', async () => {
      const queue = await newQueue();
      await add(queue, 1);
      await queue.reschedule(idOf(1), { attempts: 1, nextAttemptAt: NOW + 2_000, lastFailure: 'HTTP 503' });
      await queue.reschedule(idOf(9), { attempts: 1, nextAttemptAt: NOW, lastFailure: 'ignored' });
      expect(await queue.listWaiting()).toEqual([
        { surveyId: SURVEY, submission: submission(1), attempts: 1, nextAttemptAt: NOW + 2_000, queuedAt: queuedAt(1), lastFailure: 'HTTP 503' },
      ]);
    });

    it('makes every waiting response due now, leaving ones already due as they are', async () => {
      const queue = await newQueue();
      await add(queue, 1, NOW - 1_000);
      await add(queue, 2, NOW + 60_000);
      await queue.makeAllDue(NOW);
      expect((await queue.listWaiting()).map((entry) => entry.nextAttemptAt)).toEqual([NOW - 1_000, NOW]);
    });

    it('puts rejected responses back in the queue, due now and with attempts reset', async () => {
      const queue = await newQueue();
      for (const n of [1, 2, 3]) await add(queue, n);
      for (const n of [1, 3]) await queue.markRejected(idOf(n), { status: 400, serverAnswer: null, rejectedAt: '2025-06-01T09:01:00.000Z' });
      expect(await queue.requeueRejected(NOW + 10)).toBe(2);
      expect(await queue.counts()).toEqual({ waiting: 3, rejected: 0 });
      const waiting = await queue.listWaiting();
      expect(waiting.map((entry) => [entry.submission.submissionId, entry.attempts, entry.nextAttemptAt])).toEqual([
        [idOf(1), 0, NOW + 10],
        [idOf(2), 0, NOW],
        [idOf(3), 0, NOW + 10],
      ]);
      expect(await queue.requeueRejected(NOW)).toBe(0);
    });

    it('hands out copies: changing a listed entry does not change the queue', async () => {
      const queue = await newQueue();
      await add(queue, 1);
      const [listed] = await queue.listWaiting();
      listed.attempts = 99;
      (listed.submission.data as Record<string, unknown>).purpose = 'changed';
      expect(await queue.listWaiting()).toEqual([{ surveyId: SURVEY, submission: submission(1), attempts: 0, nextAttemptAt: NOW, queuedAt: queuedAt(1) }]);
    });
  });
}
