/**
 * `npm run bench:dashboard`: the dashboard on the server's live tables (issue 23), over HTTP, at N responses.
 *
 * For each N (`--sizes`, default 10000,100000; the issue's sizes are 10000,100000,1000000):
 *  1. N synthetic responses of ward-office-exit and of the outside-style survey (bench/fixtures/outside-style)
 *     into a real SQLite store file through the store's own importRecords, streamed in batches
 *     (bench/dashboard/seed-store.ts); kept in the cache folder (`--cache-dir`, default <tmp>/survey-toolkit-bench-dashboard)
 *     and reused by later runs.
 *  2. The real server (server/main.ts as a child process) on that store, with the two surveys' definitions and an
 *     analyst API token; start-up timed until /healthz answers, until a first submission is accepted and until
 *     every table is ready, polling every 100 ms (bench/dashboard/run-server.ts).
 *  3. An analyst's session replayed over HTTP, `--rounds` times (default 5) on both surveys: open, ward (or channel),
 *     age, period, two cross-tabs, the question view and the comment browser, each view's calls made together as
 *     the page makes them (bench/dashboard/session.ts).
 *  4. p50/p99 per call and per view, start-up, the server's peak RSS (VmHWM of the child), the issue's targets with
 *     PASS/FAIL, and a Markdown block for docs/benchmarks.md (bench/dashboard/summarize.ts).
 *
 * A measurement, not a test: it exits 0 when it ran, whatever the numbers and statuses (a call that did not answer
 * 200 is printed with its URL and message). `--json FILE` writes every call and view (default
 * bench/results/dashboard-<date>.json); `--text` adds the 自由記述 report (text=1) to the comment view.
 * Run the 1M size alone on the machine: it seeds 2M records (a few minutes, once) and the server holds both tables.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCliSurvey } from '../cli/load-cli-survey.ts';
import { definitionsKey, seededStore } from './dashboard/seed-store.ts';
import { startServer } from './dashboard/run-server.ts';
import { planFor, replaySession } from './dashboard/session.ts';
import { describeRun, judgeTargets, markdown, type Machine, type SizeRun } from './dashboard/summarize.ts';

const ROOT = join(import.meta.dirname, '..');
/** The benchmarked surveys and where their definition folders are. */
const SURVEYS = [
  { id: 'ward-office-exit', dir: join(ROOT, 'survey-definitions', 'ward-office-exit') },
  { id: 'outside-style', dir: join(ROOT, 'bench', 'fixtures', 'outside-style') },
];

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    rounds: { type: 'string', default: '5' },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'survey-toolkit-bench-dashboard') },
    json: { type: 'string' },
    text: { type: 'boolean', default: false },
    locale: { type: 'string', default: 'ja' },
    'ready-timeout': { type: 'string', default: '1200' },
  },
});
const sizes = flags.sizes.split(',').map((size) => Number(size.trim().replace(/_/g, '')));
if (sizes.some((size) => !Number.isSafeInteger(size) || size < 1)) throw new Error(`--sizes must be whole numbers, e.g. 10000,100000; got ${flags.sizes}`);
const rounds = Number(flags.rounds);
if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number ≥ 1; got ${flags.rounds}`);
const cacheDir = flags['cache-dir'];
const readyTimeoutMs = Number(flags['ready-timeout']) * 1000;

const log = (line: string) => console.log(line);

async function machine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    ramGiB: totalmem() / 1024 ** 3,
    node: process.version,
  };
}

async function main(): Promise<void> {
  const info = await machine();
  const loadStart = loadavg();
  log(`bench:dashboard — ${info.cores} cores (${info.cpu}), ${info.ramGiB.toFixed(0)} GiB, Node ${info.node}, load average ${loadStart.map((l) => l.toFixed(1)).join(' / ')}`);
  log(`sizes ${sizes.map((size) => size.toLocaleString('en-US')).join(', ')} of each of ${SURVEYS.map((survey) => survey.id).join(', ')}; ${rounds} rounds; cache ${cacheDir}`);
  await mkdir(cacheDir, { recursive: true });

  // The server's definitions folder: the two surveys, with ward-office-exit's coding rules.
  const work = await mkdtemp(join(tmpdir(), 'bench-dashboard-'));
  const definitionsDir = join(work, 'definitions');
  for (const survey of SURVEYS) await cp(survey.dir, join(definitionsDir, survey.id), { recursive: true });
  const definitions = await Promise.all(SURVEYS.map(async (survey) => (await loadCliSurvey(definitionsDir, survey.id)).current));
  const key = await definitionsKey(SURVEYS.map((survey) => join(definitionsDir, survey.id, 'v1.json')));
  const plans = definitions.map(planFor);
  for (const plan of plans) {
    log(`  ${plan.id}: compare by ${plan.compareBy ?? '—'}; filters ${plan.filter1.name}, then ${plan.filter2.name}; comments of ${plan.commentQuestion ?? '—'}`);
  }

  const runs: SizeRun[] = [];
  try {
    for (const n of sizes) {
      log(`\n— N = ${n.toLocaleString('en-US')} —`);
      const seeded = await seededStore(cacheDir, definitions, n, key, log);
      const server = await startServer(seeded.dataDir, definitionsDir, SURVEYS[0].id, readyTimeoutMs);
      try {
        const rssReady = await server.memory();
        log(`  start-up: /healthz ${server.startUp.healthzMs.toFixed(0)} ms, every table ready ${server.startUp.readyMs.toFixed(0)} ms, RSS ${rssReady.rssMb.toFixed(0)} MB`);
        const session = await replaySession({ baseUrl: server.baseUrl, token: server.token, plans, rounds, locale: flags.locale, text: flags.text, log });
        const memory = await server.memory();
        // Once every read caught up: the open view analysed every response each table holds.
        const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as { tables?: Record<string, { rows: number }> };
        for (const [survey, responses] of Object.entries(session.opened)) {
          const rows = health.tables?.[survey]?.rows;
          if (rows !== responses) session.checks.push(`${survey} open: the report analyses ${responses} responses, /healthz says the table holds ${rows}`);
        }
        const run: SizeRun = {
          n,
          seeded,
          startUp: server.startUp,
          memory: { ...memory, rssReadyMb: rssReady.rssMb },
          calls: session.calls,
          views: session.views,
          checks: session.checks,
        };
        runs.push(run);
        for (const line of describeRun(run)) log(line);
        // A 500 is logged by the server: its own words, for the report to whoever owns the route.
        if (run.calls.some((call) => call.status >= 500)) log(`  the server's stderr (last 3000 characters):\n${server.server.stderr().slice(-3000)}`);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  const loadEnd = loadavg();
  log('\nTargets (issue 23):');
  for (const run of runs) for (const target of judgeTargets(run)) log(`  N ${run.n.toLocaleString('en-US').padStart(9)}  ${target.result.startsWith('(') ? '    ' : `${target.result} `} ${target.target}: ${target.measured}${target.result.startsWith('(') ? ` ${target.result}` : ''}`);
  log('\nFor docs/benchmarks.md:\n');
  log(markdown(runs, info, { start: loadStart, end: loadEnd }, rounds, flags.text));

  const out = flags.json ?? join(ROOT, 'bench', 'results', `dashboard-${info.date.replace(/[:.]/g, '-')}.json`);
  await mkdir(join(out, '..'), { recursive: true });
  await writeFile(out, `${JSON.stringify({ machine: info, loadavg: { start: loadStart, end: loadEnd }, rounds, text: flags.text, runs }, null, 2)}\n`);
  log(`\nevery call and view: ${out}`);
}

await main();
