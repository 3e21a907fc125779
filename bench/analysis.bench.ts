/**
 * `npm run bench:analysis`: the whole `survey-toolkit report` CLI (start-up, definitions,
 * reading the JSONL, the report, JSON out) on 10k, 100k and 1M synthetic responses of
 * staff-workstyle, of ward-office-exit and of the outside-style fixture (bench/fixtures/), each as a child process so wall time and peak RSS
 * are the real thing. Target (issue 4): 1M responses in ≤ 5 s and ≤ 1.5 GB peak RSS on a
 * 2-core machine, growing linearly. A measurement, not a test: prints PASS/FAIL, exits 0.
 *
 * Input files are written once by `survey-toolkit seed` into bench/results/ (gitignored) and
 * reused. BENCH_ANALYSIS_SIZES (e.g. "10000,100000"), BENCH_ANALYSIS_RUNS (default 3, the
 * median wall time is reported), BENCH_ANALYSIS_THREADS (sets SURVEY_TOOLKIT_READ_THREADS).
 *
 * The statistics are timed with `--no-text`; the free-text analysis (kuromoji, issue 27), which a
 * report does by default, is timed apart once, on ward-office-exit at 100k (or the largest size
 * asked below it), since tokenizing costs far more than every other figure together.
 *
 * The scanner alone (issue 24, target ≥ 400 MB/s per core): in this process, on one thread, the
 * 100k file (or the largest size asked below it) of each survey already read into memory, the time
 * of splitting it at newlines and appending every line with createJsonlAppender into a fresh table
 * of the report's plan (--no-text). Best of BENCH_SCAN_RUNS (default 10) after one warm-up pass, in MB per second of wall time and of CPU time,
 * since the best pass is the scanner's own speed on a machine others share; the median pass is printed too. Ten, not
 * five: on this shared machine passes of the same code varied by up to 25 % within a minute (2026-12-07), and the
 * best of five moved with it.
 *
 * Start-up on its own (issue 24): `report --help` and a report of a 10-line file (--no-text, JSON), each
 * BENCH_STARTUP_RUNS times (default 7), median wall time and median CPU time (user + system) of the child.
 *
 * pandas + scipy (issue 24, target: the CLI's 100k report in ≤ 0.1× the time): bench/pandas/pandas_report.py does the
 * same report of the same 100k file (or the largest size asked below it), with the CLI's own JSON report as its plan,
 * and checks every count it shares with the CLI. One run per survey (it takes ~15–30 s); the CLI's side is its median.
 * Skipped, with the reason, where no python3 with pandas and scipy is found.
 *
 * Counting alone (issue 24): the answers the report counts while it reads (analysis/table/count-answers.ts, every pair
 * of countedPairs), over the same table read into memory, in stretches of 2,048 rows as the reader does; best of
 * BENCH_SCAN_RUNS, in ms per 100k rows and ns per row and pair. Reports show where their time went: each run sets
 * SURVEY_TOOLKIT_TIMINGS=1 (cli/report/phase-clock.ts) and the medians of its phases are printed under its row.
 *
 * BENCH_ANALYSIS_PARTS picks what to run, comma-separated: startup, report, text, scan, count, pandas (default: all).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, stat, writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { planFor } from '../analysis/report/build-report.ts';
import { countedPairs } from '../analysis/report/counted-pairs.ts';
import { createAnswerCounter } from '../analysis/table/count-answers.ts';
import { createJsonlAppender } from '../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../analysis/table/create-response-table.ts';
import { loadCliSurvey } from '../cli/load-cli-survey.ts';
import { parseTimings } from '../cli/report/phase-clock.ts';
import { readJsonlIntoTable } from '../cli/report/read-jsonl-into-table.ts';
import { findPandasPython, runPandasReport } from './pandas/run-pandas-report.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'survey-toolkit.js');
const PEAK_RSS = join(ROOT, 'bench', 'report-peak-rss.mjs');
const RESULTS = join(ROOT, 'bench', 'results');
// outside-style (bench/fixtures/outside-style/v1.json, issue 24): the shape of surveys made outside this project, a
// 5-item ranking, 5-row importance and satisfaction matrices, a rating, checkboxes and a comment, with larger records.
const SURVEYS = ['staff-workstyle', 'ward-office-exit', 'outside-style'];
const definitionsFor = (survey: string) => join(ROOT, survey === 'outside-style' ? 'bench/fixtures' : 'survey-definitions');
const SIZES = (process.env.BENCH_ANALYSIS_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_ANALYSIS_RUNS ?? 3);
const SEED = 1;
const TARGET_MS = 5000;
const TARGET_RSS_MB = 1536;
/** Issue 24: 1M responses in ≤ 2.5 s (start-up included) and ≤ 1 GB peak RSS. */
const ISSUE_24_TARGET_MS = 2500;
const ISSUE_24_TARGET_RSS_MB = 1024;
const ISSUE_24_TARGET_PANDAS_RATIO = 0.1;

interface Run {
  ms: number;
  rssMb: number;
  cpuMs: number;
  stderr: string;
  code: number | null;
}

function runNode(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', PEAK_RSS, BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const kib = Number(/peak-rss-kib=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const cpuMs = Number(/cpu-us=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1000;
      resolve({ ms, rssMb: kib / 1024, cpuMs, stderr: stderr.replace(/peak-rss-kib=\d+\n?/, '').replace(/cpu-us=\d+\n?/, ''), code });
    });
  });
}

async function inputFile(survey: string, count: number): Promise<string> {
  const file = join(RESULTS, `${survey}-${count}-seed${SEED}.jsonl`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  process.stdout.write(`seeding ${count.toLocaleString('en-US')} ${survey} responses… `);
  const run = await runNode(['seed', '--definitions', definitionsFor(survey), '--survey', survey, '--count', String(count), '--seed', String(SEED), '--out', partial]);
  if (run.code !== 0) throw new Error(`seed failed: ${run.stderr}`);
  await rename(partial, file);
  console.log(`${(run.ms / 1000).toFixed(1)} s`);
  return file;
}

const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 10);

/** MB/s (MiB of JSONL per second) of the byte scanner alone on a file already in memory; see the header. */
async function scanMbPerSecond(
  survey: string,
  file: string,
  definitionsDir: string,
): Promise<{ mbps: number; medianMbps: number; cpuMbps: number; slowLines: number; lines: number }> {
  const { versions } = await loadCliSurvey(definitionsDir, survey);
  const spec = planFor(versions, {}, { texts: false }).tableSpec;
  const buffer = await readFile(file);
  // As cli/report/read-jsonl-range.ts does: newlines found with Buffer's indexOf (memchr), a plain Uint8Array for the scanner.
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  const passes: number[] = [];
  let bestCpu = Infinity;
  let slowLines = 0;
  let lines = 0;
  for (let run = 0; run <= SCAN_RUNS; run++) {
    const table = createResponseTable(spec);
    const append = createJsonlAppender(table);
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    lines = 0;
    for (let start = 0; start < bytes.length; ) {
      let end = buffer.indexOf(10, start);
      if (end < 0) end = bytes.length;
      if (end > start) append(bytes, start, end, ++lines, start);
      start = end + 1;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuStarted);
    if (run > 0) {
      // Run 0 warms the JIT. CPU time (this process, GC threads included) is steadier than wall time on a shared machine.
      passes.push(ms);
      bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    }
    slowLines = append.slowLines;
  }
  const mbps = (ms: number) => bytes.length / 1048576 / (ms / 1000);
  return { mbps: mbps(Math.min(...passes)), medianMbps: mbps(median(passes)), cpuMbps: mbps(bestCpu), slowLines, lines };
}

/** The counting that reading does (read-jsonl-range.ts), alone, over a table already in memory. */
async function countMsPer100k(survey: string, file: string, definitionsDir: string): Promise<{ ms: number; pairs: number; nsPerRowAndPair: number }> {
  const { versions } = await loadCliSurvey(definitionsDir, survey);
  const plan = planFor(versions, {}, { texts: false });
  const table = await readJsonlIntoTable(file, plan.tableSpec, { threads: 1 });
  const pairs = countedPairs(plan);
  let best = Infinity;
  for (let run = 0; run <= SCAN_RUNS; run++) {
    const counter = createAnswerCounter(plan.tableSpec, pairs);
    const started = process.hrtime.bigint();
    for (let from = 0; from < table.rowCount; from += 2048) counter.add(table, from, Math.min(table.rowCount, from + 2048));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run > 0) best = Math.min(best, ms);
  }
  return { ms: (best * 100_000) / table.rowCount, pairs: pairs.length, nsPerRowAndPair: (best * 1e6) / (table.rowCount * pairs.length) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const PARTS = new Set((process.env.BENCH_ANALYSIS_PARTS ?? 'startup,report,text,scan,count,pandas').split(',').map((part) => part.trim()));
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

/** The first 10 lines of a staff-workstyle file. */
async function tinyFile(): Promise<string> {
  const tiny = join(RESULTS, 'staff-workstyle-10-lines.jsonl');
  // The first 64 KiB hold the first 10 lines (~700 bytes each); the file may be 700 MB, too long for one string.
  const handle = await open(await inputFile('staff-workstyle', Math.min(...SIZES)), 'r');
  const head = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const lines = head.subarray(0, bytesRead).toString('utf8').split('\n').slice(0, 10);
  await writeFile(tiny, `${lines.join('\n')}\n`);
  return tiny;
}

/**
 * The report's code and its reader thread run from bundles made on first use (cli/report/bundled-module.ts, issue 24):
 * one report of 10 lines read by two threads makes both, so no timed run pays for building them. Its time is printed:
 * it is what the first report after an install or a change of the sources costs.
 */
async function warmUp(): Promise<Run> {
  const run = await runNode(['report', '--survey', 'staff-workstyle', '--input', await tinyFile(), '--no-text', '--out', join(RESULTS, 'startup.report.json')], {
    SURVEY_TOOLKIT_READ_THREADS: '2',
  });
  if (run.code !== 0) throw new Error(`the warm-up report failed: ${run.stderr}`);
  console.log(`warm-up (bundles made if missing or stale): ${(run.ms / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU`);
  return run;
}

/** Start-up on its own: `report --help`, and a report of the first 10 lines of a staff-workstyle file. */
async function measureStartup(): Promise<Array<{ what: string; ms: number; cpuMs: number; walls: number[] }>> {
  const tiny = await tinyFile();
  const cases: Array<{ what: string; args: string[] }> = [
    { what: 'report --help', args: ['report', '--help'] },
    { what: 'report of 10 lines (--no-text, JSON)', args: ['report', '--survey', 'staff-workstyle', '--input', tiny, '--no-text', '--out', join(RESULTS, 'startup.report.json')] },
  ];
  const results = [];
  for (const { what, args } of cases) {
    const runs: Run[] = [];
    for (let r = 0; r < STARTUP_RUNS; r++) {
      const run = await runNode(args);
      if (run.code !== 0) throw new Error(`${what} failed: ${run.stderr}`);
      runs.push(run);
    }
    const result = { what, ms: median(runs.map((run) => run.ms)), cpuMs: median(runs.map((run) => run.cpuMs)), walls: runs.map((run) => run.ms) };
    results.push(result);
    console.log(
      `start-up, ${what}: ${(result.ms / 1000).toFixed(2)} s wall, ${(result.cpuMs / 1000).toFixed(2)} s CPU (medians of ${STARTUP_RUNS}; ` +
        `walls ${result.walls.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`,
    );
  }
  return results;
}

async function main(): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  const env: Record<string, string> = process.env.BENCH_ANALYSIS_THREADS ? { SURVEY_TOOLKIT_READ_THREADS: process.env.BENCH_ANALYSIS_THREADS } : {};
  console.log(
    `bench:analysis — ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}, ` +
      `${RUNS} runs each (median wall time, largest peak RSS)${env.SURVEY_TOOLKIT_READ_THREADS ? `, ${env.SURVEY_TOOLKIT_READ_THREADS} reader threads` : ''}`,
  );
  const warm = await warmUp();
  const startup = PARTS.has('startup') ? await measureStartup() : [];
  const rows: Array<{ survey: string; count: number; mb: number; ms: number; cpuMs: number; rssMb: number; walls: number[]; phases: Record<string, number> }> = [];
  for (const survey of PARTS.has('report') ? SURVEYS : []) {
    for (const count of SIZES) {
      const file = await inputFile(survey, count);
      const mb = (await stat(file)).size / 1048576;
      const runs: Run[] = [];
      for (let r = 0; r < RUNS; r++) {
        const run = await runNode(['report', '--definitions', definitionsFor(survey), '--survey', survey, '--input', file, '--no-text', '--out', join(RESULTS, `${survey}-${count}.report.json`)], {
          ...env,
          SURVEY_TOOLKIT_TIMINGS: '1',
        });
        if (run.code !== 0) throw new Error(`report failed on ${file}: ${run.stderr}`);
        runs.push(run);
      }
      // The median of each phase's end over the runs, in seconds from the process's start.
      const timings = runs.map((run) => parseTimings(run.stderr));
      const phases = Object.fromEntries([...timings[0].keys()].map((phase) => [phase, median(timings.map((t) => t.get(phase) ?? NaN))]));
      const row = {
        survey,
        count,
        mb,
        ms: median(runs.map((run) => run.ms)),
        cpuMs: median(runs.map((run) => run.cpuMs)),
        rssMb: Math.max(...runs.map((run) => run.rssMb)),
        walls: runs.map((run) => run.ms),
        phases,
      };
      rows.push(row);
      console.log(
        `${survey.padEnd(17)} ${count.toLocaleString('en-US').padStart(9)} responses  ${mb.toFixed(0).padStart(4)} MB  ` +
          `${(row.ms / 1000).toFixed(2).padStart(6)} s  (${row.walls.map((ms) => (ms / 1000).toFixed(2)).join(', ')})  ` +
          `CPU ${(row.cpuMs / 1000).toFixed(2)} s  peak RSS ${row.rssMb.toFixed(0).padStart(5)} MB  ${((row.ms / count) * 1000).toFixed(1).padStart(7)} µs/response`,
      );
      console.log(`${''.padEnd(17)} phases ended at (median s from start): ${Object.entries(phases).map(([phase, at]) => `${phase} ${at.toFixed(2)}`).join(' · ')}`);
    }
  }
  const textSize = Math.max(0, ...SIZES.filter((size) => size <= 100_000));
  if (textSize > 0 && PARTS.has('text')) {
    const file = await inputFile('ward-office-exit', textSize);
    const run = await runNode(['report', '--survey', 'ward-office-exit', '--input', file, '--out', join(RESULTS, `ward-office-exit-${textSize}.text.report.json`)], env);
    if (run.code !== 0) throw new Error(`report with text failed on ${file}: ${run.stderr}`);
    const without = rows.find((row) => row.survey === 'ward-office-exit' && row.count === textSize);
    console.log(
      `with 自由記述 (text analysis), ward-office-exit ${textSize.toLocaleString('en-US')}: ${(run.ms / 1000).toFixed(2)} s ` +
        `${without ? `(+${((run.ms - without.ms) / 1000).toFixed(2)} s over --no-text)` : ''}, peak RSS ${run.rssMb.toFixed(0)} MB`,
    );
  }
  const scanSize = Math.max(0, ...SIZES.filter((size) => size <= 100_000));
  const scans: Array<{ survey: string; count: number; mbps: number; medianMbps: number; cpuMbps: number; slowLines: number }> = [];
  if (scanSize > 0 && PARTS.has('scan')) {
    for (const survey of SURVEYS) {
      const scan = await scanMbPerSecond(survey, await inputFile(survey, scanSize), definitionsFor(survey));
      scans.push({ survey, count: scanSize, mbps: scan.mbps, medianMbps: scan.medianMbps, cpuMbps: scan.cpuMbps, slowLines: scan.slowLines });
      console.log(
        `scanner alone, ${survey} ${scanSize.toLocaleString('en-US')} (in memory, one thread, best of ${SCAN_RUNS}): ${scan.mbps.toFixed(0)} MB/s ` +
          `(median pass ${scan.medianMbps.toFixed(0)}) ` +
          `(${scan.cpuMbps.toFixed(0)} MB per CPU-second), ` +
          `${scan.slowLines} of ${scan.lines} lines through JSON.parse  (target ≥ 400 MB/s)`,
      );
    }
  }
  const counts: Array<{ survey: string; count: number; msPer100k: number; pairs: number; nsPerRowAndPair: number }> = [];
  if (scanSize > 0 && PARTS.has('count')) {
    for (const survey of SURVEYS) {
      const counted = await countMsPer100k(survey, await inputFile(survey, scanSize), definitionsFor(survey));
      counts.push({ survey, count: scanSize, msPer100k: counted.ms, pairs: counted.pairs, nsPerRowAndPair: counted.nsPerRowAndPair });
      console.log(
        `counting alone, ${survey} ${scanSize.toLocaleString('en-US')} (in memory, one thread, best of ${SCAN_RUNS}): ${counted.ms.toFixed(1)} ms per 100k rows, ` +
          `${counted.pairs} pairs, ${counted.nsPerRowAndPair.toFixed(2)} ns per row and pair`,
      );
    }
  }
  const pandasSize = Math.max(0, ...SIZES.filter((size) => size <= 100_000));
  const pandas: Array<{ survey: string; count: number; cliMs: number; pandasMs: number; ratio: number; checked: number; tables: number }> = [];
  if (pandasSize > 0 && PARTS.has('pandas')) {
    const found = findPandasPython();
    if ('skipped' in found) console.log(`pandas + scipy comparison skipped: ${found.skipped}`);
    const python = 'python' in found ? found.python : undefined;
    for (const survey of python === undefined ? [] : SURVEYS) {
      const file = await inputFile(survey, pandasSize);
      const plan = join(RESULTS, `${survey}-${pandasSize}.report.json`);
      // The CLI's side: its median from the report part, or runs of its own (which also write the plan).
      let cliMs = rows.find((row) => row.survey === survey && row.count === pandasSize)?.ms;
      if (cliMs === undefined) {
        const runs: Run[] = [];
        for (let r = 0; r < RUNS; r++) runs.push(await runNode(['report', '--definitions', definitionsFor(survey), '--survey', survey, '--input', file, '--no-text', '--out', plan], env));
        if (runs.some((run) => run.code !== 0)) throw new Error(`report failed on ${file}: ${runs.find((run) => run.code !== 0)!.stderr}`);
        cliMs = median(runs.map((run) => run.ms));
      }
      const run = await runPandasReport(python!, file, plan);
      if (run.mismatches.length > 0) throw new Error(`pandas and the CLI counted differently on ${file}: ${run.mismatches.join('; ')}`);
      const ratio = cliMs / run.ms;
      pandas.push({ survey, count: pandasSize, cliMs, pandasMs: run.ms, ratio, checked: run.checked, tables: run.tables });
      console.log(
        `pandas + scipy, ${survey} ${pandasSize.toLocaleString('en-US')}: ${(run.ms / 1000).toFixed(2)} s (reading ${run.seconds.read.toFixed(2)} s, ` +
          `${run.tables} tables ${run.seconds.report.toFixed(2)} s; ${run.checked} counts equal to the CLI's); the CLI ${(cliMs / 1000).toFixed(2)} s: ` +
          `ratio ${ratio.toFixed(3)}× (target ≤ ${ISSUE_24_TARGET_PANDAS_RATIO}×: ${ratio <= ISSUE_24_TARGET_PANDAS_RATIO ? 'PASS' : 'FAIL'})`,
      );
    }
  }
  const million = rows.filter((row) => row.count === 1_000_000);
  if (million.length > 0) {
    const pass = million.every((row) => row.ms <= TARGET_MS && row.rssMb <= TARGET_RSS_MB);
    console.log(`target 1M ≤ ${TARGET_MS / 1000} s and ≤ ${(TARGET_RSS_MB / 1024).toFixed(1)} GB: ${pass ? 'PASS' : 'FAIL'}`);
    const pass24 = million.every((row) => row.ms <= ISSUE_24_TARGET_MS && row.rssMb <= ISSUE_24_TARGET_RSS_MB);
    console.log(`issue 24 target 1M ≤ ${ISSUE_24_TARGET_MS / 1000} s and ≤ ${(ISSUE_24_TARGET_RSS_MB / 1024).toFixed(1)} GB: ${pass24 ? 'PASS' : 'FAIL'}`);
  }
  // Linearity: time per response between sizes, start-up (the 10k run) taken out.
  for (const survey of SURVEYS) {
    const byCount = rows.filter((row) => row.survey === survey).sort((a, b) => a.count - b.count);
    if (byCount.length < 2) continue;
    const [small, ...larger] = byCount;
    const slopes = larger.map((row) => ((row.ms - small.ms) / (row.count - small.count)) * 1000);
    console.log(`${survey}: marginal cost ${slopes.map((s) => `${s.toFixed(2)} µs`).join(' → ')} per response (start-up ≈ ${(small.ms / 1000).toFixed(2)} s)`);
  }
  await writeFile(join(RESULTS, 'analysis.json'), `${JSON.stringify({ date: new Date().toISOString(), loadavg: loadavg(), warmUp: { ms: warm.ms, cpuMs: warm.cpuMs }, startup, rows, scans, counts, pandas }, null, 2)}\n`);
}

await main();
