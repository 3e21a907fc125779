/**
 * The abuse limits and their defaults (docs/decisions/0063-abuse-limits-per-kiosk-and-address.md).
 *
 * Login: per account name and per address, so neither guessing one account from
 * many addresses nor many accounts from one address gets far.
 * Submissions: per kiosk and per address. Ten tablets of a ward office share one
 * NAT address, so the per-address limit is generous and the per-kiosk limit is
 * what stops a runaway tablet — without stopping its neighbours.
 *
 * In memory, per process: with several processes each enforces its own share.
 */
import { TokenBucketLimiter, type TokenBucketOptions } from './token-bucket-limiter.ts';

export type BucketSettings = Pick<TokenBucketOptions, 'capacity' | 'refillPerSecond'>;

export interface AbuseLimitSettings {
  loginPerAccount: BucketSettings;
  loginPerAddress: BucketSettings;
  submitPerKiosk: BucketSettings;
  submitPerAddress: BucketSettings;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimitSettings = {
  // 5 tries at once, then one a minute: a forgetful person is not stopped, a guesser gets 60 an hour.
  loginPerAccount: { capacity: 5, refillPerSecond: 1 / 60 },
  // An office of analysts behind one address: 20 at once, then one every 10 s.
  loginPerAddress: { capacity: 20, refillPerSecond: 1 / 10 },
  // A visitor takes minutes per survey. A tablet back online flushes its queue: 60 at once, then one every 2 s.
  submitPerKiosk: { capacity: 60, refillPerSecond: 1 / 2 },
  // Ten such tablets flushing at once, plus phones on the office Wi-Fi; then 5/s sustained.
  submitPerAddress: { capacity: 1000, refillPerSecond: 5 },
};

export interface AbuseLimiters {
  loginPerAccount: TokenBucketLimiter;
  loginPerAddress: TokenBucketLimiter;
  submitPerKiosk: TokenBucketLimiter;
  submitPerAddress: TokenBucketLimiter;
}

export function createAbuseLimiters(settings: AbuseLimitSettings, now: () => number): AbuseLimiters {
  const make = (bucket: BucketSettings) => new TokenBucketLimiter({ ...bucket, now });
  return {
    loginPerAccount: make(settings.loginPerAccount),
    loginPerAddress: make(settings.loginPerAddress),
    submitPerKiosk: make(settings.submitPerKiosk),
    submitPerAddress: make(settings.submitPerAddress),
  };
}
