/**
 * Failed logins, counted per account *and* address, with a delay that doubles
 * with every failure past the free ones (docs/decisions/0065-login-lockout-per-account-and-address.md).
 *
 * A per-account limit alone let anyone, from anywhere, lock the real user out
 * (issue 13: 5 wrong passwords, then 429 for 60 s, from any address). Keyed on
 * both, failures from an attacker's address delay only that address's attempts
 * on that account; the real user at their own PC is never held back by them.
 * Guessing many accounts from one address is the per-address token bucket's job.
 *
 * In memory and per process, like the token buckets; bounded in keys.
 */

export interface LoginLockoutSettings {
  /** Wrong passwords per account and address that cost nothing: people mistype. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  firstDelaySeconds: number;
  /** The longest wait, however many failures. */
  maxDelaySeconds: number;
  /** After this long without a failure, the count starts again from zero. */
  forgetAfterSeconds: number;
}

export type LockoutCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Failures {
  count: number;
  lastFailureAt: number;
  /** Attempts are refused until then (ms); 0 while the failures are free. */
  lockedUntil: number;
}

export class LoginLockout {
  private readonly entries = new Map<string, Failures>();

  constructor(
    private readonly settings: LoginLockoutSettings,
    private readonly now: () => number,
    /** Most account-and-address pairs tracked; beyond it the least recently failed are forgotten. */
    private readonly maxKeys = 100_000,
  ) {
    const { freeFailures, firstDelaySeconds, maxDelaySeconds, forgetAfterSeconds } = settings;
    if (!(freeFailures >= 0) || !(firstDelaySeconds > 0) || !(maxDelaySeconds >= firstDelaySeconds) || !(forgetAfterSeconds > 0)) {
      throw new RangeError(`a login lock-out needs freeFailures >= 0 and 0 < firstDelaySeconds <= maxDelaySeconds, got ${JSON.stringify(settings)}`);
    }
  }

  /** The key of one account name tried from one address. */
  static keyOf(accountName: string, address: string | undefined): string {
    // JSON, so no name can be made to read as another name-and-address pair.
    return JSON.stringify([accountName.normalize('NFC').toLowerCase(), address ?? '']);
  }

  /** Whether this account may be tried from this address now; checked before the password is. */
  check(key: string): LockoutCheck {
    const entry = this.current(key);
    const now = this.now();
    if (!entry || entry.lockedUntil <= now) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000)) };
  }

  recordFailure(key: string): void {
    const now = this.now();
    const count = (this.current(key)?.count ?? 0) + 1;
    const past = count - this.settings.freeFailures;
    const delaySeconds = past <= 0 ? 0 : Math.min(this.settings.maxDelaySeconds, this.settings.firstDelaySeconds * 2 ** (past - 1));
    this.entries.delete(key); // re-insert: Map order is least recently failed first
    this.entries.set(key, { count, lastFailureAt: now, lockedUntil: delaySeconds > 0 ? now + delaySeconds * 1000 : 0 });
    if (this.entries.size > this.maxKeys) this.evict();
  }

  /** The right password from this address: its failures are forgiven. */
  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  /** Pairs currently tracked; for tests of the memory bound. */
  get size(): number {
    return this.entries.size;
  }

  private current(key: string): Failures | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailureAt >= this.settings.forgetAfterSeconds * 1000) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private evict(): void {
    // Oldest failures first: forgetting one gives an attacker a fresh start on one pair, never a lock-out.
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(key);
    }
  }
}
