/** Keyword in context on real kuromoji output: where each word was written, as written. */
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizeComments } from '../../../analysis/text/analyze-comments.ts';
import { extractWords } from '../../../analysis/text/extract-words.ts';
import { findKeywordInContext } from '../../../analysis/text/find-keyword-in-context.ts';
import { loadTokenizer, type MorphologicalAnalyzer } from '../../../analysis/text/load-tokenizer.ts';
import { readKuromojiDictionary } from '../../../server/text/read-kuromoji-dictionary.ts';

let analyzer: MorphologicalAnalyzer;
beforeAll(async () => {
  analyzer = await loadTokenizer(readKuromojiDictionary);
}, 60_000);

describe('word offsets', () => {
  it('point at each word as written, after NFKC, across sentences and placeholders', () => {
    const text = '窓口が混雑。［電話番号］に連絡を。２時間待った。ＷＥＢ予約がほしい';
    const shown = text.normalize('NFKC');
    const words = extractWords(text, analyzer);
    expect(words.map((w) => [w.word, shown.slice(w.start, w.end)])).toEqual([
      ['窓口', '窓口'],
      ['混雑', '混雑'],
      ['連絡', '連絡'],
      ['待つ', '待っ'],
      ['web予約', 'WEB予約'],
    ]);
  });
});

describe('findKeywordInContext', () => {
  const comments = () =>
    tokenizeComments(
      [{ text: '窓口予約ができると便利。予約は電話090-1234-5678で' }, { text: '' }, { text: '2時間待った。待ちたくない' }, { text: '予約' }],
      analyzer,
    );

  it('finds a word, and a word inside a compound, with the masked text either side', () => {
    const found = findKeywordInContext(comments(), '予約', { width: 6 });
    expect(found.count).toBe(3);
    // The blank comment is not analysed, so 「予約」 alone is comment 2. Six characters either side; the phone number
    // is masked, and shown after NFKC (［ → [).
    expect(found.rows).toEqual([
      { comment: 0, left: '窓口', keyword: '予約', right: 'ができると便' },
      { comment: 0, left: 'きると便利。', keyword: '予約', right: 'は電話[電話' },
      { comment: 2, left: '', keyword: '予約', right: '' },
    ]);
  });

  it('finds a verb by its base form as written, and stops listing at the limit but keeps counting', () => {
    const found = findKeywordInContext(comments(), '待つ', { width: 4, limit: 1 });
    expect(found.count).toBe(2);
    expect(found.rows).toEqual([{ comment: 1, left: '2時間', keyword: '待っ', right: 'た。待ち' }]);
  });
});
