/**
 * bench:dashboard's figures: percentiles per call kind and per view, start-up, peak RSS, the issue's targets
 * (issue 23) with PASS/FAIL, and a Markdown block to paste into docs/benchmarks.md.
 */
import type { CallRecord, ViewRecord, ViewStep } from './session.ts';
import { FILTER_CHANGE_STEPS, VIEW_STEPS } from './session.ts';
import type { StartUp } from './run-server.ts';

export interface SizeRun {
  n: number;
  seeded: { reused: boolean; seconds: number; dataDir: string };
  startUp: StartUp;
  memory: { peakMb: number; rssMb: number; rssReadyMb: number };
  calls: CallRecord[];
  views: ViewRecord[];
  checks: string[];
}

export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  ramGiB: number;
  node: string;
}

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** p50 of round 1 (cold: the first time each filter is asked, right after the tables were built). */
  round1: number;
  /** p50 of the later rounds; NaN with one round. */
  later: number;
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function percentiles(records: Array<{ ms: number; round: number }>): Percentiles {
  const all = records.map((record) => record.ms);
  return {
    n: all.length,
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    max: Math.max(...all),
    round1: percentile(records.filter((record) => record.round === 1).map((record) => record.ms), 0.5),
    later: percentile(records.filter((record) => record.round > 1).map((record) => record.ms), 0.5),
  };
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const count = (n: number) => n.toLocaleString('en-US');
const surveysOf = (run: SizeRun) => [...new Set(run.views.map((view) => view.survey))];

/** Per survey, the views "after a filter change" (report + timeline + comments in parallel). */
export function filterChangeViews(run: SizeRun, survey?: string): ViewRecord[] {
  return run.views.filter((view) => FILTER_CHANGE_STEPS.includes(view.step) && (survey === undefined || view.survey === survey));
}

export interface TargetResult {
  target: string;
  measured: string;
  result: string;
}

/**
 * Of `views`, those whose selection (survey and query) no earlier view of the run had asked for: the server
 * computed them, where a repeat is answered from its report cache. A session repeats selections (the
 * outside-style survey's only channel each round, the question view of the period just chosen), and the
 * targets are about a filter the analyst has just changed, so they are judged on these alone.
 */
export function newSelections(run: SizeRun, views: ViewRecord[]): ViewRecord[] {
  const firstAsk = new Map<string, ViewRecord>();
  for (const view of run.views) {
    const key = `${view.survey}?${view.query}`;
    if (!firstAsk.has(key)) firstAsk.set(key, view);
  }
  return views.filter((view) => firstAsk.get(`${view.survey}?${view.query}`) === view);
}

/** The issue's targets, judged where N is the size a target is for; at other sizes shown for comparison only. */
export function judgeTargets(run: SizeRun): TargetResult[] {
  const views = percentiles(newSelections(run, filterChangeViews(run)));
  const million = run.n >= 1_000_000;
  const verdict = (applies: boolean, pass: boolean, at: string) => (applies ? (pass ? 'PASS' : 'FAIL') : `(target is at ${at}; would ${pass ? 'pass' : 'fail'})`);
  const { startUp, memory } = run;
  return [
    {
      target: 'view after a filter change at 1M: p50 ≤ 300 ms, p99 ≤ 1 s',
      measured: `p50 ${ms(views.p50)} ms, p99 ${ms(views.p99)} ms (${views.n} new selections)`,
      result: verdict(million, views.p50 <= 300 && views.p99 <= 1000, '1M'),
    },
    {
      target: 'view after a filter change at 200k: p50 ≤ 100 ms',
      measured: `p50 ${ms(views.p50)} ms (${views.n} new selections)`,
      result: verdict(run.n >= 200_000 && run.n < 1_000_000, views.p50 <= 100, '200k'),
    },
    {
      target: 'start-up until every table is ready, 1M stored: ≤ 20 s',
      measured: `${(startUp.readyMs / 1000).toFixed(1)} s`,
      result: verdict(million, startUp.readyMs <= 20_000, '1M'),
    },
    {
      target: 'collection serves within 2 s of the start, 1M stored',
      measured:
        startUp.firstSubmitMs === undefined
          ? `no 201 (HTTP ${startUp.submitStatus})`
          : `first 201 ${(startUp.firstSubmitMs / 1000).toFixed(2)} s after the spawn (${((startUp.firstSubmitMs - startUp.listeningMs) / 1000).toFixed(2)} s after it listened)`,
      result: verdict(million, startUp.firstSubmitMs !== undefined && startUp.firstSubmitMs <= 2000, '1M'),
    },
    {
      target: 'server RSS with 1M responses of each survey: ≤ 1 GB',
      measured: `peak ${count(Math.round(memory.peakMb))} MB`,
      result: verdict(million, memory.peakMb <= 1024, '1M'),
    },
  ];
}

export function failedCalls(run: SizeRun): CallRecord[] {
  return run.calls.filter((call) => call.status !== 200);
}

/** Printed after each size: what the run measured, in plain lines. */
export function describeRun(run: SizeRun): string[] {
  const lines: string[] = [];
  const { startUp, memory } = run;
  lines.push(
    `N = ${count(run.n)} of each survey: listening ${ms(startUp.listeningMs)} ms, /healthz ${ms(startUp.healthzMs)} ms, ` +
      `first submission ${startUp.firstSubmitMs === undefined ? `HTTP ${startUp.submitStatus}` : `201 at ${ms(startUp.firstSubmitMs)} ms`}, ` +
      `every table ready ${ms(startUp.readyMs)} ms; tables ${Object.entries(startUp.tables).map(([id, table]) => `${id} ${count(table.rows)}`).join(', ')}; ` +
      `server RSS ${ms(memory.rssReadyMb)} MB when ready, ${ms(memory.rssMb)} MB at the end, peak ${ms(memory.peakMb)} MB`,
  );
  lines.push(`  /healthz on the way: ${startUp.states.map((state) => `${ms(state.ms)} ms: ${state.states}`).join(' → ')}`);
  for (const survey of surveysOf(run)) {
    const views = percentiles(filterChangeViews(run, survey));
    const fresh = percentiles(newSelections(run, filterChangeViews(run, survey)));
    lines.push(
      `  ${survey}: view after a filter change p50 ${ms(views.p50)} ms, p99 ${ms(views.p99)} ms (n ${views.n}; round 1 p50 ${ms(views.round1)}, later ${ms(views.later)}); ` +
        `new selections only p50 ${ms(fresh.p50)} ms, p99 ${ms(fresh.p99)} ms (n ${fresh.n})`,
    );
  }
  const failed = failedCalls(run);
  lines.push(failed.length === 0 ? `  every one of ${run.calls.length} calls answered 200` : `  ${failed.length} of ${run.calls.length} calls did NOT answer 200:`);
  for (const call of failed) lines.push(`    HTTP ${call.status} GET ${call.url}: ${call.error}`);
  for (const check of run.checks) lines.push(`  CHECK: ${check}`);
  return lines;
}

/** The Markdown block for docs/benchmarks.md. */
export function markdown(runs: SizeRun[], machine: Machine, load: { start: number[]; end: number[] }, rounds: number, text: boolean): string {
  const out: string[] = [];
  const loads = (values: number[]) => values.map((value) => value.toFixed(1)).join(' / ');
  out.push(`Run ${machine.date.slice(0, 16).replace('T', ' ')} UTC, ${runs.map((run) => count(run.n)).join(' and ')} responses of each survey, ${rounds} round${rounds === 1 ? '' : 's'} of the session${text ? ' (with the 自由記述 report)' : ''}.`);
  out.push(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.ramGiB.toFixed(0)} GiB RAM, Node ${machine.node}; load average ${loads(load.start)} at the start, ${loads(load.end)} at the end.`);
  out.push('');
  out.push('| N (each survey) | seeding | listening | /healthz answers | first submission 201 | every table ready | server RSS ready / peak |');
  out.push('|---:|---|---:|---:|---:|---:|---:|');
  for (const run of runs) {
    const { startUp, memory } = run;
    out.push(
      `| ${count(run.n)} | ${run.seeded.reused ? 'reused' : `${run.seeded.seconds.toFixed(0)} s`} | ${ms(startUp.listeningMs)} ms | ${ms(startUp.healthzMs)} ms | ` +
        `${startUp.firstSubmitMs === undefined ? `HTTP ${startUp.submitStatus}` : `${ms(startUp.firstSubmitMs)} ms`} | **${(startUp.readyMs / 1000).toFixed(2)} s** | ${ms(memory.rssReadyMb)} / **${ms(memory.peakMb)} MB** |`,
    );
  }
  out.push('');
  out.push(`Views (wall time of the view's calls, made together as the page makes them), in ms; "round 1" is each filter's first ask, right after start-up:`);
  out.push('');
  out.push('| N | survey | view | n | p50 | p99 | round 1 p50 | later rounds p50 |');
  out.push('|---:|---|---|---:|---:|---:|---:|---:|');
  for (const run of runs) {
    for (const survey of surveysOf(run)) {
      const rows: Array<[string, ViewRecord[]]> = [
        ['**after a filter change** (report + timeline + comments)', filterChangeViews(run, survey)],
        ['after a filter change, new selections only (what the targets judge)', newSelections(run, filterChangeViews(run, survey))],
        ...VIEW_STEPS.filter((step) => !FILTER_CHANGE_STEPS.includes(step)).map((step): [string, ViewRecord[]] => [viewLabel(step), run.views.filter((view) => view.survey === survey && view.step === step)]),
      ];
      for (const [label, views] of rows) {
        const p = percentiles(views);
        out.push(`| ${count(run.n)} | ${survey} | ${label} | ${p.n} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.round1)} | ${ms(p.later)} |`);
      }
    }
  }
  out.push('');
  out.push('Calls, in ms (each from the request until its body was read):');
  out.push('');
  out.push('| N | survey | call | n | p50 | p99 | round 1 p50 | later rounds p50 | body |');
  out.push('|---:|---|---|---:|---:|---:|---:|---:|---:|');
  for (const run of runs) {
    for (const survey of surveysOf(run)) {
      const kinds = [...new Set(run.calls.filter((call) => call.survey === survey).map((call) => call.kind))];
      for (const kind of kinds) {
        const calls = run.calls.filter((call) => call.survey === survey && call.kind === kind);
        const p = percentiles(calls);
        const kb = percentile(calls.map((call) => call.bytes), 0.5) / 1024;
        out.push(`| ${count(run.n)} | ${survey} | ${kind} | ${p.n} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.round1)} | ${ms(p.later)} | ${kb < 10 ? kb.toFixed(1) : kb.toFixed(0)} KB |`);
      }
    }
  }
  out.push('');
  out.push('Targets (issue 23), judged at the size each is for; the others are shown for comparison:');
  out.push('');
  out.push('| N | target | measured | result |');
  out.push('|---:|---|---|---|');
  for (const run of runs) for (const target of judgeTargets(run)) out.push(`| ${count(run.n)} | ${target.target} | ${target.measured} | ${target.result} |`);
  const failed = runs.flatMap((run) => failedCalls(run).map((call) => ({ n: run.n, call })));
  const checks = runs.flatMap((run) => run.checks.map((check) => ({ n: run.n, check })));
  out.push('');
  out.push(failed.length === 0 ? `Every call answered 200.` : `${failed.length} calls did not answer 200: ${failed.slice(0, 5).map(({ n, call }) => `N=${count(n)} HTTP ${call.status} \`${call.url}\` (${call.error})`).join('; ')}.`);
  if (checks.length > 0) out.push(`Answers that disagree: ${checks.slice(0, 5).map(({ n, check }) => `N=${count(n)} ${check}`).join('; ')}.`);
  return out.join('\n');
}

function viewLabel(step: ViewStep): string {
  switch (step) {
    case 'open':
      return 'open the survey (no filter)';
    case 'crosstab 1':
      return 'cross-tab 1 (report crosstabBy + comments)';
    case 'crosstab 2':
      return 'cross-tab 2 (report crosstabBy + comments)';
    case 'questions':
      return 'question view from a link (report + timeline + comments)';
    case 'comments':
      return 'comment browser (page, then next page)';
    default:
      return step;
  }
}
