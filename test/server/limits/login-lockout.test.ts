import { describe, expect, it } from 'vitest';
import { LoginLockout } from '../../../server/limits/login-lockout.ts';

const SETTINGS = { freeFailures: 2, firstDelaySeconds: 10, maxDelaySeconds: 40, forgetAfterSeconds: 3600 };

describe('LoginLockout', () => {
  it('keys on the account (case- and normalisation-insensitive) and the address', () => {
    expect(LoginLockout.keyOf('Sato', '10.0.0.1')).toBe(LoginLockout.keyOf('sato', '10.0.0.1'));
    expect(LoginLockout.keyOf('ｓａｔｏ'.normalize('NFD'), '1')).toBe(LoginLockout.keyOf('ｓａｔｏ', '1'));
    expect(LoginLockout.keyOf('sato', '10.0.0.1')).not.toBe(LoginLockout.keyOf('sato', '10.0.0.2'));
    // No name can be made to look like another name-and-address pair.
    expect(LoginLockout.keyOf('a', 'b\nc')).not.toBe(LoginLockout.keyOf('a\nb', 'c'));
  });

  it('allows the free failures, then waits, doubling up to the maximum', () => {
    const clock = { ms: 0 };
    const lockout = new LoginLockout(SETTINGS, () => clock.ms);
    const key = LoginLockout.keyOf('sato', '10.0.0.1');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(lockout.check(key)).toEqual({ allowed: true });
      lockout.recordFailure(key);
      const check = lockout.check(key);
      waits.push(check.allowed ? 0 : check.retryAfterSeconds);
      clock.ms += (check.allowed ? 0 : check.retryAfterSeconds) * 1000;
    }
    expect(waits).toEqual([0, 0, 10, 20, 40, 40]);
  });

  it('forgets a pair after a quiet spell, and keeps at most maxKeys pairs', () => {
    const clock = { ms: 0 };
    const lockout = new LoginLockout({ ...SETTINGS, freeFailures: 0 }, () => clock.ms, 100);
    lockout.recordFailure('a');
    expect(lockout.check('a').allowed).toBe(false);
    clock.ms += 3600_000;
    expect(lockout.check('a')).toEqual({ allowed: true });
    for (let i = 0; i < 1000; i++) lockout.recordFailure(`key ${i}`);
    expect(lockout.size).toBeLessThanOrEqual(100);
    expect(lockout.check('key 999').allowed).toBe(false); // the most recent are kept
  });

  it('refuses settings that make no sense', () => {
    expect(() => new LoginLockout({ ...SETTINGS, firstDelaySeconds: 0 }, Date.now)).toThrow(RangeError);
    expect(() => new LoginLockout({ ...SETTINGS, maxDelaySeconds: 5 }, Date.now)).toThrow(RangeError);
  });
});
