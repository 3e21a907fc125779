import type { Suppression } from './report.ts';

/**
 * GET /api/surveys/:id/comments: the newest free-text answers, personal data masked, and
 * without when they came (server/routes/dashboard-data.ts). When too few
 * respondents are selected or wrote one, `comments` is empty, `total` 0, and
 * `suppressed` says why.
 */
export interface CommentList {
  /** Comments in the selection (before `limit`). */
  total: number;
  /** Newest first, at most `limit`. */
  comments: Array<{ question: string; text: string }>;
  suppressed: Suppression[];
}
