import type { Response } from 'express';
import { HttpError } from '../http-error.ts';

/** A 429 with Retry-After (seconds), so well-behaved clients (the kiosk queue) wait and retry. */
export function tooManyRequests(res: Response, retryAfterSeconds: number, what: string): HttpError {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpError(429, 'rate_limited', `Too many ${what}; retry in ${retryAfterSeconds} s`);
}
