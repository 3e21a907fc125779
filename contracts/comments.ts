import type { Suppression } from './report.ts';

/**
 * GET /api/surveys/:id/comments (server/routes/comments.ts, issue 30 "every comment findable"): the free-text
 * answers of the filtered selection, personal data masked, newest first, a page at a time.
 *
 * Never the response's id and never when it came (no date, no time of day): next to the timeline's daily counts
 * a moment could point at the one person who answered then, and an id ties a comment to the whole record.
 * The cursor is opaque (sealed by the server) for the same reason.
 *
 * When the selection has fewer than the survey's minGroupSize responses, or fewer than minGroupSize comments
 * match, `comments` is empty, `total` 0 and `suppressed` says why.
 */
export interface CommentList {
  /** Comments matching (every page, not only this one). */
  total: number;
  /** Newest first, at most `limit`. */
  comments: ListedComment[];
  /** Give it as `cursor=` for the next page; null on the last page. Comments that arrive meanwhile never shift later pages. */
  nextCursor: string | null;
  suppressed: Suppression[];
}

export interface ListedComment {
  /** The comment question's name. */
  question: string;
  /** Personal data masked (analysis/text/mask-personal-data.ts). */
  text: string;
  /** The survey's coding-rule categories (its coding.txt) the comment falls in; empty without rules. */
  codes: string[];
  /** The response's segments (ward, age band, …): variable name → the value's label. Unanswered ones are left out. */
  segments: Record<string, string>;
}

/**
 * GET /api/surveys/:id/comments?kwic=<word>: keyword in context over every comment matching the other
 * parameters (not one page), in comment order (newest first), at most `limit` lines.
 */
export interface CommentKwic {
  word: string;
  /** Comments searched (those matching the other parameters). */
  comments: number;
  /** Of those, comments containing the word. */
  containing: number;
  /** Places the word occurs in them. */
  count: number;
  rows: Array<{ question: string; left: string; keyword: string; right: string }>;
  /** The most lines sent; `truncated` when `count` is more. */
  limit: number;
  truncated: boolean;
  suppressed: Suppression[];
}
