/**
 * Properties of extractWords on generated text (fast-check, seeded): Japanese fragments, English, digits, full-width
 * forms and personal-data placeholders in any order. Whatever the text:
 * - no word holds a placeholder or a bracket of one (placeholders are never counted);
 * - a noun, compound or Latin word is exactly what is written at its offsets (after NFKC, Latin lower-cased), so
 *   keyword-in-context shows the right place;
 * - words come in the order written and do not overlap.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractWords } from '../../../analysis/text/extract-words.ts';
import { loadTokenizer, type MorphologicalAnalyzer } from '../../../analysis/text/load-tokenizer.ts';
import { personalDataPlaceholders } from '../../../analysis/text/mask-personal-data.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';
import { readKuromojiDictionary } from '../../../server/text/read-kuromoji-dictionary.ts';

let analyzer: MorphologicalAnalyzer;
beforeAll(async () => {
  analyzer = await loadTokenizer(readKuromojiDictionary);
}, 60_000);

const PLACEHOLDERS = [...Object.values(personalDataPlaceholders('ja')), ...Object.values(personalDataPlaceholders('en'))];
const FRAGMENTS = [
  '窓口', '予約', 'が', 'を', 'の', '待ち時間', '長い', '駐車場', '書類', '。', '、', 'オンライン', '申請', 'したい', '待った',
  'ｼｽﾃﾑ', 'ＷＥＢ', 'Web', 'online', ' booking', ' ', '2時間', '０９０', '各', '御', 'さん', '佐藤', '\n', 'ー', '・', '（', '）',
];
const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...PLACEHOLDERS)), { maxLength: 25 }).map((parts) => parts.join(''));

describe('extractWords: properties', () => {
  it(
    'never counts a placeholder, and every word sits where it was written',
    () => {
      fc.assert(
        fc.property(text, (input) => {
          const shown = input.normalize('NFKC');
          let last = 0;
          for (const word of extractWords(input, analyzer)) {
            for (const placeholder of PLACEHOLDERS) expect(word.word).not.toContain(placeholder.normalize('NFKC').slice(1, -1));
            expect(word.word).not.toMatch(/[[\]［］]/);
            expect(word.start).toBeGreaterThanOrEqual(last);
            expect(word.end).toBeGreaterThan(word.start);
            last = word.end;
            if (word.pos !== 'verb' && word.pos !== 'adjective') expect(shown.slice(word.start, word.end).toLowerCase()).toBe(word.word);
          }
        }),
        { numRuns: propertyRuns(300), seed: 27 },
      );
    },
    propertyTimeout(),
  );
});
