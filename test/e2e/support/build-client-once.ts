/**
 * Builds the client with the project's real Vite config, once per test run,
 * into a temporary folder (never the developer's client/dist). Test files run
 * in parallel worker processes: the first one to take the lock builds, the
 * others wait for its "built" marker. Workers of one `vitest` run share their
 * parent process, whose pid names the folder.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PROJECT_DIR = resolve(import.meta.dirname, '../../..');
const BUILD_TIMEOUT_MS = 180_000;

export async function buildClientOnce(): Promise<string> {
  // E2E_PREBUILT_CLIENT_DIR=client/dist skips the build, e.g. right after `npm run build`.
  const prebuilt = process.env.E2E_PREBUILT_CLIENT_DIR;
  if (prebuilt) {
    const dir = resolve(PROJECT_DIR, prebuilt);
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`E2E_PREBUILT_CLIENT_DIR=${JSON.stringify(prebuilt)} has no index.html`);
    return dir;
  }
  const outDir = join(tmpdir(), `survey-client-e2e-${process.ppid}`);
  const builtMarker = join(outDir, '.built');
  const lock = `${outDir}.lock`;
  if (existsSync(builtMarker)) return outDir;
  try {
    await mkdir(lock);
  } catch {
    // Another worker is building: wait for it.
    const deadline = Date.now() + BUILD_TIMEOUT_MS;
    while (!existsSync(builtMarker)) {
      if (Date.now() > deadline) throw new Error(`waited ${BUILD_TIMEOUT_MS} ms for another worker to build the client into ${outDir}`);
      await sleep(250);
    }
    return outDir;
  }
  try {
    await rm(outDir, { recursive: true, force: true });
    await runViteBuild(outDir);
    await writeFile(builtMarker, new Date().toISOString());
    return outDir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function runViteBuild(outDir: string): Promise<void> {
  const vite = join(PROJECT_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', '--config', 'client/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`vite build failed (exit ${code}):\n${output}`))));
  });
}
