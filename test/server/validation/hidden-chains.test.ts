/**
 * A respondent who changes their mind at the head of a chain of conditions is not refused
 * (issue 21, ADR 0024). The chain: supported_devices → native_mobile_support (shown for Mobile) →
 * native_framework (shown for a support of 3 or more) → framework_reason. survey-core's own
 * completion clears native_mobile_support but keeps what hangs below it; the server stores what
 * survey-core would keep had it cleared until nothing changed, and still refuses an answer no form
 * could have sent. The real server on loopback and a real SQLite file, checked through the export.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../cli/run-cli.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

const SURVEY = 'change-of-mind-chain';
const FILE = join(ROOT, 'test', 'fixtures', 'surveyjs-corpus', `${SURVEY}.json`);
let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hidden-chains-'));
  await cp(FILE, join(dir, 'defs', `${SURVEY}.json`));
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

/** The respondent of the issue, through survey-core's own Model, as the form drives it. */
async function changeOfMind(): Promise<Record<string, unknown>> {
  const model = new Model(JSON.parse(await readFile(FILE, 'utf8')));
  model.clearInvisibleValues = 'onComplete';
  model.setValue('supported_devices', ['Mobile']);
  model.setValue('native_mobile_support', 3);
  model.setValue('native_framework', 'Ionic');
  model.setValue('framework_reason', '速い');
  model.setValue('supported_devices', ['Desktop']);
  expect(model.hasErrors(false, false)).toBe(false);
  model.doComplete();
  return model.data as Record<string, unknown>;
}

describe('a change of mind at the head of a chain of conditions', () => {
  it('is what survey-core completes with: an answer below a cleared question stays', async () => {
    expect(await changeOfMind()).toEqual({ supported_devices: ['Desktop'], native_framework: 'Ionic', framework_reason: '速い' });
  });

  it('is accepted, and stored as survey-core would keep it had it cleared to the end', async () => {
    const sent = await post(await changeOfMind());
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(server.stderr()).toContain(`survey server: ${SURVEY} v1: cleared answers left in a chain of hidden questions: native_framework, framework_reason`);
    expect(server.stderr()).not.toContain('速い');

    const out = join(dir, 'chain.jsonl');
    await server.stop();
    const exported = await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--out', out], {
      env: { DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs') },
    });
    expect(exported.code, exported.stderr).toBe(0);
    const stored = (await readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(stored.map((record) => [record.submissionId, record.data])).toEqual([[sent.submissionId, { supported_devices: ['Desktop'] }]]);
    server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
  }, 60_000);

  it('still refuses an answer hidden by a visible answer, which no form sends', async () => {
    // supported_devices is answered and shown: survey-core clears native_mobile_support in its one pass.
    const direct = await post({ supported_devices: ['Desktop'], native_mobile_support: 4 });
    expect(direct.status).toBe(422);
    expect(direct.body.error.details).toEqual([
      { question: 'native_mobile_support', message: `4 answers a question that is hidden for this response (its visibleIf "{supported_devices} contains 'Mobile'" is false)` },
    ]);
    // The whole chain answered and shown is accepted as it is.
    expect((await post({ supported_devices: ['Mobile'], native_mobile_support: 3, native_framework: 'Ionic' })).status).toBe(201);
  });
});
