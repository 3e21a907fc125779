/**
 * The abuse limits and their defaults (docs/decisions/0063-abuse-limits-per-kiosk-and-address.md).
 *
 * Login: failures per account name *and* address, with a growing delay
 * (login-lockout.ts), so nobody can lock someone else out from elsewhere; and
 * attempts per address, so one address trying many accounts does not get far.
 * Submissions: per enrolled kiosk, or else per address (server/enrollment/admit-submission.ts).
 * Ten tablets of a ward office share one NAT address with the visitors' phones, so a
 * request with a valid kiosk credential never costs the address anything: a stranger who
 * empties the address's bucket cannot stop the office's kiosks, and each kiosk's own
 * buckets stop a runaway tablet without stopping its neighbours.
 *
 * In memory, per process: with several processes each enforces its own share.
 */
import { LoginLockout, type LoginLockoutSettings } from './login-lockout.ts';
import { TokenBucketLimiter, type TokenBucketOptions } from './token-bucket-limiter.ts';

export type BucketSettings = Pick<TokenBucketOptions, 'capacity' | 'refillPerSecond'>;

export interface AbuseLimitSettings {
  loginPerAccountAndAddress: LoginLockoutSettings;
  loginPerAddress: BucketSettings;
  submitPerKiosk: BucketSettings;
  /** Requests an enrolled kiosk sent that were refused (4xx): its own garbage, which costs submitPerKiosk nothing. */
  refusedPerKiosk: BucketSettings;
  submitPerAddress: BucketSettings;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimitSettings = {
  // 4 wrong passwords cost nothing; the 5th starts a 1-minute wait, doubling with each further one up to
  // an hour (a guesser gets ~30 tries a day per address), forgotten after a day without failures.
  loginPerAccountAndAddress: { freeFailures: 4, firstDelaySeconds: 60, maxDelaySeconds: 3600, forgetAfterSeconds: 86_400 },
  // An office of analysts behind one address: 20 at once, then one every 10 s.
  loginPerAddress: { capacity: 20, refillPerSecond: 1 / 10 },
  // A visitor takes minutes per survey. A tablet back online flushes its queue: 60 at once, then one every 2 s.
  submitPerKiosk: { capacity: 60, refillPerSecond: 1 / 2 },
  // A tablet whose build disagrees with the server's definitions has each queued answer refused once; a stolen
  // credential sending garbage is stopped here, before its body is read, until the admin revokes it.
  refusedPerKiosk: { capacity: 60, refillPerSecond: 1 / 2 },
  // Unenrolled tablets flushing at once, plus phones on the office Wi-Fi; then 5/s sustained. Garbage costs a token too.
  submitPerAddress: { capacity: 1000, refillPerSecond: 5 },
};

export interface AbuseLimiters {
  loginPerAccountAndAddress: LoginLockout;
  loginPerAddress: TokenBucketLimiter;
  submitPerKiosk: TokenBucketLimiter;
  refusedPerKiosk: TokenBucketLimiter;
  submitPerAddress: TokenBucketLimiter;
}

export function createAbuseLimiters(settings: AbuseLimitSettings, now: () => number): AbuseLimiters {
  const make = (bucket: BucketSettings) => new TokenBucketLimiter({ ...bucket, now });
  return {
    loginPerAccountAndAddress: new LoginLockout(settings.loginPerAccountAndAddress, now),
    loginPerAddress: make(settings.loginPerAddress),
    submitPerKiosk: make(settings.submitPerKiosk),
    refusedPerKiosk: make(settings.refusedPerKiosk),
    submitPerAddress: make(settings.submitPerAddress),
  };
}
