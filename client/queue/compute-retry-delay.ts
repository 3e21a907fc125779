/**
 * How long to wait before sending a queued response again: exponential backoff
 * with "equal jitter" (half fixed, half random), so a tablet never hammers a
 * struggling server, and the tablets of one office that lost the network together
 * do not all come back in the same second.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export interface RetryPolicy {
  /** Delay ceiling after the first failure, before jitter. */
  baseDelayMs: number;
  /** The longest a response ever waits between attempts. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

/**
 * @param failedAttempts attempts that have failed so far, including the one just made (1, 2, …)
 * @param random a number in [0, 1), e.g. Math.random()
 * @param serverRetryAfterMs a Retry-After the server asked for; never retry earlier than that
 */
export function computeRetryDelay(
  failedAttempts: number,
  random: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  serverRetryAfterMs = 0,
): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be an integer ≥ 1, got ${String(failedAttempts)}`);
  }
  if (!(random >= 0 && random < 1)) {
    throw new RangeError(`random must be in [0, 1), got ${String(random)}`);
  }
  // Cap the exponent too: 2 ** 1000 is Infinity, and a tablet offline for a week reaches large counts.
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failedAttempts - 1, 30));
  const jittered = Math.round(exponential / 2 + (random * exponential) / 2);
  return Math.max(jittered, Math.min(serverRetryAfterMs, policy.maxDelayMs));
}
