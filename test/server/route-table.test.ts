/**
 * Every route of the app is in the access policy, and every non-public route
 * answers 401 without credentials and 403 to a role below its minimum
 * (docs/decisions/0062-one-access-policy-table.md). The routes are read from
 * the app itself, so a new route cannot be added without this test seeing it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../server/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_POLICY, POLICY_ROUTER_MARK } from '../../server/auth/access-policy.ts';
import { ANALYST, bearer, startSecureApp, type SecureApp } from './auth/start-secure-app.ts';

interface RouteEntry {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] } & Record<symbol, unknown>;
  rawPath?: unknown;
}

function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Every method + path the app routes, recursing into mounted routers (Express 5 / router 2: `layer.rawPath`). */
export function listRoutes(stack: Layer[], prefix = ''): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const method of Object.keys(layer.route.methods)) {
        for (const path of paths) routes.push({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path: joinPaths(prefix, path) });
      }
    } else if (layer.handle?.stack && !layer.handle[POLICY_ROUTER_MARK]) {
      if (typeof layer.rawPath !== 'string') throw new Error(`a router is mounted at a non-string path (${String(layer.rawPath)}); this test cannot read it`);
      routes.push(...listRoutes(layer.handle.stack, joinPaths(prefix, layer.rawPath)));
    }
  }
  return routes;
}

function routesOf(app: Express): RouteEntry[] {
  return listRoutes((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

const key = ({ method, path }: RouteEntry) => `${method} ${path}`;

/** A concrete URL for a route pattern: a real survey id, a sample for other parameters, optional parts left out. */
function sampleUrl(path: string): string {
  return path
    .replace(/\{[^}]*\}/g, '')
    .replace(/:id\b/g, 'ward-office-exit')
    .replace(/:name\b/g, ANALYST.name)
    .replace(/:[A-Za-z_]\w*/g, '1')
    .replace(/\*[A-Za-z_]\w*/g, 'x');
}

let secure: SecureApp;
let clientDir: string;
let analystCookie: string;

beforeAll(async () => {
  // A built client, so the app registers its page routes too.
  clientDir = await mkdtemp(join(tmpdir(), 'client-build-'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>client</title>');
  secure = await startSecureApp({ clientDir });
  analystCookie = await secure.login(ANALYST);
});
afterAll(async () => {
  await secure?.close();
  await rm(clientDir, { recursive: true, force: true });
});

function request(route: { method: string; path: string }, headers: Record<string, string> = {}) {
  const unsafe = route.method !== 'GET';
  return fetch(secure.url + sampleUrl(route.path), {
    method: route.method,
    headers: unsafe ? { 'content-type': 'application/json', ...headers } : headers,
    body: unsafe ? '{}' : undefined,
  });
}

describe('the route table', () => {
  it('lists only routes that the access policy covers, and the policy lists no route the app lacks', () => {
    const routes = routesOf(secure.app).map(key);
    const policy = ACCESS_POLICY.map(key);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !policy.includes(route)), 'routes without a row in server/auth/access-policy.ts').toEqual([]);
    expect(policy.filter((row) => !routes.includes(row)), 'policy rows without a route').toEqual([]);
  });

  it('notices a route added without a policy row, and that route fails closed', async () => {
    const extended = createApp({ store: secure.store, definitions: { list: () => [], get: () => undefined, getVersion: () => undefined, versions: () => [] }, authStore: secure.authStore });
    extended.get('/api/new-feature/data', (_req, res) => {
      res.json({ secret: true });
    });
    const unlisted = routesOf(extended).map(key).filter((route) => !ACCESS_POLICY.map(key).includes(route));
    expect(unlisted).toEqual(['GET /api/new-feature/data']);

    const server = extended.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      expect((await fetch(`http://127.0.0.1:${port}/api/new-feature/data`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/api/new-feature/data`, { headers: bearer(secure.tokens.analyst) })).status).toBe(403);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe.each(ACCESS_POLICY.filter((row) => row.access !== 'public'))('$method $path ($access)', (row) => {
  it('answers 401 without credentials', async () => {
    const response = await request(row);
    expect(response.status).toBe(401);
  });

  if (row.access === 'admin') {
    it('answers 403 to an analyst, by session and by token', async () => {
      expect((await request(row, { cookie: analystCookie })).status).toBe(403);
      expect((await request(row, bearer(secure.tokens.analyst))).status).toBe(403);
    });
  }

  it('lets the minimum role through', async () => {
    const token = row.access === 'admin' ? secure.tokens.admin : secure.tokens.analyst;
    const response = await request(row, bearer(token));
    expect([401, 403]).not.toContain(response.status);
  });
});

describe.each(ACCESS_POLICY.filter((row) => row.access === 'public'))('$method $path (public)', (row) => {
  it('answers without credentials', async () => {
    const response = await request(row);
    expect([401, 403]).not.toContain(response.status);
  });
});

describe('requests that try to slip past the table', () => {
  it('other spellings of a protected path are protected too', async () => {
    for (const path of ['/API/users', '/api/users/', '/Api/Surveys/ward-office-exit/Responses', '/api/surveys/ward-office-exit/responses/']) {
      expect((await fetch(secure.url + path)).status, path).toBe(401);
    }
    expect((await fetch(secure.url + '/api/users', { method: 'HEAD' })).status).toBe(401);
  });

  it('an unknown /api path fails closed: 401 anonymously, 403 to an analyst, 404 only to an admin', async () => {
    expect((await fetch(`${secure.url}/API/not-yet-built`)).status).toBe(401);
    expect((await fetch(`${secure.url}/api/not-yet-built`, { headers: bearer(secure.tokens.analyst) })).status).toBe(403);
    expect((await fetch(`${secure.url}/api/not-yet-built`, { headers: bearer(secure.tokens.admin) })).status).toBe(404);
  });
});
