/**
 * `survey-toolkit export` and test data marked in the dashboard (issue 30): it reads DATA_DIR/test-markings.jsonl
 * as the server does, so a marked response is left out by default and flagged in the `test` column with
 * --include-test; an unmarking (a later line) makes it count again; a broken line stops the export naming it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import type { MarkLine, UnmarkLine } from '../../server/test-markings/test-markings-log.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { runCli } from './run-cli.ts';

const SURVEY = 'ward-office-exit';
let dir: string;
let dataDir: string;
const ids: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-export-markings-'));
  dataDir = join(dir, 'data');
  await mkdir(dataDir);
  const store = await openSqliteResponseStore(join(dataDir, 'responses.sqlite'));
  for (let k = 0; k < 3; k++) {
    const submission = validSubmission(SURVEY, { meta: { ward: 'kita', locale: 'ja' } });
    ids.push((await store.insert({ surveyId: SURVEY, ...submission })).id);
  }
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const act = { at: '2026-01-05T00:00:00.000Z', who: 'sato-analyst', via: 'session' as const, surveyId: SURVEY };
const mark: MarkLine = { ...act, action: 'mark', markingId: 'm-1', reason: 'trainer', target: { kind: 'responses', responseIds: [] } };
const writeMarkings = (lines: Array<MarkLine | UnmarkLine | string>) =>
  writeFile(join(dataDir, 'test-markings.jsonl'), lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)) + '\n').join(''));
const exportCli = (args: string[]) => runCli(['export', '--survey', SURVEY, '--format', 'csv', '--codes', ...args], { env: { DATA_DIR: dataDir } });
const rows = async (file: string) => (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

describe('survey-toolkit export and markings of test data', () => {
  it('leaves a marked response out; --include-test flags it in the test column', async () => {
    await writeMarkings([{ ...mark, target: { kind: 'responses', responseIds: [ids[1]] } }]);
    const plain = join(dir, 'plain.csv');
    expect(await exportCli(['--out', plain])).toMatchObject({ code: 0, stdout: expect.stringContaining('exported 2 responses') });
    expect((await rows(plain)).some((row) => row.startsWith(ids[1]))).toBe(false);

    const all = join(dir, 'all.csv');
    expect(await exportCli(['--include-test', '--out', all])).toMatchObject({ code: 0, stdout: expect.stringContaining('exported 3 responses') });
    const [header, ...body] = await rows(all);
    const column = header.split(',').indexOf('test');
    expect(body.map((row) => [row.split(',')[0], row.split(',')[column]])).toEqual([
      [ids[0], '0'],
      [ids[1], '1'],
      [ids[2], '0'],
    ]);
  });

  it('counts an unmarked response again', async () => {
    await writeMarkings([{ ...mark, target: { kind: 'responses', responseIds: [ids[1]] } }, { ...act, action: 'unmark', markingId: 'm-1', reason: 'real answer' }]);
    expect(await exportCli(['--out', join(dir, 'again.csv')])).toMatchObject({ code: 0, stdout: expect.stringContaining('exported 3 responses') });
  });

  it('stops at a broken markings file, naming its line', async () => {
    await writeMarkings([{ ...mark, target: { kind: 'responses', responseIds: [ids[1]] } }, '{"action":"unmark","markingId":"m-9","surveyId":"ward-office-exit"}']);
    const run = await exportCli(['--out', join(dir, 'broken.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('test-markings.jsonl:2: unmarks "m-9", which no earlier line marks');
  });
});
