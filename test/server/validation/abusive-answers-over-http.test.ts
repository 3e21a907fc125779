/**
 * Issue 20, finding 1: one anonymous request held the server for 18 s (a
 * checkbox answer of 40 000 empty arrays: 40 000 problems, each copied into a
 * growing list) and got megabytes back. Over real loopback HTTP, against the
 * real server (server/main.ts in a child process, default abuse limits): every
 * worst-case body that fits under the body limit is refused with a 422 of at
 * most 101 details and a small body, and /healthz keeps answering while they
 * stream in. How fast is `npm run bench:abuse`'s job (bench/abuse.bench.ts);
 * this asserts behaviour only.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DETAILS } from '../../../server/validation/create-response-validator.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';
import { ABUSE_DEFINITION, ABUSE_SURVEY_ID, abusiveBodies, validAbuseBody } from './abusive-bodies.ts';

/** What "small" means for an error body: 101 details of a few hundred bytes, whatever came in. */
const MAX_ERROR_BODY_BYTES = 32 * 1024;

let dir: string;
let server: SpawnedServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'abusive-answers-'));
  await mkdir(join(dir, 'definitions', ABUSE_SURVEY_ID), { recursive: true });
  await writeFile(join(dir, 'definitions', ABUSE_SURVEY_ID, 'v1.json'), JSON.stringify(ABUSE_DEFINITION));
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'definitions') });
});
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  bytes: number;
  body: { error?: { code: string; message: string; details?: Array<{ question: string; message: string }> }; status?: string };
}

async function post(body: string): Promise<Answer> {
  const response = await fetch(`${server.url}/api/surveys/${ABUSE_SURVEY_ID}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

async function healthz(): Promise<Answer> {
  const response = await fetch(`${server.url}/healthz`);
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

describe('worst-case bodies under the 256 KiB limit', () => {
  it('the target survey loads, and its valid response is accepted', async () => {
    expect((await healthz()).body).toMatchObject({ status: 'ok' });
    expect((await post(validAbuseBody())).status).toBe(201);
  });

  for (const abusive of abusiveBodies()) {
    // Bodies refused before validation, by the submission schema or findUnsafeJson, are capped the same way
    // (server/validation/cap-details.ts): they used to get one detail per key (24 000, 1.4 MB) or a key quoted whole.
    it(`${abusive.name}: 422 with at most ${MAX_DETAILS + 1} details, a small body`, async () => {
      const answer = await post(abusive.body);
      expect(answer.status).toBe(422);
      expect(answer.body.error?.code).toBe('invalid_response');
      const details = answer.body.error!.details!;
      expect(details.length).toBeGreaterThan(0);
      expect(details.length).toBeLessThanOrEqual(MAX_DETAILS + 1);
      expect(answer.bytes).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
      // An answer bigger than its question is one problem naming the limit.
      if (abusive.attacks === 'answer size') {
        expect(details).toHaveLength(1);
        expect(details[0].message).toMatch(/at most [\d,]+ allowed|more than the [\d,]+ the form allows/);
      }
      if (details.length === MAX_DETAILS + 1) {
        expect(details[MAX_DETAILS]).toEqual({ question: '(response)', message: expect.stringMatching(/^… and [\d,]+ more problems?$/) });
        // The message counts every problem, not the details shown.
        const more = Number(/^… and ([\d,]+) more/.exec(details[MAX_DETAILS].message)![1].replaceAll(',', ''));
        expect(answer.body.error!.message).toContain(`(${(MAX_DETAILS + more).toLocaleString('en-US')} problems)`);
      }
    });
  }
});

describe('/healthz while abusive bodies stream in', () => {
  it('is answered between the refusals, before the stream ends', async () => {
    const bodies = abusiveBodies().filter((abusive) => abusive.attacks !== 'nesting');
    const events: string[] = [];
    let streaming = true;

    // One client posts every abusive body back to back; another asks /healthz over and over meanwhile.
    const abuser = (async () => {
      for (const abusive of bodies) {
        const answer = await post(abusive.body);
        events.push(`422:${answer.status}`);
      }
      streaming = false;
    })();
    const prober = (async () => {
      while (streaming) {
        const answer = await healthz();
        events.push(`healthz:${answer.status}`);
      }
    })();
    await Promise.all([abuser, prober]);

    expect(events.filter((event) => event.startsWith('422:'))).toEqual(bodies.map(() => '422:422'));
    const probes = events.filter((event) => event.startsWith('healthz:'));
    expect(probes.every((event) => event === 'healthz:200')).toBe(true);
    // Answered while the refusals were still coming, not only once they stopped.
    const lastRefusal = events.lastIndexOf('422:422');
    expect(events.slice(0, lastRefusal).filter((event) => event === 'healthz:200').length).toBeGreaterThanOrEqual(1);
  });
});
