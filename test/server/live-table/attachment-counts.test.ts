/**
 * The dashboard's attachment counts (issue 22), on loopback with real SQLite files: GET …/attachment-counts answers,
 * per signaturepad and file question, how many of the selected responses attached something and how many files,
 * with the dashboard's filters (period, test answers, responses marked as test data by hand), hiding fewer
 * respondents than the survey's minimum; the live table and the store give the same answer; the answer and the
 * server's reports (JSON, HTML, the xlsx 集計表) hold no attachment content. Attachments of a response marked
 * as test data leave the zip and the export with it.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentCounts } from '../../../contracts/attachment-counts.ts';
import { createApp } from '../../../server/app.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import { dataUrl, makeJpeg, makePdf, makePng } from '../../fixtures/attachment-bytes.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

const SURVEY = 'road-damage-report';
let dir: string;
let store: ResponseStore;
let authStore: AuthStore;
let token: string;
let adminToken: string;
const servers: Server[] = [];
/** The app with live tables, and one that reads the store for every answer. */
let live: string;
let fromStore: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attachment-counts-'));
  await mkdir(join(dir, 'defs', SURVEY), { recursive: true });
  await cp(join(import.meta.dirname, '..', '..', 'fixtures', 'attachments', `${SURVEY}.json`), join(dir, 'defs', SURVEY, 'v1.json'));
  await cp(join(import.meta.dirname, '..', '..', 'fixtures', 'definitions', 'all-question-types.json'), join(dir, 'defs', 'all-question-types.json'));
  const definitions = await loadDefinitionCatalogFromDir(join(dir, 'defs'));
  store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  token = (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret;
  adminToken = (await createApiToken(authStore, { name: 'admin-automation', role: 'admin' })).secret;
  const start = async (liveTables: boolean) => {
    const app = createApp({
      store,
      definitions,
      authStore,
      liveTables,
      clientDir: join(dir, 'no-client'),
      auditLogPath: join(dir, 'audit.jsonl'),
      definitionsDir: join(dir, 'defs'),
      testMarkingsPath: join(dir, 'test-markings.jsonl'),
      abuseLimits: 'off',
    });
    const server: Server = await new Promise((resolve, reject) => {
      const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  live = await start(true);
  fromStore = await start(false);
}, 60_000);
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await store?.close();
  await authStore?.close();
  await rm(dir, { recursive: true, force: true });
});

const signature = dataUrl('image/png', makePng(300, 200));
const jpeg = { name: 'crack.jpg', type: 'image/jpeg', content: dataUrl('image/jpeg', makeJpeg(64, 48)) };
const png = { name: 'hole.png', type: 'image/png', content: dataUrl('image/png', makePng(40, 30)) };
const pdf = { name: 'map.pdf', type: 'application/pdf', content: dataUrl('application/pdf', makePdf()) };

async function post(data: Record<string, unknown>, meta: Record<string, unknown> = {}): Promise<string> {
  const submission = onlineSubmission(data);
  submission.meta = { ...submission.meta, ...meta } as typeof submission.meta;
  const response = await fetch(`${live}/api/surveys/${SURVEY}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission) });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const get = (base: string, path: string, bearer = token) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

async function counts(base: string, query = ''): Promise<AttachmentCounts> {
  const response = await get(base, `/api/surveys/${SURVEY}/attachment-counts${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as AttachmentCounts;
}

/** Both apps' answers, which must agree (the live table's columns and the store's records). */
async function bothCounts(query = ''): Promise<AttachmentCounts> {
  const [fromLive, streamed] = await Promise.all([counts(live, query), counts(fromStore, query)]);
  expect(fromLive).toEqual(streamed);
  return fromLive;
}

/** The text of every entry of a zip (stored or deflated), read from its central directory. */
function zipTexts(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const bytes = zip.subarray(start, start + size);
    texts.push((method === 8 ? inflateRawSync(bytes) : bytes).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return texts;
}

describe('attachment counts for the dashboard', () => {
  let marked: string;
  it('counts respondents and files per question, hides small numbers, and applies the filters', async () => {
    // Fewer than five who attached a photo: hidden; the signature (required) is counted.
    await post({ ward: '北区', consent: signature, photo: [jpeg, pdf] });
    await post({ ward: '東区', consent: signature });
    let answer = await bothCounts();
    expect(answer).toEqual({
      responses: 2,
      minGroupSize: 5,
      questions: [
        { question: 'photo', type: 'file', respondents: null, files: null, suppressed: true },
        { question: 'consent', type: 'signaturepad', respondents: null, files: null, suppressed: true },
      ],
    });
    await post({ ward: '中央区', consent: signature, photo: [png] });
    await post({ ward: '中央区', consent: signature, photo: [jpeg, png, pdf] });
    await post({ ward: '北区', consent: signature, photo: [png] });
    marked = await post({ ward: '北区', consent: signature, photo: [jpeg, png] });
    await post({ ward: '東区', consent: signature, photo: [pdf] });
    // A kiosk in test mode (issue 30): left out unless includeTest=1.
    await post({ ward: '東区', consent: signature, photo: [jpeg, png, pdf] }, { test: true });
    answer = await bothCounts();
    expect(answer.responses).toBe(7);
    expect(answer.questions).toEqual([
      { question: 'photo', type: 'file', respondents: 6, files: 10 },
      { question: 'consent', type: 'signaturepad', respondents: 7, files: 7 },
    ]);
    const withTest = await bothCounts('?includeTest=1');
    expect(withTest.responses).toBe(8);
    expect(withTest.questions[0]).toEqual({ question: 'photo', type: 'file', respondents: 7, files: 13 });
    // A period with none of them.
    const none = await bothCounts('?from=2020-01-01&to=2020-01-31');
    expect(none.responses).toBe(0);
    expect(none.questions.map((q) => [q.respondents, q.files])).toEqual([[0, 0], [0, 0]]);
    // Counts only: no content, name or type of any file.
    const text = JSON.stringify(withTest);
    expect(text).not.toMatch(/base64|data:|crack|map\.pdf/);
  });

  it('leaves out a response marked as test data by hand, and its attachments leave the zip and the export with it', async () => {
    const mark = await fetch(`${live}/api/surveys/${SURVEY}/test-markings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'staff tried the form', responseIds: [marked] }),
    });
    expect(mark.status, await mark.clone().text()).toBe(201);
    const answer = await bothCounts();
    expect(answer.responses).toBe(6);
    expect(answer.questions[0]).toEqual({ question: 'photo', type: 'file', respondents: 5, files: 8 });

    const zip = await get(live, `/api/surveys/${SURVEY}/responses/attachments`, adminToken);
    expect(zip.status).toBe(200);
    const entries = Buffer.from(await zip.arrayBuffer()).toString('latin1');
    expect(entries).not.toContain(`${marked}/`);
    const csv = await (await get(live, `/api/surveys/${SURVEY}/responses?format=csv&codes`)).text();
    expect(csv).not.toContain(marked);
    const withTest = await get(live, `/api/surveys/${SURVEY}/responses/attachments?includeTest=1`, adminToken);
    expect(Buffer.from(await withTest.arrayBuffer()).toString('latin1')).toContain(`${marked}/photo-1.jpg`);
  });

  it('answers 404 for a survey without attachment questions, 400 for a bad filter, 401 without a login', async () => {
    const none = await get(live, '/api/surveys/all-question-types/attachment-counts');
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no_attachments');
    const bad = await get(live, `/api/surveys/${SURVEY}/attachment-counts?ward=zz`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/unknown filter "ward"/);
    expect((await fetch(`${live}/api/surveys/${SURVEY}/attachment-counts`)).status).toBe(401);
  });
});

describe("the server's reports hold no attachment content", () => {
  // A data URL, a PNG's or JPEG's or PDF's first bytes in base64, or the files' names: none may reach a report.
  const CONTENT = /data:(image|application)\/|base64,|iVBORw0KGgo|\/9j\/|JVBERi0|crack\.jpg|hole\.png|map\.pdf/;

  it.each(['json', 'html'])('the %s report', async (format) => {
    for (const base of [live, fromStore]) {
      const response = await get(base, `/api/surveys/${SURVEY}/report?format=${format}&includeTest=1&locale=en`);
      expect(response.status, await response.clone().text()).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/never in a report/);
      expect(text).not.toMatch(CONTENT);
    }
  });

  it('the 集計表 workbook', async () => {
    const xlsx = await get(live, `/api/surveys/${SURVEY}/report?format=xlsx&includeTest=1`);
    expect(xlsx.status).toBe(200);
    const sheets = zipTexts(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheets.join('\n')).toContain('写真・資料');
    expect(sheets.join('\n')).not.toMatch(CONTENT);
  });

  it('the test itself: the pattern finds a stored data URL', async () => {
    const jsonl = await (await get(live, `/api/surveys/${SURVEY}/responses?format=jsonl&personalData=include`, adminToken)).text();
    expect(jsonl).toMatch(CONTENT);
  });
});
