/**
 * The JSON report (issue 4, "JSON report contract"): built by analysis/report/build-report.ts,
 * written by `survey-toolkit report`, served by GET /api/surveys/:id/report and drawn by the dashboard. The names and meanings of the contract's
 * fields are fixed; the fields marked "added" are ours. Counts, shares, means and distributions
 * of a group smaller than the minimum group size are never present: they are null, and the
 * group is listed in `suppressed`.
 */
/** A choice value as the definition has it. */
export type AnswerValue = string | number | boolean;

export interface Report {
  survey: {
    id: string;
    /** Definition versions of the analysed responses, ascending. */
    versions: number[];
    /** Added: the newest definition's title. */
    title: Record<string, string>;
  };
  /** Responses analysed (after --drop-incomplete). */
  responses: number;
  /** Added: the smallest group any number is shown for. */
  minGroupSize: number;
  /** Added: the seed of the bootstrap and the comment samples. */
  seed: number;
  weighting: Weighting | null;
  needs: NeedsQuestion[];
  ipa: IpaSet[];
  gaps: Gaps;
  /** Added: free-text answers, a seeded sample per comment question. */
  comments: CommentSample[];
  suppressed: Suppression[];
}

export interface Weighting {
  method: 'raking';
  iterations: number;
  /** Kish: (Σw)² / Σw² over the analysed responses. */
  effectiveN: number;
  /** Added: the margin variables raked to. */
  variables: string[];
  /** Added: responses left out because they lack a margin variable (--drop-incomplete). */
  dropped: number;
}

export interface NeedsQuestion {
  question: string;
  /** Added. */
  label: string;
  kind: 'choice' | 'ranking';
  /** Respondents who answered; null when fewer than the minimum group size. */
  answered: number | null;
  /** Added, weighted reports only: Kish effective sample size of those who answered; the Wilson intervals use it. */
  effectiveN?: number | null;
  /** Added: true when the whole question is hidden (too few answered); items is then empty. */
  suppressed?: boolean;
  items: NeedsItem[];
}

export interface NeedsItem {
  value: AnswerValue;
  label: string;
  /** Respondents who chose (or ranked) it: unweighted. */
  count: number;
  /** (Weighted) share of those who answered the question. */
  share: number;
  ci95: [number, number];
  rank: number;
  meanRank?: number | null;
  borda?: number;
  top3Probability?: number;
}

export interface IpaSet {
  set: string;
  /** Added: the mean of the shown item means, where the quadrant lines are. */
  importanceMean: number | null;
  satisfactionMean: number | null;
  items: IpaItem[];
}

export type Quadrant = 'concentrate' | 'keep' | 'low' | 'overkill';

export interface IpaItem {
  item: string;
  label: string;
  /** The fewer of importanceN and satisfactionN; null when hidden. */
  n: number | null;
  /** Added. */
  importanceN: number | null;
  satisfactionN: number | null;
  importance: number | null;
  satisfaction: number | null;
  gap: number | null;
  quadrant: Quadrant | null;
  suppressed?: boolean;
}

export interface Gaps {
  /** The breakdown question; null when the survey has no cohort question and no --by was given. */
  by: string | null;
  /** Added: the question's title. */
  label: string | null;
  groups: GapGroupSummary[];
  items: GapItem[];
  /** Added: items with fewer than two groups large enough to compare. */
  untested: Array<{ question: string; item?: string; option?: AnswerValue; reason: string }>;
}

export interface GapGroupSummary {
  value: AnswerValue;
  label: string;
  n: number | null;
  suppressed?: boolean;
}

export interface GapItem {
  question: string;
  /** Added: the question's title (and the row's, for a matrix row). */
  label: string;
  item?: string;
  option?: AnswerValue;
  test: 'kruskal' | 'chi2';
  statistic: number;
  df: number;
  p: number;
  pAdjusted: number;
  effect: { name: 'epsilonSquared' | 'cramersV'; value: number };
  groups: GapGroup[];
}

export interface GapGroup {
  value: AnswerValue;
  /** Added. */
  label: string;
  n: number | null;
  mean?: number | null;
  median?: number | null;
  /** Answers in the group, in scale / choice order; null when the group is hidden. */
  distribution: DistributionCell[] | null;
  suppressed?: boolean;
}

export interface DistributionCell {
  value: AnswerValue;
  label: string;
  count: number;
  share: number;
}

export interface CommentSample {
  question: string;
  label: string;
  answered: number | null;
  sample: string[];
  suppressed?: boolean;
}

export interface Suppression {
  where: string;
  reason: string;
  /** Added: `small` (under the minimum group size) or `complementary` (hidden to protect `protects`). */
  rule: 'small' | 'complementary';
  protects?: string;
}
