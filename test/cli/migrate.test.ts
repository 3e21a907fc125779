/**
 * `survey-toolkit migrate`: SQLite → JSONL → SQLite keeps every field of every
 * record, and running it again writes nothing. A line that is not a record, or a
 * record the analysis cannot read against the definitions, is skipped and named,
 * and every other one copied. The MongoDB leg runs when MONGODB_URI is set, and is
 * reported as skipped otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { main } from '../../cli/main.ts';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { dropTestDatabase, MONGODB_URI, uniqueTestDbName, uriWithDatabase } from '../store/mongodb-test-database.ts';
import { newResponse } from '../store/new-response.ts';
import { asStored, seededRecords } from '../store/seeded-records.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SHIPPED_DEFINITIONS = join(ROOT, 'survey-definitions');

let definitions: DefinitionCatalog;
beforeAll(async () => {
  definitions = await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS);
});

/**
 * Exit-survey records valid against the shipped definitions, as the server stores them. (seededRecords carries
 * answers no definition offers, on purpose: migrate into a store now refuses those.)
 */
function validRecords(count: number, seed: number): ResponseRecord[] {
  return asStored([...synthesizeResponses(definitions.get('ward-office-exit')!, { count, seed })]);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'migrate-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process; resolves to its exit code and what it printed. */
async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts) => void stdout.push(parts.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts) => void stderr.push(parts.join(' ')));
  try {
    const code = await main(args);
    return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** A SQLite store in `dataDir` filled through the server's own insert path, with awkward answers among ordinary ones. */
async function seedSqliteStore(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const store = await openSqliteResponseStore(join(dataDir, 'responses.sqlite'));
  const seeded = validRecords(1100, 5);
  await Promise.all(seeded.map(({ id, receivedAt, ...response }) => store.insert(response)));
  await Promise.all(Array.from({ length: 100 }, (_, i) => store.insert(newResponse({ surveyId: 'citizen-needs', channel: 'online', meta: { locale: 'en' }, data: { n: i } }))));
  await store.insert(
    newResponse({
      surveyId: 'staff-workstyle',
      data: JSON.parse('{"__proto__":{"polluted":"yes"},"comment":"「書かない窓口」😀\\n\\u0000","a.b":{"$ref":"x"},"big":9007199254740991,"nested":[1.5,null,true]}'),
    }),
  );
  await store.close();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Records in the order readAll lists them: by survey, then as the store lists one (receivedAt, then stored order). */
function sortedAsListed(records: ResponseRecord[]): ResponseRecord[] {
  return records.map((record, k) => ({ record, k })).sort((x, y) => x.record.receivedAt.localeCompare(y.record.receivedAt) || x.k - y.k).map(({ record }) => record);
}

async function readAll(file: string): Promise<ResponseRecord[]> {
  const store = await openSqliteResponseStore(file);
  const records: ResponseRecord[] = [];
  for (const surveyId of ['citizen-needs', 'staff-workstyle', 'ward-office-exit']) {
    for await (const record of store.list({ surveyId })) records.push(record);
  }
  await store.close();
  return records;
}

describe('survey-toolkit migrate', () => {
  it('round-trips SQLite → JSONL → SQLite with every field identical, and writes nothing when run again', async () => {
    const [a, b, jsonl] = [join(dir, 'a'), join(dir, 'b'), join(dir, 'export', 'all.jsonl')];
    await seedSqliteStore(a);

    const toJsonl = await runCli('migrate', '--from', `sqlite:${a}`, '--to', `jsonl:${jsonl}`);
    expect(toJsonl).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `migrated sqlite:${a}/responses.sqlite → jsonl:${jsonl}`,
        '  citizen-needs      100 read   100 written     0 already there (skipped)',
        '  staff-workstyle      1 read     1 written     0 already there (skipped)',
        '  ward-office-exit  1100 read  1100 written     0 already there (skipped)',
        '  total             1201 read  1201 written     0 already there (skipped)',
      ].join('\n'),
    });
    const back = await runCli('migrate', '--from', `jsonl:${jsonl}`, '--to', `sqlite:${b}`);
    expect(back.stdout).toContain('  total             1201 read  1201 written     0 already there (skipped)');

    const original = await readAll(join(a, 'responses.sqlite'));
    expect(original).toHaveLength(1201);
    expect(await readAll(join(b, 'responses.sqlite'))).toStrictEqual(original);

    // Again, both legs: everything is already there.
    const again = [await runCli('migrate', '--from', `sqlite:${a}`, '--to', `jsonl:${jsonl}`), await runCli('migrate', '--from', `jsonl:${jsonl}`, '--to', `sqlite:${b}`)];
    for (const run of again) expect(run.stdout).toContain('  total             1201 read     0 written  1201 already there (skipped)');
    expect((await readFile(jsonl, 'utf8')).trimEnd().split('\n')).toHaveLength(1201);
    expect(await readAll(join(b, 'responses.sqlite'))).toStrictEqual(original);
  });

  it('skips only what the target already has, keeping the target\'s own record', async () => {
    const [source, target] = [join(dir, 'source.jsonl'), join(dir, 'target.jsonl')];
    const records = asStored(seededRecords(5, 8));
    // The same response, copied before under another id and with its keys in another order.
    const alreadyThere = { ...records[1], id: 'target-own-id', data: Object.fromEntries(Object.entries(records[1].data).reverse()) };
    await writeFile(source, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await writeFile(target, JSON.stringify(alreadyThere)); // no final newline: appending must not join lines

    const run = await runCli('migrate', '--from', `jsonl:${source}`, '--to', `jsonl:${target}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  ward-office-exit  5 read  4 written  1 already there (skipped)');
    const lines = (await readFile(target, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([alreadyThere, records[0], records[2], records[3], records[4]]);
  });

  it('counts another response under a known submissionId as a conflict, not as "already there" (issue 13)', async () => {
    const [source, target] = [join(dir, 'source.jsonl'), join(dir, 'target')];
    const records = validRecords(4, 9);
    await mkdir(target, { recursive: true });
    const store = await openSqliteResponseStore(join(target, 'responses.sqlite'));
    const other = { ...validRecords(1, 10)[0], id: 'target-other', submissionId: records[2].submissionId };
    await store.importRecords([other]);
    await store.close();
    await writeFile(source, records.map((r) => JSON.stringify(r)).join('\n') + '\n');

    const run = await runCli('migrate', '--from', `jsonl:${source}`, '--to', `sqlite:${target}`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  ward-office-exit  4 read  3 written  0 already there (skipped)  1 conflicting (not copied)');
    expect(run.stderr).toContain(`1 record was not copied: the target holds a different response under the same submissionId (ward-office-exit: ${records[2].submissionId})`);
    const stored = await readAll(join(target, 'responses.sqlite'));
    expect(stored.find((r) => r.submissionId === records[2].submissionId)).toStrictEqual(other);
    expect(stored).toHaveLength(4);
  });

  it('skips each line that is not a record or that the definitions do not allow, names it, and copies every other one', async () => {
    const [source, b] = [join(dir, 'mixed.jsonl'), join(dir, 'b')];
    const good = validRecords(6, 9);
    const [first] = good;
    const broken = (id: string, change: Partial<Record<keyof ResponseRecord, unknown>>) => JSON.stringify({ ...first, id, submissionId: id, ...change });
    const lines = [
      JSON.stringify(good[0]),
      '{"id": "x",', // 2: cut short
      JSON.stringify(good[1]),
      broken('fax', { channel: 'fax' }), // 4: not a stored record's shape
      '', // blank: not a line to name
      broken('too-old', { data: { ...first.data, ageBand: '120s' } }), // 6: an answer no definition offers
      JSON.stringify(good[2]),
      broken('v9', { surveyVersion: 9 }), // 8: a version the definitions lack
      broken('typo', { surveyId: 'ward-ofice-exit' }), // 9: a survey they lack
      '[1, 2]', // 10
      JSON.stringify(good[3]),
      JSON.stringify(good[4]),
      JSON.stringify(good[5]),
    ];
    await writeFile(source, `${lines.join('\n')}\n`);

    const run = await runCli('migrate', '--from', `jsonl:${source}`, '--to', `sqlite:${b}`, '--definitions', SHIPPED_DEFINITIONS);
    expect(run.code).toBe(1); // done, but not everything: a script notices
    const named = run.stderr.split('\n');
    expect(named.slice(0, 6)).toEqual([
      expect.stringMatching(new RegExp(`^${escape(source)}:2: not valid JSON \\(.+\\)$`)),
      `${source}:4: channel must be one of kiosk, online, got "fax"`,
      expect.stringMatching(new RegExp(`^${escape(source)}:6: answer to "ageBand" is "120s", which the definitions do not offer \\(`)),
      `${source}:8: surveyVersion 9 has no definition (known versions: 1)`,
      `${source}:9: survey "ward-ofice-exit" has no definition in ${SHIPPED_DEFINITIONS} (known: citizen-needs, staff-workstyle, ward-office-exit)`,
      `${source}:10: not a JSON object: [1, 2]`,
    ]);
    expect(named.slice(6).join('\n')).toBe(
      `6 lines were skipped, not copied: not stored records, or ones the definitions in ${SHIPPED_DEFINITIONS} do not allow (named above). ` +
        'Every other record was copied. Fix them (or the definitions) and run migrate again: what is there already is skipped.',
    );
    expect(run.stdout).toBe(
      [
        `migrated jsonl:${source} → sqlite:${b}/responses.sqlite`,
        '  ward-office-exit   9 read   6 written   0 already there (skipped)   3 invalid (skipped)',
        '  ward-ofice-exit    1 read   0 written   0 already there (skipped)   1 invalid (skipped)',
        '  (no survey)        2 read   0 written   0 already there (skipped)   2 invalid (skipped)',
        '  total             12 read   6 written   0 already there (skipped)   6 invalid (skipped)',
      ].join('\n'),
    );
    expect(await readAll(join(b, 'responses.sqlite'))).toStrictEqual(sortedAsListed(good));

    // Fixed, and run again: only the fixed line is new.
    await writeFile(source, `${[...lines.slice(0, 5), broken('too-old', { data: { ...first.data, ageBand: '70_plus' } }), ...lines.slice(6, 7), ...lines.slice(10)].join('\n')}\n`);
    const again = await runCli('migrate', '--from', `jsonl:${source}`, '--to', `sqlite:${b}`, '--definitions', SHIPPED_DEFINITIONS);
    expect(again.stderr).toMatch(new RegExp(`^${escape(source)}:2: not valid JSON`));
    expect(again.stdout).toContain('  ward-office-exit  8 read  1 written  6 already there (skipped)  1 invalid (skipped)');
    expect(await readAll(join(b, 'responses.sqlite'))).toHaveLength(7);
  });

  it('names the first 20 skipped lines and counts the rest', async () => {
    const source = join(dir, 'many.jsonl');
    const [good] = validRecords(1, 11);
    await writeFile(source, [JSON.stringify(good), ...Array.from({ length: 25 }, (_, k) => `not json ${k}`)].join('\n'));
    const run = await runCli('migrate', '--from', `jsonl:${source}`, '--to', `sqlite:${join(dir, 'b')}`, '--definitions', SHIPPED_DEFINITIONS);
    expect(run.code).toBe(1);
    const stderr = run.stderr.split('\n');
    expect(stderr.slice(0, 20).every((line, k) => line.startsWith(`${source}:${k + 2}: not valid JSON`))).toBe(true);
    expect(stderr[20]).toBe('… and 5 more');
    expect(stderr[21]).toMatch(/^25 lines were skipped, not copied: .* \(the first 20 named above\)\. /);
    expect(run.stdout).toContain('  total             26 read   1 written   0 already there (skipped)  25 invalid (skipped)');
  });

  it('names the field that makes a record unusable, quoting its value, and copies the rest', async () => {
    const [source, out] = [join(dir, 'bad.jsonl'), join(dir, 'out.jsonl')];
    const [good, next] = asStored(seededRecords(2, 10));
    await writeFile(source, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, channel: 'fax' })}\n${JSON.stringify(next)}\n`);
    const run = await runCli('migrate', '--from', `jsonl:${source}`, '--to', `jsonl:${out}`);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`${source}:2: channel must be one of kiosk, online, got "fax"`);
    expect((await readFile(out, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual([good, next]);
  });

  it('into a store reads records against DEFINITIONS_DIR; a JSONL backup keeps every record unless --definitions is given', async () => {
    const [a, backup, checked, b] = [join(dir, 'a'), join(dir, 'backup.jsonl'), join(dir, 'checked.jsonl'), join(dir, 'b')];
    const [ok, other] = validRecords(2, 12);
    // Records a store may hold that the definitions no longer allow (put there before this check, or by hand).
    const unreadable = { ...other, id: 'unreadable-1', data: { ...other.data, ageBand: '120s' } };
    await mkdir(a, { recursive: true });
    const store = await openSqliteResponseStore(join(a, 'responses.sqlite'));
    await store.importRecords([ok, unreadable]);
    await store.close();

    // A backup is a copy of the store as it is.
    const toBackup = await runCli('migrate', '--from', `sqlite:${a}`, '--to', `jsonl:${backup}`);
    expect(toBackup).toMatchObject({ code: 0, stderr: '' });
    expect((await readFile(backup, 'utf8')).trimEnd().split('\n')).toHaveLength(2);
    // …unless asked to check it.
    const toChecked = await runCli('migrate', '--from', `sqlite:${a}`, '--to', `jsonl:${checked}`, '--definitions', SHIPPED_DEFINITIONS);
    expect(toChecked.code).toBe(1);
    expect(toChecked.stderr.split('\n')[0]).toMatch(new RegExp(`^sqlite:${escape(a)}/responses\\.sqlite: response unreadable-1: answer to "ageBand" is "120s", which the definitions do not offer`));
    expect(toChecked.stderr).toContain('1 record was skipped, not copied');
    expect((await readFile(checked, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line).id)).toEqual([ok.id]);

    // Into a store, with the definitions the server reads (DEFINITIONS_DIR), the unreadable one stays out.
    vi.stubEnv('DEFINITIONS_DIR', SHIPPED_DEFINITIONS);
    const restored = await runCli('migrate', '--from', `jsonl:${backup}`, '--to', `sqlite:${b}`);
    expect(restored.code).toBe(1);
    expect(restored.stderr.split('\n')[0]).toMatch(new RegExp(`^${escape(backup)}:2: answer to "ageBand" is "120s"`));
    expect((await readAll(join(b, 'responses.sqlite'))).map((record) => record.id)).toEqual([ok.id]);

    // Definitions that cannot be read stop it before anything is copied.
    vi.stubEnv('DEFINITIONS_DIR', join(dir, 'no-definitions'));
    const nowhere = await runCli('migrate', '--from', `jsonl:${backup}`, '--to', `sqlite:${join(dir, 'c')}`);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/^survey-toolkit migrate: cannot read the definitions folder .*no-definitions.*: give --definitions DIR or set DEFINITIONS_DIR\)$/);
    expect(nowhere.stdout).toBe('');
  });

  it('says in --help what it checks, what it skips and what its exit codes mean', async () => {
    const help = await runCli('migrate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('[--definitions DIR]');
    expect(help.stdout).toContain('FILE:LINE: reason');
    expect(help.stdout).toContain('Exit code 0: every record copied or already there;');
  });

  it('refuses unknown locations, a missing source store and the same place twice', async () => {
    expect(await runCli('migrate', '--from', 'postgres://db/x', '--to', `jsonl:${join(dir, 'x.jsonl')}`)).toMatchObject({
      code: 2,
      stderr: 'survey-toolkit migrate: --from "postgres://db/x": must be sqlite:DIR (the server\'s DATA_DIR) or sqlite:FILE.sqlite, jsonl:FILE, or mongodb://…',
    });
    expect(await runCli('migrate', '--from', `sqlite:${join(dir, 'nowhere')}`, '--to', `jsonl:${join(dir, 'x.jsonl')}`)).toMatchObject({
      code: 1,
      stderr: `survey-toolkit migrate: --from sqlite: no response store at ${join(dir, 'nowhere', 'responses.sqlite')}`,
    });
    expect(await runCli('migrate', '--from', `jsonl:${join(dir, 'x.jsonl')}`, '--to', `jsonl:${dir}/./x.jsonl`)).toMatchObject({ code: 2 });
    expect((await runCli('migrate', '--from', `jsonl:${join(dir, 'x.jsonl')}`)).stderr).toContain('needs both --from and --to');
  });

  it('runs as `survey-toolkit migrate` from the command line', async () => {
    const jsonl = join(dir, 'one.jsonl');
    await writeFile(jsonl, JSON.stringify(validRecords(1, 12)[0]) + '\n');
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'survey-toolkit.js'), 'migrate', '--from', `jsonl:${jsonl}`, '--to', `sqlite:${join(dir, 'data')}`], {
      encoding: 'utf8',
      cwd: ROOT, // the definitions by default: ./survey-definitions
      env: { ...process.env, DEFINITIONS_DIR: '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  ward-office-exit  1 read  1 written  0 already there (skipped)');
  });
});

if (!MONGODB_URI) it.skip('MONGODB_URI not set — MongoDB migration round trip skipped', () => {});

describe.skipIf(!MONGODB_URI)('survey-toolkit migrate with MongoDB at MONGODB_URI', () => {
  it('round-trips SQLite → MongoDB → SQLite with every field identical, twice without duplicates', async () => {
    const dbName = uniqueTestDbName('migrate');
    const uri = uriWithDatabase(MONGODB_URI!, dbName);
    try {
      const [a, b] = [join(dir, 'a'), join(dir, 'b')];
      await seedSqliteStore(a);
      for (let run = 0; run < 2; run++) {
        const there = await runCli('migrate', '--from', `sqlite:${a}`, '--to', uri);
        const back = await runCli('migrate', '--from', uri, '--to', `sqlite:${b}`);
        const expected = run === 0 ? '1201 written     0 already there' : '   0 written  1201 already there';
        expect(there.stdout).toContain(`total             1201 read  ${expected}`);
        expect(back.stdout).toContain(`total             1201 read  ${expected}`);
      }
      expect(await readAll(join(b, 'responses.sqlite'))).toStrictEqual(await readAll(join(a, 'responses.sqlite')));
    } finally {
      await dropTestDatabase(MONGODB_URI!, dbName);
    }
  });
});
