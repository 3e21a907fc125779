// Issue 24: whether a bundle made by cli/report/bundled-module.ts is still up to date, in plain JavaScript, so that
// bin/survey-toolkit.js can load the report's bundle without registering tsx first (~0.3 s of start-up). The one
// place that names a bundle's manifest and decides whether it is fresh: bundled-module.ts imports these too.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where bundles of the repository at `root` are kept. */
export function bundleCacheDir(root) {
  return join(root, 'node_modules', '.cache', 'survey-toolkit');
}

/** One manifest per repository and entry: two checkouts sharing node_modules (a worktree) do not rebuild each other's. */
export function bundleKey(root, entry, shared = []) {
  const name = basename(entry).replace(/\.[^.]+$/, '');
  return `${name}-${createHash('sha256').update(`${root}\0${entry}\0${shared}`).digest('hex').slice(0, 12)}`;
}

/** The manifest in `file`, or undefined when there is none (or it is not one). */
export async function readManifest(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(text);
  return typeof manifest.entry === 'string' && Array.isArray(manifest.inputs) ? manifest : undefined;
}

/** The first source file that differs from when the bundle was made, as a reason; undefined when none does. */
export async function changedInput(manifest) {
  const changed = await Promise.all(
    manifest.inputs.map(async ([file, size, mtimeMs]) => {
      try {
        const now = await stat(file);
        return now.size === size && now.mtimeMs === mtimeMs ? undefined : `${file} changed`;
      } catch {
        return `${file} is gone`;
      }
    }),
  );
  return changed.find((reason) => reason !== undefined);
}

/**
 * The URL of the up-to-date bundle of `entry` (relative to `root`), or undefined when there is none or a source
 * changed (nothing is built here). SURVEY_TOOLKIT_BUNDLE=0: undefined.
 */
export async function freshBundle(root, entry, shared = []) {
  if (process.env.SURVEY_TOOLKIT_BUNDLE === '0') return undefined;
  const cacheDir = bundleCacheDir(root);
  try {
    const manifest = await readManifest(join(cacheDir, `${bundleKey(root, entry, shared)}.json`));
    if (!manifest || (await changedInput(manifest)) !== undefined) return undefined;
    return pathToFileURL(join(cacheDir, manifest.entry));
  } catch {
    return undefined;
  }
}
