/**
 * What one delivery attempt means for a queued response. The rules (issue 3):
 * 201/200 → delivered; 408 and 429 → try again later; any other 4xx → the server
 * refused this response for good, so it goes to the "rejected" list for staff
 * instead of being retried forever; everything else (5xx, proxies, no network) → try again.
 */
import type { ApiErrorBody } from '../../contracts/submission.ts';

export interface ServerAnswer {
  status: number;
  /** The body parsed as JSON, or its raw text when it is not JSON. */
  body: unknown;
  /** The Retry-After header, if any. */
  retryAfter?: string | null;
}

export type SendOutcome =
  | { kind: 'delivered'; id: string; duplicate: boolean }
  | { kind: 'rejected'; status: number; serverAnswer: ApiErrorBody | string | null }
  | { kind: 'retry'; reason: string; retryAfterMs: number };

export function classifySendOutcome(answer: ServerAnswer): SendOutcome {
  const { status, body } = answer;
  if (status === 200 || status === 201) {
    // A captive portal or a misconfigured proxy also answers 200, with HTML: only our API's
    // acknowledgement, which names the stored record, proves the response arrived.
    if (isAcknowledgement(body)) return { kind: 'delivered', id: body.id, duplicate: body.duplicate === true };
    return { kind: 'retry', reason: `HTTP ${status} without a response id: ${describeBody(body)}`, retryAfterMs: 0 };
  }
  if (status === 408 || status === 429) {
    return { kind: 'retry', reason: `HTTP ${status}: ${describeBody(body)}`, retryAfterMs: parseRetryAfter(answer.retryAfter) };
  }
  if (status >= 400 && status < 500) {
    return { kind: 'rejected', status, serverAnswer: keepServerAnswer(body) };
  }
  return { kind: 'retry', reason: `HTTP ${status}: ${describeBody(body)}`, retryAfterMs: parseRetryAfter(answer.retryAfter) };
}

function isAcknowledgement(body: unknown): body is { id: string; duplicate?: boolean } {
  return typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string';
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

function keepServerAnswer(body: unknown): ApiErrorBody | string | null {
  if (isApiErrorBody(body)) return body;
  if (body === undefined || body === null || body === '') return null;
  return typeof body === 'string' ? body.slice(0, 2_000) : JSON.stringify(body).slice(0, 2_000);
}

function describeBody(body: unknown): string {
  if (isApiErrorBody(body)) return body.error.message;
  const text = typeof body === 'string' ? body : JSON.stringify(body) ?? '';
  return text.length > 120 ? `${text.slice(0, 120)}…` : text || '(empty body)';
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); anything else counts as none. */
export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number {
  if (!value) return 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? 0 : Math.max(0, date - nowMs);
}
