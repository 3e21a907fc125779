/** The server's start-up loader: real files in a temp folder. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDefinitionCatalogFromDir, loadDefinitionFiles, loadDefinitionsFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import { DEFINITIONS_DIR, readShipped } from '../../analysis/definitions/shipped-definition-files.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'definitions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(relativePath: string, content: unknown): Promise<void> {
  const file = join(dir, relativePath);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
}

describe('loadDefinitionCatalogFromDir', () => {
  it('loads the shipped definitions', async () => {
    const catalog = await loadDefinitionCatalogFromDir(DEFINITIONS_DIR);
    expect(catalog.list().map((d) => [d.id, d.version, d.audience, d.languages])).toEqual([
      ['citizen-needs', 1, 'citizen', ['ja', 'en']],
      ['staff-workstyle', 1, 'staff', ['ja', 'en']],
      ['ward-office-exit', 1, 'visitor', ['ja', 'en']],
    ]);
  });

  it('keeps an older version beside the current one', async () => {
    const v1 = readShipped('citizen-needs');
    await write('citizen-needs/v1.json', v1);
    await write('citizen-needs/v2.json', { ...v1, version: 2 });
    const catalog = await loadDefinitionCatalogFromDir(dir);
    expect([catalog.get('citizen-needs')?.version, catalog.versions('citizen-needs'), catalog.getVersion('citizen-needs', 1)?.source]).toEqual([
      2,
      [1, 2],
      join(dir, 'citizen-needs', 'v1.json'),
    ]);
  });

  it('refuses to load a broken definition, one line per problem', async () => {
    const broken = readShipped('staff-workstyle');
    broken.version = 0;
    broken.pages[1].elements[2].name = 'yearsOfService';
    await write('staff-workstyle/v1.json', broken);
    const file = join(dir, 'staff-workstyle', 'v1.json');
    await expect(loadDefinitionCatalogFromDir(dir)).rejects.toThrow(
      [
        `survey definitions in ${dir} have 3 problems:`,
        `${file}: "version" must be a positive integer, got 0`,
        `${file}: the file is named v1.json but "version" is 0`,
        `${file}: question "yearsOfService": the name is used twice, at pages[0].elements[0] and at pages[1].elements[2]: a radiogroup (single answer) and a checkbox (multiple answer) would share one value that cannot fit both, rename one`,
      ].join('\n'),
    );
  });

  it('names a file that is not valid JSON', async () => {
    await write('a/v1.json', '{ "id": "a", }');
    await expect(loadDefinitionCatalogFromDir(dir)).rejects.toThrow(new RegExp(`\\n${join(dir, 'a', 'v1.json')}: not valid JSON \\(`));
  });

  it('refuses an empty or missing folder', async () => {
    await expect(loadDefinitionCatalogFromDir(dir)).rejects.toThrow(`no survey definitions (*.json) found in ${dir}`);
    await expect(loadDefinitionCatalogFromDir(join(dir, 'nope'))).rejects.toThrow(`cannot read the definitions folder ${join(dir, 'nope')}: no such file or folder`);
  });
});

describe('loadDefinitionsFromDir (server start-up)', () => {
  // /healthz answers anyone: it names a broken file as it lies under DEFINITIONS_DIR, never the server's own paths.
  it('keeps every good definition and names each broken file, relative to the definitions folder, with its reasons', async () => {
    await write('citizen-needs/v1.json', readShipped('citizen-needs'));
    const broken = readShipped('staff-workstyle');
    broken.version = 0;
    broken.pages[1].elements[2].name = 'yearsOfService';
    await write('staff-workstyle/v1.json', broken);
    await write('zzz/v1.json', '{');
    const { catalog, broken: left } = await loadDefinitionsFromDir(dir);
    expect(catalog.list().map(({ id }) => id)).toEqual(['citizen-needs']);
    expect(left.map(({ file }) => file)).toEqual(['staff-workstyle/v1.json', 'zzz/v1.json']);
    expect(left[0].reason).toBe(
      '"version" must be a positive integer, got 0; the file is named v1.json but "version" is 0; ' +
        'question "yearsOfService": the name is used twice, at pages[0].elements[0] and at pages[1].elements[2]: a radiogroup (single answer) and a checkbox (multiple answer) would share one value that cannot fit both, rename one',
    );
    expect(left[1].reason).toMatch(/^not valid JSON \(/);
  });

  it('leaves out a definition the strict validator cannot take, even when every check rule passes', async () => {
    const json = readShipped('citizen-needs');
    // An obsolete trigger type (triggers of other types are recomputed: build-triggers.ts).
    json.triggers = [{ type: 'visible', expression: '{ward} = "kita"', questions: ['ward'] }];
    await write('citizen-needs/v1.json', json);
    await write('ward-office-exit/v1.json', readShipped('ward-office-exit'));
    const { catalog, broken } = await loadDefinitionsFromDir(dir);
    expect(catalog.list().map(({ id }) => id)).toEqual(['ward-office-exit']);
    expect(broken).toEqual([{ file: 'citizen-needs/v1.json', reason: expect.stringContaining('triggers') }]);
  });

  it('keeps the first of two files that claim one version, and names the second', async () => {
    const v1 = readShipped('citizen-needs');
    await write('citizen-needs/v1.json', v1);
    await write('citizen-needs/v2.json', v1);
    const { catalog, broken } = await loadDefinitionsFromDir(dir);
    expect(catalog.versions('citizen-needs')).toEqual([1]);
    expect(broken.map(({ file }) => file)).toEqual(['citizen-needs/v2.json']);
  });
});

describe('loadDefinitionFiles', () => {
  it('reads files and folders, recursively and sorted, and skips other files', async () => {
    // Not definitions: each is looked at and refused, which shows which files were read and in what order.
    await write('b/v1.json', { n: 2 });
    await write('a/nested/v1.json', { n: 1 });
    await write('a/README.md', '# not a definition');
    await write('single.json', '\uFEFF{"n": 3}');
    const load = await loadDefinitionFiles([join(dir, 'a'), join(dir, 'b'), join(dir, 'single.json')], dir);
    expect(load.files).toBe(3);
    expect(load.definitions).toEqual([]);
    expect([...new Set(load.problems.map((problem) => problem.source))]).toEqual([join('a', 'nested', 'v1.json'), join('b', 'v1.json'), 'single.json']);
    // Each was parsed (a byte-order mark too): what is wrong is the content, not the JSON.
    expect(load.problems.every((problem) => problem.message.startsWith('"pages" must be'))).toBe(true);
  });
});
