/**
 * The comments of a selection that match a search (issue 30, "every comment findable"), read in one pass over the
 * selection's records: every non-blank answer to a comment question, masked (analysis/text/mask-personal-data.ts)
 * before anything looks at it, kept when it passes every part of the search:
 *
 * - `question`: one comment question only;
 * - `q`: a substring of the MASKED text, after NFKC with letters lower-cased on both sides (so ＷＥＢ finds web,
 *   and a masked phone number is never found by its digits);
 * - `word`: a word as the text analysis extracts it (base form, or a part of a compound; contains-word.ts);
 * - `code`: a category of the survey's coding rules (analysis/text/apply-coding-rules.ts).
 *
 * Words come from the server's token cache (server/text/token-cache.ts), keyed by the masked text as the
 * report's are, so a comment the report tokenized is not tokenized again.
 *
 * Two ways to keep what matches: a page (`page`: the `limit` comments after a position, newest first, and
 * whether more follow; memory bounded by the limit) or every one (downloads and keyword in context).
 * Either way the counts cover every match, for the small-group rule.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import type { TokenCache } from '../../analysis/text/analyze-comments.ts';
import { applyCodingRules } from '../../analysis/text/apply-coding-rules.ts';
import { extractWords, type ExtractedWord } from '../../analysis/text/extract-words.ts';
import type { MorphologicalAnalyzer } from '../../analysis/text/load-tokenizer.ts';
import { maskText } from '../../analysis/text/mask-personal-data.ts';
import { normalizeCodeWord, type CodingRule } from '../../analysis/text/parse-coding-rules.ts';
import { comparePositions, type CommentPosition } from './comment-cursor.ts';
import { containsWord } from './contains-word.ts';

export interface CommentSearch {
  /** The survey's comment questions, in the definition's order (a comment's position names its index here). */
  questions: readonly string[];
  /** Only this one of them. */
  question?: string;
  q?: string;
  word?: string;
  /** Index of the code in `rules`. */
  code?: number;
}

/** What collectComments reads of a response: the live table's comment writers keep only this (comment-writers.ts). */
export type CommentSource = Pick<ResponseRecord, 'id' | 'receivedAt' | 'meta' | 'data'>;

export interface CollectOptions {
  search: CommentSearch;
  locale: Locale;
  rules: readonly CodingRule[];
  /** Needed when the search has a word or a code, and for the codes of the comments kept. */
  analyzer: () => MorphologicalAnalyzer;
  cache: TokenCache;
  /** The response's segment values to keep with each comment. */
  segmentsOf: (record: CommentSource) => Record<string, string>;
  /** A page: the `limit` comments after `after` (all from the newest when absent). Without it, every match. */
  page?: { limit: number; after?: CommentPosition };
  /**
   * How many responses the selection has, when `records` are only those of them that wrote a comment (the live
   * table knows who did, and reads just those from the store: server/live-table/comment-writers.ts). Absent: every
   * selected record is given, and counted.
   */
  selected?: number;
}

export interface FoundComment {
  position: CommentPosition;
  question: string;
  /** Masked. */
  text: string;
  segments: Record<string, string>;
}

export interface CollectedComments {
  /** Responses in the selection. */
  responses: number;
  /** Responses in the selection with at least one non-blank comment (of the questions read). */
  writers: number;
  /** Comments matching the search. */
  matching: number;
  /** Responses with a comment matching it (the small-group rule counts people, not comments). */
  matchingResponses: number;
  /** Newest first: one page, or every match. */
  comments: FoundComment[];
  /** A page only: comments matching after the last one kept. */
  more: boolean;
}

/**
 * `records` may be a plain list (the live table's writers, already in memory: walked without a promise per record)
 * or a stream from the store.
 */
export async function collectComments(records: Iterable<CommentSource> | AsyncIterable<CommentSource>, options: CollectOptions): Promise<CollectedComments> {
  const { search, locale, rules, page } = options;
  const questions = search.question === undefined ? search.questions.map((name, index) => ({ name, index })) : [{ name: search.question, index: search.questions.indexOf(search.question) }];
  const q = search.q === undefined ? undefined : fold(search.q);
  const word = search.word === undefined ? undefined : normalizeCodeWord(search.word);
  const code = search.code === undefined ? undefined : rules[search.code];
  const needsWords = word !== undefined || code !== undefined;
  const wordsOf = (masked: string) => tokensOf(masked, options.analyzer, options.cache);
  // Without a search by text, word or code, only the comments kept are masked and given their segments, after the
  // walk: a selection of a million responses has some hundred thousand comments, and a page shows twenty.
  const searchesText = q !== undefined || needsWords;

  const result: CollectedComments = { responses: 0, writers: 0, matching: 0, matchingResponses: 0, comments: [], more: false };
  // A page keeps the first `limit + 1` in the list's order; sorted and cut back whenever it doubles.
  const keep = page ? page.limit + 1 : Infinity;
  const kept: Array<{ position: CommentPosition; question: string; raw: string; text: string | undefined; record: CommentSource }> = [];
  const trim = () => {
    kept.sort((a, b) => comparePositions(a.position, b.position));
    kept.length = Math.min(kept.length, keep);
  };
  const visit = (record: CommentSource) => {
    result.responses += 1; // replaced by `selected` below when only the writers are given
    let wrote = false;
    let matched = false;
    for (const question of questions) {
      const raw = record.data[question.name];
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      wrote = true;
      const position = { receivedAt: record.receivedAt, id: record.id, question: question.index };
      let text: string | undefined;
      if (searchesText) {
        // Masked before the search looks at it: a search never finds what the mask hides.
        text = maskedText(raw, locale);
        if (q !== undefined && !fold(text).includes(q)) continue;
        if (needsWords) {
          const words = wordsOf(text);
          if (word !== undefined && !containsWord(words, word)) continue;
          if (code !== undefined && !applyCodingRules([code], { words, text })[0]) continue;
        }
      }
      result.matching += 1;
      matched = true;
      if (page?.after && comparePositions(position, page.after) <= 0) continue;
      kept.push({ position, question: question.name, raw, text, record });
      if (kept.length >= 2 * keep) trim();
    }
    if (wrote) result.writers += 1;
    if (matched) result.matchingResponses += 1;
  };
  if (Symbol.iterator in records) for (const record of records) visit(record);
  else for await (const record of records) visit(record);
  if (options.selected !== undefined) result.responses = options.selected;
  trim();
  if (page) {
    result.more = kept.length > page.limit;
    kept.length = Math.min(kept.length, page.limit);
  }
  result.comments = kept.map(({ position, question, raw, text, record }) => ({ position, question, text: text ?? maskedText(raw, locale), segments: options.segmentsOf(record) }));
  return result;
}

/**
 * maskText, remembered: every page, search and filter masks the selection's comments again, and masking is the
 * bulk of a page's cost (tens of microseconds a comment). Bounded; emptied when full.
 */
function maskedText(raw: string, locale: Locale): string {
  const key = `${locale}\u0000${raw}`;
  let masked = MASKED.get(key);
  if (masked === undefined) {
    if (MASKED.size >= MASKED_KEPT) MASKED.clear();
    MASKED.set(key, (masked = maskText(raw, locale)));
  }
  return masked;
}
const MASKED_KEPT = 200_000;
const MASKED = new Map<string, string>();

/** The words of a masked comment, from the cache or extracted (and kept). */
export function tokensOf(masked: string, analyzer: () => MorphologicalAnalyzer, cache: TokenCache): ExtractedWord[] {
  let words = cache.get(masked);
  if (words === undefined) {
    words = extractWords(masked, analyzer());
    cache.set(masked, words);
  }
  return words;
}

/** The codes (their names, in the rules' order) a masked comment falls in. */
export function codesOf(masked: string, rules: readonly CodingRule[], analyzer: () => MorphologicalAnalyzer, cache: TokenCache): string[] {
  if (rules.length === 0) return [];
  const holds = applyCodingRules(rules, { words: tokensOf(masked, analyzer, cache), text: masked });
  return rules.filter((_, k) => holds[k]).map((rule) => rule.code);
}

/** How `q=` compares: NFKC, lower-cased. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
