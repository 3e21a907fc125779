/**
 * The free-text analysis of one question (issue 27; docs/analysis.md, "Free text"): the `text` section of the report
 * (text-analysis-types.ts) from the comments and the group each respondent is in.
 *
 * Steps: blank comments are dropped; each comment is masked (mask-personal-data.ts, so nothing below can show
 * personal data) and its words extracted (extract-words.ts); then word frequencies overall and by group
 * (count-word-frequencies.ts), the co-occurrence network (build-cooccurrence-network.ts), and, with coding rules,
 * each code's count and share and the codes × groups cross-tab (cross-tabulate-codes.ts).
 * With fewer comments than the minimum group size, only the number of comments is given.
 * The dashboard's keyword-in-context (find-keyword-in-context.ts) and word or code filters work on the same
 * `tokenizeComments` output; a server can keep it per response id and call `analyzeTokenizedComments` for each view.
 *
 * Synchronous and pure: the caller loads the analyser first (`await loadTokenizer(reader)`, load-tokenizer.ts), and
 * only when the report has comments, so a report without free text never loads the dictionary.
 */
import type { Locale } from '../../core/i18n/locale.ts';
import { applyCodingRules } from './apply-coding-rules.ts';
import { buildCooccurrenceNetwork, DEFAULT_NETWORK_OPTIONS, type NetworkOptions } from './build-cooccurrence-network.ts';
import { countWordFrequencies } from './count-word-frequencies.ts';
import { crossTabulateCodes } from './cross-tabulate-codes.ts';
import { extractWords, type ExtractedWord } from './extract-words.ts';
import type { MorphologicalAnalyzer } from './load-tokenizer.ts';
import { maskText } from './mask-personal-data.ts';
import type { CodingRule } from './parse-coding-rules.ts';
import type { CommentInput, TextSection } from './text-analysis-types.ts';

export interface AnalyzeCommentsOptions {
  /** The question's name. */
  question: string;
  /** The question's title as the report shows it (default: the name). */
  label?: string;
  analyzer: MorphologicalAnalyzer;
  minGroupSize: number;
  /** The breakdown's group labels; a comment's `group` indexes them. Without it, no by-group figures. */
  groups?: readonly string[] | null;
  codingRules?: readonly CodingRule[] | null;
  /** Words listed (default 100). */
  maxWords?: number;
  network?: Partial<NetworkOptions>;
  /** Language of the mask's placeholders (default ja). */
  locale?: Locale;
}

export interface AnalyzedComment {
  /** The comment masked, as analysed and as it may be shown. */
  text: string;
  group: number;
  words: ExtractedWord[];
}

/**
 * Words of masked texts kept across reports (issue 27, "Speed"): tokenizing is most of the cost, and a text's words
 * depend only on the text, so a cache keyed by the masked text itself (a Map hashes it) serves every report of a
 * process and every repeat of a text within one. A Map works; so does anything with the same two methods. The
 * cached arrays are shared: nothing downstream changes them.
 */
export interface TokenCache {
  get(maskedText: string): ExtractedWord[] | undefined;
  set(maskedText: string, words: ExtractedWord[]): unknown;
}

/** Every non-blank comment masked and tokenized: what the dashboard's keyword-in-context and filters need too. */
export function tokenizeComments(comments: ReadonlyArray<CommentInput>, analyzer: MorphologicalAnalyzer, locale: Locale = 'ja', cache?: TokenCache | null): AnalyzedComment[] {
  return comments.flatMap(({ text, group }) => {
    if (typeof text !== 'string' || text.trim() === '') return [];
    const masked = maskText(text, locale);
    let words = cache?.get(masked);
    if (words === undefined) {
      words = extractWords(masked, analyzer);
      cache?.set(masked, words);
    }
    return [{ text: masked, group: typeof group === 'number' && group >= 0 ? group : -1, words }];
  });
}

export function analyzeComments(comments: ReadonlyArray<CommentInput>, options: AnalyzeCommentsOptions): TextSection {
  return analyzeTokenizedComments(tokenizeComments(comments, options.analyzer, options.locale), options);
}

/** The same from comments tokenized already (a cache of tokens per response can feed this). */
export function analyzeTokenizedComments(analyzed: ReadonlyArray<AnalyzedComment>, options: Omit<AnalyzeCommentsOptions, 'analyzer'>): TextSection {
  const { question, minGroupSize, groups, codingRules } = options;
  const label = options.label ?? question;
  const groupCodes = groups ? { codes: analyzed.map((comment) => comment.group), labels: groups } : null;
  const frequencies = countWordFrequencies({ words: analyzed.map((comment) => comment.words), groups: groupCodes, minGroupSize, maxWords: options.maxWords ?? 100 });
  const n = analyzed.length;
  const networkOptions = { ...DEFAULT_NETWORK_OPTIONS, ...options.network };
  const hidden = n === 0 || n < minGroupSize;
  if (hidden) {
    return {
      question,
      label,
      comments: { n, withWords: frequencies.withWords },
      hidden: n > 0,
      words: [],
      byGroup: null,
      network: { nodes: [], edges: [], rule: { ...networkOptions, communities: 'louvain' } },
      codes: [],
      codeCrosstabs: null,
    };
  }
  const network = buildCooccurrenceNetwork(
    analyzed.map((comment) => comment.words.map((w) => w.word)),
    networkOptions,
  );
  const rules = codingRules ?? [];
  const coded = rules.map(() => new Uint8Array(n));
  analyzed.forEach((comment, i) => applyCodingRules(rules, comment).forEach((holds, k) => holds && (coded[k][i] = 1)));
  const codes = rules.map((rule, k) => {
    const count = coded[k].reduce((sum, v) => sum + v, 0);
    return { code: rule.code, count, share: count / n };
  });
  return {
    question,
    label,
    comments: { n, withWords: frequencies.withWords },
    hidden: false,
    words: frequencies.words,
    byGroup: frequencies.byGroup,
    network,
    codes,
    codeCrosstabs: groupCodes && rules.length > 0 ? crossTabulateCodes({ coded, groups: groupCodes, commentCount: n, minGroupSize }) : null,
  };
}
