/**
 * The IndexedDB queue on fake-indexeddb (a dev dependency), an in-memory
 * implementation of the IndexedDB API that stands in here for the browser's
 * IndexedDB. The real thing also runs, in Chromium, in the e2e tests
 * (test/e2e/offline-queue.test.ts), which this does not replace: it runs the
 * same contract as the in-memory queue, quickly and on every test run.
 */
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIndexedDbQueue } from '../../../client/queue/create-indexeddb-queue.ts';
import { runSubmissionQueueContract } from './submission-queue.contract.ts';

/** A fresh, empty IndexedDB for each queue: `idb` opens whatever `indexedDB` the page (here: globalThis) has. */
function freshIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
}

runSubmissionQueueContract({
  name: 'IndexedDB',
  durable: true,
  newQueue: async () => {
    freshIndexedDb();
    return createIndexedDbQueue();
  },
});

describe('IndexedDB queue across a reload', () => {
  it('finds the waiting and rejected responses again when the page opens the database anew', async () => {
    freshIndexedDb();
    const before = await createIndexedDbQueue();
    const submission = {
      submissionId: '00000000-0000-4000-8000-000000000001',
      surveyVersion: 1,
      channel: 'kiosk' as const,
      meta: { ward: 'chuo', locale: 'ja' },
      startedAt: '2025-06-01T08:50:00.000Z',
      completedAt: '2025-06-01T08:51:00.000Z',
      data: { purpose: 'tax' },
    };
    await before.add({ surveyId: 'ward-office-exit', submission, queuedAt: '2025-06-01T08:51:00.000Z', nextAttemptAt: 0 });
    await before.add({ surveyId: 'ward-office-exit', submission: { ...submission, submissionId: '00000000-0000-4000-8000-000000000002' }, queuedAt: '2025-06-01T08:52:00.000Z', nextAttemptAt: 0 });
    await before.markRejected('00000000-0000-4000-8000-000000000002', { status: 422, serverAnswer: null, rejectedAt: '2025-06-01T09:00:00.000Z' });

    const after = await createIndexedDbQueue(); // same factory: the same origin's database after a reload
    expect(await after.counts()).toEqual({ waiting: 1, rejected: 1 });
    expect((await after.listWaiting())[0].submission).toEqual(submission);
  });
});
