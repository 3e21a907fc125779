/**
 * The durable SubmissionQueue: two IndexedDB object stores, "waiting" and
 * "rejected", keyed by submissionId. Writes use strict durability, so a response
 * the page reported as saved is on disk, not only in the OS cache, before any
 * network call is made (https://developer.chrome.com/blog/indexeddb-durability-mode-now-defaults-to-relaxed).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { QueuedSubmission, RejectedSubmission } from './queued-submission.ts';
import type { SubmissionQueue } from './submission-queue.ts';

export const QUEUE_DATABASE_NAME = 'survey-submission-queue';
const QUEUE_DATABASE_VERSION = 1;

interface QueueDatabase extends DBSchema {
  waiting: { key: string; value: QueuedSubmission };
  rejected: { key: string; value: RejectedSubmission };
}

const STRICT = { durability: 'strict' } as const;

export async function createIndexedDbQueue(): Promise<SubmissionQueue> {
  const db: IDBPDatabase<QueueDatabase> = await openDB<QueueDatabase>(QUEUE_DATABASE_NAME, QUEUE_DATABASE_VERSION, {
    upgrade(database) {
      database.createObjectStore('waiting', { keyPath: 'submission.submissionId' });
      database.createObjectStore('rejected', { keyPath: 'submission.submissionId' });
    },
  });
  const oldestFirst = (a: { queuedAt: string }, b: { queuedAt: string }) => a.queuedAt.localeCompare(b.queuedAt);

  return {
    durable: true,
    async add({ surveyId, submission, queuedAt, nextAttemptAt }) {
      const tx = db.transaction(['waiting', 'rejected'], 'readwrite', STRICT);
      const id = submission.submissionId;
      // Adding the same completion twice (a double tap on "complete") must not make two entries.
      if (!(await tx.objectStore('waiting').getKey(id)) && !(await tx.objectStore('rejected').getKey(id))) {
        await tx.objectStore('waiting').add({ surveyId, submission, attempts: 0, nextAttemptAt, queuedAt });
      }
      await tx.done;
    },
    async listWaiting() {
      return (await db.getAll('waiting')).sort(oldestFirst);
    },
    async listRejected() {
      return (await db.getAll('rejected')).sort(oldestFirst);
    },
    async counts() {
      const tx = db.transaction(['waiting', 'rejected'], 'readonly');
      const [waiting, rejected] = await Promise.all([tx.objectStore('waiting').count(), tx.objectStore('rejected').count()]);
      await tx.done;
      return { waiting, rejected };
    },
    async markDelivered(submissionId) {
      const tx = db.transaction('waiting', 'readwrite', STRICT);
      await tx.store.delete(submissionId);
      await tx.done;
    },
    async markRejected(submissionId, { status, serverAnswer, rejectedAt }) {
      const tx = db.transaction(['waiting', 'rejected'], 'readwrite', STRICT);
      const entry = await tx.objectStore('waiting').get(submissionId);
      if (entry) {
        const { surveyId, submission, attempts, queuedAt } = entry;
        await tx.objectStore('rejected').put({ surveyId, submission, attempts: attempts + 1, queuedAt, rejectedAt, status, serverAnswer });
        await tx.objectStore('waiting').delete(submissionId);
      }
      await tx.done;
    },
    async reschedule(submissionId, update) {
      const tx = db.transaction('waiting', 'readwrite', STRICT);
      const entry = await tx.store.get(submissionId);
      if (entry) await tx.store.put({ ...entry, ...update });
      await tx.done;
    },
    async makeAllDue(nowMs) {
      const tx = db.transaction('waiting', 'readwrite', STRICT);
      for (const entry of await tx.store.getAll()) {
        if (entry.nextAttemptAt > nowMs) await tx.store.put({ ...entry, nextAttemptAt: nowMs });
      }
      await tx.done;
    },
    async requeueRejected(nowMs) {
      const tx = db.transaction(['waiting', 'rejected'], 'readwrite', STRICT);
      const rejected = await tx.objectStore('rejected').getAll();
      for (const { surveyId, submission, queuedAt } of rejected) {
        await tx.objectStore('waiting').put({ surveyId, submission, attempts: 0, nextAttemptAt: nowMs, queuedAt });
        await tx.objectStore('rejected').delete(submission.submissionId);
      }
      await tx.done;
      return rejected.length;
    },
  };
}
