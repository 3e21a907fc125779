/**
 * What the dashboard reads from the server. The report and the timeline are the
 * shared contracts (contracts/report.ts, contracts/timeline.ts), built on the
 * server by the analysis library and never computed here. A group smaller than
 * the survey's minimum group size has null numbers and is listed in
 * `suppressed`: every chart must cope with nulls.
 */
export type {
  AnswerValue,
  DistributionCell,
  GapItem,
  Gaps,
  IpaItem,
  IpaSet,
  NeedsQuestion,
  Quadrant,
  Report,
  Suppression,
} from '../../../contracts/report.ts';
export type { DailyCounts } from '../../../contracts/timeline.ts';
export type { CommentList } from '../../../contracts/comments.ts';
export type { CurrentUser } from '../../../contracts/auth.ts';
