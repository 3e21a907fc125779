/**
 * Keyword in context (KWIC, issue 27) for the dashboard: every place a word occurs in the analysed comments, with
 * `width` characters either side, in comment order. A word matches an extracted word (extract-words.ts) equal to it,
 * or a part of a compound (予約 is found inside 窓口予約), compared as coding rules compare words (NFKC, Latin
 * lower-cased), so 待つ finds 待っ and 待ち as written. The text shown is the masked comment after NFKC (full-width
 * letters half-width), the form the offsets of the words refer to; line breaks become spaces.
 */
import type { AnalyzedComment } from './analyze-comments.ts';
import { normalizeCodeWord } from './parse-coding-rules.ts';

export interface KeywordInContext {
  /** Index of the comment in the list given. */
  comment: number;
  left: string;
  keyword: string;
  right: string;
}

export function findKeywordInContext(
  comments: ReadonlyArray<Pick<AnalyzedComment, 'text' | 'words'>>,
  word: string,
  options: { width?: number; limit?: number } = {},
): { count: number; rows: KeywordInContext[] } {
  const target = normalizeCodeWord(word);
  const width = options.width ?? 20;
  const limit = options.limit ?? 200;
  const rows: KeywordInContext[] = [];
  let count = 0;
  const flat = (text: string) => text.replace(/[\r\n]+/g, ' ');
  comments.forEach((comment, index) => {
    let shown: string | undefined;
    for (const found of comment.words) {
      const spans: Array<[number, number]> = [];
      if (normalizeCodeWord(found.word) === target) spans.push([found.start, found.end]);
      else if (found.parts) {
        let at = found.start;
        for (const part of found.parts) {
          const end = Math.min(found.end, at + part.length);
          if (normalizeCodeWord(part) === target) spans.push([at, end]);
          at = end;
        }
      }
      for (const [start, end] of spans) {
        count++;
        if (rows.length >= limit) continue;
        shown ??= comment.text.normalize('NFKC');
        rows.push({
          comment: index,
          left: flat(shown.slice(Math.max(0, start - width), start)),
          keyword: shown.slice(start, end),
          right: flat(shown.slice(end, end + width)),
        });
      }
    }
  });
  return { count, rows };
}
