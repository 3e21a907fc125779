#!/usr/bin/env node
// `npm start`: build the browser client if it is missing or older than its
// sources, then run the server (TypeScript, compiled on the fly by tsx like
// bin/survey-toolkit.js; docs/decisions/0003-typescript-without-a-build-step.md).
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(root, 'client');
const builtIndex = join(clientDir, 'dist', 'index.html');

/** Newest modification time under `dir`, skipping build output and dependencies. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildClientIfStale() {
  if (!existsSync(join(clientDir, 'vite.config.ts'))) {
    console.log('start: client/vite.config.ts not found, so the client is not built; serving the API only.');
    return;
  }
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  // The client imports contracts/, so a change there also needs a rebuild.
  const sourcesAt = Math.max(newestMtime(clientDir), newestMtime(join(root, 'contracts')));
  if (builtAt >= sourcesAt) return;
  console.log(existsSync(builtIndex) ? 'start: client sources changed, rebuilding…' : 'start: building the client (first start)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error(`start: the client build failed (${build.error?.message ?? `exit code ${build.status}`}); fix it or run the API alone with: node --import tsx server/main.ts`);
    process.exit(1);
  }
}

/**
 * glibc raises its mmap threshold each time it frees a large block, so the large buffers that follow (the live
 * tables' columns as they grow at start-up, the pages of their first pass) come from its heap, and what is freed
 * with them is kept by the process rather than given back: 120 MB of resident memory the server no longer used at a
 * million responses per survey (docs/benchmarks.md, bench:dashboard). A fixed threshold keeps large blocks mapped,
 * so freeing them returns them. glibc reads it only when a process starts, so the server runs as a child of this
 * script with it set; other C libraries ignore it. An operator's own value is kept.
 */
const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };

if (process.platform === 'linux' && process.env.MALLOC_MMAP_THRESHOLD_ === undefined) {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ...MALLOC_ENV },
  });
  // The server finishes the requests in flight on SIGTERM or SIGINT (a second is ignored): pass them on.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
  child.on('error', (error) => {
    console.error(`start: cannot start the server: ${error.message}`);
    process.exit(1);
  });
} else {
  buildClientIfStale();
  // Imported here, not above: the parent that only passes signals on stays a bare Node process (about 40 MB).
  const { register } = await import('tsx/esm/api');
  register();
  const { main, exitWithOneLine } = await import('../server/main.ts');
  await main().catch(exitWithOneLine);
}
