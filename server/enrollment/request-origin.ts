/**
 * The origin of the links printed in enrollment and invitation QR codes (issue 20, finding 11;
 * docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 *
 * A link made from the request's Host header points wherever that header says: behind a proxy
 * that passes Host on, or through a DNS name that someone else controls and points here, the
 * admin would print QR codes that send tablets' enrollment codes and colleagues' invitation codes
 * to a stranger's server. So:
 *
 * - with PUBLIC_URL (createApp's `publicUrl`), every link starts with it, whatever the Host;
 * - without it, the Host is used only when it names this server: `localhost` or a loopback
 *   address (any port: a developer's machine, where a link cannot leave the machine), or the IP
 *   address and port that the request arrived on (a ward-office server opened as
 *   http://192.168.1.10:3000). Any other Host is a 400 that names it and says to set PUBLIC_URL.
 */
import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http-error.ts';

/** The Express app setting that holds PUBLIC_URL's origin (set by createApp), like "trust proxy". */
export const PUBLIC_URL_SETTING = 'public url';

export function requestOrigin(req: Request): string {
  const configured = req.app.get(PUBLIC_URL_SETTING) as string | undefined;
  if (configured !== undefined) return configured;
  const host = req.get('host') ?? '';
  const origin = ownOrigin(req.protocol, host, req.socket);
  if (origin === undefined) {
    throw new HttpError(
      400,
      'host_not_allowed',
      `No links are made for Host ${JSON.stringify(host)}: it does not name this server. Set PUBLIC_URL to the address that tablets and staff open (e.g. https://survey.example.jp), or open this page at that address`,
    );
  }
  return origin;
}

/** In front of a route that prints links: refuses a foreign Host before anything is created. */
export const requireLinkableHost: RequestHandler = (req, _res, next) => {
  requestOrigin(req);
  next();
};

const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** `protocol://host` when `host` names this server as reached through `socket`; otherwise undefined. */
export function ownOrigin(protocol: string, host: string, socket: { localAddress?: string; localPort?: number }): string | undefined {
  if (!HOST_HEADER.test(host)) return undefined;
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}`);
  } catch {
    return undefined;
  }
  const address = url.hostname.replace(/^\[(.*)\]$/, '$1'); // lower case; IPv6 without brackets
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const loopback = address === 'localhost' || address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
  const arrivedOn = isIP(address) !== 0 && address === plainAddress(socket.localAddress) && port === socket.localPort;
  return loopback || arrivedOn ? url.origin : undefined;
}

/** An IPv4 address as such, also when a dual-stack socket reports it as ::ffff:a.b.c.d. */
function plainAddress(address: string | undefined): string | undefined {
  return address?.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
