/**
 * One bad file never stops collection (ADR 0021): the real server, started on a
 * definitions folder with broken files beside a valid one, serves the valid
 * survey, takes its responses, logs each broken file with its reason, and
 * /healthz answers "degraded" naming them. Bad configuration still stops it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';
import { SURVEY_ID, readFixtureDefinition, writeTestDefinitions } from '../start-app.ts';

let dir: string;
let server: SpawnedServer;
let definitionsDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broken-beside-valid-'));
  definitionsDir = join(dir, 'survey-definitions');
  await writeTestDefinitions(definitionsDir);
  // Not JSON at all.
  await mkdir(join(definitionsDir, 'half-written'));
  await writeFile(join(definitionsDir, 'half-written', 'v1.json'), '{"id": "half-written", "pages": [');
  // Valid JSON, but it breaks a rule: two questions store their answer under one name.
  const clash = await readFixtureDefinition();
  clash.id = 'name-clash';
  clash.pages[0].elements[1].name = clash.pages[0].elements[0].name;
  await mkdir(join(definitionsDir, 'name-clash'));
  await writeFile(join(definitionsDir, 'name-clash', 'v1.json'), JSON.stringify(clash));
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: definitionsDir, ABUSE_LIMITS: 'off' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a broken definition beside valid ones', () => {
  it('starts, serves only the valid survey and takes its responses', async () => {
    const list = (await (await fetch(`${server.url}/api/surveys`)).json()) as Array<{ id: string }>;
    expect(list.map(({ id }) => id)).toEqual([SURVEY_ID]);
    const response = await fetch(`${server.url}/api/surveys/${SURVEY_ID}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validSubmission(SURVEY_ID)),
    });
    expect(response.status).toBe(201);
  });

  it('answers 503 with Retry-After for the broken survey, so a kiosk queue keeps its answers and resends them', async () => {
    const response = await fetch(`${server.url}/api/surveys/name-clash/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validSubmission(SURVEY_ID)),
    });
    expect([response.status, response.headers.get('retry-after'), ((await response.json()) as any).error.code]).toEqual([503, '300', 'survey_unavailable']);
    expect((await fetch(`${server.url}/api/surveys/no-such-survey`)).status).toBe(404);
  });

  it('answers /healthz with 200 "degraded", naming each broken file under DEFINITIONS_DIR and why, never the server\'s own paths', async () => {
    const response = await fetch(`${server.url}/healthz`);
    const text = await response.text();
    const body = JSON.parse(text) as { status: string; definitions: Array<{ file: string; reason: string }> };
    expect(response.status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.definitions.map(({ file }) => file)).toEqual(['half-written/v1.json', 'name-clash/v1.json']);
    expect(text).not.toContain(dir);
    expect(body.definitions[0].reason).toMatch(/^not valid JSON \(/);
    expect(body.definitions[1].reason).toMatch(/the name is used twice/);
  });

  it('logs each broken file with its reason', () => {
    expect(server.stderr()).toContain(`survey server: definition ${join(definitionsDir, 'half-written', 'v1.json')} left out: not valid JSON (`);
    expect(server.stderr()).toContain(`survey server: definition ${join(definitionsDir, 'name-clash', 'v1.json')} left out: question `);
  });

  it('lists them for admins only at /api/definition-problems', async () => {
    expect((await fetch(`${server.url}/api/definition-problems`)).status).toBe(401);
  });
});

describe('bad configuration', () => {
  it('still stops start-up: a definitions folder that does not exist', async () => {
    await expect(spawnServer({ DATA_DIR: join(dir, 'data2'), DEFINITIONS_DIR: join(dir, 'nowhere') })).rejects.toThrow(
      /cannot read the definitions folder .*nowhere: no such file or folder/,
    );
  });
});
