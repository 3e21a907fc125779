#!/usr/bin/env node
// `npm start`: build the browser client if it is missing or older than its
// sources, then run the server (TypeScript, compiled on the fly by tsx like
// bin/survey-toolkit.js; docs/decisions/0003-typescript-without-a-build-step.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

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

buildClientIfStale();
register();
const { main, exitWithOneLine } = await import('../server/main.ts');
await main().catch(exitWithOneLine);
