/**
 * Rate limits for POST /api/surveys/:id/responses, mounted in front of the
 * collection router. The per-address check runs before the body is read, so a
 * flood costs us no parsing; the per-kiosk check needs `meta.kioskId`, so it
 * parses the body first (the collection router then finds it parsed).
 */
import express, { type RequestHandler } from 'express';
import { responseMetaSchema } from '../../contracts/submission.ts';
import type { TokenBucketLimiter } from './token-bucket-limiter.ts';
import { tooManyRequests } from './too-many-requests.ts';

/** Kiosks may also name themselves in a header, e.g. when the body is not JSON. */
export const KIOSK_ID_HEADER = 'x-kiosk-id';

const kioskIdSchema = responseMetaSchema.shape.kioskId.unwrap();

export function limitSubmissions(
  limiters: { submitPerKiosk: TokenBucketLimiter; submitPerAddress: TokenBucketLimiter },
  bodyLimit: string | number,
): RequestHandler[] {
  const isSubmission = (method: string, path: string) => method === 'POST' && (path === '/' || path === '');

  const perAddress: RequestHandler = (req, res, next) => {
    if (!isSubmission(req.method, req.path)) return next();
    const result = limiters.submitPerAddress.take(`address:${req.ip}`);
    if (!result.allowed) throw tooManyRequests(res, result.retryAfterSeconds, `submissions from address ${req.ip}`);
    next();
  };

  const parseJson = express.json({ limit: bodyLimit });
  const parseIfSubmission: RequestHandler = (req, res, next) => (isSubmission(req.method, req.path) ? parseJson(req, res, next) : next());

  const perKiosk: RequestHandler = (req, res, next) => {
    if (!isSubmission(req.method, req.path)) return next();
    const kioskId = kioskIdOf(req.body, req.get(KIOSK_ID_HEADER));
    if (kioskId !== undefined) {
      const result = limiters.submitPerKiosk.take(`kiosk:${kioskId}`);
      if (!result.allowed) throw tooManyRequests(res, result.retryAfterSeconds, `submissions from kiosk ${JSON.stringify(kioskId)}`);
    }
    next();
  };

  return [perAddress, parseIfSubmission, perKiosk];
}

/** meta.kioskId from the body when it is a valid id, else the header's; ids that fail the contract are ignored here and refused later. */
function kioskIdOf(body: unknown, header: string | undefined): string | undefined {
  const fromBody = (body as { meta?: { kioskId?: unknown } } | undefined)?.meta?.kioskId;
  for (const candidate of [fromBody, header]) {
    if (kioskIdSchema.safeParse(candidate).success) return candidate as string;
  }
  return undefined;
}
