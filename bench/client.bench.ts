/**
 * `npm run bench:client`: what the kiosk and online pages cost a tablet.
 *
 * 1. Builds the client with client/vite.config.ts (into a temp dir) and keeps
 *    Rolldown's chunk graph, so every loaded file is traced to its modules.
 * 2. Serves it from the real server (createApp, temp SQLite, shipped definitions).
 * 3. Per page, loads it in Chromium and records every JS and CSS file the page
 *    itself loaded (including lazily imported chunks), reports raw and gzip
 *    bytes, and fails if any of them contains Chart.js or react-chartjs-2.
 *    The Vite manifest's view of the same page is printed alongside.
 * 4. Time to interactive, with 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate),
 *    cold: a fresh browser context each run (empty cache, no service worker).
 *    TTI = from navigation start until survey-core has rendered a click on the
 *    first radio/checkbox choice of the page as checked (the model took the answer).
 *    The click is a real input event sent by Playwright as soon as that choice is
 *    visible and stable (its actionability checks are included). Median of RUNS.
 *
 * Targets (issue 3): ≤ 450 KB gzip JS per page, no chart code, TTI ≤ 2 s.
 * A measurement, not a test: prints PASS/FAIL, exits 1 on a failed target.
 * BENCH_RUNS (default 7) tunes it. Results also go to bench/results/client.json.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { createApp } from '../server/app.ts';
import { loadDefinitionCatalogFromDir } from '../server/definitions/load-definitions-from-dir.ts';
import { openSqliteResponseStore } from '../server/store/sqlite-response-store.ts';

const PROJECT_DIR = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CPU_SLOWDOWN = 4;
const TARGET_JS_GZIP_BYTES = 450 * 1024;
const TARGET_TTI_MS = 2_000;
const CHART_MODULE = /[\\/]node_modules[\\/](chart\.js|react-chartjs-2|chartjs-[^\\/]+)[\\/]/;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const PAGES = [
  { name: 'kiosk', path: '/kiosk/ward-office-exit?ward=chuo', routeModule: 'pages/kiosk/kiosk-page.tsx' },
  { name: 'online', path: '/s/citizen-needs', routeModule: 'pages/online/online-page.tsx' },
] as const;

interface ChunkInfo {
  fileName: string;
  moduleIds: string[];
}

interface PageWeight {
  files: Array<{ file: string; kind: 'js' | 'css'; bytes: number; gzipBytes: number }>;
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  cssGzipBytes: number;
  chartModules: string[];
  manifestFiles: string[];
}

interface PageTiming {
  firstQuestionMs: number[];
  interactiveMs: number[];
  /** The same page loaded again in the same context (HTTP cache and V8 code cache warm), for information. */
  warmInteractiveMs: number[];
}

async function buildClient(outDir: string): Promise<Map<string, ChunkInfo>> {
  const result = await build({
    configFile: join(PROJECT_DIR, 'client/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = new Map<string, ChunkInfo>();
  for (const output of outputs) {
    for (const item of output.output) {
      if (item.type === 'chunk') chunks.set(item.fileName, { fileName: item.fileName, moduleIds: item.moduleIds });
    }
  }
  return chunks;
}

/** What the manifest says a page needs: the entry's static graph, plus the route chunk's static graph and its CSS. */
function manifestFilesFor(manifest: Record<string, { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }>, routeModule: string): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const entry = manifest[key];
    if (!entry || files.has(entry.file)) return;
    files.add(entry.file);
    entry.css?.forEach((css) => files.add(css));
    entry.imports?.forEach(visit);
  };
  for (const [key, entry] of Object.entries(manifest)) if (entry.isEntry) visit(key);
  visit(routeModule);
  return [...files].sort();
}

async function measureWeight(browser: Browser, origin: string, page: (typeof PAGES)[number], outDir: string, chunks: Map<string, ChunkInfo>, manifest: Parameters<typeof manifestFilesFor>[0]): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
  const tab = await context.newPage();
  const loaded = new Map<string, 'js' | 'css'>();
  const foreign: string[] = [];
  tab.on('response', (response) => {
    const url = new URL(response.url());
    const type = response.request().resourceType();
    if (url.protocol !== 'data:' && url.origin !== origin) foreign.push(url.href);
    if (type === 'script') loaded.set(url.pathname, 'js');
    if (type === 'stylesheet') loaded.set(url.pathname, 'css');
  });
  await tab.goto(origin + page.path);
  await tab.locator('.sd-question').first().waitFor();
  // Lazily imported chunks (e.g. UI strings) load after first render; give them a moment.
  await tab.waitForLoadState('networkidle');
  await context.close();
  if (foreign.length) throw new Error(`the ${page.name} page requested other origins: ${foreign.join(', ')}`);

  const weight: PageWeight = { files: [], jsBytes: 0, jsGzipBytes: 0, cssBytes: 0, cssGzipBytes: 0, chartModules: [], manifestFiles: manifestFilesFor(manifest, page.routeModule) };
  for (const [path, kind] of [...loaded].sort()) {
    const file = path.replace(/^\//, '');
    const content = await readFile(join(outDir, file));
    const gzipBytes = gzipSync(content, { level: 9 }).length;
    weight.files.push({ file, kind, bytes: content.length, gzipBytes });
    if (kind === 'js') {
      weight.jsBytes += content.length;
      weight.jsGzipBytes += gzipBytes;
      const chunk = chunks.get(file);
      if (!chunk) throw new Error(`the ${page.name} page loaded ${file}, which is not a chunk of this build`);
      weight.chartModules.push(...chunk.moduleIds.filter((id) => CHART_MODULE.test(id)));
      // Belt and braces: Chart.js's own banner or class name in the shipped text.
      if (/Chart\.js v\d|chartjs-render-monitor/.test(content.toString('utf8'))) weight.chartModules.push(`${file}: Chart.js text`);
    } else {
      weight.cssBytes += content.length;
      weight.cssGzipBytes += gzipBytes;
    }
  }
  return weight;
}

async function measureTiming(browser: Browser, origin: string, page: (typeof PAGES)[number]): Promise<PageTiming> {
  const timing: PageTiming = { firstQuestionMs: [], interactiveMs: [], warmInteractiveMs: [] };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // Timestamps in the page's own clock (ms since navigation start), taken by a MutationObserver
    // installed before any page script runs.
    await tab.addInitScript(() => {
      const marks: Record<string, number> = {};
      (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks = marks;
      new MutationObserver(() => {
        if (marks.firstQuestion === undefined && document.querySelector('.sd-question')) marks.firstQuestion = performance.now();
        if (marks.checked === undefined && document.querySelector('.sd-question .sd-item--checked')) marks.checked = performance.now();
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    });
    const loadAndClick = async () => {
      await tab.locator('.sd-selectbase__label').first().click();
      await tab.waitForFunction(() => (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks.checked !== undefined);
      return tab.evaluate(() => (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks);
    };
    await tab.goto(origin + page.path, { waitUntil: 'commit' });
    const marks = await loadAndClick();
    timing.firstQuestionMs.push(Math.round(marks.firstQuestion));
    timing.interactiveMs.push(Math.round(marks.checked));
    // Clear the saved online answers, so the warm load starts from the same empty first page.
    await tab.evaluate(() => localStorage.clear());
    await tab.goto(origin + page.path, { waitUntil: 'commit' });
    timing.warmInteractiveMs.push(Math.round((await loadAndClick()).checked));
    await context.close();
  }
  return timing;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'bench-client-'));
  const outDir = join(workDir, 'dist');
  let exitCode = 0;
  const store = await openSqliteResponseStore(join(workDir, 'responses.sqlite'));
  let browser: Browser | undefined;
  const server = await (async () => {
    console.log('building the client…');
    const chunks = await buildClient(outDir);
    const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8'));
    const definitions = await loadDefinitionCatalogFromDir(join(PROJECT_DIR, 'survey-definitions'));
    const listening = createApp({ store, definitions, clientDir: outDir }).listen(0, '127.0.0.1');
    await once(listening, 'listening');
    return { listening, chunks, manifest };
  })();
  try {
    const origin = `http://127.0.0.1:${(server.listening.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    const results: Record<string, { weight: PageWeight; timing: PageTiming }> = {};
    // Timings depend on what else the machine runs: the load average is printed with them.
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}, Chromium ${browser.version()}, ${RUNS} cold runs per page at ${CPU_SLOWDOWN}× CPU slowdown\n`);
    for (const page of PAGES) {
      const weight = await measureWeight(browser, origin, page, outDir, server.chunks, server.manifest);
      const timing = await measureTiming(browser, origin, page);
      results[page.name] = { weight, timing };

      const interactive = median(timing.interactiveMs);
      const jsOk = weight.jsGzipBytes <= TARGET_JS_GZIP_BYTES;
      const chartOk = weight.chartModules.length === 0;
      const ttiOk = interactive <= TARGET_TTI_MS;
      if (!jsOk || !chartOk || !ttiOk) exitCode = 1;
      console.log(`${page.name} (${page.path})`);
      for (const file of weight.files) console.log(`  ${file.kind.padEnd(3)} ${file.file.padEnd(48)} ${kb(file.bytes).padStart(10)} raw ${kb(file.gzipBytes).padStart(10)} gzip`);
      const notInManifest = weight.files.map((file) => file.file).filter((file) => !weight.manifestFiles.includes(file));
      const notLoaded = weight.manifestFiles.filter((file) => !weight.files.some((loaded) => loaded.file === file));
      console.log(`  manifest: ${weight.manifestFiles.length} files; loaded but not in the static graph (lazy imports): ${notInManifest.join(', ') || 'none'}; in the graph but not loaded: ${notLoaded.join(', ') || 'none'}`);
      console.log(`  JS  ${kb(weight.jsBytes)} raw, ${kb(weight.jsGzipBytes)} gzip (target ≤ ${kb(TARGET_JS_GZIP_BYTES)}) ${jsOk ? 'PASS' : 'FAIL'}`);
      console.log(`  CSS ${kb(weight.cssBytes)} raw, ${kb(weight.cssGzipBytes)} gzip`);
      console.log(`  chart code: ${chartOk ? 'none PASS' : `FAIL ${weight.chartModules.join(', ')}`}`);
      console.log(`  first question rendered: median ${median(timing.firstQuestionMs)} ms  [${timing.firstQuestionMs.join(', ')}]`);
      console.log(`  interactive (click on first choice registered): median ${interactive} ms  [${timing.interactiveMs.join(', ')}] (target ≤ ${TARGET_TTI_MS} ms) ${ttiOk ? 'PASS' : 'FAIL'}`);
      console.log(`  interactive, warm reload (HTTP + code cache): median ${median(timing.warmInteractiveMs)} ms  [${timing.warmInteractiveMs.join(', ')}]\n`);
    }
    console.log(`load average at the end: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
    await mkdir(join(PROJECT_DIR, 'bench/results'), { recursive: true });
    await writeFile(join(PROJECT_DIR, 'bench/results/client.json'), JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, cpuSlowdown: CPU_SLOWDOWN, results }, null, 2));
  } finally {
    await browser?.close();
    server.listening.closeAllConnections();
    server.listening.close();
    await store.close();
    await rm(workDir, { recursive: true, force: true });
  }
  process.exitCode = exitCode;
}

await main();
