/**
 * `npm run bench:submit`: throughput and latency of POST /api/surveys/:id/responses
 * on the real server (child process, loopback, temp DATA_DIR, durable SQLite),
 * against a bare Express JSON echo driven the same way in the same run.
 * Targets (issue 2): at 32 connections, >= 0.5 of the echo's throughput and p99 <= 50 ms.
 * This is a measurement, not a test: it prints PASS/FAIL and exits 0 unless it could not run.
 * It also records, without a target, a survey with logic the server recomputes (issue 22: calculatedValues,
 * expression questions, a visibleIf on a computed value; test/fixtures/surveyjs-corpus/calculated-values-fee.json).
 *
 * BENCH_DURATION (seconds per run, default 10), BENCH_ROUNDS (default 2) and
 * BENCH_WARMUP (seconds, default 3) tune it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type AutocannonResult } from 'autocannon';
import { openSqliteResponseStore } from '../server/store/sqlite-response-store.ts';
import { spawnServer } from '../test/server/spawn-server.ts';
import { validSubmission } from '../test/fixtures/valid-responses.ts';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SURVEY_ID = 'ward-office-exit';
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  statusCounts: Record<string, number>;
  errors: number;
}

/**
 * Every request gets a fresh submissionId, so each one is a new response and a
 * new insert. The body is one template with the id spliced in, so the load
 * generator, which shares the 2 cores with the server, spends little CPU on it.
 */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';
const [bodyBefore, bodyAfter] = JSON.stringify(validSubmission(SURVEY_ID, { submissionId: PLACEHOLDER_ID })).split(PLACEHOLDER_ID);
function freshSubmissionBody(): string {
  return bodyBefore + randomUUID() + bodyAfter;
}

/** The survey with logic: answers and the values survey-core computes from them (2 sofas, 1 bed: 4 200 yen). */
const LOGIC_SURVEY_ID = 'calculated-values-fee';
const logicSubmission = {
  ...validSubmission(SURVEY_ID, { submissionId: PLACEHOLDER_ID }),
  channel: 'online',
  meta: { locale: 'ja' },
  data: { sofas: 2, beds: 1, bikes: 0, itemCount: 3, total: 4200, perItem: 1400, pickup: '玄関前' },
};
const [logicBefore, logicAfter] = JSON.stringify(logicSubmission).split(PLACEHOLDER_ID);
function freshLogicBody(): string {
  return logicBefore + randomUUID() + logicAfter;
}

async function drive(name: string, url: string, seconds: number, body: () => string = freshSubmissionBody): Promise<Measured> {
  const result: AutocannonResult = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, Number(count)]));
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCounts,
    errors: result.errors,
  };
}

function startEcho(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'json-echo-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
      if (match) resolve({ url: `${match[1]}/echo`, stop: () => child.kill('SIGTERM') });
    });
  });
}

async function machine(): Promise<Record<string, string>> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return {
    date: new Date().toISOString(),
    cores: String(cpus().length),
    node: process.version,
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
  };
}

const dataDir = await mkdtemp(join(tmpdir(), 'bench-submit-'));
// The shipped surveys, and the survey with logic beside them.
const definitionsDir = join(dataDir, 'definitions');
await cp(join(import.meta.dirname, '..', 'survey-definitions'), definitionsDir, { recursive: true });
await cp(join(import.meta.dirname, '..', 'test', 'fixtures', 'surveyjs-corpus', `${LOGIC_SURVEY_ID}.json`), join(definitionsDir, `${LOGIC_SURVEY_ID}.json`));
const echo = await startEcho();
// raw throughput: no rate limits (docs/decisions/0063-abuse-limits-per-kiosk-and-address.md)
const server = await spawnServer({ DATA_DIR: join(dataDir, 'data'), DEFINITIONS_DIR: definitionsDir, ABUSE_LIMITS: 'off' });
const submitUrl = `${server.url}/api/surveys/${SURVEY_ID}/responses`;
const logicUrl = `${server.url}/api/surveys/${LOGIC_SURVEY_ID}/responses`;
const echoRounds: Measured[] = [];
const submitRounds: Measured[] = [];
const logicRounds: Measured[] = [];
let submitWarmup: Measured;
try {
  console.log(`warming up (${WARMUP_S} s each), then ${ROUNDS} alternating rounds of ${DURATION_S} s each at ${CONNECTIONS} connections…`);
  await drive('echo warm-up', echo.url, WARMUP_S);
  submitWarmup = await drive('submit warm-up', submitUrl, WARMUP_S);
  // Alternate, so that load from other processes on a shared machine falls on both sides alike.
  for (let round = 1; round <= ROUNDS; round++) {
    echoRounds.push(await drive(`bare Express JSON echo, round ${round}`, echo.url, DURATION_S));
    submitRounds.push(await drive(`POST responses (validated, stored), round ${round}`, submitUrl, DURATION_S));
    logicRounds.push(await drive(`POST responses to a survey with logic, round ${round}`, logicUrl, DURATION_S, freshLogicBody));
  }
} finally {
  echo.stop();
  await server.stop();
}

// Every 201 must be a stored record: a fast server that loses responses would not count.
const store = await openSqliteResponseStore(join(dataDir, 'data', 'responses.sqlite'));
const stored = await store.count({ surveyId: SURVEY_ID });
await store.close();
await rm(dataDir, { recursive: true, force: true });

const created = [submitWarmup!, ...submitRounds].reduce((n, run) => n + (run.statusCounts['201'] ?? 0), 0);
const echoRun = combine('bare Express JSON echo, all rounds', echoRounds);
const submitRun = combine('POST responses, all rounds', submitRounds);
const logicRun = combine('POST responses to a survey with logic, all rounds', logicRounds);
const ratio = submitRun.requestsPerSecond / echoRun.requestsPerSecond;
const info = await machine();
const row = (r: Measured) =>
  `| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${JSON.stringify(r.statusCounts)}${r.errors ? `, ${r.errors} errors` : ''} |`;
console.log(`\nmachine: ${info.cores} cores, ${info.cpu}, Node ${info.node}, ${info.date}`);
console.log('| run | req/s | p50 ms | p99 ms | statuses |');
console.log('|---|---:|---:|---:|---|');
for (const run of [...echoRounds, ...submitRounds, ...logicRounds, echoRun, submitRun, logicRun]) console.log(row(run));
console.log(`\nsubmissions/s: ${submitRun.requestsPerSecond.toFixed(0)}; ratio to echo: ${ratio.toFixed(2)}; stored ${stored} records for ${created} answers 201 (warm-up included)`);
const onlySuccess = Object.keys(submitRun.statusCounts).every((s) => s === '201') && submitRun.errors === 0;
console.log(`${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}: throughput ratio ${ratio.toFixed(2)} (target >= ${TARGET_RATIO})`);
console.log(`${submitRun.p99 <= TARGET_P99_MS ? 'PASS' : 'FAIL'}: p99 latency ${submitRun.p99} ms, worst round (target <= ${TARGET_P99_MS} ms)`);
console.log(`${onlySuccess ? 'PASS' : 'FAIL'}: every measured submission answered 201, no connection errors`);
// Requests still in flight when autocannon stops are stored but never counted: at most one per connection per run.
const storedMatches = stored >= created && stored <= created + (ROUNDS + 1) * CONNECTIONS;
console.log(`${storedMatches ? 'PASS' : 'FAIL'}: every 201 is a stored record`);
const logicOnlySuccess = Object.keys(logicRun.statusCounts).every((s) => s === '201') && logicRun.errors === 0;
console.log(
  `recorded (no target): a survey with logic, ${logicRun.requestsPerSecond.toFixed(0)} submissions/s (ratio to echo ${(logicRun.requestsPerSecond / echoRun.requestsPerSecond).toFixed(2)}), ` +
    `p99 ${logicRun.p99} ms; ${logicOnlySuccess ? 'every one answered 201' : `statuses ${JSON.stringify(logicRun.statusCounts)}`}`,
);

/** All rounds as one: mean throughput, and the worst round's latency percentiles (no histogram merge available). */
function combine(name: string, runs: Measured[]): Measured {
  const statusCounts: Record<string, number> = {};
  for (const run of runs) for (const [status, count] of Object.entries(run.statusCounts)) statusCounts[status] = (statusCounts[status] ?? 0) + count;
  return {
    name,
    requestsPerSecond: runs.reduce((sum, run) => sum + run.requestsPerSecond, 0) / runs.length,
    p50: Math.max(...runs.map((run) => run.p50)),
    p99: Math.max(...runs.map((run) => run.p99)),
    statusCounts,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

const resultsDir = join(import.meta.dirname, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, `submit-${info.date.replace(/[:.]/g, '-')}.json`), JSON.stringify({ machine: info, connections: CONNECTIONS, durationSeconds: DURATION_S, rounds: ROUNDS, echoRounds, submitRounds, logicRounds, ratio, stored, created }, null, 2));
