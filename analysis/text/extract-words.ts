/**
 * The words of one comment, as KH Coder would extract them (issue 27; docs/analysis.md, "Free text"):
 * kuromoji's morphemes (IPADIC), reduced to nouns, verbs and adjectives in their base forms, with compound nouns
 * joined and stop words (analysis/text/stop-words.ts) dropped. A word appears once per place it occurs, in order.
 *
 * Before tokenizing:
 * - NFKC: full-width letters and digits become ASCII (ＷＥＢ → WEB), half-width katakana full-width (ｼｽﾃﾑ → システム);
 * - every personal-data placeholder (［電話番号］, ［マイナンバー］, ［メールアドレス］, ［郵便番号］, ［番号］, and the
 *   English [phone] … of analysis/text/mask-personal-data.ts, in their NFKC forms) becomes line breaks, so it is never
 *   a word and never joins the nouns beside it.
 *   Only NFKC: analysis/text/normalize-for-matching.ts also folds middle dots, tildes and kanji numerals for digit
 *   matching, which would change words (一 in 一番, ・ inside katakana names).
 *
 * Which morphemes count (IPADIC part of speech, pos_detail_1):
 * - 名詞 一般, サ変接続, 固有名詞, 形容動詞語幹, ナイ形容詞語幹, 副詞可能 and 接尾 are nouns that join: a run of them
 *   with nothing between is one word, the surface forms put together (窓口 + 予約 → 窓口予約, 駐車 + 場 → 駐車場,
 *   利用 + 者 → 利用者, 案内 + 表示 → 案内表示). This follows ChaSen's 連結品詞 convention for 複合名詞
 *   (consecutive nouns, a 接頭詞 名詞接続 before them and 接尾 after them make one word). KH Coder itself leaves
 *   compounds split unless its 複合語の検出 (TermExtract) or forced extraction is used; coding rules still match the
 *   parts (parse-coding-rules.ts), so a rule written for split words works. Limits: a 接尾 never starts a word
 *   (2 + 時間 and 3 + 回 give nothing), a 接頭詞 名詞接続 (各, 御) starts one when a noun follows it, and 数 (numbers), 非自立 (こと, の),
 *   代名詞, 特殊, 引用文字列 and 動詞非自立的 nouns end the run and are never words: numbers and pronouns name no topic.
 * - Names of people (IPADIC 人名: 佐藤, 太郎, and the さん after them) are never words and end the run: a frequency
 *   table or a network must not name a resident or a member of staff (佐藤さんの対応 gives 対応 only).
 * - A run of one noun keeps that noun's class (noun, verbalNoun, adjectivalNoun, properNoun, adverbialNoun); a run
 *   of two or more is a compoundNoun.
 * - 動詞 自立 → verb, 形容詞 自立 → adjective, as base forms (待っ → 待つ, 長 → 長い). Auxiliary ones (非自立:
 *   すぎる, やすい, にくい; 接尾: れる) are grammar, not words.
 * - Latin-script words (kuromoji gives them as unknown nouns, one per run of letters) are lower-cased: joined to a
 *   Japanese noun they touch (WEB予約システム → web予約システム), else a word of their own, class `latin`, unless one
 *   letter long. English is not stemmed (booking and book are two words).
 * - Anything with no letter at all (punctuation, which kuromoji may call an unknown noun, a lone ー) is never a word
 *   and ends a run.
 * Last, a word equal to a stop word (the list for its script) is dropped.
 */
import type { MorphologicalAnalyzer, Morpheme } from './load-tokenizer.ts';
import { personalDataPlaceholders } from './mask-personal-data.ts';
import { stopWordList } from './stop-words.ts';

/** The classes a kept word may have (contracts/report.ts, TextWordClass). */
export type { TextWordClass as WordClass } from '../../contracts/report.ts';
import type { TextWordClass as WordClass } from '../../contracts/report.ts';

export interface ExtractedWord {
  word: string;
  pos: WordClass;
  /** Where it is written: `text.normalize('NFKC').slice(start, end)` is its surface (待っ for 待つ, WEB予約 for web予約). */
  start: number;
  end: number;
  /** A compound's parts as joined (各, 窓口; 窓口, 予約), for coding rules; absent for a word of one part. */
  parts?: string[];
}

export const STOP_WORDS: { ja: ReadonlySet<string>; en: ReadonlySet<string> } = {
  ja: new Set(stopWordList.ja),
  en: new Set(stopWordList.en),
};

const JOINING_NOUNS: Record<string, WordClass> = {
  一般: 'noun',
  サ変接続: 'verbalNoun',
  固有名詞: 'properNoun',
  形容動詞語幹: 'adjectivalNoun',
  ナイ形容詞語幹: 'adjectivalNoun',
  副詞可能: 'adverbialNoun',
  接尾: 'noun',
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PLACEHOLDERS = new RegExp(
  [...Object.values(personalDataPlaceholders('ja')), ...Object.values(personalDataPlaceholders('en'))].map((placeholder) => escape(placeholder.normalize('NFKC'))).join('|'),
  'g',
);
const LATIN = /^[\p{Script=Latin}0-9'’_-]*\p{Script=Latin}[\p{Script=Latin}0-9'’_-]*$/u;
const HAS_LETTER = /\p{L}/u;

/**
 * The text kuromoji is given: NFKC, then each placeholder replaced by as many line breaks as it has characters, so
 * that offsets in it are offsets in `text.normalize('NFKC')` (what keyword-in-context shows).
 */
export function prepareForTokenizing(text: string): string {
  return text.normalize('NFKC').replace(PLACEHOLDERS, (placeholder) => '\n'.repeat(placeholder.length));
}

export function extractWords(text: string, analyzer: MorphologicalAnalyzer, stopWords = STOP_WORDS): ExtractedWord[] {
  const words: ExtractedWord[] = [];
  const keep = (word: string, pos: WordClass, start: number, end: number, parts?: string[]) => {
    if (!HAS_LETTER.test(word)) return;
    const latin = pos === 'latin';
    if (latin && word.length < 2) return;
    if ((latin ? stopWords.en : stopWords.ja).has(word)) return;
    words.push(parts ? { word, pos, start, end, parts } : { word, pos, start, end });
  };

  // The noun run being built, and a 接頭詞 名詞接続 waiting for a noun (with where it starts).
  let run: Array<{ text: string; pos: WordClass; start: number; end: number }> = [];
  let prefix: { text: string; start: number; end: number } | null = null;
  const endRun = () => {
    if (run.length === 1) keep(run[0].text, run[0].pos, run[0].start, run[0].end);
    else if (run.length > 1) {
      const parts = run.map((part) => part.text);
      keep(parts.join(''), run.every((part) => part.pos === 'latin') ? 'latin' : 'compoundNoun', run[0].start, run[run.length - 1].end, parts);
    }
    run = [];
    prefix = null;
  };
  const addToRun = (text: string, pos: WordClass, start: number, end: number) => {
    // A prefixed noun (各 + 窓口) is made of two parts: a compound, whatever follows.
    if (prefix) run.push({ ...prefix, pos: 'compoundNoun' });
    run.push({ text, pos, start, end });
    prefix = null;
  };

  const prepared = prepareForTokenizing(text);
  // kuromoji's word_position is wrong after the first sentence (0.1.2 adds the last token's start, not its end), so
  // offsets are counted here: the morphemes' surfaces, in order, are the text.
  let cursor = 0;
  for (const morpheme of analyzer.tokenize(prepared)) {
    const surface = morpheme.surface_form;
    const start = prepared.startsWith(surface, cursor) ? cursor : Math.max(cursor, prepared.indexOf(surface, cursor));
    const end = start + surface.length;
    cursor = end;
    if (LATIN.test(surface)) {
      // Latin letters are an unknown noun to kuromoji (名詞 固有名詞 or 一般): a part of a run like any noun.
      addToRun(surface.toLowerCase(), 'latin', start, end);
      continue;
    }
    // Unknown runs of symbols are nouns to kuromoji too ("." after English, "[" of a bracket): never part of a word.
    const joining =
      morpheme.pos === '名詞' && HAS_LETTER.test(surface) && morpheme.pos_detail_2 !== '人名' ? joiningClass(morpheme, run.length > 0 || prefix !== null) : undefined;
    if (joining) {
      addToRun(surface, joining, start, end);
      continue;
    }
    endRun();
    const base = morpheme.basic_form && morpheme.basic_form !== '*' ? morpheme.basic_form : surface;
    if (morpheme.pos === '接頭詞' && morpheme.pos_detail_1 === '名詞接続') {
      prefix = { text: surface, start, end };
    } else if (morpheme.pos === '動詞' && morpheme.pos_detail_1 === '自立') {
      keep(base, 'verb', start, end);
    } else if (morpheme.pos === '形容詞' && morpheme.pos_detail_1 === '自立') {
      keep(base, 'adjective', start, end);
    }
  }
  endRun();
  return words;
}

function joiningClass(morpheme: Morpheme, inRun: boolean): WordClass | undefined {
  if (morpheme.pos_detail_1 === '接尾' && !inRun) return undefined;
  return JOINING_NOUNS[morpheme.pos_detail_1];
}
