/**
 * The process's one Japanese morphological analyser (kuromoji with its bundled IPADIC, issue 27), loaded on the first
 * call only (about 0.5–2 s and 100 MB) and shared after: loadTokenizer caches per reader, and this module passes the
 * same reader every time. Import it dynamically where a report may have no comments, so that kuromoji's modules are
 * not even loaded then.
 */
import { loadTokenizer, type MorphologicalAnalyzer } from '../../analysis/text/load-tokenizer.ts';
import { readKuromojiDictionary } from './read-kuromoji-dictionary.ts';

export function loadAnalyzer(): Promise<MorphologicalAnalyzer> {
  return loadTokenizer(readKuromojiDictionary);
}
