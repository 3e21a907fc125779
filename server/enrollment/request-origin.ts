import type { Request } from 'express';

/** This server's origin as the admin's browser reached it, for links printed in QR codes. */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
