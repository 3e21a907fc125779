/**
 * `npm run bench:dashboard` (bench/dashboard.bench.ts) kept from rotting: the whole bench, as a child process, with
 * 300 responses of each survey and one round. It seeds a store in a temp folder, starts the real server, replays the
 * analyst's session and prints its summary. Only that it ran is checked: every call answered 200, the first
 * submission 201, and the summary holds every call and view of both surveys. Never its timings: targets live in
 * the benchmark (docs/benchmarks.md), not in tests.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SURVEYS = ['ward-office-exit', 'outside-style'];
/** "comments next page" is left out: at 300 responses a filtered selection may have a single page of comments. */
const CALL_KINDS = ['report', 'report crosstabBy', 'timeline', 'comments', 'comments page'];
const VIEW_STEPS = ['open', 'filter 1', 'filter 2', 'period', 'crosstab 1', 'crosstab 2', 'questions', 'comments'];

interface Summary {
  rounds: number;
  runs: Array<{
    n: number;
    startUp: { submitStatus: number; readyMs: number; tables: Record<string, { state: string; rows: number }> };
    memory: { peakMb: number };
    calls: Array<{ survey: string; kind: string; status: number; url: string; error?: string }>;
    views: Array<{ survey: string; step: string }>;
    checks: string[];
  }>;
}

let dir: string;
let stdout = '';
let stderr = '';
let code: number | null;
let summary: Summary;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashboard-bench-test-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', 'dashboard.bench.ts'), '--sizes', '300', '--rounds', '1', '--cache-dir', join(dir, 'cache'), '--json', join(dir, 'summary.json')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  code = await new Promise((resolve) => child.on('close', resolve));
  if (code === 0) summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as Summary;
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bench:dashboard at 300 responses, one round', () => {
  it('runs to the end', () => {
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(summary.runs).toHaveLength(1);
    expect(summary.runs[0].n).toBe(300);
  });

  it('starts the server with every table ready and takes a submission while it starts', () => {
    const { startUp, memory } = summary.runs[0];
    expect(startUp.submitStatus).toBe(201);
    expect(Object.keys(startUp.tables).sort()).toEqual([...SURVEYS].sort());
    for (const table of Object.values(startUp.tables)) expect(table.state).toBe('ready');
    expect(memory.peakMb).toBeGreaterThan(0);
  });

  it('gets 200 from every call of the session', () => {
    const failed = summary.runs[0].calls.filter((call) => call.status !== 200).map((call) => `${call.status} ${call.url}: ${call.error}`);
    expect(failed).toEqual([]);
    expect(summary.runs[0].checks).toEqual([]);
  });

  it('has every call kind and every view of both surveys in its summary', () => {
    const { calls, views } = summary.runs[0];
    for (const survey of SURVEYS) {
      const kinds = new Set(calls.filter((call) => call.survey === survey).map((call) => call.kind));
      for (const kind of CALL_KINDS) expect(kinds.has(kind), `${survey}: ${kind}`).toBe(true);
      const steps = new Set(views.filter((view) => view.survey === survey).map((view) => view.step));
      for (const step of VIEW_STEPS) expect(steps.has(step), `${survey}: ${step}`).toBe(true);
    }
  });

  it('prints the Markdown block for docs/benchmarks.md with the targets', () => {
    expect(stdout).toContain('For docs/benchmarks.md');
    expect(stdout).toMatch(/\| N \| target \| measured \| result \|/);
    expect(stdout).toMatch(/view after a filter change at 1M/);
  });
});
