/**
 * One JSONL line as a stored ResponseRecord, for `migrate`. The shape is
 * checked strictly (a migration must not carry a broken record into another
 * store). Whether the analysis can read its answers is checked apart, against
 * the definitions, when the target is a store (check-record.ts).
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { CHANNELS } from '../../contracts/submission.ts';

/** A line that is not a stored record: the message says why; `surveyId` is the line's, when it names one, for the counts. */
export class RecordLineError extends Error {
  constructor(
    message: string,
    readonly surveyId: string | undefined,
  ) {
    super(message);
    this.name = 'RecordLineError';
  }
}

/** A survey id as definitions spell them (analysis/definitions/check-survey-fields.ts), short enough to be a row of the counts. */
const SURVEY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const TEXT_FIELDS = ['id', 'surveyId', 'submissionId'] as const;
const TIME_FIELDS = ['startedAt', 'completedAt', 'receivedAt'] as const;
const FIELDS = new Set(['id', 'surveyId', 'surveyVersion', 'submissionId', 'channel', 'meta', 'startedAt', 'completedAt', 'receivedAt', 'data']);

/** Throws a RecordLineError whose message says what is wrong, quoting the bad value; the caller adds file and line. */
export function parseRecordLine(line: string): ResponseRecord {
  let value: unknown;
  try {
    value = JSON.parse(line); // JSON.parse makes "__proto__" an own key, never a prototype
  } catch (error) {
    throw new RecordLineError(`not valid JSON (${(error as Error).message})`, undefined);
  }
  if (!isPlainObject(value)) throw new RecordLineError(`not a JSON object: ${truncate(line)}`, undefined);
  const surveyId = typeof value.surveyId === 'string' && value.surveyId.length <= 64 && SURVEY_ID.test(value.surveyId) ? value.surveyId : undefined;
  try {
    return parseRecordObject(value);
  } catch (error) {
    throw new RecordLineError((error as Error).message, surveyId);
  }
}

function parseRecordObject(value: Record<string, unknown>): ResponseRecord {
  const unknown = Object.keys(value).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) throw new Error(`unknown field ${JSON.stringify(unknown[0])}`);
  for (const field of TEXT_FIELDS) {
    if (typeof value[field] !== 'string' || value[field] === '') throw new Error(`${field} must be a non-empty string, got ${quote(value[field])}`);
  }
  if (!Number.isSafeInteger(value.surveyVersion) || (value.surveyVersion as number) < 1) {
    throw new Error(`surveyVersion must be a positive integer, got ${quote(value.surveyVersion)}`);
  }
  if (!(CHANNELS as readonly unknown[]).includes(value.channel)) throw new Error(`channel must be one of ${CHANNELS.join(', ')}, got ${quote(value.channel)}`);
  for (const field of TIME_FIELDS) {
    if (typeof value[field] !== 'string' || Number.isNaN(Date.parse(value[field] as string))) {
      throw new Error(`${field} must be an ISO 8601 date-time, got ${quote(value[field])}`);
    }
  }
  if (!isPlainObject(value.meta)) throw new Error(`meta must be an object, got ${quote(value.meta)}`);
  if (!isPlainObject(value.data)) throw new Error(`data must be an object, got ${quote(value.data)}`);
  return {
    id: value.id as string,
    surveyId: value.surveyId as string,
    surveyVersion: value.surveyVersion as number,
    submissionId: value.submissionId as string,
    channel: value.channel as ResponseRecord['channel'],
    meta: value.meta as ResponseRecord['meta'],
    startedAt: value.startedAt as string,
    completedAt: value.completedAt as string,
    // Stores compare receivedAt as fixed-width UTC text; the same instant written with an offset is normalised.
    receivedAt: new Date(Date.parse(value.receivedAt as string)).toISOString(),
    data: value.data as Record<string, unknown>,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function quote(value: unknown): string {
  return value === undefined ? 'nothing' : truncate(JSON.stringify(value));
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
