import { useSyncExternalStore } from 'react';
import { getQueueStatus, subscribeQueueStatus, type QueueStatus } from './submission-queue-service.ts';

/** Live counts of waiting and rejected responses, for the staff indicator. */
export function useQueueStatus(): QueueStatus {
  return useSyncExternalStore(subscribeQueueStatus, getQueueStatus);
}
