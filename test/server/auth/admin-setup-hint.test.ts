/**
 * There is no default password: while no admin exists, starting the server
 * prints how to create one; once one exists, it does not.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, ROOT } from '../../cli/run-cli.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'admin-hint-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts server/main.ts, returns what it printed up to "listening on", then stops it. */
function startupOutput(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let listening = false;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!listening && /listening on/.test(output)) {
        listening = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => (listening ? resolve(output) : reject(new Error(`server exited (${code}) before listening: ${output}`))));
  });
}

it('prints how to create the first admin until one exists', async () => {
  const first = await startupOutput();
  expect(first).toContain("echo '<password>' | npx survey-toolkit user add --name admin --role admin");

  const add = await runCli(['user', 'add', '--name', 'admin', '--role', 'admin'], { env: { DATA_DIR: dataDir }, input: 'a long enough password\n' });
  expect(add.code).toBe(0);
  const second = await startupOutput();
  expect(second).toMatch(/listening on/);
  expect(second).not.toContain('no admin account exists');
});
