/** Types of bundle-manifest.mjs (plain JavaScript, so that bin/survey-toolkit.js can use it without tsx). */
export interface Manifest {
  /** The bundle's entry file, relative to the cache folder. */
  entry: string;
  /** Every source file in the bundle, absolute, with its size and modification time when bundled. */
  inputs: Array<[file: string, size: number, mtimeMs: number]>;
}
export function bundleCacheDir(root: string): string;
export function bundleKey(root: string, entry: string, shared?: readonly string[]): string;
export function readManifest(file: string): Promise<Manifest | undefined>;
export function changedInput(manifest: Manifest): Promise<string | undefined>;
export function freshBundle(root: string, entry: string, shared?: readonly string[]): Promise<URL | undefined>;
