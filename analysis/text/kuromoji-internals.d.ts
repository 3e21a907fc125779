/**
 * Types for the two kuromoji 0.1.x modules analysis/text/load-tokenizer.ts uses directly. kuromoji's own entry
 * (`kuromoji.builder({dicPath}).build()`) reads the dictionary with node:fs; this toolkit's analysis layer is pure, so it
 * builds the dictionaries from bytes its caller read (docs: load-tokenizer.ts) with these, which do no I/O.
 */
declare module 'kuromoji/src/dict/DynamicDictionaries.js' {
  class DynamicDictionaries {
    loadTrie(base: Int32Array, check: Int32Array): DynamicDictionaries;
    loadTokenInfoDictionaries(tokenInfo: Uint8Array, pos: Uint8Array, targetMap: Uint8Array): DynamicDictionaries;
    loadConnectionCosts(costs: Int16Array): DynamicDictionaries;
    loadUnknownDictionaries(
      unk: Uint8Array,
      unkPos: Uint8Array,
      unkMap: Uint8Array,
      catMap: Uint8Array,
      compatCatMap: Uint32Array,
      invokeDef: Uint8Array,
    ): DynamicDictionaries;
  }
  export default DynamicDictionaries;
}

declare module 'kuromoji/src/Tokenizer.js' {
  import type { IpadicFeatures } from 'kuromoji';
  import type DynamicDictionaries from 'kuromoji/src/dict/DynamicDictionaries.js';
  class Tokenizer {
    constructor(dictionaries: DynamicDictionaries);
    tokenize(text: string): IpadicFeatures[];
  }
  export default Tokenizer;
}
