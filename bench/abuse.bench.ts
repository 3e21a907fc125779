/**
 * `npm run bench:abuse`: how long the real server takes to refuse the worst
 * bodies one anonymous client can send under the body limit (issue 20), and how
 * long /healthz takes meanwhile.
 *
 * The real server (server/main.ts as a child process, loopback, temp DATA_DIR,
 * default abuse limits) serves one survey with every kind of answer that holds
 * several values (test/server/validation/abusive-bodies.ts). Each abusive body
 * (answers far bigger than their question, tens of thousands of problems, long
 * strings, deep nesting; each filled up to 256 KiB) is posted BENCH_WARMUP
 * times unmeasured, then BENCH_ROUNDS times, one after another on one
 * keep-alive connection, timing each from the first byte sent to the last byte
 * of the answer. Meanwhile a second connection asks /healthz every 5 ms.
 *
 * Targets (issue 20): the slowest refusal <= 50 ms, and every /healthz answered
 * within 50 ms while the bodies stream in. Prints a table and PASS/FAIL, and
 * exits 1 when a target is missed (or a body is not refused with a small 422).
 *
 * BENCH_ROUNDS (default 10), BENCH_WARMUP (default 2) and BENCH_CPU_PROF (a
 * folder for the server's CPU profile) tune it.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnServer } from '../test/server/spawn-server.ts';
import { ABUSE_DEFINITION, ABUSE_SURVEY_ID, abusiveBodies, validAbuseBody } from '../test/server/validation/abusive-bodies.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const HEALTHZ_EVERY_MS = 5;
const TARGET_REFUSAL_MS = 50;
const TARGET_HEALTHZ_MS = 50;
/** 101 details of a few hundred bytes. */
const MAX_ANSWER_BYTES = 32 * 1024;
const MAX_DETAILS = 101;

interface Timed {
  status: number;
  bytes: number;
  ms: number;
  text: string;
}

function send(url: URL, agent: Agent, method: 'GET' | 'POST', body?: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = request(
      url,
      { method, agent, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, bytes: Buffer.byteLength(text), ms, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function machine() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const pressure = await readFile('/proc/pressure/cpu', 'utf8').catch(() => '');
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadavg: loadavg().map((load) => load.toFixed(2)).join(' '),
    cpuPressure: /some avg10=(\S+) avg60=(\S+)/.exec(pressure)?.slice(1, 3).map((value) => `${value} %`).join(' / ') ?? 'unknown',
  };
}

const max = (values: number[]) => (values.length === 0 ? NaN : Math.max(...values));
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const dir = await mkdtemp(join(tmpdir(), 'bench-abuse-'));
await mkdir(join(dir, 'definitions', ABUSE_SURVEY_ID), { recursive: true });
await writeFile(join(dir, 'definitions', ABUSE_SURVEY_ID, 'v1.json'), JSON.stringify(ABUSE_DEFINITION));
const before = await machine();
// BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there on exit, to see where a refusal's time goes.
const profileDir = process.env.BENCH_CPU_PROF;
const server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'definitions') }, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
const submitUrl = new URL(`${server.url}/api/surveys/${ABUSE_SURVEY_ID}/responses`);
const healthzUrl = new URL(`${server.url}/healthz`);
const postAgent = new Agent({ keepAlive: true, maxSockets: 1 });
const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Row {
  name: string;
  attacks: string;
  bodyBytes: number;
  statuses: number[];
  details: number;
  answerBytes: number;
  refusalMs: number[];
  healthzMs: number[];
  problem?: string;
}

// /healthz every 5 ms on its own connection; each answer's latency goes to the row being measured.
let measuring: Row | undefined;
let probing = true;
const idleHealthz: number[] = [];
const prober = (async () => {
  while (probing) {
    const row = measuring;
    const answer = await send(healthzUrl, probeAgent, 'GET');
    if (answer.status !== 200) throw new Error(`/healthz answered ${answer.status}: ${answer.text}`);
    (row?.healthzMs ?? idleHealthz).push(answer.ms);
    await sleep(HEALTHZ_EVERY_MS);
  }
})();

const rows: Row[] = [];
try {
  await sleep(1_000); // /healthz alone: the machine's own latency, for comparison
  const bodies = [{ name: 'valid response (for comparison)', attacks: '-', body: '' }, ...abusiveBodies()];
  console.log(`${bodies.length} bodies, ${WARMUP} unmeasured + ${ROUNDS} measured posts each, /healthz every ${HEALTHZ_EVERY_MS} ms meanwhile…`);
  for (const { name, attacks, body } of bodies) {
    const valid = body === '';
    const bodyFor = () => (valid ? validAbuseBody().replace(/"submissionId":"[^"]+"/, `"submissionId":"${randomUUID()}"`) : body);
    for (let i = 0; i < WARMUP; i++) await send(submitUrl, postAgent, 'POST', bodyFor());
    const row: Row = { name, attacks, bodyBytes: Buffer.byteLength(bodyFor()), statuses: [], details: 0, answerBytes: 0, refusalMs: [], healthzMs: [] };
    measuring = row;
    for (let i = 0; i < ROUNDS; i++) {
      const answer = await send(submitUrl, postAgent, 'POST', bodyFor());
      row.statuses.push(answer.status);
      row.refusalMs.push(answer.ms);
      row.answerBytes = Math.max(row.answerBytes, answer.bytes);
      if (!valid) {
        const details = (JSON.parse(answer.text) as { error?: { details?: unknown[] } }).error?.details ?? [];
        row.details = Math.max(row.details, details.length);
      }
    }
    measuring = undefined;
    await sleep(2 * HEALTHZ_EVERY_MS);
    if (!valid) {
      if (row.statuses.some((status) => status !== 422)) row.problem = `answered ${[...new Set(row.statuses)].join(', ')}, not 422`;
      else if (row.details > MAX_DETAILS) row.problem = `${row.details} details`;
      else if (row.answerBytes > MAX_ANSWER_BYTES) row.problem = `${row.answerBytes} bytes answered`;
    }
    rows.push(row);
  }
} finally {
  probing = false;
  await prober.catch((error: unknown) => console.error(error));
  postAgent.destroy();
  probeAgent.destroy();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
const after = await machine();

const f = (ms: number) => (Number.isNaN(ms) ? '-' : ms.toFixed(1));
console.log(`\nmachine: ${before.cores} cores, ${before.cpu}, Node ${before.node}, ${before.date}`);
console.log(`load average (1/5/15 min) before: ${before.loadavg}, after: ${after.loadavg}; CPU pressure (10 s / 60 s) before: ${before.cpuPressure}, after: ${after.cpuPressure}`);
console.log(`/healthz alone: p50 ${f(percentile(idleHealthz, 50))} ms, max ${f(max(idleHealthz))} ms (${idleHealthz.length} requests)\n`);
console.log('| body | attacks | body KiB | status | details | answer bytes | refusal p50 ms | refusal max ms | /healthz meanwhile p50 / max ms (n) |');
console.log('|---|---|---:|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const statuses = [...new Set(row.statuses)].join(', ');
  console.log(
    `| ${row.name} | ${row.attacks} | ${(row.bodyBytes / 1024).toFixed(0)} | ${statuses} | ${row.details || '-'} | ${row.answerBytes} | ` +
      `${f(percentile(row.refusalMs, 50))} | ${f(Math.max(...row.refusalMs))} | ${f(percentile(row.healthzMs, 50))} / ${f(max(row.healthzMs))} (${row.healthzMs.length}) |`,
  );
}

const abusive = rows.filter((row) => row.attacks !== '-');
const slowest = abusive.reduce((worst, row) => (Math.max(...row.refusalMs) > Math.max(...worst.refusalMs) ? row : worst));
const slowestMs = Math.max(...slowest.refusalMs);
const healthzDuring = abusive.flatMap((row) => row.healthzMs);
const healthzMax = max(healthzDuring);
const wrong = abusive.filter((row) => row.problem !== undefined);
console.log('');
console.log(`${slowestMs <= TARGET_REFUSAL_MS ? 'PASS' : 'FAIL'}: slowest refusal ${f(slowestMs)} ms ("${slowest.name}"; target <= ${TARGET_REFUSAL_MS} ms)`);
console.log(
  `${healthzMax < TARGET_HEALTHZ_MS ? 'PASS' : 'FAIL'}: /healthz while abusive bodies stream in: max ${f(healthzMax)} ms, p99 ${f(percentile(healthzDuring, 99))} ms over ${healthzDuring.length} requests (target < ${TARGET_HEALTHZ_MS} ms)`,
);
console.log(`${wrong.length === 0 ? 'PASS' : 'FAIL'}: every abusive body refused with 422, at most ${MAX_DETAILS} details and ${MAX_ANSWER_BYTES} bytes${wrong.map((row) => `; ${row.name}: ${row.problem}`).join('')}`);

const resultsDir = join(import.meta.dirname, 'results');
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, `abuse-${before.date.replace(/[:.]/g, '-')}.json`), JSON.stringify({ before, after, rounds: ROUNDS, warmup: WARMUP, idleHealthz, rows }, null, 2));

if (slowestMs > TARGET_REFUSAL_MS || healthzMax >= TARGET_HEALTHZ_MS || wrong.length > 0) process.exitCode = 1;
