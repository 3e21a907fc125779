/**
 * server/main.ts as a real process: start-up failures print one line and exit 1;
 * SIGTERM finishes, closes the store and exits 0.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { spawnServer } from './spawn-server.ts';
import { SURVEY_ID, writeTestDefinitions } from './start-app.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'main-'));
  await writeTestDefinitions(join(dir, 'survey-definitions'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs server/main.ts to its exit (it must fail to start) and returns the exit code and output. */
function runFailingMain(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'survey-definitions'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

it('stops with exit code 1 and one line naming a bad variable', async () => {
  expect(await runFailingMain({ PORT: 'eighty' })).toEqual({
    code: 1,
    stdout: '',
    stderr: 'survey server: bad configuration: PORT="eighty" must be a port number from 0 to 65535\n',
  });
});

it('stops with exit code 1 and a reason naming the folder when there are no definitions', async () => {
  const result = await runFailingMain({ DEFINITIONS_DIR: join(dir, 'nowhere') });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^survey server: .*nowhere.*\n$/);
});

it('logs one line with its URL, and on SIGTERM closes the store and exits 0, keeping what it stored', async () => {
  const dataDir = join(dir, 'data-sigterm');
  const server = await spawnServer({ DATA_DIR: dataDir, DEFINITIONS_DIR: join(dir, 'survey-definitions') });
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const submission = validSubmission(SURVEY_ID);
  const response = await fetch(`${server.url}/api/surveys/${SURVEY_ID}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };

  expect(await server.stop()).toBe(0);
  const store = await openSqliteResponseStore(join(dataDir, 'responses.sqlite'));
  expect((await store.getBySubmissionId(submission.submissionId))?.id).toBe(id);
  await store.close();
});
