/**
 * Issue 22, item 1, over the real server on loopback with a real SQLite file: what survey-core computes
 * from the answers is recomputed on the server. A tampered calculated value, the answers of a page the
 * earlier answers skip, and a choice the earlier answer does not allow are each refused with a reason
 * that quotes them; a response survey-core's own Model fills is accepted, and a computed value it
 * leaves out is stored as survey-core computes it (read back through `survey-toolkit export`).
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../cli/run-cli.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

const CORPUS = join(ROOT, 'test', 'fixtures', 'surveyjs-corpus');
const FEE = 'calculated-values-fee';
const BRANCH = 'ward-branch-choices';
const SKIP = 'moving-in-skip';

/** A page the first answer skips: only residents who moved in are asked about the move. */
const skipDefinition = {
  title: '転入アンケート',
  locale: 'ja',
  pages: [
    { name: 'who', elements: [{ type: 'boolean', name: 'movedIn', title: '最近転入しましたか', isRequired: true }] },
    {
      name: 'move',
      visibleIf: '{movedIn} = true',
      elements: [{ type: 'radiogroup', name: 'from', title: '転入元', choices: ['道内', '道外'], isRequired: true }],
    },
    { name: 'end', elements: [{ type: 'comment', name: 'note', title: 'ご意見' }] },
  ],
};

let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'logic-over-http-'));
  await mkdir(join(dir, 'defs'));
  for (const name of [FEE, BRANCH]) await cp(join(CORPUS, `${name}.json`), join(dir, 'defs', `${name}.json`));
  await writeFile(join(dir, 'defs', `${SKIP}.json`), JSON.stringify(skipDefinition));
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function post(survey: string, data: Record<string, unknown>) {
  const submission = onlineSubmission(data);
  const response = await fetch(`${server.url}/api/surveys/${survey}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submission),
  });
  return { status: response.status, body: (await response.json()) as any, submissionId: submission.submissionId };
}

/** What the form sends: survey-core's own Model answers and completes (it computes the fee itself). */
async function feeByModel(sofas: number, beds: number, bikes: number, pickup?: string): Promise<Record<string, unknown>> {
  const model = new Model(JSON.parse(await readFile(join(CORPUS, `${FEE}.json`), 'utf8')));
  model.setValue('sofas', sofas);
  model.setValue('beds', beds);
  model.setValue('bikes', bikes);
  if (pickup !== undefined) model.setValue('pickup', pickup);
  expect(model.hasErrors(false, false)).toBe(false);
  model.doComplete();
  return JSON.parse(JSON.stringify(model.data));
}

describe('logic survey-core computes from the answers, checked by the server', () => {
  it('accepts what survey-core computes, and refuses a tampered calculated value naming both values', async () => {
    const valid = await feeByModel(2, 1, 0, '玄関前');
    // The fee: 2 sofas × 1 200 + 1 bed × 1 800 yen, as survey-core's expression engine computed it.
    expect(valid).toMatchObject({ total: 4200, itemCount: 3, perItem: 1400 });
    expect((await post(FEE, valid)).status).toBe(201);

    const tampered = await post(FEE, { ...valid, total: 99 });
    expect(tampered.status).toBe(422);
    expect(tampered.body.error.details).toEqual([
      { question: 'total', message: '99 was sent, but its expression "{fee}" gives 4200 for the other answers of this response' },
    ]);
    // A calculated value survey-core puts into the data (includeIntoResult) is checked the same way.
    const count = await post(FEE, { ...valid, itemCount: 30 });
    expect(count.status).toBe(422);
    expect(count.body.error.details).toEqual([
      { question: 'itemCount', message: '30 was sent, but calculated value expression "{sofas} + {beds} + {bikes}" gives 3 for the other answers of this response' },
    ]);
  });

  it('refuses a question the computed fee hides (the fee is below 2 000 yen: no pick-up place is asked)', async () => {
    const cheap = await feeByModel(0, 0, 1);
    expect(cheap).not.toHaveProperty('pickup');
    const sent = await post(FEE, { ...cheap, pickup: '玄関前' });
    expect(sent.status).toBe(422);
    expect(sent.body.error.details).toEqual([
      { question: 'pickup', message: '"玄関前" answers a question that is hidden for this response (its visibleIf "{fee} > 2000" is false)' },
    ]);
  });

  it('refuses the answers of a page the earlier answers skip', async () => {
    expect((await post(SKIP, { movedIn: true, from: '道外' })).status).toBe(201);
    expect((await post(SKIP, { movedIn: false, note: 'なし' })).status).toBe(201);
    const skipped = await post(SKIP, { movedIn: false, from: '道外', note: 'なし' });
    expect(skipped.status).toBe(422);
    expect(skipped.body.error.details).toEqual([
      { question: 'from', message: `"道外" answers a question that is hidden for this response (its page "move"'s visibleIf "{movedIn} = true" is false)` },
    ]);
  });

  it('refuses a choice the earlier answer does not allow (a branch office of another ward, a procedure not picked)', async () => {
    const valid = { ward: 'kita', branch: 'shinoro', used: ['juminhyo', 'hoken'], mostImportant: 'hoken', wanted: ['jido'], satisfaction: { window: 3, branch: 2 } };
    expect((await post(BRANCH, valid)).status, 'a response the form can send').toBe(201);

    const otherWard = await post(BRANCH, { ...valid, ward: 'minami', branch: 'shinoro', satisfaction: { window: 3, branch: 2 } });
    expect(otherWard.status).toBe(422);
    expect(otherWard.body.error.details).toEqual([
      { question: 'branch', message: `"shinoro": not one of the choices the form shows for this response (its visibleIf "{ward} = 'kita'" is false)` },
    ]);

    const notPicked = await post(BRANCH, { ...valid, mostImportant: 'jido' });
    expect(notPicked.status).toBe(422);
    expect(notPicked.body.error.details).toEqual([
      { question: 'mostImportant', message: `"jido": not one of the choices the form shows for this response (it takes its choices from "used" (selected ones))` },
    ]);
  });

  it('stores the computed values survey-core computes when a response leaves them out', async () => {
    const { total, itemCount, perItem, ...answers } = await feeByModel(1, 2, 3, 'ごみステーション');
    expect([total, itemCount, perItem]).toEqual([5700, 6, 950]);
    const sent = await post(FEE, answers);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    const out = join(dir, 'fee.jsonl');
    await server.stop();
    const exported = await runCli(['export', '--survey', FEE, '--format', 'jsonl', '--out', out], {
      env: { DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs') },
    });
    expect(exported.code, exported.stderr).toBe(0);
    const stored = (await readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(stored.find((record) => record.submissionId === sent.submissionId)?.data).toEqual({ ...answers, total: 5700, itemCount: 6, perItem: 950 });
    server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
  }, 60_000);
});
