/**
 * TRUST_PROXY: which proxies may tell us the client's address and scheme
 * (X-Forwarded-For / -Proto; docs/decisions/0070-deployment-topologies.md). Behind a
 * reverse proxy it must be set, or every client shares the proxy's address (one
 * rate-limit bucket for the whole city) and the session cookie never gets `Secure`.
 * Express then reads `req.ip` from the right of X-Forwarded-For, past the trusted hops:
 * the address the nearest untrusted party connected from, which a client cannot choose.
 *
 *   unset / "false"            trust no proxy (default)
 *   "1", "2"                   trust that many hops in front of the server (only when
 *                              nothing reaches the server except through them)
 *   "loopback", "10.0.0.0/8"   trust these addresses (comma-separated; Express's names:
 *                              loopback, linklocal, uniquelocal)
 *
 * Never "true": it trusts every entry, so `req.ip` is the leftmost one, which the client
 * writes itself. A stranger could then pose as the admin's address (and lock it out) or
 * name a new address for each password guess (issue 20). It is refused at start-up.
 */
export type TrustProxy = false | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS = /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/;

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text.toLowerCase() === 'true') {
    throw new Error(
      'must not be true: that trusts every X-Forwarded-For entry, so any client could choose its own address; give the number of proxies in front of this server (e.g. 1) or their addresses/subnets (e.g. loopback or 10.0.0.0/8)',
    );
  }
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const parts = text.split(',').map((part) => part.trim());
  const bad = parts.find((part) => !NAMED.has(part) && !ADDRESS.test(part));
  if (bad !== undefined) {
    throw new Error(`must be a hop count (e.g. 1) or the proxies' addresses/subnets (e.g. loopback or 10.0.0.0/8); ${JSON.stringify(bad)} is neither`);
  }
  return parts;
}
