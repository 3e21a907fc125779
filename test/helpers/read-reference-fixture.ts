import { readFileSync } from 'node:fs';

/** Reads test/reference/fixtures/<name>, written by test/reference/generate-reference.{py,R}. */
export function readReferenceFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../reference/fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
