/**
 * TRUST_PROXY: which proxies may tell us the client's address and scheme
 * (X-Forwarded-For / -Proto). Behind a reverse proxy it must be set, or every
 * client shares the proxy's address (one rate-limit bucket for the whole city)
 * and the session cookie never gets `Secure`. Never trust all hops when the
 * server is also reachable directly: clients could then forge their address.
 *
 *   unset / "false"            trust no proxy (default)
 *   "1", "2"                   trust that many hops in front of the server
 *   "loopback", "10.0.0.0/8"   trust these addresses (comma-separated; Express's names: loopback, linklocal, uniquelocal)
 *   "true"                     trust every hop
 */
export type TrustProxy = boolean | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS = /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/;

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const parts = text.split(',').map((part) => part.trim());
  const bad = parts.find((part) => !NAMED.has(part) && !ADDRESS.test(part));
  if (bad !== undefined) {
    throw new Error(`must be false, true, a hop count, or addresses/subnets such as loopback or 10.0.0.0/8; ${JSON.stringify(bad)} is none of these`);
  }
  return parts;
}
