/**
 * Word frequencies of free text (issue 27; docs/analysis.md, "Free text"), as KH Coder's 文書数 (document
 * frequency): a word's count is the number of comments that contain it at least once, its share that count over
 * the comments analysed. Overall, and by the groups of a breakdown with the small-group rule: a group of 1 …
 * minGroupSize − 1 comments is hidden, with the next-smallest when only one is (analysis/suppression/
 * suppress-small-groups.ts), and its numbers are null. With fewer than minGroupSize comments in all, nothing is listed.
 *
 * The list is the `maxWords` most frequent words, by count, then by the word in code-point order (so the same
 * comments always give the same list).
 */
import { suppressSmallGroups } from '../suppression/suppress-small-groups.ts';
import type { ExtractedWord, WordClass } from './extract-words.ts';
import type { TextWord, TextWordsByGroup } from './text-analysis-types.ts';

export interface GroupCodes {
  /** `codes[comment]`: the group's index, −1 when the comment has none. */
  codes: ArrayLike<number>;
  labels: readonly string[];
}

export interface WordFrequencies {
  n: number;
  withWords: number;
  words: TextWord[];
  byGroup: TextWordsByGroup | null;
}

const CLASS_ORDER: readonly WordClass[] = ['compoundNoun', 'noun', 'verbalNoun', 'adjectivalNoun', 'properNoun', 'adverbialNoun', 'verb', 'adjective', 'latin'];

/** The order of the lists: more comments first, then the word in code-point order. */
export function byCountThenWord(a: { word: string; count: number }, b: { word: string; count: number }): number {
  return b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0);
}

export function countWordFrequencies(input: {
  /** The words of each comment (extract-words.ts), one entry per non-blank comment. */
  words: ReadonlyArray<ReadonlyArray<Pick<ExtractedWord, 'word' | 'pos'>>>;
  groups?: GroupCodes | null;
  minGroupSize: number;
  maxWords: number;
}): WordFrequencies {
  const { words, groups, minGroupSize, maxWords } = input;
  const n = words.length;
  const groupCount = groups?.labels.length ?? 0;
  const count = new Map<string, number>();
  const byGroup = new Map<string, number[]>();
  const classes = new Map<string, Map<WordClass, number>>();
  const sizes = new Array<number>(groupCount).fill(0);
  let withWords = 0;
  words.forEach((commentWords, comment) => {
    const group = groups ? groups.codes[comment] : -1;
    if (group >= groupCount) throw new RangeError(`countWordFrequencies: comment ${comment} has group ${group}, but there are ${groupCount} groups`);
    if (group >= 0) sizes[group]++;
    if (commentWords.length > 0) withWords++;
    const seen = new Set<string>();
    for (const { word, pos } of commentWords) {
      const perClass = classes.get(word) ?? new Map<WordClass, number>();
      perClass.set(pos, (perClass.get(pos) ?? 0) + 1);
      classes.set(word, perClass);
      if (seen.has(word)) continue;
      seen.add(word);
      count.set(word, (count.get(word) ?? 0) + 1);
      if (group >= 0) {
        const cells = byGroup.get(word) ?? new Array<number>(groupCount).fill(0);
        cells[group]++;
        byGroup.set(word, cells);
      }
    }
  });
  if (n === 0 || n < minGroupSize) return { n, withWords, words: [], byGroup: null };

  const listed = [...count].map(([word, c]) => ({ word, count: c })).sort(byCountThenWord).slice(0, maxWords);
  const result: TextWord[] = listed.map(({ word, count: c }) => ({ word, pos: mostFrequentClass(classes.get(word)!), count: c, share: c / n }));
  if (!groups) return { n, withWords, words: result, byGroup: null };

  const hidden = suppressSmallGroups(sizes, minGroupSize);
  return {
    n,
    withWords,
    words: result,
    byGroup: {
      groups: groups.labels.map((label, g) => (hidden[g] ? { label, n: null, suppressed: hidden[g]!.reason } : { label, n: sizes[g] })),
      rows: listed.map(({ word }) => {
        const cells = byGroup.get(word) ?? new Array<number>(groupCount).fill(0);
        return {
          word,
          cells: cells.map((c, g) => (hidden[g] ? { count: null, share: null } : { count: c, share: sizes[g] > 0 ? c / sizes[g] : null })),
        };
      }),
    },
  };
}

function mostFrequentClass(perClass: Map<WordClass, number>): WordClass {
  let best: WordClass = CLASS_ORDER[0];
  let bestCount = -1;
  for (const pos of CLASS_ORDER) {
    const c = perClass.get(pos) ?? 0;
    if (c > bestCount) {
      best = pos;
      bestCount = c;
    }
  }
  return best;
}
