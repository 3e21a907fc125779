/**
 * The append-only record of every export that includes personal data
 * (docs/decisions/0093-personal-data-masked-exports-and-audit.md) and of every upload of a survey's
 * weighting margins and every test marking and unmarking (issue 30): one JSON line per event in DATA_DIR/audit.jsonl, written and flushed to disk before the
 * first byte of the export leaves, so an export that is cancelled halfway is
 * still on record. Only ever appended; nothing here reads, rewrites or rotates it.
 */
import { open } from 'node:fs/promises';
import type { TestMarkingTarget } from '../../contracts/test-markings.ts';

export const AUDIT_LOG_FILE = 'audit.jsonl';

export interface PersonalDataExportEntry {
  action: 'export-personal-data';
  /** ISO 8601 UTC. */
  at: string;
  /** Account or token name (server), or `cli:<OS user>` for `survey-toolkit export`. */
  who: string;
  via: 'session' | 'token' | 'cli';
  surveyId: string;
  format: string;
  /** The filters as given (query string or CLI options), so the record says what was taken. */
  filter: Record<string, unknown>;
}

/** An admin replaced a survey's weighting margins (issue 30, PUT /api/surveys/:id/weights). */
export interface WeightsUploadEntry {
  action: 'upload-weights';
  /** ISO 8601 UTC. */
  at: string;
  who: string;
  via: 'session' | 'token';
  surveyId: string;
  /** The file as stored (DATA_DIR/weights/<survey>.csv), the name it was uploaded as, and the SHA-256 of its bytes. */
  file: string;
  uploadedAs: string;
  sha256: string;
  margins: number;
}

/**
 * An analyst or admin marked responses as test answers, or withdrew a marking (issue 30, POST
 * /api/surveys/:id/test-markings…): who, when, what (the marking's target) and why. The marking itself is kept in
 * DATA_DIR/test-markings.jsonl (server/test-markings/test-markings-log.ts).
 */
export interface TestMarkingEntry {
  action: 'mark-test-answers' | 'unmark-test-answers';
  /** ISO 8601 UTC. */
  at: string;
  who: string;
  via: 'session' | 'token';
  surveyId: string;
  markingId: string;
  target: TestMarkingTarget;
  reason: string;
}

export type AuditEntry = PersonalDataExportEntry | WeightsUploadEntry | TestMarkingEntry;

export async function appendAuditEntry(path: string, entry: AuditEntry): Promise<void> {
  // Owner-only: the log names who exported what.
  const file = await open(path, 'a', 0o600);
  try {
    await file.appendFile(JSON.stringify(entry) + '\n', 'utf8');
    await file.datasync();
  } finally {
    await file.close();
  }
}
