/**
 * `npm run bench:export`: peak memory and speed of `survey-toolkit export` on a
 * large store (issue 5: 1M responses within 500 MB peak RSS).
 *
 * 1. Seeds BENCH_EXPORT_RECORDS (default 1 000 000) ward-office-exit responses
 *    into a temporary DATA_DIR through the real SQLite ResponseStore.
 * 2. Runs the real CLI once per format (csv, xlsx, jsonl) as a child process and
 *    reads its peak RSS from the kernel (bench/report-peak-rss.mjs).
 * Results go to docs/benchmarks.md by hand.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewResponse } from '../server/store/response-store.ts';
import { openSqliteResponseStore } from '../server/store/sqlite-response-store.ts';
import { SQLITE_RESPONSES_FILE } from '../server/store/open-response-store.ts';

const RECORDS = Number(process.env.BENCH_EXPORT_RECORDS ?? 1_000_000);
const PEAK_RSS_TARGET_MB = 500;
const INSERT_BATCH = 5_000;
const root = join(import.meta.dirname, '..');
const definition = JSON.parse(readFileSync(join(root, 'survey-definitions/ward-office-exit/v1.json'), 'utf8'));

/** mulberry32: a seeded generator, so every run exports the same data. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Element = { type: string; name: string; choices?: Array<{ value: unknown } | unknown>; rows?: Array<{ value: unknown } | unknown>; columns?: Array<{ value: unknown } | unknown>; rateMin?: number; rateMax?: number; rateValues?: Array<{ value: unknown } | unknown>; maxSelectedChoices?: number; elements?: Element[] };

function valuesOf(items: Array<{ value: unknown } | unknown> | undefined): unknown[] {
  return (items ?? []).map((item) => (typeof item === 'object' && item !== null && 'value' in item ? item.value : item));
}

function questionsOf(elements: Element[] | undefined): Element[] {
  return (elements ?? []).flatMap((element) => (element.type === 'panel' ? questionsOf(element.elements) : [element]));
}

const questions = (definition.pages as Array<{ elements: Element[] }>).flatMap((page) => questionsOf(page.elements));
const wards = valuesOf(definition.metaVariables[0].choices) as string[];

/** A plausible answer for every question: the export's work per record is what matters, not the statistics. */
function answers(random: () => number): Record<string, unknown> {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const data: Record<string, unknown> = {};
  for (const q of questions) {
    const choices = valuesOf(q.choices);
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown':
        data[q.name] = pick(choices);
        break;
      case 'checkbox':
      case 'tagbox':
        data[q.name] = choices.filter(() => random() < 0.25).slice(0, q.maxSelectedChoices ?? choices.length);
        break;
      case 'ranking':
        data[q.name] = [...choices].sort(() => random() - 0.5);
        break;
      case 'rating': {
        const values = q.rateValues ? valuesOf(q.rateValues) : Array.from({ length: (q.rateMax ?? 5) - (q.rateMin ?? 1) + 1 }, (_, i) => (q.rateMin ?? 1) + i);
        data[q.name] = pick(values);
        break;
      }
      case 'matrix':
        data[q.name] = Object.fromEntries(valuesOf(q.rows).map((row) => [String(row), pick(valuesOf(q.columns))]));
        break;
      case 'boolean':
        data[q.name] = random() < 0.5;
        break;
      case 'comment':
      case 'text':
        if (random() < 0.3) data[q.name] = '待ち時間が長かったです。番号札の案内が分かりにくい。'.slice(0, 5 + Math.floor(random() * 25));
        break;
    }
  }
  return data;
}

function newResponse(index: number, random: () => number): NewResponse {
  const ward = wards[index % wards.length];
  const started = new Date(Date.UTC(2025, 4, 1) + index * 1_000);
  return {
    surveyId: definition.id,
    surveyVersion: definition.version,
    submissionId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    channel: 'kiosk',
    meta: { ward, locale: random() < 0.9 ? 'ja' : 'en', kioskId: `${ward}-${(index % 3) + 1}` },
    startedAt: started.toISOString(),
    completedAt: new Date(started.getTime() + 180_000).toISOString(),
    data: answers(random),
  };
}

async function seed(dataDir: string): Promise<void> {
  const store = await openSqliteResponseStore(join(dataDir, SQLITE_RESPONSES_FILE));
  const random = seededRandom(20250501);
  const startedAt = Date.now();
  for (let first = 0; first < RECORDS; first += INSERT_BATCH) {
    const batch: Promise<unknown>[] = [];
    for (let i = first; i < Math.min(RECORDS, first + INSERT_BATCH); i++) batch.push(store.insert(newResponse(i, random)));
    await Promise.all(batch); // one group commit per batch
  }
  await store.close();
  console.log(`seeded ${RECORDS} responses in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}

interface ExportRun {
  format: string;
  seconds: number;
  peakRssMb: number;
  fileMb: number;
}

function runExport(dataDir: string, format: string): Promise<ExportRun> {
  const out = join(dataDir, `export.${format}`);
  const args = ['--import', join(root, 'bench/report-peak-rss.mjs'), join(root, 'bin/survey-toolkit.js'), 'export', '--survey', definition.id, '--format', format, '--out', out];
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const peak = /peak-rss-kib=(\d+)/.exec(stderr);
      if (code !== 0 || !peak) return reject(new Error(`export ${format} failed (exit ${code}): ${stderr}`));
      resolve({ format, seconds: (Date.now() - startedAt) / 1000, peakRssMb: Number(peak[1]) / 1024, fileMb: statSync(out).size / 1024 / 1024 });
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-export-'));
try {
  await seed(dataDir);
  const runs: ExportRun[] = [];
  for (const format of ['csv', 'xlsx', 'jsonl']) {
    const run = await runExport(dataDir, format);
    runs.push(run);
    console.log(
      `${format.padEnd(5)} ${RECORDS} responses: ${run.seconds.toFixed(1)} s (${Math.round(RECORDS / run.seconds)} responses/s), ` +
        `peak RSS ${run.peakRssMb.toFixed(0)} MB (target < ${PEAK_RSS_TARGET_MB}), file ${run.fileMb.toFixed(0)} MB`,
    );
  }
  const worst = Math.max(...runs.map((r) => r.peakRssMb));
  console.log(worst < PEAK_RSS_TARGET_MB ? `PASS: worst peak RSS ${worst.toFixed(0)} MB` : `FAIL: worst peak RSS ${worst.toFixed(0)} MB`);
  process.exitCode = worst < PEAK_RSS_TARGET_MB ? 0 : 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
