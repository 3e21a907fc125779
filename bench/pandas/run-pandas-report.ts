/**
 * Runs bench/pandas/pandas_report.py, the CLI's report done with pandas + scipy, for bench:analysis's ratio
 * (issue 24: at 100k, the CLI's wall time ≤ 0.1× pandas + scipy's in the same run). The CLI's own JSON report of the
 * same file is the plan, so both do the same tables, and the script checks every count it shares with the CLI.
 *
 * Where Python with pandas and scipy is missing (a machine without Debian's python3-pandas and python3-scipy), the
 * comparison is skipped with the reason, and the benchmark goes on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, 'pandas_report.py');

/** Debian's interpreter first: a pyenv or venv python3 earlier on PATH often lacks the system's pandas and scipy. */
const CANDIDATES = [process.env.BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter((candidate): candidate is string => Boolean(candidate));

export interface PandasRun {
  /** Wall time of the whole Python process (interpreter and imports included, as the CLI's start-up is). */
  ms: number;
  seconds: { read: number; report: number; total: number };
  /** Counts compared with the CLI's report, and the tables computed. */
  checked: number;
  tables: number;
  mismatches: string[];
}

export function findPandasPython(): { python: string } | { skipped: string } {
  for (const python of CANDIDATES) {
    const probe = spawnSync(python, ['-c', 'import pandas, scipy, numpy'], { stdio: 'ignore' });
    if (probe.status === 0) return { python };
  }
  return { skipped: `no python3 with pandas and scipy (tried ${CANDIDATES.join(', ')}; Debian: apt install python3-pandas python3-scipy)` };
}

export function runPandasReport(python: string, input: string, plan: string): Promise<PandasRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(python, [SCRIPT, '--input', input, '--plan', plan], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let parsed: Omit<PandasRun, 'ms'>;
      try {
        parsed = JSON.parse(last) as Omit<PandasRun, 'ms'>;
      } catch {
        reject(new Error(`pandas_report.py exited ${code} without its result line: ${stderr.trim().split('\n').at(-1) ?? ''}`));
        return;
      }
      resolve({ ms, ...parsed });
    });
  });
}
