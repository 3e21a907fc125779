import { describe, expect, it } from 'vitest';
import { classifySendOutcome, parseRetryAfter } from '../../../client/queue/classify-send-outcome.ts';

const invalid = { error: { code: 'invalid_response', message: 'The response is invalid', details: [{ question: 'age', message: 'not a choice' }] } };

describe('classifySendOutcome', () => {
  it('201 and 200 with the API acknowledgement are delivered', () => {
    expect(classifySendOutcome({ status: 201, body: { id: 'r1', duplicate: false } })).toEqual({ kind: 'delivered', id: 'r1', duplicate: false });
    expect(classifySendOutcome({ status: 200, body: { id: 'r1', duplicate: true } })).toEqual({ kind: 'delivered', id: 'r1', duplicate: true });
  });

  it('a 200 without a record id (a captive portal page) is not taken as delivered', () => {
    expect(classifySendOutcome({ status: 200, body: '<html>Wi-Fi login</html>' })).toEqual({
      kind: 'retry',
      reason: 'HTTP 200 without a response id: <html>Wi-Fi login</html>',
      retryAfterMs: 0,
    });
  });

  it('408 and 429 are retried, with the server’s Retry-After', () => {
    expect(classifySendOutcome({ status: 429, body: { error: { code: 'rate_limited', message: 'Too many' } }, retryAfter: '30' })).toEqual({
      kind: 'retry',
      reason: 'HTTP 429: Too many',
      retryAfterMs: 30_000,
    });
    expect(classifySendOutcome({ status: 408, body: '' })).toEqual({ kind: 'retry', reason: 'HTTP 408: (empty body)', retryAfterMs: 0 });
  });

  it('every other 4xx is rejected for staff, keeping the server’s answer', () => {
    expect(classifySendOutcome({ status: 422, body: invalid })).toEqual({ kind: 'rejected', status: 422, serverAnswer: invalid });
    expect(classifySendOutcome({ status: 404, body: { error: { code: 'unknown_survey', message: 'No survey "x"' } } })).toEqual({
      kind: 'rejected',
      status: 404,
      serverAnswer: { error: { code: 'unknown_survey', message: 'No survey "x"' } },
    });
    expect(classifySendOutcome({ status: 413, body: 'Payload Too Large' })).toEqual({ kind: 'rejected', status: 413, serverAnswer: 'Payload Too Large' });
    expect(classifySendOutcome({ status: 400, body: null })).toEqual({ kind: 'rejected', status: 400, serverAnswer: null });
  });

  it('5xx and anything unexpected are retried', () => {
    expect(classifySendOutcome({ status: 503, body: { error: { code: 'store_unavailable', message: 'down' } }, retryAfter: '5' })).toEqual({
      kind: 'retry',
      reason: 'HTTP 503: down',
      retryAfterMs: 5_000,
    });
    expect(classifySendOutcome({ status: 500, body: 'x'.repeat(200) })).toEqual({ kind: 'retry', reason: `HTTP 500: ${'x'.repeat(120)}…`, retryAfterMs: 0 });
    expect(classifySendOutcome({ status: 302, body: '' })).toMatchObject({ kind: 'retry' });
    expect(classifySendOutcome({ status: 204, body: null })).toMatchObject({ kind: 'retry' });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates; ignores garbage', () => {
    const now = Date.parse('2025-06-01T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBe(0);
  });
});
