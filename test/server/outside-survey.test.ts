/**
 * Issue 10's "done when": a survey written the SurveyJS Creator way (texts as
 * {"default", "ja"}, no id, version, audience or analysis annotations), dropped
 * in as survey-definitions/civic-center-users.json beside the shipped surveys,
 * works as it is: the real server serves and validates it, the CLI exports
 * its responses and `survey-toolkit report` reports on them.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { ROOT, runCli } from '../cli/run-cli.ts';
import { spawnServer, type SpawnedServer } from './spawn-server.ts';

const SURVEY = 'civic-center-users';
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'outside', `${SURVEY}.json`);

let dir: string;
let definitionsDir: string;
let dataDir: string;
let server: SpawnedServer | undefined;

/** A civic-center visitor: the answers a respondent could give in the SurveyJS form. */
function answers(i: number): Record<string, unknown> {
  const frequency = ['weekly', 'monthly', 'rarely', 'first'][i % 4];
  return {
    visitFrequency: frequency,
    ...(frequency === 'first' ? {} : { purposes: i % 3 === 0 ? ['library', 'other'] : ['meeting_room'], ...(i % 3 === 0 ? { 'purposes-Comment': '子ども向けの工作教室' } : {}) }),
    satisfaction: (i % 5) + 1,
    suggestions: i % 2 === 0 ? '駐車場を広くしてほしい' : undefined,
    ageGroup: ['under30', '30to59', '60plus'][i % 3],
  };
}

function post(body: unknown): Promise<Response> {
  return fetch(`${server!.url}/api/surveys/${SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outside-survey-'));
  definitionsDir = join(dir, 'survey-definitions');
  dataDir = join(dir, 'data');
  await cp(join(ROOT, 'survey-definitions'), definitionsDir, { recursive: true });
  await cp(FIXTURE, join(definitionsDir, `${SURVEY}.json`));
  server = await spawnServer({ DATA_DIR: dataDir, DEFINITIONS_DIR: definitionsDir, ABUSE_LIMITS: 'off' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('an outside SurveyJS survey as a flat file', () => {
  it('passes `survey-toolkit check` as it is', async () => {
    expect(await runCli(['check', join(definitionsDir, `${SURVEY}.json`)])).toMatchObject({ code: 0, stdout: 'ok: 1 file, 1 survey\n' });
  });

  it('is served beside the shipped surveys, its languages read from its texts', async () => {
    expect((await (await fetch(`${server!.url}/healthz`)).json())).toMatchObject({ status: 'ok' });
    const list = (await (await fetch(`${server!.url}/api/surveys`)).json()) as Array<Record<string, unknown>>;
    expect(list.find((survey) => survey.id === SURVEY)).toEqual({
      id: SURVEY,
      version: 1,
      title: { ja: '市民センター利用者アンケート', en: 'Civic center users' },
      audience: 'citizen',
      languages: ['ja', 'en'],
    });
    const json = (await (await fetch(`${server!.url}/api/surveys/${SURVEY}`)).json()) as Record<string, any>;
    expect([json.id, json.version, json.pages[0].elements[0]]).toEqual([SURVEY, 1, { type: 'html', name: 'question1', html: { default: '<p>About 3 minutes.</p>', ja: '<p>所要時間は約3分です。</p>' } }]);
  });

  it('takes valid responses and refuses invalid ones, storing nothing for them', async () => {
    for (let i = 0; i < 12; i++) {
      const response = await post(validSubmission('all-question-types', { data: answers(i) }));
      expect(response.status, await response.clone().text()).toBe(201);
    }
    const notAChoice = await post(validSubmission('all-question-types', { data: { ...answers(1), ageGroup: '100plus' } }));
    expect(notAChoice.status).toBe(422);
    const hidden = await post(validSubmission('all-question-types', { data: { ...answers(3), purposes: ['library'] } }));
    expect(hidden.status).toBe(422);
    expect(((await hidden.json()) as any).error.details).toEqual([
      { question: 'purposes', message: `["library"] answers a question that is hidden for this response (its visibleIf "{visitFrequency} <> 'first'" is false)` },
    ]);
  });

  it('is exported by the CLI and reported by `survey-toolkit report`', async () => {
    await server!.stop();
    server = undefined;
    const env = { DATA_DIR: dataDir, DEFINITIONS_DIR: definitionsDir };
    const jsonl = join(dir, 'civic.jsonl');
    const csv = join(dir, 'civic.csv');
    expect(await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--out', jsonl], { env })).toMatchObject({ code: 0 });
    expect((await readFile(jsonl, 'utf8')).trim().split('\n')).toHaveLength(12);
    expect(await runCli(['export', '--survey', SURVEY, '--format', 'csv', '--out', csv], { env })).toMatchObject({ code: 0 });
    const header = (await readFile(csv, 'utf8')).replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toContain('市民センターをどのくらい利用しますか。');

    const report = await runCli(['report', '--survey', SURVEY, '--input', jsonl, '--definitions', definitionsDir, '--format', 'json']);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const parsed = JSON.parse(report.stdout);
    expect([parsed.survey, parsed.responses]).toEqual([{ id: SURVEY, versions: [1], title: { ja: '市民センター利用者アンケート', en: 'Civic center users' } }, 12]);
  });
});
