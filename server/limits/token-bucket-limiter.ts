/**
 * An in-memory token-bucket limiter, one bucket per key
 * (docs/decisions/0063-abuse-limits-per-kiosk-and-address.md).
 *
 * Each bucket holds up to `capacity` tokens and regains `refillPerSecond`; a
 * request takes one. So `capacity` is the burst allowed after a quiet spell and
 * `refillPerSecond` the pace allowed for ever. Full buckets carry no
 * information and are dropped, and the number of keys is capped, so random keys
 * cannot grow memory without bound.
 */

export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Milliseconds; injectable so tests can run hours of traffic in an instant. */
  now?: () => number;
  /** Most keys tracked at once; beyond it the least recently touched are forgotten. */
  maxKeys?: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) {
      throw new RangeError(`a token bucket needs capacity >= 1 and refillPerSecond > 0, got ${JSON.stringify(options)}`);
    }
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Whether `key` may go ahead now, without taking anything. */
  check(key: string): TakeResult {
    const tokens = this.tokensOf(key, this.now());
    return tokens >= 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: this.secondsUntilOne(tokens) };
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): TakeResult {
    const now = this.now();
    const tokens = this.tokensOf(key, now);
    if (tokens < 1) return { allowed: false, retryAfterSeconds: this.secondsUntilOne(tokens) };
    this.store(key, { tokens: tokens - 1, updatedAt: now });
    return { allowed: true };
  }

  /** Gives back a token taken by `take`, e.g. after a successful login. */
  refund(key: string): void {
    const now = this.now();
    const tokens = Math.min(this.options.capacity, this.tokensOf(key, now) + 1);
    if (tokens >= this.options.capacity) this.buckets.delete(key);
    else this.store(key, { tokens, updatedAt: now });
  }

  /** Keys currently tracked; for tests of the memory bound. */
  get size(): number {
    return this.buckets.size;
  }

  private tokensOf(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.options.capacity;
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    return Math.min(this.options.capacity, bucket.tokens + elapsedSeconds * this.options.refillPerSecond);
  }

  private secondsUntilOne(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.options.refillPerSecond));
  }

  private store(key: string, bucket: Bucket): void {
    this.buckets.delete(key); // re-insert so Map order is least recently touched first
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.evict(bucket.updatedAt);
  }

  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const refilled = bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.refillPerSecond;
      if (refilled >= this.options.capacity) this.buckets.delete(key);
    }
    // Still too many live keys: forget the least recently touched (they get a fresh burst, never a
    // lockout), down to 90% so that the next insert does not pay for another full pass.
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(key);
    }
  }
}
