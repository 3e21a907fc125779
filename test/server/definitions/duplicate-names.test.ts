/**
 * A question name used twice (issue 21): survey-core shows both questions and stores one value,
 * which must satisfy both. `check` warns, the real server validates a post against both questions
 * (the answer is hidden only when both are), and exports and reports hold one column per name.
 * Every post is judged by survey-core's own Model first.
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

const FIXTURE = join(ROOT, 'test', 'fixtures', 'surveyjs-corpus', 'duplicate-names.json');
const SURVEY = 'duplicate-names';
let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duplicate-names-'));
  await cp(FIXTURE, join(dir, 'defs', `${SURVEY}.json`));
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function post(data: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/api/surveys/${SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(onlineSubmission(data, 'en')),
  });
  return { status: response.status, body: await response.json() };
}

/** survey-core's verdict: valid, and nothing it would clear on completion. */
async function surveyCoreAccepts(data: Record<string, unknown>): Promise<boolean> {
  const model = new Model(JSON.parse(await readFile(FIXTURE, 'utf8')));
  model.data = data;
  model.clearInvisibleValues = 'onComplete';
  const errors = model.hasErrors(false, false);
  model.doComplete();
  return !errors && JSON.stringify(model.data) === JSON.stringify(data);
}

const ACCEPTED = [
  { email: 'a@example.jp', wantsReply: true, ward: 'kita' },
  // The confirmation is hidden: its ".jp" rule does not apply; the second "ward" is the one shown.
  { email: 'a@example.com', wantsReply: false, ward: 'chuo' },
];

describe('a question name used twice', () => {
  it('is a warning for check, not a refusal', async () => {
    const run = await runCli(['check', FIXTURE]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'warning: question "email": the name is used twice, at pages[0].elements[0] and at pages[1].elements[0]: both questions show and store one answer, which must satisfy both (as in survey-core)',
    );
    expect(run.stderr).toContain('warning: question "ward": the name is used twice, at pages[0].elements[2] and at pages[1].elements[1]');
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });

  it('accepts what survey-core accepts', async () => {
    for (const data of ACCEPTED) {
      expect(await surveyCoreAccepts(data)).toBe(true);
      const { status, body } = await post(data);
      expect([status, body]).toMatchObject([201, {}]);
    }
  });

  it('checks the one value against both visible questions', async () => {
    const data = { email: 'a@example.com', wantsReply: true, ward: 'kita' };
    expect(await surveyCoreAccepts(data)).toBe(false);
    const { status, body } = await post(data);
    expect(status).toBe(422);
    expect(body.error.details).toEqual([{ question: 'email', message: '"a@example.com": Use an address ending in .jp' }]);
    // The first question's e-mail validator holds even when the confirmation is hidden.
    const notEmail = { email: 'nope', wantsReply: false, ward: 'kita' };
    expect(await surveyCoreAccepts(notEmail)).toBe(false);
    expect((await post(notEmail)).body.error.details.map((d: { question: string }) => d.question)).toEqual(['email']);
  });

  it('names a missing required answer once, though both questions require it', async () => {
    const data = { wantsReply: true, ward: 'kita' };
    expect(await surveyCoreAccepts(data)).toBe(false);
    const { status, body } = await post(data);
    expect(status).toBe(422);
    expect(body.error.details).toEqual([{ question: 'email', message: 'Response required.' }]);
  });

  it('requires the answer when only the second question is shown', async () => {
    const data = { email: 'a@example.com', wantsReply: false };
    expect(await surveyCoreAccepts(data)).toBe(false);
    const { status, body } = await post(data);
    expect(status).toBe(422);
    expect(body.error.details.map((d: { question: string }) => d.question)).toEqual(['ward']);
  });

  it('calls the answer hidden only when both questions are hidden', async () => {
    const data = { email: 'a@example.jp', ward: 'kita' };
    expect(await surveyCoreAccepts(data)).toBe(false);
    const { status, body } = await post(data);
    expect(status).toBe(422);
    expect(body.error.details).toHaveLength(1);
    expect(body.error.details[0].question).toBe('ward');
    expect(body.error.details[0].message).toMatch(/answers a question that is hidden for this response/);
  });

  it('exports and reports one column per name', async () => {
    const env = { DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs') };
    await server.stop();
    try {
      const csv = join(dir, 'dup.csv');
      const exported = await runCli(['export', '--survey', SURVEY, '--format', 'csv', '--codes', '--out', csv], { env });
      expect(exported.code, exported.stderr).toBe(0);
      const header = (await readFile(csv, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
      expect(header.filter((key) => key === 'email' || key === 'ward')).toEqual(['email', 'ward']);

      const jsonl = join(dir, 'dup.jsonl');
      expect((await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--out', jsonl], { env })).code).toBe(0);
      const report = await runCli(['report', '--survey', SURVEY, '--input', jsonl, '--definitions', join(dir, 'defs'), '--min-group', '1']);
      expect(report.code, report.stderr).toBe(0);
      const summaries = (JSON.parse(report.stdout) as Report).summaries!.filter((s) => s.question === 'ward');
      expect(summaries).toHaveLength(1);
      expect(summaries[0].items!.map((item) => [item.value, item.count])).toEqual([['kita', 1], ['chuo', 1]]);
    } finally {
      server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
    }
  }, 60_000);

  // Last: it stores more responses than the export above counts.
  it('agrees with survey-core on every combination of answers', async () => {
    const disagreements: string[] = [];
    for (const email of [undefined, 'a@example.jp', 'a@example.com', 'nope']) {
      for (const wantsReply of [undefined, true, false]) {
        for (const ward of [undefined, 'kita', 'chuo']) {
          const data = Object.fromEntries(Object.entries({ email, wantsReply, ward }).filter(([, value]) => value !== undefined));
          const expected = (await surveyCoreAccepts(data)) ? 201 : 422;
          const { status } = await post(data);
          if (status !== expected) disagreements.push(`${JSON.stringify(data)}: survey-core ${expected}, server ${status}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  }, 60_000);
});
