/**
 * bench:dashboard's server: the real one (server/main.ts, as test/server/spawn-server.ts starts it) on a seeded
 * DATA_DIR, with an analyst API token made in its auth store beforehand (as `survey-toolkit token create` makes
 * one) and revoked after. Measures start-up: from the spawn until the process listens, until /healthz answers,
 * until a first submission is accepted (collection must not wait for the tables) and until every table is ready,
 * polling /healthz every 100 ms.
 */
import { readFile } from 'node:fs/promises';
import type { HealthStatus } from '../../contracts/health.ts';
import { openAuthStoreInDataDir } from '../../server/auth/open-auth-store.ts';
import { createApiToken } from '../../server/auth/create-api-token.ts';
import { spawnServer, type SpawnedServer } from '../../test/server/spawn-server.ts';
import { validSubmission } from '../../test/fixtures/valid-responses.ts';

const POLL_MS = 100;

export interface StartUp {
  /** Milliseconds from the spawn. */
  listeningMs: number;
  healthzMs: number;
  /** The first submission's 201, posted as soon as /healthz answers (undefined: not 201; see submitStatus). */
  firstSubmitMs?: number;
  submitStatus: number;
  readyMs: number;
  /** Each table's state and rows once every one was ready. */
  tables: Record<string, { state: string; rows: number }>;
  /** The states /healthz reported on the way, in order, with when they were first seen. */
  states: Array<{ ms: number; states: string }>;
}

export interface RunningServer {
  server: SpawnedServer;
  baseUrl: string;
  token: string;
  startUp: StartUp;
  /** The child's VmHWM and VmRSS, in MiB, from /proc/<pid>/status. */
  memory(): Promise<{ peakMb: number; rssMb: number }>;
  stop(): Promise<void>;
}

export async function startServer(dataDir: string, definitionsDir: string, submitSurvey: string, readyTimeoutMs: number): Promise<RunningServer> {
  const tokenName = `bench-dashboard-${Date.now()}-${process.pid}`;
  const auth = await openAuthStoreInDataDir(dataDir);
  let token: string;
  try {
    token = (await createApiToken(auth, { name: tokenName, role: 'analyst' })).secret;
  } finally {
    await auth.close();
  }
  const spawned = performance.now();
  // With the allocator setting `npm start` gives the server (bin/start.js says why); its parent process is left out.
  const server = await spawnServer({ DATA_DIR: dataDir, DEFINITIONS_DIR: definitionsDir, MALLOC_MMAP_THRESHOLD_: '131072' });
  const listeningMs = performance.now() - spawned;
  const baseUrl = server.url;
  try {
    const startUp = await watchStartUp(baseUrl, spawned, listeningMs, submitSurvey, readyTimeoutMs, server);
    return {
      server,
      baseUrl,
      token,
      startUp,
      memory: () => memoryOf(server.child.pid!),
      async stop() {
        await server.stop();
        const store = await openAuthStoreInDataDir(dataDir);
        try {
          await store.revokeToken(tokenName, new Date());
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function watchStartUp(baseUrl: string, spawned: number, listeningMs: number, submitSurvey: string, timeoutMs: number, server: SpawnedServer): Promise<StartUp> {
  let healthzMs: number | undefined;
  let submitted: Promise<{ ms?: number; status: number }> | undefined;
  const states: StartUp['states'] = [];
  for (;;) {
    const since = performance.now() - spawned;
    if (since > timeoutMs) throw new Error(`the tables were not ready ${(timeoutMs / 1000).toFixed(0)} s after the start; last /healthz: ${states.at(-1)?.states}\n${server.stderr()}`);
    const health = await fetch(`${baseUrl}/healthz`).then(
      async (response) => (response.status === 200 ? ((await response.json()) as HealthStatus) : undefined),
      () => undefined,
    );
    if (health) {
      healthzMs ??= performance.now() - spawned;
      // Collection must answer while the tables build: post one response at once, without waiting for it here.
      submitted ??= postOne(baseUrl, submitSurvey, spawned);
      const tables = health.tables ?? {};
      const summary = Object.entries(tables).map(([id, table]) => `${id} ${table.state} ${table.rows}`).join(', ');
      if (states.at(-1)?.states.replace(/\d+/g, '') !== summary.replace(/\d+/g, '')) states.push({ ms: performance.now() - spawned, states: summary });
      const list = Object.values(tables);
      if (list.some((table) => table.state === 'failed')) throw new Error(`a table failed to build: ${summary}\n${server.stderr()}`);
      if (list.length === 0) throw new Error('/healthz reports no tables: is the live table on?');
      if (list.every((table) => table.state === 'ready')) {
        const readyMs = performance.now() - spawned;
        const submit = await submitted;
        // The rows once the submission is in (it may have arrived after the table's last page).
        const after = (await (await fetch(`${baseUrl}/healthz`)).json()) as HealthStatus;
        return { listeningMs, healthzMs, firstSubmitMs: submit.ms, submitStatus: submit.status, readyMs, tables: after.tables ?? tables, states };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function postOne(baseUrl: string, surveyId: string, spawned: number): Promise<{ ms?: number; status: number }> {
  const response = await fetch(`${baseUrl}/api/surveys/${surveyId}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(validSubmission(surveyId)),
  });
  await response.arrayBuffer();
  return { status: response.status, ...(response.status === 201 ? { ms: performance.now() - spawned } : {}) };
}

async function memoryOf(pid: number): Promise<{ peakMb: number; rssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kib('VmHWM') / 1024, rssMb: kib('VmRSS') / 1024 };
}
