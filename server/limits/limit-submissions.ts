/**
 * The per-address rate limit for POST /api/surveys/:id/responses, mounted in
 * front of the collection router. It runs before the body is read, so a flood
 * costs us no parsing.
 *
 * The per-kiosk limit is not here: a kiosk id that the client names is no
 * identity (anyone could drain another tablet's limit with its id), so only
 * enrolled kiosks have one, checked and charged in
 * server/enrollment/admit-submission.ts — charged only for valid submissions.
 */
import type { RequestHandler } from 'express';
import type { TokenBucketLimiter } from './token-bucket-limiter.ts';
import { tooManyRequests } from './too-many-requests.ts';

export function limitSubmissions(limiters: { submitPerAddress: TokenBucketLimiter }): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || (req.path !== '/' && req.path !== '')) return next();
    const result = limiters.submitPerAddress.take(`address:${req.ip}`);
    if (!result.allowed) throw tooManyRequests(res, result.retryAfterSeconds, `submissions from address ${req.ip}`);
    next();
  };
}
