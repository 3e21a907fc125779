/**
 * Slow clients and connection floods against server/main.ts as a real process
 * (issue 13: a slow body was held for 321 s, and connections had no cap).
 * The timeouts here are short so the test is quick; it asserts *that* the server
 * lets go, with the test timeout as the only bound, never how fast it is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerEnv } from '../../server/env.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { spawnServer, type SpawnedServer } from './spawn-server.ts';
import { SURVEY_ID, writeTestDefinitions } from './start-app.ts';

let dir: string;
let server: SpawnedServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'connection-limits-'));
  await writeTestDefinitions(join(dir, 'survey-definitions'));
  server = await spawnServer({
    DATA_DIR: join(dir, 'data'),
    DEFINITIONS_DIR: join(dir, 'survey-definitions'),
    REQUEST_TIMEOUT_MS: '1500',
    HEADERS_TIMEOUT_MS: '1000',
    MAX_CONNECTIONS: '3',
  });
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

function open(): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection. */
function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => {}); // a reset also counts as "let go"
    socket.once('close', () => resolve(text));
  });
}

describe('slow requests', () => {
  it('a body that never finishes gets 408 and the connection closed', async () => {
    const socket = await open();
    const answered = readUntilClosed(socket);
    const body = JSON.stringify(validSubmission(SURVEY_ID));
    socket.write(
      `POST /api/surveys/${SURVEY_ID}/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    expect(await answered).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('headers that never finish get 408 and the connection closed', async () => {
    const socket = await open();
    const answered = readUntilClosed(socket);
    socket.write('GET /api/surveys HTTP/1.1\r\nHost: x\r\nX-Slow: a');
    expect(await answered).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('MAX_CONNECTIONS', () => {
  it('closes connections beyond the cap at once, and accepts new ones when others end', async () => {
    const held = await Promise.all([open(), open(), open()]);
    // Let the server accept all three before the fourth arrives.
    for (const socket of held) socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.all(held.map((socket) => new Promise((resolve) => socket.once('data', resolve))));

    const extra = await open();
    const extraAnswer = readUntilClosed(extra);
    extra.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await extraAnswer).toBe(''); // dropped without an answer

    for (const socket of held) socket.destroy();
    // The server notices the closes asynchronously: retry until it has room again.
    let status = 0;
    while (status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await fetch(`${server.url}/healthz`).then(
        (response) => response.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
  });
});

describe('configuration', () => {
  it('has safe defaults and refuses nonsense with one line', () => {
    const env = parseServerEnv({});
    expect([env.REQUEST_TIMEOUT_MS, env.HEADERS_TIMEOUT_MS, env.MAX_CONNECTIONS]).toEqual([30_000, 10_000, 1000]);
    expect(() => parseServerEnv({ REQUEST_TIMEOUT_MS: '30' })).toThrow('bad configuration: REQUEST_TIMEOUT_MS="30" must be at least 100 (milliseconds, not seconds)');
    expect(() => parseServerEnv({ MAX_CONNECTIONS: '0' })).toThrow('bad configuration: MAX_CONNECTIONS="0" must be a whole number from 1 to 9999999');
    expect(() => parseServerEnv({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' })).toThrow(
      'bad configuration: HEADERS_TIMEOUT_MS="6000" must not be longer than REQUEST_TIMEOUT_MS (5000)',
    );
  });
});
