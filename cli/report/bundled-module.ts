/**
 * Issue 24: the report's code loaded as one pre-bundled JavaScript file instead of ~500 TypeScript modules through
 * tsx's loader hooks. Loading them under tsx cost a report ~1.2 s of CPU before it read a byte (a 10-line report:
 * 1.1–1.3 s CPU under tsx, 0.5–0.6 s from a bundle), and a reader thread ~0.6–1 s before it could start.
 *
 * ADR 0003 (no build step between `npm install` and `npx`) stays true: the bundle is made on first use with esbuild (a
 * dependency already: tsx runs on it) into node_modules/.cache/survey-toolkit/, never committed, and made again when
 * any of its source files changed (size or modification time; the list of files is esbuild's own). When it cannot be
 * made or checked (a read-only install, esbuild missing), the TypeScript is loaded through tsx as before: slower,
 * never different.
 *
 * The bundled code behaves as the sources do: packages stay outside the bundle (imported from node_modules as before),
 * dynamic imports stay lazy (their own chunks, named after the imported file), and `import.meta.url`, `.dirname` and
 * `.filename` keep the values they have in each source file, so files found next to the sources are still found.
 */
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { bundleCacheDir, bundleKey, changedInput, readManifest, type Manifest } from './bundle-manifest.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BundleOptions {
  /** The repository the entry belongs to (default: this one). */
  root?: string;
  /** Where bundles are kept (default: `<root>/node_modules/.cache/survey-toolkit`). */
  cacheDir?: string;
  /**
   * Source files (relative to the repository) imported from the sources, not bundled: those whose classes the caller
   * shares with the bundle (a CliError thrown in the bundle must be the one `cli/main.ts` checks with `instanceof`).
   */
  shared?: readonly string[];
  /** Called when a bundle is (re)built, with why (tests). */
  onBuild?: (reason: string) => void;
}

/**
 * The URL of an up-to-date bundle of `entry` (a path relative to the repository, e.g. `cli/report/run-report.ts`),
 * built first when there is none or a source changed; undefined when no bundle can be had (load `entry` itself then).
 * SURVEY_TOOLKIT_BUNDLE=0 turns bundling off (to compare, or to debug with the sources' own stack traces).
 */
export async function bundledModule(entry: string, options: BundleOptions = {}): Promise<URL | undefined> {
  if (process.env.SURVEY_TOOLKIT_BUNDLE === '0') return undefined;
  const root = options.root ?? ROOT;
  const cacheDir = options.cacheDir ?? bundleCacheDir(root);
  const key = bundleKey(root, entry, options.shared ?? []);
  const manifestFile = join(cacheDir, `${key}.json`);
  try {
    const manifest = await readManifest(manifestFile);
    const stale = manifest ? await changedInput(manifest) : 'no bundle yet';
    if (manifest && stale === undefined) return pathToFileURL(join(cacheDir, manifest.entry));
    options.onBuild?.(stale!);
    return pathToFileURL(join(cacheDir, await build(root, entry, cacheDir, key, manifestFile, options.shared ?? [])));
  } catch {
    return undefined;
  }
}

async function build(root: string, entry: string, cacheDir: string, key: string, manifestFile: string, shared: readonly string[]): Promise<string> {
  const esbuild = await import('esbuild');
  await mkdir(cacheDir, { recursive: true });
  // A folder of its own per build: a process still running an older bundle keeps its files.
  const folder = `${key}-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(cacheDir, folder);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    outdir,
    // .mjs: files under node_modules are outside the package's "type": "module".
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'silent',
    plugins: [packagesOutside, sharedOutside(new Set(shared.map((file) => join(root, file)))), keepImportMeta],
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => join(root, input));
  // Stat after building: a file edited during the build is caught only by its next change (a window of ~0.5 s).
  const manifest: Manifest = {
    entry: join(folder, `${basename(entry).replace(/\.[^.]+$/, '')}.mjs`),
    inputs: await Promise.all(
      inputs.map(async (file): Promise<[string, number, number]> => {
        const { size, mtimeMs } = await stat(file);
        return [file, size, mtimeMs];
      }),
    ),
  };
  const partial = `${manifestFile}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify(manifest));
  // The build this one replaces gets the time it was replaced, from which removeOldBuilds counts.
  const replaced = await readManifest(manifestFile).catch(() => undefined);
  if (replaced) await utimes(join(cacheDir, dirname(replaced.entry)), new Date(), new Date()).catch(() => {});
  await rename(partial, manifestFile); // atomic: a concurrent reader sees the old manifest or the new one
  await removeOldBuilds(cacheDir, key, folder);
  return manifest.entry;
}

/**
 * Earlier builds of this entry, an hour after they were replaced (their folder's time): a report that started on one
 * may still load its lazy chunks for a while, never for an hour.
 */
async function removeOldBuilds(cacheDir: string, key: string, keep: string): Promise<void> {
  const hourAgo = Date.now() - 3600_000;
  for (const name of await readdir(cacheDir)) {
    if (name === keep || !name.startsWith(`${key}-`) || name.endsWith('.json') || name.endsWith('.tmp')) continue;
    const { mtimeMs } = await stat(join(cacheDir, name)).catch(() => ({ mtimeMs: Infinity }));
    if (mtimeMs < hourAgo) await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

/**
 * Packages a report loads every time, and that are plain JavaScript without files of their own to find: inside the
 * bundle. Under tsx every module of a package also goes through its loader hooks: survey-core took 0.2–0.34 s and zod
 * 0.21–0.25 s to import that way, against 0.08–0.11 s and 0.06–0.08 s without hooks (2026-12-07, load ≈ 2.3).
 */
const INLINE_PACKAGES = new Set(['survey-core', 'zod']);

/** Every other package stays outside, imported from node_modules as the sources import it. */
const packagesOutside: Plugin = {
  name: 'packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return INLINE_PACKAGES.has(name) ? undefined : { path, external: true };
    });
  },
};

/** The shared source files imported by their file URL, the same module the caller loaded. */
function sharedOutside(files: ReadonlySet<string>): Plugin {
  return {
    name: 'shared-outside',
    setup(build) {
      build.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
        const file = join(resolveDir, path);
        return files.has(file) ? { path: pathToFileURL(file).href, external: true } : undefined;
      });
    },
  };
}

/** `import.meta.url`, `.dirname` and `.filename` as in the source file, not the bundle's. */
const keepImportMeta: Plugin = {
  name: 'keep-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, property: string) =>
        JSON.stringify(property === 'url' ? pathToFileURL(path).href : property === 'dirname' ? dirname(path) : path),
      );
      return { contents, loader: /\.[cm]?ts$/.test(path) ? 'ts' : 'js' };
    });
  },
};
