import { describe, expect, it } from 'vitest';
import { computeRetryDelay, DEFAULT_RETRY_POLICY } from '../../../client/queue/compute-retry-delay.ts';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('computeRetryDelay', () => {
  it('doubles the ceiling with each failure, between half and all of it', () => {
    const lowest = [1, 2, 3, 4, 5].map((attempts) => computeRetryDelay(attempts, 0, policy));
    const highest = [1, 2, 3, 4, 5].map((attempts) => computeRetryDelay(attempts, 0.999_999, policy));
    expect(lowest).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
    expect(highest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits longer than the maximum, even after a week of failures', () => {
    expect(computeRetryDelay(7, 0.999_999, policy)).toBe(60_000);
    expect(computeRetryDelay(10_000, 0.5, policy)).toBe(45_000);
  });

  it('spreads tablets that failed together: different random draws give different delays', () => {
    const delays = new Set([0, 0.2, 0.4, 0.6, 0.8].map((random) => computeRetryDelay(4, random, policy)));
    expect(delays.size).toBe(5);
  });

  it('honours a Retry-After from the server, up to the maximum', () => {
    expect(computeRetryDelay(1, 0, policy, 30_000)).toBe(30_000);
    expect(computeRetryDelay(1, 0, policy, 3_600_000)).toBe(60_000);
    expect(computeRetryDelay(5, 0, policy, 100)).toBe(8_000);
  });

  it('waits 1–2 s after the first failure and at most 5 min by default', () => {
    expect(computeRetryDelay(1, 0, DEFAULT_RETRY_POLICY)).toBe(1_000);
    expect(computeRetryDelay(100, 0.999_999, DEFAULT_RETRY_POLICY)).toBe(300_000);
  });

  it('refuses nonsense, quoting it', () => {
    expect(() => computeRetryDelay(0, 0.5)).toThrow('failedAttempts must be an integer ≥ 1, got 0');
    expect(() => computeRetryDelay(1.5, 0.5)).toThrow('got 1.5');
    expect(() => computeRetryDelay(1, 1)).toThrow('random must be in [0, 1), got 1');
    expect(() => computeRetryDelay(1, Number.NaN)).toThrow('got NaN');
  });
});
