/**
 * The Japanese morphological analyser (kuromoji 0.1.x with its bundled IPADIC, issue 27), built once per process and
 * only when asked: nothing is read or built when this module is imported.
 *
 * The analysis layer does no I/O (docs/architecture.md), so the caller hands in `readFile`, which returns the
 * gunzipped bytes of one file of kuromoji's dictionary folder (node_modules/kuromoji/dict/<name>, e.g. `base.dat.gz`);
 * the CLI and the server read them with node:fs and node:zlib (test/analysis/text/read-kuromoji-dictionary.ts is that
 * reader). Nothing is downloaded: the dictionary ships inside the npm package.
 *
 * The tokenizer is cached per reader (a WeakMap of promises), so every report in a process shares the one load
 * (about 0.5 s and 100 MB): pass the same reader every time. A failed load is not cached, so a later call retries.
 */
import type { IpadicFeatures } from 'kuromoji';
import DynamicDictionaries from 'kuromoji/src/dict/DynamicDictionaries.js';
import KuromojiTokenizer from 'kuromoji/src/Tokenizer.js';

/** The gunzipped content of one file of kuromoji's dictionary folder. */
export type DictionaryReader = (name: DictionaryFile) => Promise<Uint8Array>;

export const DICTIONARY_FILES = [
  'base.dat.gz',
  'check.dat.gz',
  'tid.dat.gz',
  'tid_pos.dat.gz',
  'tid_map.dat.gz',
  'cc.dat.gz',
  'unk.dat.gz',
  'unk_pos.dat.gz',
  'unk_map.dat.gz',
  'unk_char.dat.gz',
  'unk_compat.dat.gz',
  'unk_invoke.dat.gz',
] as const;
export type DictionaryFile = (typeof DICTIONARY_FILES)[number];

/** One morpheme as kuromoji gives it (IPADIC features). */
export type Morpheme = IpadicFeatures;

export interface MorphologicalAnalyzer {
  tokenize(text: string): Morpheme[];
}

const loaded = new WeakMap<DictionaryReader, Promise<MorphologicalAnalyzer>>();

export function loadTokenizer(readFile: DictionaryReader): Promise<MorphologicalAnalyzer> {
  let pending = loaded.get(readFile);
  if (!pending) {
    pending = build(readFile);
    loaded.set(readFile, pending);
    pending.catch(() => loaded.delete(readFile));
  }
  return pending;
}

async function build(readFile: DictionaryReader): Promise<MorphologicalAnalyzer> {
  const bytes = await Promise.all(DICTIONARY_FILES.map((name) => readFile(name)));
  const file = (name: DictionaryFile) => {
    const content = bytes[DICTIONARY_FILES.indexOf(name)];
    // A typed array over exactly these bytes (a Buffer may be a view into a larger pool, so copy when it is).
    return content.byteOffset === 0 && content.byteLength === content.buffer.byteLength ? content.buffer : content.slice().buffer;
  };
  // The same steps as kuromoji's DictionaryLoader.load, from bytes instead of paths.
  const dictionaries = new DynamicDictionaries();
  dictionaries.loadTrie(new Int32Array(file('base.dat.gz')), new Int32Array(file('check.dat.gz')));
  dictionaries.loadTokenInfoDictionaries(new Uint8Array(file('tid.dat.gz')), new Uint8Array(file('tid_pos.dat.gz')), new Uint8Array(file('tid_map.dat.gz')));
  dictionaries.loadConnectionCosts(new Int16Array(file('cc.dat.gz')));
  dictionaries.loadUnknownDictionaries(
    new Uint8Array(file('unk.dat.gz')),
    new Uint8Array(file('unk_pos.dat.gz')),
    new Uint8Array(file('unk_map.dat.gz')),
    new Uint8Array(file('unk_char.dat.gz')),
    new Uint32Array(file('unk_compat.dat.gz')),
    new Uint8Array(file('unk_invoke.dat.gz')),
  );
  const tokenizer = new KuromojiTokenizer(dictionaries);
  return { tokenize: (text) => tokenizer.tokenize(text) };
}
