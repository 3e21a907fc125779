/** The analyser is built once per reader, lazily, from the bytes the caller reads (analysis/text/load-tokenizer.ts). */
import { describe, expect, it } from 'vitest';
import { DICTIONARY_FILES, loadTokenizer, type DictionaryReader } from '../../../analysis/text/load-tokenizer.ts';
import { readKuromojiDictionary } from '../../../server/text/read-kuromoji-dictionary.ts';

describe('loadTokenizer', () => {
  it('reads each dictionary file once, and gives every later caller the same analyser', async () => {
    const read: string[] = [];
    const reader: DictionaryReader = (name) => {
      read.push(name);
      return readKuromojiDictionary(name);
    };
    const first = loadTokenizer(reader);
    const second = loadTokenizer(reader);
    expect(second).toBe(first);
    const analyzer = await first;
    expect(await loadTokenizer(reader)).toBe(analyzer);
    expect([...read].sort()).toEqual([...DICTIONARY_FILES].sort());
    expect(analyzer.tokenize('窓口').map((m) => m.surface_form)).toEqual(['窓口']);
  }, 60_000);

  it('does not keep a failed load: the next call reads again', async () => {
    let calls = 0;
    const reader: DictionaryReader = async (name) => {
      calls++;
      if (calls <= DICTIONARY_FILES.length) throw new Error(`cannot read ${name}`);
      return readKuromojiDictionary(name);
    };
    await expect(loadTokenizer(reader)).rejects.toThrow(/cannot read/);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const analyzer = await loadTokenizer(reader);
    expect(analyzer.tokenize('書類').map((m) => m.basic_form)).toEqual(['書類']);
  }, 60_000);
});
