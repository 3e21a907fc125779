/**
 * Starts the collection server: configuration from the environment, the SQLite
 * store under DATA_DIR, the definitions from DEFINITIONS_DIR. Run by
 * `npm start` (bin/start.js) or directly: `node --import tsx server/main.ts`.
 */
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDefinitionsFromDir } from './definitions/load-definitions-from-dir.ts';
import { createApp } from './app.ts';
import { parseServerEnv } from './env.ts';
import { describeResponseStore, openResponseStore, selectStore } from './store/open-response-store.ts';
import { openSelectedAuthStore } from './auth/open-selected-auth-store.ts';
import { describeAdminSetup } from './auth/describe-admin-setup.ts';
import { DEFAULT_ABUSE_LIMITS } from './limits/abuse-limits.ts';
import { AUDIT_LOG_FILE } from './audit/audit-log.ts';
import { WEIGHTS_DIR } from './weights/survey-margins.ts';
import { TEST_MARKINGS_FILE } from './test-markings/test-markings-log.ts';

/** How long shutdown waits for requests in flight before closing the store anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

export async function main(): Promise<void> {
  const env = parseServerEnv(process.env);
  const dataDir = resolve(env.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // A broken file is left out and named, never fatal: the other surveys keep collecting (ADR 0021).
  const { catalog: definitions, broken } = await loadDefinitionsFromDir(resolve(env.DEFINITIONS_DIR));
  // The operator's log names the file in full; /healthz, open to anyone, only under DEFINITIONS_DIR.
  for (const { file, reason } of broken) console.error(`survey server: definition ${join(resolve(env.DEFINITIONS_DIR), file)} left out: ${reason}`);
  const storeSelection = selectStore(env, dataDir);
  const store = await openResponseStore(storeSelection);
  const authStore = await openSelectedAuthStore(storeSelection); // beside the responses (SQLite file or MongoDB)
  const app = createApp({
    store,
    definitions,
    brokenDefinitions: broken,
    bodyLimit: env.BODY_LIMIT,
    auditLogPath: join(dataDir, AUDIT_LOG_FILE),
    weightsDir: join(dataDir, WEIGHTS_DIR),
    testMarkingsPath: join(dataDir, TEST_MARKINGS_FILE),
    authStore,
    trustProxy: env.TRUST_PROXY,
    publicUrl: env.PUBLIC_URL,
    definitionsDir: resolve(env.DEFINITIONS_DIR),
    abuseLimits: env.ABUSE_LIMITS === 'off' ? 'off' : DEFAULT_ABUSE_LIMITS,
  });
  const adminSetup = await describeAdminSetup(authStore);
  if (adminSetup) console.log(adminSetup);

  const server = createServer(
    {
      requestTimeout: env.REQUEST_TIMEOUT_MS,
      headersTimeout: env.HEADERS_TIMEOUT_MS,
      // How often Node looks for requests past their timeout (default 30 s, which would let a slow
      // body hold on for REQUEST_TIMEOUT_MS + 30 s).
      connectionsCheckingInterval: Math.min(1_000, env.HEADERS_TIMEOUT_MS),
    },
    app,
  );
  server.maxConnections = env.MAX_CONNECTIONS;
  server.once('error', (error) => {
    console.error(`survey server: cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`);
    process.exit(1);
  });
  server.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo;
    const everywhere = env.HOST === '0.0.0.0' || env.HOST === '::';
    const shown = everywhere ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
    const surveys = definitions.list().length;
    const leftOut = broken.length > 0 ? `, ${broken.length} broken definition file${broken.length === 1 ? '' : 's'} left out` : '';
    console.log(`survey server listening on http://${shown}:${port} (${surveys} surveys${leftOut}, ${describeResponseStore(storeSelection)}${everywhere ? ', all interfaces' : ''})`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`survey server: ${signal}, finishing requests in flight`);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(async () => {
      clearTimeout(force);
      await store.close(); // commits any insert already accepted
      await authStore.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch(exitWithOneLine);
}

/** Start-up failures (bad configuration, an unreadable definitions folder, an unreadable store) print one line, not a stack. */
export function exitWithOneLine(error: unknown): never {
  console.error(`survey server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
