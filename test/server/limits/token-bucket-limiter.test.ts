import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../../server/limits/token-bucket-limiter.ts';

function fakeClock(start = 0) {
  const clock = { ms: start, now: () => clock.ms };
  return clock;
}

describe('TokenBucketLimiter', () => {
  it('allows a burst of `capacity`, then refuses with the seconds until the next token', () => {
    const clock = fakeClock();
    const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 0.1, now: clock.now });
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 10 },
    ]);
    clock.ms += 4_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    clock.ms += 6_000;
    expect(limiter.take('a')).toEqual({ allowed: true });
  });

  it('keeps keys apart', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1, now: () => 0 });
    expect(limiter.take('kiosk-1').allowed).toBe(true);
    expect(limiter.take('kiosk-1').allowed).toBe(false);
    expect(limiter.take('kiosk-2').allowed).toBe(true);
  });

  it('sustains exactly the refill pace', () => {
    const clock = fakeClock();
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 2, now: clock.now });
    const results = [];
    for (let i = 0; i < 100; i++) {
      results.push(limiter.take('k').allowed);
      clock.ms += 500;
    }
    expect(results.every(Boolean)).toBe(true);
  });

  it('check does not take; refund gives a token back', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 0.01, now: () => 0 });
    expect(limiter.check('k')).toEqual({ allowed: true });
    expect(limiter.take('k')).toEqual({ allowed: true });
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 100 });
    limiter.refund('k');
    expect(limiter.take('k')).toEqual({ allowed: true });
  });

  it('bounds memory: full buckets are dropped and at most maxKeys are tracked', () => {
    const clock = fakeClock();
    const limiter = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 1, now: clock.now, maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) limiter.take(`random-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    clock.ms += 10_000;
    limiter.take('late');
    for (let i = 0; i < 100; i++) limiter.take(`again-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('rejects nonsense options, quoting them', () => {
    expect(() => new TokenBucketLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(/"capacity":0/);
  });
});
