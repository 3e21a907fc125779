/**
 * Starts the real server (server/main.ts) as a child process on a free
 * loopback port, for the durability test and the submit benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr: () => string;
  /** SIGTERM and wait for the exit; resolves to the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL and wait for the exit: no shutdown code runs. */
  kill: () => Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** `nodeArgs` go before the script, e.g. ['--cpu-prof'] to profile the server. */
export function spawnServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining so the child never blocks on a full pipe
      resolve({
        url: match[1],
        child,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    exited.then((code) => reject(new Error(`server exited (code ${code}) before listening: ${stderr || stdout}`)));
  });
}
