/**
 * The `text` section of the report contract proposed for issue 27 (free opinions, 自由記述), as analyzeComments
 * (analysis/text/analyze-comments.ts) returns it. Kept here until the lead moves it into contracts/report.ts.
 * Every figure is defined in docs/analysis.md, "Free text"; a summary of each sits by its field.
 */
import type { ResidualMark } from '../stats/adjusted-residuals.ts';
import type { HiddenReason } from '../suppression/protect-table.ts';
import type { WordClass } from './extract-words.ts';

export type { WordClass };

/** One comment to analyse: its text (raw or already masked) and the index of its group in the breakdown, if any. */
export interface CommentInput {
  text: string;
  /** Index into `AnalyzeCommentsOptions.groups`; absent, null or −1 when the respondent has no group. */
  group?: number | null;
}

export interface TextWord {
  word: string;
  /** The word's class; a word met in more than one class takes its most frequent (ties: the order of WordClass). */
  pos: WordClass;
  /** Comments that contain the word at least once. */
  count: number;
  /** count / comments.n. */
  share: number;
}

export interface TextGroupHeader {
  label: string;
  /** Comments in the group; null when hidden. */
  n: number | null;
  /** Why the whole group is hidden (the small-group rule), absent when shown. */
  suppressed?: HiddenReason;
}

/** The listed words in each group of the breakdown. */
export interface TextWordsByGroup {
  groups: TextGroupHeader[];
  /** The same words, in the same order, as `words`; one cell per group, both numbers null in a hidden group. */
  rows: Array<{ word: string; cells: Array<{ count: number | null; share: number | null }> }>;
}

export interface TextNetworkNode {
  word: string;
  count: number;
  /** 0 for the largest community, 1 for the next, …: colours. */
  community: number;
}

export interface TextNetworkEdge {
  /** Indexes into `nodes`; source < target. */
  source: number;
  target: number;
  /** Comments containing both words. */
  count: number;
  /** count / comments containing either. */
  jaccard: number;
}

export interface TextNetwork {
  nodes: TextNetworkNode[];
  edges: TextNetworkEdge[];
  /** The rule that chose them, for the caption. */
  rule: { candidateWords: number; maxEdges: number; minCooccurrence: number; communities: 'louvain' };
}

export interface TextCode {
  code: string;
  /** Comments the code's condition is true for. */
  count: number;
  share: number;
}

export interface TextCodeCell {
  count: number | null;
  share: number | null;
  residual: number | null;
  mark: ResidualMark;
  suppressed?: HiddenReason;
}

export interface TextCodeTest {
  statistic: number;
  df: number;
  p: number;
  /** Holm over the codes of this breakdown. */
  pAdjusted: number;
  cramersV: number;
}

/** Codes × groups, each code as a checkbox option: chosen (the condition holds) or not, among the group's comments. */
export interface TextCodeCrosstab {
  groups: Array<TextGroupHeader & { cells: TextCodeCell[] }>;
  /** Hidden groups shown added up (「その他（少数）」), as in the cross-tabs; null when none is hidden. */
  merged: { n: number | null; members: number[]; cells: TextCodeCell[] } | null;
  total: { n: number | null; cells: TextCodeCell[] };
  /** One per code, in code order; null when fewer than two testable groups or the code is in all or none. */
  tests: Array<TextCodeTest | null>;
}

export interface TextSection {
  question: string;
  comments: {
    /** Non-blank comments analysed. */
    n: number;
    /** Of those, the ones with at least one word. */
    withWords: number;
  };
  /** True when 1 ≤ n < the minimum group size: every figure below is then empty (as it is, unhidden, when n is 0). */
  hidden: boolean;
  words: TextWord[];
  byGroup: TextWordsByGroup | null;
  network: TextNetwork;
  codes: TextCode[];
  codeCrosstabs: TextCodeCrosstab | null;
}
