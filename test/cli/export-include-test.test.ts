/**
 * `survey-toolkit export --include-test` (issue 30): test answers (meta.test, a kiosk in test mode) are left out
 * of an export by default; with the flag they are in, with a `test` column (1 = test answer) and its codebook entry.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { runCli } from './run-cli.ts';

const SURVEY = 'ward-office-exit';
let dir: string;
let dataDir: string;
let testId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-export-test-'));
  dataDir = join(dir, 'data');
  await mkdir(dataDir);
  const store = await openSqliteResponseStore(join(dataDir, 'responses.sqlite'));
  for (const test of [false, true, false]) {
    const submission = validSubmission(SURVEY, { meta: { ward: 'kita', locale: 'ja', ...(test && { test: true }) } });
    const { id } = await store.insert({ surveyId: SURVEY, ...submission });
    if (test) testId = id;
  }
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exportCli = (args: string[]) => runCli(['export', '--survey', SURVEY, ...args], { env: { DATA_DIR: dataDir } });
const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

describe('survey-toolkit export and test answers', () => {
  it('leaves them out by default, without a test column', async () => {
    const out = join(dir, 'plain.csv');
    expect(await exportCli(['--format', 'csv', '--codes', '--out', out])).toMatchObject({ code: 0, stdout: expect.stringContaining('exported 2 responses') });
    const rows = lines(await readFile(out, 'utf8'));
    expect(rows[0].split(',')).not.toContain('test');
    expect(rows.some((row) => row.startsWith(testId))).toBe(false);
    expect(await readFile(join(dir, 'plain.codebook.csv'), 'utf8')).not.toContain('meta.test');
  });

  it('--include-test includes them, flagged in a test column and described in the codebook', async () => {
    const out = join(dir, 'all.csv');
    expect(await exportCli(['--format', 'csv', '--codes', '--include-test', '--out', out])).toMatchObject({ code: 0, stdout: expect.stringContaining('exported 3 responses') });
    const rows = lines(await readFile(out, 'utf8'));
    const column = rows[0].split(',').indexOf('test');
    expect(column).toBeGreaterThan(0);
    expect(rows.slice(1).map((row) => [row.split(',')[0] === testId, row.split(',')[column]])).toEqual([
      [false, '0'],
      [true, '1'],
      [false, '0'],
    ]);
    expect(await readFile(join(dir, 'all.codebook.csv'), 'utf8')).toContain('meta.test');
  });
});
