/**
 * One broken definition never stops the CLI for another survey (issue 21): report, seed and
 * export carry on with every valid definition and name each broken file on stderr; they stop,
 * with exit 1 and the file's reason, only when the survey asked for is the broken one.
 * The real bin, in a child process, on a definitions folder in the system's temporary directory.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.ts';

let dir: string;
let definitions: string;
const SURVEY = 'citizen-needs';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-broken-beside-valid-'));
  definitions = join(dir, 'defs');
  await cp(join(ROOT, 'survey-definitions', SURVEY), join(definitions, SURVEY), { recursive: true });
  // Another survey's file, half written: not JSON at all.
  await mkdir(join(definitions, 'half-written'));
  await writeFile(join(definitions, 'half-written', 'v1.json'), '{"id": "half-written", "pages": [');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const leftOut = () => new RegExp(`warning: ${escape(join(definitions, 'half-written', 'v1.json'))} left out \\(another survey\\): not valid JSON`);

describe('a broken definition of another survey', () => {
  it('seed and report carry on with the valid survey, naming the broken file', async () => {
    const out = join(dir, 'seeded.jsonl');
    const seeded = await runCli(['seed', '--survey', SURVEY, '--count', '50', '--seed', '3', '--out', out, '--definitions', definitions]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stderr).toMatch(leftOut());
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(50);

    const report = await runCli(['report', '--survey', SURVEY, '--input', out, '--definitions', definitions]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toMatch(leftOut());
    expect(JSON.parse(report.stdout)).toMatchObject({ survey: { id: SURVEY }, responses: 50 });
  });

  it('export carries on too', async () => {
    const data = join(dir, 'data');
    await mkdir(data);
    const run = await runCli(['export', '--survey', SURVEY, '--format', 'csv', '--out', join(dir, 'x.csv')], {
      env: { DEFINITIONS_DIR: definitions, DATA_DIR: data },
    });
    // No responses were ever stored here: the command got past the definitions to the store.
    expect(run.stderr).toMatch(leftOut());
    expect(run.stderr).toContain('no responses stored yet');
  });

  it('stops with exit 1, naming the file and why, when the survey asked for is the broken one', async () => {
    const run = await runCli(['seed', '--survey', 'half-written', '--count', '1', '--seed', '1', '--out', join(dir, 'y.jsonl'), '--definitions', definitions]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^survey-toolkit seed: survey "half-written" cannot be used until its definition is fixed: ${escape(join(definitions, 'half-written', 'v1.json'))}: not valid JSON`),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
