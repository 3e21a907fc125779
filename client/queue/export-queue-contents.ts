/**
 * The staff export: every response this browser still holds, waiting or rejected,
 * with the server's reason for each rejection, as one JSON document. Staff can
 * hand it to an administrator, so nothing a resident answered is lost even when
 * the server refuses it.
 */
import type { QueuedSubmission, RejectedSubmission } from './queued-submission.ts';

export interface QueueExport {
  format: 'survey-client-queue-export';
  formatVersion: 1;
  exportedAt: string;
  origin: string;
  waiting: QueuedSubmission[];
  rejected: RejectedSubmission[];
}

export function buildQueueExport(input: {
  waiting: QueuedSubmission[];
  rejected: RejectedSubmission[];
  exportedAt: Date;
  origin: string;
}): QueueExport {
  return {
    format: 'survey-client-queue-export',
    formatVersion: 1,
    exportedAt: input.exportedAt.toISOString(),
    origin: input.origin,
    waiting: input.waiting,
    rejected: input.rejected,
  };
}

/** A file name that sorts by time and says what it is, e.g. survey-queue-2025-06-01T09-30-00Z.json. */
export function queueExportFileName(exportedAt: Date): string {
  return `survey-queue-${exportedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-')}.json`;
}
