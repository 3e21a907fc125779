/**
 * A forged X-Forwarded-For gets a stranger nothing, behind a real reverse proxy on loopback
 * (issue 20, finding 6; docs/decisions/0070-deployment-topologies.md). The proxy does what
 * nginx's `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` does: it appends the
 * address it saw to whatever the client sent. Each person connects from an address of their
 * own (127.0.0.2 the admin, 127.0.0.3 the stranger); the proxy reaches the server from 127.0.0.1.
 */
import { request, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrustProxy } from '../../../server/auth/parse-trust-proxy.ts';
import { DEFAULT_ABUSE_LIMITS } from '../../../server/limits/abuse-limits.ts';
import { ADMIN, startSecureApp, type SecureApp } from './start-secure-app.ts';

const ADMIN_ADDRESS = '127.0.0.2';
const STRANGER_ADDRESS = '127.0.0.3';

let app: SecureApp | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  if (proxy) {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy!.close(resolve));
  }
  await app?.close();
  app = undefined;
  proxy = undefined;
});

async function startProxy(target: string): Promise<{ host: string; port: number }> {
  const upstream = new URL(target);
  proxy = createServer((req, res) => {
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const outgoing = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwarded }, localAddress: '127.0.0.1' },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return { host: '127.0.0.1', port: (proxy.address() as AddressInfo).port };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A login from `from` to `to` (the proxy, or the server directly), with extra headers the client chose. */
function login(to: { host: string; port: number }, from: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const body = JSON.stringify({ name: ADMIN.name, password });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: to.host, port: to.port, path: '/api/auth/login', method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk) => (text += chunk));
        answer.on('end', () => resolve({ status: answer.statusCode!, headers: answer.headers, body: JSON.parse(text) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const SETTINGS: Array<[string, TrustProxy]> = [
  ['a hop count (TRUST_PROXY=1)', 1],
  ['the proxy\'s address (TRUST_PROXY=127.0.0.1)', ['127.0.0.1']],
];

describe.each(SETTINGS)('behind a proxy trusted by %s', (_name, trustProxy) => {
  async function start() {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS, trustProxy });
    return startProxy(app.url);
  }

  it('a stranger forging "X-Forwarded-For: <admin address>, <own>" does not lock out the admin', async () => {
    const via = await start();
    const forged = [];
    for (let i = 0; i < 12; i++) {
      const spoof = i % 2 === 0 ? `${ADMIN_ADDRESS}, ${STRANGER_ADDRESS}` : ADMIN_ADDRESS;
      forged.push((await login(via, STRANGER_ADDRESS, `guess ${i}`, { 'x-forwarded-for': spoof })).status);
    }
    expect(forged).toEqual([401, 401, 401, 401, 401, ...Array(7).fill(429)]);
    const admin = await login(via, ADMIN_ADDRESS, ADMIN.password);
    expect(admin.status).toBe(200);
  });

  it('rotating forged addresses does not escape the limit: every guess is charged to the real address', async () => {
    const via = await start();
    const answers = [];
    for (let i = 0; i < 60; i++) answers.push(await login(via, STRANGER_ADDRESS, `guess ${i}`, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.${i}` }));
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(DEFAULT_ABUSE_LIMITS.loginPerAccountAndAddress.freeFailures + 1);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(60 - DEFAULT_ABUSE_LIMITS.loginPerAccountAndAddress.freeFailures - 1);
    for (const { body } of refused) expect(body.error.message).toContain(`from address ${STRANGER_ADDRESS};`);
    expect((await login(via, ADMIN_ADDRESS, ADMIN.password)).status).toBe(200);
  });
});

describe('with the proxy\'s address trusted, a client that reaches the server directly', () => {
  it('cannot forge its address at all: its own is the one charged', async () => {
    app = await startSecureApp({ abuseLimits: DEFAULT_ABUSE_LIMITS, trustProxy: ['127.0.0.1'] });
    const direct = { host: '127.0.0.1', port: Number(new URL(app.url).port) };
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await login(direct, STRANGER_ADDRESS, `guess ${i}`, { 'x-forwarded-for': `${ADMIN_ADDRESS}, 198.51.100.${i}` }));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(answers[7].body.error.message).toContain(`from address ${STRANGER_ADDRESS};`);
    expect((await login(direct, ADMIN_ADDRESS, ADMIN.password)).status).toBe(200);
  });
});
