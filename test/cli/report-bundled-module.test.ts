/**
 * Issue 24: the report's code is loaded from a bundle made on first use (cli/report/bundled-module.ts). The bundle must
 * never run stale code: it is rebuilt when one of its source files changes, and keeps `import.meta.url` as the
 * source's, so files found next to a source are still found.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledModule } from '../../cli/report/bundled-module.ts';

const root = mkdtempSync(join(tmpdir(), 'bundled-module-'));
const cacheDir = join(root, 'cache');
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function bundle(): Promise<{ url: URL | undefined; builds: string[] }> {
  const builds: string[] = [];
  const url = await bundledModule('src/entry.ts', { root, cacheDir, onBuild: (reason) => builds.push(reason) });
  return { url, builds };
}

describe('bundledModule', () => {
  it('builds once, reuses the bundle, and rebuilds when a source file changes', async () => {
    await mkdir(join(root, 'src', 'lib'), { recursive: true });
    await writeFile(join(root, 'src', 'entry.ts'), "export { value, where } from './lib/value.ts';\nexport const lazy = () => import('./lib/lazy.ts');\n");
    await writeFile(join(root, 'src', 'lib', 'value.ts'), 'export const value: number = 1;\nexport const where = import.meta.url;\n');
    await writeFile(join(root, 'src', 'lib', 'lazy.ts'), "export const lazyWhere = new URL('.', import.meta.url).href;\n");

    const first = await bundle();
    expect(first.builds).toEqual(['no bundle yet']);
    const loaded = await import(first.url!.href);
    expect(loaded.value).toBe(1);
    // import.meta as in the sources, in the entry's chunk and in a lazily imported one.
    expect(loaded.where).toBe(pathToFileURL(join(root, 'src', 'lib', 'value.ts')).href);
    expect((await loaded.lazy()).lazyWhere).toBe(pathToFileURL(join(root, 'src', 'lib')).href + '/');

    const again = await bundle();
    expect(again.builds).toEqual([]);
    expect(again.url!.href).toBe(first.url!.href);

    // A change to a file the entry imports (another size, so even a coarse clock sees it).
    await writeFile(join(root, 'src', 'lib', 'value.ts'), 'export const value: number = 22;\nexport const where = import.meta.url;\n');
    const changed = await bundle();
    expect(changed.builds).toEqual([`${join(root, 'src', 'lib', 'value.ts')} changed`]);
    expect(changed.url!.href).not.toBe(first.url!.href);
    expect((await import(changed.url!.href)).value).toBe(22);

    // Another change: a build replaced more than an hour ago is removed, the one replaced just now is kept (a report
    // that started on it may still load its lazy chunks).
    const folderOf = (url: URL) => dirname(fileURLToPath(url));
    const key = basename(folderOf(first.url!)).replace(/-[^-]+-[^-]+$/, '');
    const longAgo = join(cacheDir, `${key}-old-1`);
    await mkdir(longAgo);
    await utimes(longAgo, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await utimes(folderOf(first.url!), new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    // Built "two hours ago" too, but current until the next build replaces it: kept.
    await utimes(folderOf(changed.url!), new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await writeFile(join(root, 'src', 'lib', 'value.ts'), 'export const value: number = 333;\nexport const where = import.meta.url;\n');
    const third = await bundle();
    expect((await import(third.url!.href)).value).toBe(333);
    expect(existsSync(longAgo)).toBe(false);
    // The first build was replaced by the second more than "an hour" ago (its time set back): removed too.
    expect(existsSync(folderOf(first.url!))).toBe(false);
    expect(existsSync(folderOf(changed.url!))).toBe(true);
  });

  it('leaves shared files outside: a class from the bundle is the sources\' own', async () => {
    await writeFile(join(root, 'src', 'oops.ts'), 'export class Oops extends Error {}\n');
    await writeFile(join(root, 'src', 'thrower.ts'), "import { Oops } from './oops.ts';\nexport const fail = () => { throw new Oops('no'); };\n");
    const url = await bundledModule('src/thrower.ts', { root, cacheDir, shared: ['src/oops.ts'] });
    const { Oops } = await import(pathToFileURL(join(root, 'src', 'oops.ts')).href);
    const { fail } = await import(url!.href);
    expect(fail).toThrow(Oops);
    // Bundled, it would be a class of its own.
    const { fail: failBundled } = await import((await bundledModule('src/thrower.ts', { root, cacheDir }))!.href);
    expect(() => failBundled()).toThrow('no');
    expect(failBundled).not.toThrow(Oops);
  });

  it('gives no bundle when it cannot build one, or when SURVEY_TOOLKIT_BUNDLE=0', async () => {
    await writeFile(join(root, 'src', 'broken.ts'), 'export const = ;\n');
    expect(await bundledModule('src/broken.ts', { root, cacheDir })).toBeUndefined();
    const before = process.env.SURVEY_TOOLKIT_BUNDLE;
    process.env.SURVEY_TOOLKIT_BUNDLE = '0';
    try {
      expect(await bundledModule('src/entry.ts', { root, cacheDir })).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.SURVEY_TOOLKIT_BUNDLE;
      else process.env.SURVEY_TOOLKIT_BUNDLE = before;
    }
  });
});
