/**
 * SurveyJS door, part two (issue 21): definitions survey-core accepts are accepted by `check` and
 * by the server, with a warning where a SurveyJS author would want one, and answers to them are
 * validated as survey-core validates them. One definition per row of the table, in
 * test/fixtures/surveyjs-corpus/, checked by the CLI and served by the real server on loopback.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { ROOT, runCli } from '../../cli/run-cli.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

const CORPUS = join(ROOT, 'test', 'fixtures', 'surveyjs-corpus');
let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'surveyjs-door-'));
  await cp(CORPUS, join(dir, 'defs'), { recursive: true });
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function post(survey: string, data: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/api/surveys/${survey}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(onlineSubmission(data, 'en')),
  });
  return { status: response.status, body: await response.json() };
}

/** survey-core's own verdict on a complete response: valid, and nothing it would clear on completion. */
async function surveyCoreAccepts(survey: string, data: Record<string, unknown>): Promise<boolean> {
  const model = new Model(JSON.parse(await readFile(join(CORPUS, `${survey}.json`), 'utf8')));
  model.data = data;
  model.clearInvisibleValues = 'onComplete';
  const errors = model.hasErrors(false, false);
  model.doComplete();
  return !errors && JSON.stringify(model.data) === JSON.stringify(data);
}

async function check(file: string) {
  return runCli(['check', join(CORPUS, file)]);
}

describe('definitions survey-core accepts', () => {
  it('takes the older top-level "questions" form, without a warning about it', async () => {
    const run = await check('older-questions-form.json');
    expect(run.code, run.stderr).toBe(0);
    // Only the general hint about analysis annotations: nothing about the form of the file.
    expect(run.stderr.split('\n').filter((line) => line !== '' && !line.includes('"analysis" annotation'))).toEqual([]);
    const served = (await (await fetch(`${server.url}/api/surveys/older-questions-form`)).json()) as { pages: Array<{ name: string; elements: unknown[] }> };
    expect(served.pages.map((page) => [page.name, page.elements.length])).toEqual([['page1', 3]]);

    for (const data of [{ purpose: 'study', studyHours: 3 }, { purpose: 'borrow', wish: 'More seats' }]) {
      expect(await surveyCoreAccepts('older-questions-form', data)).toBe(true);
      expect((await post('older-questions-form', data)).status).toBe(201);
    }
    const hidden = await post('older-questions-form', { purpose: 'borrow', studyHours: 3 });
    expect(hidden.status).toBe(422);
    expect(hidden.body.error.details[0].question).toBe('studyHours');
    expect((await post('older-questions-form', { wish: 'x' })).status).toBe(422); // purpose is required
  });

  it('takes a choice value listed twice, with a warning, and labels it with the first text', async () => {
    const run = await check('duplicate-choice-values.json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: question "contact": choices has the value "phone" twice: either choice stores the same answer, labelled with the first one\'s text');
    expect(await surveyCoreAccepts('duplicate-choice-values', { contact: 'phone' })).toBe(true);
    for (const contact of ['phone', 'phone', 'mail', 'phone', 'phone', 'phone']) expect((await post('duplicate-choice-values', { contact })).status).toBe(201);
    expect((await post('duplicate-choice-values', { contact: 'fax' })).status).toBe(422);

    const jsonl = join(dir, 'dup.jsonl');
    const env = { DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs') };
    await server.stop();
    expect((await runCli(['export', '--survey', 'duplicate-choice-values', '--format', 'jsonl', '--out', jsonl], { env })).code).toBe(0);
    const report = await runCli(['report', '--survey', 'duplicate-choice-values', '--input', jsonl, '--definitions', join(dir, 'defs'), '--min-group', '1']);
    expect(report.code, report.stderr).toBe(0);
    const summary = (JSON.parse(report.stdout) as Report).summaries!.find((s) => s.question === 'contact')!;
    expect(summary.items!.map((item) => [item.value, item.label, item.count])).toEqual([['phone', 'Phone', 5], ['mail', 'E-mail', 1]]);
    server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
  }, 60_000);

  it('takes a condition that names a question the survey does not have, with a warning, and evaluates it as survey-core does', async () => {
    const run = await check('condition-on-unknown-question.json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: question "district": visibleIf "{residnet} = true" refers to "residnet", which is not a question of this survey; survey-core reads it as empty');
    expect(run.stderr).toContain('warning: question "note": visibleIf "{ward} = \'higashi\'" compares "ward" with "higashi", which is not one of its values (kita, chuo), so that part is never true');
    // {residnet} is empty, so "district" never shows: survey-core clears it, the server refuses an answer to it.
    expect(await surveyCoreAccepts('condition-on-unknown-question', { resident: true })).toBe(true);
    expect(await surveyCoreAccepts('condition-on-unknown-question', { resident: true, district: 'Kita' })).toBe(false);
    expect((await post('condition-on-unknown-question', { resident: true })).status).toBe(201);
    const hidden = await post('condition-on-unknown-question', { resident: true, district: 'Kita' });
    expect(hidden.status).toBe(422);
    expect(hidden.body.error.details[0].question).toBe('district');
  });

  it('serves every definition of the corpus: /healthz is ok', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });
});
