/**
 * `survey-toolkit check`, run as users run it: the real bin in a child process.
 * Broken copies of shipped definitions are written to a temp dir, laid out as
 * survey-definitions/<id>/v<N>.json.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShipped, type ShippedSurveyId } from '../analysis/definitions/shipped-definition-files.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'survey-toolkit.js');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'check-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runCheck(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, 'check', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes `<dir>/<case>/<id>/v1.json`: a shipped definition after `breakIt`. Returns its path. */
async function writeBroken(caseName: string, id: ShippedSurveyId, breakIt: (json: any) => void): Promise<string> {
  const json = readShipped(id);
  breakIt(json);
  const folder = join(dir, caseName, id);
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'v1.json');
  await writeFile(file, JSON.stringify(json, null, 2));
  return file;
}

describe('survey-toolkit check', () => {
  it('passes the shipped definitions when given no files', () => {
    const run = runCheck([]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [ok, ...hints] = run.stdout.trimEnd().split('\n');
    // Each shipped survey has a comment question and its coding rules beside it (issue 27).
    expect(ok).toBe('ok: 3 files, 3 surveys, 3 coding files');
    // What each shipped survey could still unlock (issue 25), one line per unused role.
    expect(hints).toContain(
      'survey-definitions/ward-office-exit/v1.json: hint: no question has the role "cohort" (radiogroup, dropdown); adding it unlocks the generation-gap comparisons between cohorts',
    );
    expect(hints.every((line) => / hint: no question has the role "[a-z]+" /.test(line))).toBe(true);
  });

  it('passes one named file', () => {
    expect(runCheck(['survey-definitions/staff-workstyle/v1.json'])).toEqual({
      code: 0,
      stdout:
        'ok: 1 file, 1 survey, 1 coding file\n' +
        'survey-definitions/staff-workstyle/v1.json: hint: no question has the role "importance" (rating, matrix); adding it unlocks importance × satisfaction (with "satisfaction" in the same "set")\n',
      stderr: '',
    });
  });

  it('fails on a missing translation, naming file and question', async () => {
    const file = await writeBroken('translation', 'ward-office-exit', (json) => delete json.pages[0].elements[0].title.en);
    expect(runCheck([file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}: question "purpose": translation "en" missing in title\ncheck failed: 1 problem in 1 file\n`,
    });
  });

  it('fails on several broken files at once, one line per problem', async () => {
    const duplicate = await writeBroken('several', 'citizen-needs', (json) => (json.pages[3].elements[1].name = 'ward'));
    const version = await writeBroken('several', 'staff-workstyle', (json) => (json.version = 0));
    const annotation = await writeBroken('several', 'ward-office-exit', (json) => (json.pages[2].elements[2].analysis = { role: 'need' }));
    const { code, stderr } = runCheck([duplicate, version, annotation]);
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual([
      `${duplicate}: question "ward": the name is used twice, at pages[0].elements[0] and at pages[3].elements[1]: a dropdown (single answer) and a checkbox (multiple answer) would share one value that cannot fit both, rename one`,
      `${version}: "version" must be a positive integer, got 0`,
      `${version}: the file is named v1.json but "version" is 0`,
      `${annotation}: question "ageBand": analysis role "need" does not fit a radiogroup question (it fits checkbox, ranking, tagbox)`,
      'check failed: 4 problems in 3 files',
      '',
    ]);
  });

  it('fails on invalid JSON, naming the file', async () => {
    const file = join(dir, 'not-json.json');
    await writeFile(file, '{"id": "x",');
    const { code, stdout, stderr } = runCheck([file]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(.+\\)\\ncheck failed: 1 problem in 1 file\\n$`));
  });

  it('fails on a file that does not exist', () => {
    const file = join(dir, 'nowhere.json');
    expect(runCheck([file])).toEqual({ code: 1, stdout: '', stderr: `${file}: cannot read it: no such file or folder\ncheck failed: 1 problem in 1 file\n` });
  });

  // Root reads any file, so the permission error cannot be produced when the suite runs as root.
  it.skipIf(process.getuid?.() === 0)('fails on an unreadable file (skipped when run as root, who reads any file)', async () => {
    const file = await writeBroken('unreadable', 'citizen-needs', () => {});
    await chmod(file, 0o000);
    expect(runCheck([file]).stderr).toBe(`${file}: cannot read it: permission denied\ncheck failed: 1 problem in 1 file\n`);
  });

  it('checks every *.json under ./survey-definitions of the folder it runs in', async () => {
    const project = join(dir, 'project');
    const definitions = join(project, 'survey-definitions', 'citizen-needs');
    await mkdir(definitions, { recursive: true });
    const v1 = readShipped('citizen-needs');
    await writeFile(join(definitions, 'v1.json'), JSON.stringify(v1));
    await writeFile(join(definitions, 'v2.json'), JSON.stringify({ ...v1, version: 1 }));
    expect(runCheck([], project)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'survey-definitions/citizen-needs/v2.json: the file is named v2.json but "version" is 1',
        'survey-definitions/citizen-needs/v2.json: survey "citizen-needs" version 1 is already defined in survey-definitions/citizen-needs/v1.json',
        'check failed: 2 problems in 2 files',
        '',
      ].join('\n'),
    });
  });

  it('fails on a coding rule file with a syntax error beside a definition, naming the file and the line (issue 27)', async () => {
    const file = await writeBroken('coding', 'staff-workstyle', () => {});
    const coding = join(dir, 'coding', 'staff-workstyle', 'coding.txt');
    await writeFile(coding, '# rules\n*紙文化\n紙 | (書類 & 押印\n');
    expect(runCheck([file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${coding}:3: a ( is not closed: "紙 | (書類 & 押印"\ncheck failed: 1 problem in 2 files\n`,
    });
  });

  it('checks a coding file named on its own', async () => {
    const good = join(dir, 'good.coding.txt');
    await writeFile(good, '*駐車場\n駐車場 | 駐車\n');
    expect(runCheck([good])).toEqual({ code: 0, stdout: 'ok: 1 coding file\n', stderr: '' });
    const empty = join(dir, 'empty-code.coding.txt');
    await writeFile(empty, '*駐車場\n*待ち時間\n待つ\n');
    const run = runCheck([empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: code 「駐車場」 has no condition`));
  });
});
