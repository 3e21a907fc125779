import { createMemoryQueue } from '../../../client/queue/create-memory-queue.ts';
import { runSubmissionQueueContract } from './submission-queue.contract.ts';

runSubmissionQueueContract({ name: 'in memory', durable: false, newQueue: async () => createMemoryQueue() });
