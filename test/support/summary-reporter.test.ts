/**
 * The closing summary counts errors outside tests (issue 13: a run exited 1 and
 * said "0 failed"). A real Vitest run in a child process, over probe files that
 * each fail outside a test: test/fixtures/summary-reporter/.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CONFIG = join(ROOT, 'test', 'fixtures', 'summary-reporter', 'vitest.config.ts');

it('names each error outside a test and counts it as failed, so exit 1 never says "0 failed"', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', CONFIG], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  expect(run.status).toBe(1);
  const summary = run.stdout.slice(run.stdout.lastIndexOf('Errors outside tests'));
  expect(summary).toContain('unhandled error: Error: thrown after the test');
  expect(summary).toContain('before-all-fails.probe.ts > a suite whose set-up fails: Error: set-up failed');
  expect(summary).toContain('after-all-fails.probe.ts: Error: clean-up failed');
  expect(summary).toContain('load-fails.probe.ts: Error: the file cannot load');
  expect(summary.trimEnd().split('\n').at(-1)).toBe('Tests: 4 passed, 4 failed (4 of them outside tests), 1 skipped');
});
