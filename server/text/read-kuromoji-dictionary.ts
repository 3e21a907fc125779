/**
 * The dictionary reader analysis/text/load-tokenizer.ts needs (issue 27): each file of the kuromoji package's dict/
 * folder, read and gunzipped. The analysis layer reads no files, so the CLI, the server, tests and benchmarks pass
 * this one. Nothing is downloaded: the dictionary ships inside the npm package.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DictionaryReader } from '../../analysis/text/load-tokenizer.ts';

const folder = join(dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');

export const readKuromojiDictionary: DictionaryReader = async (name) => new Uint8Array(gunzipSync(await readFile(join(folder, name))));
