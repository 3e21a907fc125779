/** Word frequencies (analysis/text/count-word-frequencies.ts): counts of comments, by hand on small inputs. */
import { describe, expect, it } from 'vitest';
import { countWordFrequencies } from '../../../analysis/text/count-word-frequencies.ts';
import type { ExtractedWord } from '../../../analysis/text/extract-words.ts';

type Word = Pick<ExtractedWord, 'word' | 'pos'>;
const nouns = (...words: string[]): Word[] => words.map((word) => ({ word, pos: 'noun' }));

describe('countWordFrequencies', () => {
  it('counts comments, not occurrences, and lists by count then word', () => {
    const words = [nouns('書類', '書類', '窓口'), nouns('駐車場', '窓口'), nouns('窓口'), []];
    const result = countWordFrequencies({ words, minGroupSize: 1, maxWords: 10 });
    expect(result.n).toBe(4);
    expect(result.withWords).toBe(3);
    expect(result.words).toEqual([
      { word: '窓口', pos: 'noun', count: 3, share: 3 / 4 },
      // 書類 twice in one comment counts once; 書類 and 駐車場 tie and go in code-point order (書 U+66F8 < 駐 U+99D0).
      { word: '書類', pos: 'noun', count: 1, share: 1 / 4 },
      { word: '駐車場', pos: 'noun', count: 1, share: 1 / 4 },
    ]);
    expect(countWordFrequencies({ words, minGroupSize: 1, maxWords: 1 }).words.map((w) => w.word)).toEqual(['窓口']);
  });

  it("gives a word met in two classes its more frequent one", () => {
    const words: Word[][] = [[{ word: 'web', pos: 'latin' }], [{ word: 'web', pos: 'latin' }], [{ word: 'web', pos: 'noun' }]];
    expect(countWordFrequencies({ words, minGroupSize: 1, maxWords: 5 }).words[0].pos).toBe('latin');
  });

  it('lists nothing when fewer comments than the minimum group size were written', () => {
    const result = countWordFrequencies({ words: [nouns('窓口'), nouns('窓口')], minGroupSize: 3, maxWords: 10 });
    expect(result).toEqual({ n: 2, withWords: 2, words: [], byGroup: null });
  });

  it('breaks counts down by group, hiding a small group and the next-smallest that would give it away', () => {
    // Groups: A has 3 comments, B 2, C 1 (under 2: hidden), D 0. With C alone hidden, B (the next-smallest) goes too.
    const words = [nouns('窓口'), nouns('窓口', '書類'), nouns('書類'), nouns('窓口'), nouns('書類'), nouns('窓口'), nouns('窓口')];
    const codes = [0, 0, 0, 1, 1, 2, -1];
    const result = countWordFrequencies({ words, groups: { codes, labels: ['A', 'B', 'C', 'D'] }, minGroupSize: 2, maxWords: 10 });
    expect(result.byGroup?.groups).toEqual([
      { label: 'A', n: 3 },
      { label: 'B', n: null, suppressed: 'complementary' },
      { label: 'C', n: null, suppressed: 'small' },
      { label: 'D', n: 0 },
    ]);
    expect(result.byGroup?.rows).toEqual([
      { word: '窓口', cells: [{ count: 2, share: 2 / 3 }, { count: null, share: null }, { count: null, share: null }, { count: 0, share: null }] },
      { word: '書類', cells: [{ count: 2, share: 2 / 3 }, { count: null, share: null }, { count: null, share: null }, { count: 0, share: null }] },
    ]);
    // The comment with no group (−1) is in the overall counts.
    expect(result.words.map((w) => [w.word, w.count])).toEqual([['窓口', 5], ['書類', 3]]);
  });

  it('refuses a group code past the labels', () => {
    expect(() => countWordFrequencies({ words: [nouns('a')], groups: { codes: [1], labels: ['A'] }, minGroupSize: 1, maxWords: 1 })).toThrow(/group 1/);
  });
});
