/**
 * What the dashboard reads from the server. The report is the JSON report
 * contract of the analysis issue (issue 4), built on the server by the analysis
 * library (analysis/report/report.ts), never computed here. The client may not
 * import analysis code (docs/architecture.md), so these types mirror the ones
 * it reads; test/client/pages/dashboard/report-shape.test.ts makes the
 * typecheck fail when the two drift apart.
 *
 * A group smaller than the survey's minimum group size has null numbers and
 * is listed in `suppressed`: every chart must cope with nulls.
 */

export type AnswerValue = string | number | boolean;
export type Interval = [number, number];

export interface NeedItem {
  value: AnswerValue;
  label: string;
  count: number;
  share: number;
  ci95: Interval;
  rank: number;
  meanRank?: number | null;
  borda?: number;
  top3Probability?: number;
}

export interface NeedsResult {
  question: string;
  label: string;
  kind: 'choice' | 'ranking';
  answered: number | null;
  effectiveN?: number | null;
  suppressed?: boolean;
  items: NeedItem[];
}

export type Quadrant = 'concentrate' | 'keep' | 'low' | 'overkill';

export interface IpaItem {
  item: string;
  label: string;
  n: number | null;
  importance: number | null;
  satisfaction: number | null;
  gap: number | null;
  quadrant: Quadrant | null;
  suppressed?: boolean;
}

export interface IpaResult {
  set: string;
  /** The mean of the item means on each axis: where the quadrant lines are. */
  importanceMean: number | null;
  satisfactionMean: number | null;
  items: IpaItem[];
}

export interface GapGroupSummary {
  value: AnswerValue;
  label: string;
  n: number | null;
  suppressed?: boolean;
}

export interface DistributionCell {
  value: AnswerValue;
  label: string;
  count: number;
  share: number;
}

export interface GapGroupResult {
  value: AnswerValue;
  label: string;
  n: number | null;
  mean?: number | null;
  median?: number | null;
  /** In scale / choice order; null for a hidden group. */
  distribution: DistributionCell[] | null;
  suppressed?: boolean;
}

export interface GapItem {
  question: string;
  label: string;
  item?: string;
  option?: AnswerValue;
  test: 'kruskal' | 'chi2';
  statistic: number;
  df: number;
  p: number;
  pAdjusted: number;
  effect: { name: 'epsilonSquared' | 'cramersV'; value: number };
  groups: GapGroupResult[];
}

export interface GapsResult {
  by: string | null;
  label: string | null;
  groups: GapGroupSummary[];
  items: GapItem[];
}

export interface Suppression {
  where: string;
  reason: string;
}

export interface Report {
  survey: { id: string; versions: number[]; title: Record<string, string> };
  responses: number;
  minGroupSize: number;
  weighting: null | { method: 'raking'; iterations: number; effectiveN: number };
  needs: NeedsResult[];
  ipa: IpaResult[];
  gaps: GapsResult;
  suppressed: Suppression[];
}

/** GET /api/surveys/:id/timeline: responses per day, week or month (analysis/timeline/count-responses-by-day.ts). */
export interface Timeline {
  by: string;
  /** Long spans come per week or per month. */
  interval: 'day' | 'week' | 'month';
  /** Each period's first day, YYYY-MM-DD. */
  periods: string[];
  total: number;
  series: Array<{ value: string; total: number; counts: number[] }>;
  suppressed: Suppression[];
}

/** GET /api/surveys/:id/comments: the newest free-text answers. */
export interface CommentList {
  total: number;
  comments: Array<{ question: string; text: string }>;
  suppressed: Suppression[];
}

export interface CurrentUser {
  name: string;
  role: 'analyst' | 'admin';
  via: 'session' | 'token';
}
