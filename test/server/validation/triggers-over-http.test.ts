/**
 * Issue 22, item 1 (triggers), over the real server on loopback with a real SQLite file. The form ends on
 * its first page when the respondent does not live in the city (a complete trigger): what survey-core's
 * own Model sends, its triggers running, is accepted, and the required questions of the pages after it
 * are not asked for. A value a setvalue or copyvalue trigger sets must be the one it sets (422 naming
 * both), and one left out is stored as survey-core sets it (read back through `survey-toolkit export`).
 *
 * An answer on a page after the complete trigger is accepted here: the collection pages show survey-core's
 * progress steps, with which a respondent goes back to an earlier page (or forward past the trigger's page),
 * and survey-core keeps what was answered on the later page. Where the form has no way back, the validator
 * refuses it naming the trigger (survey-core-driven-triggers.test.ts, "buttons only").
 */
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model, type SurveyModel } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../cli/run-cli.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

/** survey-core keeps these two private in its typings; the form reads them (its "Complete" button, its state). */
function isCompleted(model: SurveyModel): boolean {
  return model.state === 'completed';
}
function canBeCompletedByTrigger(model: SurveyModel): boolean {
  return (model as unknown as { canBeCompletedByTrigger: boolean }).canBeCompletedByTrigger;
}

const FIXTURES = join(ROOT, 'test', 'fixtures', 'triggers');
const SURVEY = 'moving-out-complete';

let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triggers-over-http-'));
  await mkdir(join(dir, 'defs'));
  await cp(join(FIXTURES, `${SURVEY}.json`), join(dir, 'defs', `${SURVEY}.json`));
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function post(data: Record<string, unknown>) {
  const submission = onlineSubmission(data);
  const response = await fetch(`${server.url}/api/surveys/${SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
  return { status: response.status, body: (await response.json()) as any, submissionId: submission.submissionId };
}

/** What the form sends: survey-core's Model, its triggers running, answers page by page and presses Next. */
async function byModel(pages: Array<Record<string, unknown>>): Promise<{ data: Record<string, unknown>; byTrigger: boolean }> {
  const model = new Model(JSON.parse(await readFile(join(FIXTURES, `${SURVEY}.json`), 'utf8')));
  let byTrigger = false;
  model.onComplete.add((_sender, options) => {
    byTrigger = Boolean((options as { isCompleteOnTrigger?: boolean }).isCompleteOnTrigger);
  });
  for (const answers of pages) {
    for (const [name, value] of Object.entries(answers)) model.getQuestionByValueName(name)!.value = value;
    if (model.isLastPage) model.tryComplete();
    else expect(model.nextPage(), JSON.stringify(model.data)).toBe(true);
  }
  expect(isCompleted(model)).toBe(true);
  return { data: JSON.parse(JSON.stringify(model.data)), byTrigger };
}

describe('triggers, checked by the server as survey-core runs them', () => {
  it('accepts a response a complete trigger ended, without the required answers of the pages after it', async () => {
    const ended = await byModel([{ livesInCity: 'no', age: 70 }]);
    expect(ended.byTrigger).toBe(true);
    // setvalue and runexpression triggers ran too; the required questions of later pages were never asked.
    expect(ended.data).toEqual({ livesInCity: 'no', age: 70, outsideCity: true, senior: true });
    expect((await post(ended.data)).status).toBe(201);
    // Without the trigger, the same answers miss the required questions of the later pages.
    const notEnded = await post({ livesInCity: 'yes', age: 70, senior: true });
    expect(notEnded.status).toBe(422);
    expect(notEnded.body.error.details.map((detail: { question: string }) => detail.question)).toEqual(['ward', 'reason', 'satisfaction']);
  });

  it('accepts an answer on a later page of a response a complete trigger ended: the progress steps reach it', async () => {
    // survey-core's Model as the collection pages run it: page 2 answered, back to page 1 by a progress step,
    // the answer changed, and the form completes there (its button is 完了 now); page 2's answer stays.
    const model = new Model(JSON.parse(await readFile(join(FIXTURES, `${SURVEY}.json`), 'utf8')));
    model.showProgressBar = true;
    model.progressBarType = 'pages';
    model.setValue('livesInCity', 'yes');
    expect(model.nextPage()).toBe(true);
    model.setValue('ward', 'kita');
    expect(model.tryNavigateToPage(model.visiblePages[0])).toBe(true);
    model.setValue('livesInCity', 'no');
    expect(canBeCompletedByTrigger(model)).toBe(true);
    model.tryComplete();
    expect(isCompleted(model)).toBe(true);
    const data = JSON.parse(JSON.stringify(model.data));
    expect(data).toEqual({ livesInCity: 'no', ward: 'kita', wardCopy: 'kita', outsideCity: true });
    expect((await post(data)).status).toBe(201);
  });

  it('accepts a response that went through every page, and refuses a value a trigger did not set, naming both', async () => {
    const full = await byModel([{ livesInCity: 'yes', age: 30 }, { ward: 'kita', movingSoon: 'yes' }, { reason: '転勤' }, { satisfaction: 4 }]);
    expect(full.byTrigger).toBe(false);
    expect(full.data).toMatchObject({ ward: 'kita', wardCopy: 'kita', senior: false });
    expect((await post(full.data)).status).toBe(201);

    const copied = await post({ ...full.data, wardCopy: 'chuo' });
    expect(copied.status).toBe(422);
    expect(copied.body.error.details).toEqual([
      { question: 'wardCopy', message: `"chuo" was sent, but its copyvalue trigger (expression "{ward} notempty") is true and sets "kita" for the other answers of this response` },
    ]);
    const set = await post({ ...full.data, livesInCity: 'no', outsideCity: false, ward: undefined, movingSoon: undefined, wardCopy: undefined, reason: undefined, satisfaction: undefined });
    expect(set.status).toBe(422);
    expect(set.body.error.details).toEqual([
      { question: 'outsideCity', message: `false was sent, but its setvalue trigger (expression "{livesInCity} = 'no'") is true and sets true for the other answers of this response` },
    ]);
  });

  it('stores what the triggers set when a response leaves it out', async () => {
    const { data } = await byModel([{ livesInCity: 'no', age: 80 }]);
    const { outsideCity, senior, ...answers } = data;
    expect([outsideCity, senior]).toEqual([true, true]);
    const sent = await post(answers);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    const out = join(dir, 'moving-out.jsonl');
    await server.stop();
    const exported = await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--out', out], {
      env: { DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs') },
    });
    expect(exported.code, exported.stderr).toBe(0);
    const stored = (await readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(stored.find((record) => record.submissionId === sent.submissionId)?.data).toEqual({ ...answers, outsideCity: true, senior: true });
    server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
  }, 60_000);
});
