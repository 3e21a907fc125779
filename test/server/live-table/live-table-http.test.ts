/**
 * Issue 23, "Equivalence, proven", over HTTP: the real app on loopback, a real SQLite file, the shipped
 * definitions, an analyst's API token.
 *
 * 1. 1,500 synthesized ward-office-exit responses are posted on 40 connections at once (enrolled kiosks, one per
 *    ward), with retries of the same submissionId (at the same moment and later), a resend
 *    with the id in upper case, and conflicting reuses of an id, while the live report is read between them.
 *    Then the live report of each filter and option must be byte for byte the report the same server computes
 *    from the store (`liveTables: false`, same file), and, after a restart that rebuilds the tables, the CLI's
 *    report of the CLI's export of the same store.
 * 2. The same after `survey-toolkit migrate` imports into that file from a second process while the server runs
 *    (the live table follows the store's rowid on each read), with an invalid line in the middle of the input:
 *    migrate skips it, naming it by file and line, and imports every other line in the same run.
 * 3. A record whose answer no definition allows: migrate refuses it; one the store holds anyway (stored before
 *    that check, or under a definition since changed) makes both sides refuse every view that holds it, naming
 *    it, and they still agree on the views that do not.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { HealthStatus } from '../../../contracts/health.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { createApp } from '../../../server/app.ts';
import type { AuthStore } from '../../../server/auth/auth-store.ts';
import { createApiToken } from '../../../server/auth/create-api-token.ts';
import { openSqliteAuthStore } from '../../../server/auth/sqlite-auth-store.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import type { DefinitionCatalog } from '../../../analysis/definitions/definition-catalog.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';
import type { ResponseStore } from '../../../server/store/response-store.ts';
import { runCli } from '../../cli/run-cli.ts';
import { SHIPPED_DEFINITIONS } from '../auth/start-secure-app.ts';

const SURVEY = 'ward-office-exit';
const WARDS = ['chuo', 'kita', 'higashi', 'shiroishi', 'toyohira', 'minami', 'nishi', 'atsubetsu', 'teine', 'kiyota'];
const COUNT = 1500;
const CONNECTIONS = 40;

let dir: string;
let dataDir: string;
let storeFile: string;
let definitions: DefinitionCatalog;
let authStore: AuthStore;
let tokens: { analyst: string; admin: string };
let store: ResponseStore;
/** The app with live tables, and the same app reading every view from the store. */
let live: Listening;
let fromStore: Listening;

interface Listening {
  url: string;
  close: () => Promise<void>;
}

async function listen(options: { liveTables: boolean }): Promise<Listening> {
  const app = createApp({ store, definitions, authStore, clientDir: join(dir, 'no-client-build'), definitionsDir: SHIPPED_DEFINITIONS, auditLogPath: join(dir, 'audit.jsonl'), ...options });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Opens the store on the file and starts both apps on it; the live one is ready when this resolves. */
async function open(): Promise<void> {
  store = await openSqliteResponseStore(storeFile);
  live = await listen({ liveTables: true });
  fromStore = await listen({ liveTables: false });
  await tablesReady(live.url);
}

async function shut(): Promise<void> {
  await live?.close();
  await fromStore?.close();
  await store?.close();
}

/** Polls /healthz until every survey's table says ready. */
async function tablesReady(url: string): Promise<HealthStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as HealthStatus;
    const states = Object.values(health.tables ?? {}).map((table) => table.state);
    expect(states.length).toBeGreaterThan(0);
    expect(states).not.toContain('failed');
    if (states.every((state) => state === 'ready')) return health;
    if (Date.now() > deadline) throw new Error(`tables still building after 60 s: ${JSON.stringify(health.tables)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'live-table-http-'));
  dataDir = join(dir, 'data');
  await mkdir(dataDir);
  storeFile = join(dataDir, 'responses.sqlite');
  definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS);
  authStore = await openSqliteAuthStore(join(dir, 'auth.sqlite'));
  tokens = {
    analyst: (await createApiToken(authStore, { name: 'analyst-automation', role: 'analyst' })).secret,
    admin: (await createApiToken(authStore, { name: 'admin-automation', role: 'admin' })).secret,
  };
  await open();
});

afterAll(async () => {
  await shut();
  await authStore?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// Reading reports over HTTP and through the CLI

type Query = Record<string, string | string[]>;

function search(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const item of [value].flat()) params.append(name, item);
  return params.toString();
}

/**
 * A report as one canonical line: the compact JSON the server sends (a `generatedAt` key left out, if a report
 * ever has one), or `HTTP <status> <code>: <message>` when refused.
 */
async function httpReport(app: Listening, query: Query): Promise<string> {
  const url = `${app.url}/api/surveys/${SURVEY}/report?${search(query)}`;
  const get = () => fetch(url, { headers: { authorization: `Bearer ${tokens.analyst}` } });
  // A GET is safe to send again when a kept-alive connection was closed under it.
  const response = await get().catch(get);
  const text = await response.text();
  if (response.status !== 200) {
    const { error } = JSON.parse(text) as { error: { code: string; message: string } };
    return `HTTP ${response.status} ${error.code}: ${error.message}`;
  }
  return canonical(text);
}

function canonical(json: string): string {
  const { generatedAt: _ignored, ...report } = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify(report);
}

const FILTER_KEYS = new Set(['from', 'to', 'channel']);
const OPTION_FLAGS: Record<string, string> = { locale: '--locale', seed: '--seed', minGroupSize: '--min-group', crosstabBy: '--crosstab-by', by: '--by', pilot: '--pilot' };

/** The CLI's arguments for the same filter (export) and options (report) as a query of /report. */
function cliArgsOf(query: Query): { exportArgs: string[]; reportArgs: string[] } {
  const exportArgs: string[] = [];
  const reportArgs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    for (const item of [value].flat()) {
      if (FILTER_KEYS.has(name)) exportArgs.push(`--${name}`, item);
      else if (name === 'compare') reportArgs.push('--compare', `receivedAt:${item}`);
      else if (name in OPTION_FLAGS) reportArgs.push(OPTION_FLAGS[name], item);
      else exportArgs.push('--segment', `${name}=${item}`);
    }
  }
  return { exportArgs, reportArgs };
}

const cliEnv = () => ({ DATA_DIR: dataDir, DEFINITIONS_DIR: SHIPPED_DEFINITIONS, STORE: 'sqlite' });
let exports = 0;

/** `survey-toolkit export --format jsonl` of the filter, then `survey-toolkit report --format json` of that file. */
async function cliReport(query: Query): Promise<string> {
  const { exportArgs, reportArgs } = cliArgsOf(query);
  const file = join(dir, `export-${++exports}.jsonl`);
  // Comments unmasked: the report's comment samples show them as the analyst's /report does.
  const exported = await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--include-personal-data', '--out', file, ...exportArgs], { env: cliEnv() });
  expect(exported.stderr, `export ${exportArgs.join(' ')}`).toBe('');
  expect(exported.code).toBe(0);
  const reported = await runCli(['report', '--survey', SURVEY, '--input', file, '--definitions', SHIPPED_DEFINITIONS, '--format', 'json', '--no-text', ...reportArgs], { env: cliEnv() });
  if (reported.code !== 0) return `CLI ${reported.code}: ${reported.stderr.trim()}`;
  return canonical(reported.stdout);
}

/** The top-level keys whose values differ, so a failure says where before printing two long lines. */
function differingParts(actual: string, expected: string): string[] {
  if (!actual.startsWith('{') || !expected.startsWith('{')) return actual === expected ? [] : [`${actual.slice(0, 300)} ≠ ${expected.slice(0, 300)}`];
  const a = JSON.parse(actual) as Record<string, unknown>;
  const b = JSON.parse(expected) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

function expectSame(actual: string, expected: string, what: string): void {
  expect(differingParts(actual, expected), what).toEqual([]);
  expect(actual === expected, `${what}: byte-identical`).toBe(true);
}

// ---------------------------------------------------------------------------------------------------------------
// Submitting

interface Kiosk {
  kioskId: string;
  ward: string;
  credential: string;
}

async function enroll(ward: string): Promise<Kiosk> {
  const created = await fetch(`${live.url}/api/kiosks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
    body: JSON.stringify({ kioskId: `${ward}-01`, ward, surveyId: SURVEY }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { code } = (await created.json()) as { code: string };
  const redeemed = await fetch(`${live.url}/api/kiosks/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  expect(redeemed.status).toBe(201);
  return (await redeemed.json()) as Kiosk;
}

interface Post {
  body: Record<string, unknown>;
  /** The enrolled kiosk's credential: the exit survey needs a ward, which only an enrolled kiosk may give. */
  credential: string;
  expected: 201 | 200 | 409;
}

function submissionOf(record: ResponseRecord): Record<string, unknown> {
  const { surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } = record;
  return { surveyVersion, submissionId, channel, meta, startedAt, completedAt, data };
}

/**
 * Posts as a kiosk's queue does: a connection lost before an answer (a keep-alive socket the server closed just
 * then, on a loaded machine) is sent again with the same submissionId. Every status answered, in order.
 */
async function post({ body, credential }: Post): Promise<number[]> {
  const answered: number[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${live.url}/api/surveys/${SURVEY}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-credential': credential },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      answered.push(response.status);
      return answered;
    } catch (error) {
      if (attempt === 3) throw error;
      answered.push(0);
    }
  }
}

/** Runs `work` on every item with at most `connections` at a time; the first failure stops every worker. */
async function inParallel<T>(items: T[], connections: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < items.length && !failed) {
        const index = next++;
        try {
          await work(items[index], index);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------

/** Instants inside the period of the posts, for period filters: set while posting. */
const moments: string[] = [];
/** Filters of the comparisons; the period ones are filled in once the posts are done. */
const filters: Query[] = [];
const OPTIONS: Query[] = [
  { locale: 'ja' },
  { locale: 'en', seed: '7', minGroupSize: '8' },
  { locale: 'ja', crosstabBy: 'awareOnline', compare: '2025-07-01' },
  { locale: 'en', by: 'ageBand', compare: '2025-06-20', pilot: 'ward=chuo,kita' },
];

/** Every filter with one option set each in turn, and the unfiltered report with every option set. */
function cases(): Query[] {
  return [...OPTIONS.map((options) => ({ ...options })), ...filters.slice(1).map((filter, k) => ({ ...filter, ...OPTIONS[k % OPTIONS.length] }))];
}

/**
 * (a) live = the same server from the store, for every filter × option set; (b) live = the CLI's report of an
 * export, for `cli` (each costs two CLI processes).
 */
async function expectEquivalence(step: string, cli: Query[]): Promise<void> {
  for (const filter of filters) {
    for (const options of OPTIONS) {
      const query = { ...filter, ...options };
      const actual = await httpReport(live, query);
      expect(actual, `${step} ${search(query)}`).toMatch(/^\{/);
      expectSame(actual, await httpReport(fromStore, query), `${step}, live vs liveTables:false, ${search(query)}`);
    }
  }
  for (const query of cli) expectSame(await httpReport(live, query), await cliReport(query), `${step}, live vs CLI, ${search(query)}`);
}

describe('the live report over HTTP', () => {
  let records: ResponseRecord[];
  /** The live reports of each filter before the restart. */
  const before: Array<[Query, string]> = [];

  it('answers 40 connections posting 1,500 responses with retries, duplicates and conflicts, and reads between them see every acknowledged response', async () => {
    const kiosks = new Map<string, Kiosk>();
    for (const ward of WARDS) kiosks.set(ward, await enroll(ward));
    const definition = definitions.get(SURVEY)!;
    records = [...synthesizeResponses(definition, { count: COUNT, seed: 23 })];

    const posts: Post[] = [];
    const later: Post[] = [];
    records.forEach((record, k) => {
      const first: Post = { body: submissionOf(record), credential: kiosks.get(record.meta.ward as string)!.credential, expected: 201 };
      posts.push(first);
      // A tablet that lost the 201 sends again at once: both copies race; one stores, the other is a duplicate.
      if (k % 10 === 0) posts.push({ ...first, expected: 200 });
      // …or much later, with its id in capitals.
      if (k % 25 === 1) later.push({ ...first, body: { ...first.body, submissionId: (record.submissionId as string).toUpperCase() }, expected: 200 });
      // Another response under a stored id: refused, nothing stored.
      if (k % 50 === 7) later.push({ ...first, body: { ...first.body, data: { ...record.data, ageBand: record.data.ageBand === '30s' ? '40s' : '30s' } }, expected: 409 });
    });
    // The race copies go out back to back, so on separate connections at the same moment.
    const answers = new Map<string, number[]>();
    const answer = (item: Post, statuses: number[]) => {
      const key = `${item.expected === 409 ? 'conflict' : 'copy'} ${String(item.body.submissionId).toLowerCase()}`;
      answers.set(key, [...(answers.get(key) ?? []), ...statuses]);
    };
    /** Responses the server said it stored, by submissionId. */
    const acknowledged = new Set<string>();
    let posting = true;
    const reads: Array<{ acknowledgedBefore: number; responses: number; query: string }> = [];
    const reader = (async () => {
      for (let k = 0; posting; k++) {
        const query: Query = k % 2 === 0 ? { locale: 'ja' } : { ward: 'chuo' };
        const acknowledgedBefore = acknowledged.size;
        const text = await httpReport(live, query);
        expect(text, search(query)).toMatch(/^\{/);
        reads.push({ acknowledgedBefore, responses: (JSON.parse(text) as { responses: number }).responses, query: search(query) });
      }
    })();
    try {
      await inParallel(posts, CONNECTIONS, async (item, index) => {
        const statuses = await post(item);
        // 201, or 200 to a copy: either says the response is stored.
        if (statuses.at(-1) === 201 || statuses.at(-1) === 200) acknowledged.add(String(item.body.submissionId).toLowerCase());
        answer(item, statuses);
        if (index === Math.floor(posts.length / 3) || index === Math.floor((2 * posts.length) / 3)) moments.push(new Date().toISOString());
      });
      await inParallel(later, CONNECTIONS, async (item) => answer(item, await post(item)));
    } finally {
      posting = false;
      await reader;
    }

    // Each response was stored once: one 201 per submissionId, every other copy (racing or late) a 200, every
    // other response under a stored id a 409.
    expect(answers.size).toBe(COUNT + later.filter((item) => item.expected === 409).length);
    for (const [key, list] of answers) {
      const answered = list.filter((status) => status !== 0); // 0: the connection was lost, and it was sent again
      if (key.startsWith('conflict')) expect(answered, key).toEqual([409]);
      else {
        expect(answered.filter((status) => status === 201).length, key).toBeLessThanOrEqual(1);
        expect(answered.filter((status) => status !== 201 && status !== 200), key).toEqual([]);
      }
    }
    expect(acknowledged.size).toBe(COUNT);
    expect(await store.count({ surveyId: SURVEY })).toBe(COUNT);

    // A read never missed a response acknowledged before it began, and the whole survey only ever grew.
    expect(reads.length).toBeGreaterThan(2);
    for (const read of reads.filter((r) => r.query === 'locale=ja')) expect(read.responses, JSON.stringify(read)).toBeGreaterThanOrEqual(read.acknowledgedBefore);
    const whole = reads.filter((r) => r.query === 'locale=ja').map((r) => r.responses);
    expect(whole).toEqual([...whole].sort((a, b) => a - b));
    expect(JSON.parse(await httpReport(live, {})).responses).toBe(COUNT);

    const [t1, t2] = moments;
    filters.push({}, { ward: ['chuo', 'kita'] }, { channel: 'online' }, { from: t1 }, { channel: 'kiosk', ageBand: ['30s', '40s'] }, { from: t1, to: t2, ward: 'higashi,nishi,minami' });
  }, 240_000);

  it('equals the same server’s report from the store for every filter and option', async () => {
    await expectEquivalence('after the posts', []);
    for (const filter of filters) before.push([{ ...filter, locale: 'ja' }, await httpReport(live, { ...filter, locale: 'ja' })]);
    // The period filters are not empty, nor everything: they test something.
    const responses = (filter: Query) => (JSON.parse(before[filters.indexOf(filter)][1]) as { responses: number }).responses;
    // (Every post came from a kiosk: the exit survey needs a ward. Online responses arrive with the migrate below.)
    for (const filter of filters.slice(1)) if (filter.channel !== 'online') expect(responses(filter), search(filter)).toBeGreaterThan(0);
    expect(responses(filters[3])).toBeLessThan(COUNT);
  }, 120_000);

  it('answers the HTML report and a cross-tab CSV from the live table exactly as from the store', async () => {
    const download = async (app: Listening, query: string) => {
      const response = await fetch(`${app.url}/api/surveys/${SURVEY}/report?${query}`, { headers: { authorization: `Bearer ${tokens.analyst}` } });
      expect(response.status, query).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    for (const query of ['format=csv&locale=ja&crosstab=improvements&by=ward', 'format=csv&locale=en&crosstab=satisfaction.waiting&by=ageBand&ward=chuo,kita', 'format=html&locale=ja&channel=kiosk&ageBand=30s']) {
      const fromLive = await download(live, query);
      expect(fromLive.length, query).toBeGreaterThan(100);
      expect(fromLive.equals(await download(fromStore, query)), query).toBe(true);
    }
  }, 120_000);

  it('after a restart rebuilds the same table, and equals the CLI report of an export of the store', async () => {
    await shut();
    await open();
    for (const [query, report] of before) expectSame(await httpReport(live, query), report, `restart, ${search(query)}`);
    await expectEquivalence('after a restart', cases());
  }, 300_000);

  it('follows a migrate into the store by another process while the server runs; an invalid line in its input is skipped and named, every other one imported', async () => {
    const definition = definitions.get(SURVEY)!;
    // Imports come with their own receipt times (2025), older than the posts: the rows are out of receipt order.
    const imported = [...synthesizeResponses(definition, { count: 700, seed: 24 })].map((record, k) => (k % 4 === 1 ? { ...record, channel: 'online' as const } : record));
    const input = join(dir, 'migrate.jsonl');
    const bad = 650;
    const lines = imported.map((record) => JSON.stringify(record));
    // Records the store has already (the posted ones, with their stored id): skipped as duplicates.
    const stored: ResponseRecord[] = [];
    for await (const record of store.list({ surveyId: SURVEY })) if (stored.length < 30) stored.push(record);
    lines.splice(100, 0, ...stored.map((record) => JSON.stringify(record)));
    lines.splice(bad, 0, JSON.stringify({ ...imported[0], id: 'broken-1', submissionId: 'broken-1', channel: 'fax' }));
    await writeFile(input, `${lines.join('\n')}\n`);

    const responsesBefore = JSON.parse(await httpReport(live, {})).responses as number;
    // Views read while the other process writes: each answers, and the survey only grows.
    let migrating = true;
    const seen: number[] = [];
    const reader = (async () => {
      while (migrating) {
        const text = await httpReport(live, { locale: 'ja' });
        expect(text).toMatch(/^\{/);
        seen.push((JSON.parse(text) as { responses: number }).responses);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const migrated = await runCli(['migrate', '--from', `jsonl:${input}`, '--to', `sqlite:${dataDir}`], { env: cliEnv() }).finally(() => (migrating = false));
    await reader;
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBeGreaterThanOrEqual(responsesBefore);
    // The bad line is skipped and named by file and line; every other line is imported in the same run.
    expect(migrated.stderr.split('\n')[0]).toMatch(new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${bad + 1}: channel must be one of kiosk, online, got "fax"$`));
    expect(migrated.stderr).toContain('1 line was skipped, not copied');
    expect(migrated.code).toBe(1); // done, with a line not copied: a script notices
    expect(migrated.stdout).toContain(
      `  ${SURVEY}  ${lines.length} read  ${imported.length} written   ${stored.length} already there (skipped)    1 invalid (skipped)`,
    );
    expect(await store.count({ surveyId: SURVEY })).toBe(COUNT + imported.length);
    // The next read includes every row the other process stored.
    expect(JSON.parse(await httpReport(live, {})).responses).toBe(COUNT + imported.length);
    // Run again without the bad line: everything is there already, nothing is written.
    const fixed = lines.filter((_, k) => k !== bad);
    await writeFile(input, `${fixed.join('\n')}\n`);
    const again = await runCli(['migrate', '--from', `jsonl:${input}`, '--to', `sqlite:${dataDir}`], { env: cliEnv() });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`  ${SURVEY}  ${fixed.length} read    0 written  ${fixed.length} already there (skipped)`);
    expect(await store.count({ surveyId: SURVEY })).toBe(COUNT + imported.length);
    // The imports' own period (days in Japan time), which no post falls in.
    const periods: Query[] = [{ from: '2025-06-10', to: '2025-07-05' }, { from: '2025-06-10', channel: 'online', ward: 'chuo,kita,higashi' }];
    filters.push(...periods);
    // Against the CLI: the whole survey (now out of receipt order) and the filters the imports changed.
    const changed = [{}, { channel: 'online' }, ...periods];
    await expectEquivalence('after migrate', changed.map((filter, k) => ({ ...filter, ...OPTIONS[k % OPTIONS.length] })));
  }, 300_000);

  it('refuses, as the store and the CLI do, every view holding a stored record the definition does not allow (which migrate no longer imports), and agrees on the others', async () => {
    const definition = definitions.get(SURVEY)!;
    const [record] = [...synthesizeResponses(definition, { count: 1, seed: 25 })];
    const unreadable = { ...record, id: 'unreadable-1', submissionId: 'unreadable-1', channel: 'kiosk' as const, meta: { ...record.meta, ward: 'chuo' }, data: { ...record.data, ageBand: '120s' } };
    const input = join(dir, 'unreadable.jsonl');
    await writeFile(input, `${JSON.stringify(unreadable)}\n`);
    const storedBefore = await store.count({ surveyId: SURVEY });
    // migrate reads it as the analysis does, and refuses it: skipped, named, nothing written.
    const migrated = await runCli(['migrate', '--from', `jsonl:${input}`, '--to', `sqlite:${dataDir}`], { env: cliEnv() });
    expect(migrated.code).toBe(1);
    expect(migrated.stderr).toContain(`${input}:1: answer to "ageBand" is "120s", which the definitions do not offer`);
    expect(await store.count({ surveyId: SURVEY })).toBe(storedBefore);
    // A store may hold one all the same (stored before that check, or under a definition since changed).
    expect(await store.importRecords([unreadable])).toMatchObject([{ id: 'unreadable-1', duplicate: false }]);

    const holding: Query = { ward: 'chuo', locale: 'ja' };
    const refused = await httpReport(live, holding);
    expect(refused).toMatch(/^HTTP 400 invalid_report_request: stored response unreadable-1: /);
    expect(await httpReport(fromStore, holding)).toBe(refused);
    expect(await cliReport(holding)).toMatch(/^CLI 1: .*export-\d+\.jsonl:\d+: /);
    const without: Query = { channel: 'online', locale: 'en' };
    expectSame(await httpReport(live, without), await httpReport(fromStore, without), 'online only, live vs liveTables:false');
    expectSame(await httpReport(live, without), await cliReport(without), 'online only, live vs CLI');
  }, 120_000);
});

