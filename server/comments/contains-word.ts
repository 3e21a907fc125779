/**
 * Whether a comment contains a word as the text analysis extracted it (issue 30, `word=`): the same match as
 * keyword in context (analysis/text/find-keyword-in-context.ts) and the coding rules: an extracted word equal to
 * it, or a part of a compound (予約 inside 窓口予約), compared after normalizeCodeWord (NFKC, Latin lower-cased).
 * Words are base forms, so 待つ finds 待っ and 待ち as written.
 */
import type { ExtractedWord } from '../../analysis/text/extract-words.ts';
import { normalizeCodeWord } from '../../analysis/text/parse-coding-rules.ts';

/** `target` already normalised (normalizeCodeWord). */
export function containsWord(words: ReadonlyArray<Pick<ExtractedWord, 'word' | 'parts'>>, target: string): boolean {
  for (const { word, parts } of words) {
    if (normalizeCodeWord(word) === target) return true;
    if (parts?.some((part) => normalizeCodeWord(part) === target)) return true;
  }
  return false;
}
