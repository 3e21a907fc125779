/**
 * The server's words per masked comment (issue 27, "Speed"): tokenizing is most of a text report's cost (15–36 s
 * per 100k comments), and the dashboard asks for the report again with every filter, so the words of each masked
 * text are kept for the process's life, keyed by the text itself (a Map hashes it; a stored response never changes,
 * so neither do its words). Bounded: past `maxEntries` the oldest half is dropped, so a long-running server's memory
 * stays near maxEntries × (text + words), about 100 MB at the default for comments of 40 characters.
 */
import type { TokenCache } from '../../analysis/text/analyze-comments.ts';
import type { ExtractedWord } from '../../analysis/text/extract-words.ts';

export class BoundedTokenCache implements TokenCache {
  private readonly entries = new Map<string, ExtractedWord[]>();
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries = 200_000) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 2) throw new RangeError(`maxEntries must be a whole number ≥ 2, got ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(maskedText: string): ExtractedWord[] | undefined {
    const words = this.entries.get(maskedText);
    if (words === undefined) this.misses += 1;
    else this.hits += 1;
    return words;
  }

  set(maskedText: string, words: ExtractedWord[]): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first keys are the oldest.
      let drop = Math.floor(this.maxEntries / 2);
      for (const key of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(key);
      }
    }
    this.entries.set(maskedText, words);
  }
}

/** The one cache of the process, shared by every report it builds. */
export const serverTokenCache = new BoundedTokenCache();
