import type { ApiErrorDetail } from '../contracts/submission.ts';

/**
 * The one error type routes throw; server/error-handler.ts turns it into
 * `{error:{code,message,details?}}` with `status`. `code` is stable and
 * machine-readable; `message` is for people and quotes the bad input.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  /** Seconds a client should wait before asking again (a 503 while something is being prepared): sent as Retry-After. */
  readonly retryAfter?: number;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super(message);
  }
}
