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
  /** Added (issue 11): 調査概要, the fieldwork at a glance. */
  overview?: Overview;
  /** Added (issue 11): 単純集計, one entry per question of the newest definition, in survey order. */
  summaries?: QuestionSummary[];
  /** Added (issue 11): クロス集計, one entry per (question, breakdown) and per matrix row. */
  crosstabs?: Crosstab[];
  /** Added (issue 11): the breakdowns the cross-tabs use, in order. */
  breakdowns?: Breakdown[];
  /** Added (issue 25): 平均値の比較, each number question and ordered scale by each breakdown. */
  means?: MeansByGroup[];
  /** Added (issue 28): 効果検証, how the responses were split (--compare) and grouped (--pilot). */
  effectComparison?: EffectComparison;
  /** Added (issue 28): 効果検証, one entry per share or mean compared before and after the split. */
  effects?: Effect[];
  /**
   * Added (issue 27): 自由記述, one entry per comment question (role `comment`), in survey order: words,
   * co-occurrence network and coding-rule codes of every non-blank answer, masked. Absent when the report was
   * built without text analysis (no comment question with answers, or `--no-text`).
   */
  text?: TextAnalysis[];
}

/**
 * Added (issue 28): how `effects` split the responses. "before" is strictly earlier than the
 * split instant (midnight of the date in Japan time) by the record's `time`.
 */
export interface EffectComparison {
  /** Which record time splits them: the table keeps `completedAt` (the device's completion time). */
  time: 'completedAt';
  /** The split date as given (YYYY-MM-DD, Japan time) and its instant (ISO 8601, UTC). */
  date: string;
  at: string;
  timeZone: 'Asia/Tokyo';
  /** Responses before and after; `undated` had no completion time and are in neither. */
  before: number;
  after: number;
  undated: number;
  /** The pilot group (--pilot): the variable and the values that mark it; the rest are the control group. */
  pilot: { variable: string; label: string; values: ValueLabel[] } | null;
  /** Whether the figures are weighted (survey-weighted regression on the report's weights). */
  weighted: boolean;
  /** How each figure is computed, for readers (docs/analysis.md, "効果検証"). */
  methods: { shareChange: string; meanChange: string; did: string | null };
  /**
   * The pre-trend check (with a pilot and at least three months before the split): the before
   * period is halved at `at`, and each effect's DiD of the second half against the first is
   * tested; null when it was not possible (and `reason` says why in `preTrendSkipped`).
   */
  preTrend: { from: string; at: string; to: string } | null;
  preTrendSkipped?: string;
  /** Effects whose pre-trend p < 0.05, in words: the parallel-trends assumption is doubtful there. */
  warnings: string[];
}

/** Added (issue 28): a period's (or a group's period's) respondents and its share or mean; hidden cells are null. */
export interface EffectCell {
  n: number | null;
  value: number | null;
}

/** Added (issue 28): an estimate with its 95% interval, p and Holm-adjusted p. */
export interface EffectEstimate {
  estimate: number;
  low: number;
  high: number;
  p: number;
  /** Holm over every change test (or every DiD test) of the report. */
  pAdjusted: number;
}

/** Added (issue 28): the cells a figure uses; `pilot.before` etc. for the difference-in-differences. */
export type EffectCellName = 'before' | 'after' | 'pilot.before' | 'pilot.after' | 'control.before' | 'control.after';

/** Added (issue 28): one share or mean before and after the split, and (with a pilot) its DiD. */
export interface Effect {
  question: string;
  label: string;
  /** A matrix row. */
  row?: string;
  rowLabel?: string;
  /** A choice, checkbox option or needs item whose share this is; absent for a mean or a top-two share. */
  option?: AnswerValue;
  optionLabel?: string;
  /** A share of the two best answers of an ordered scale. */
  topTwo?: boolean;
  measure: 'share' | 'mean';
  before: EffectCell;
  after: EffectCell;
  /** after − before; null when a cell it uses is under the minimum group size (`hidden` names it) or it cannot be computed. */
  change: EffectEstimate | null;
  /** With --pilot: (pilot after − pilot before) − (control after − control before). */
  did?: (EffectEstimate & {
    pilot: { before: EffectCell; after: EffectCell };
    control: { before: EffectCell; after: EffectCell };
    /** The pre-trend check's DiD within the before period, when it was made. */
    preTrend?: { estimate: number; p: number } | null;
  }) | null;
  /** Cells under the minimum group size, for the change and for the DiD. */
  hidden?: { change?: EffectCellName[]; did?: EffectCellName[] };
}

/** Added (issue 25): the means of a number question or an ordered scale by the groups of a breakdown. */
export interface MeansByGroup {
  question: string;
  label: string;
  /** A matrix row. */
  row?: string;
  rowLabel?: string;
  by: string;
  byLabel: string;
  /** An ordered scale (its points are ranks: Kruskal–Wallis), not a number answer (Welch). */
  scale: boolean;
  /** Weighted when the report is; null where hidden (`suppressed`) or nobody answered. */
  groups: Array<ValueLabel & { n: number | null; mean: number | null; sd: number | null; median: number | null; suppressed?: 'small' | 'complementary' }>;
  total: { n: number | null; mean: number | null; sd: number | null; median: number | null };
  /**
   * Welch's one-way test (oneway.test(var.equal = FALSE)) or Kruskal–Wallis (kruskal.test) over the
   * groups of at least the minimum size; pAdjusted is Holm over every test of `means`. Null with
   * fewer than two such groups, a group whose answers are all alike (Welch), or weights.
   */
  test: { method: 'welch' | 'kruskal'; statistic: number; df1: number; df2: number | null; p: number; pAdjusted: number } | null;
}

export interface Overview {
  /** First and last completion date (UTC, YYYY-MM-DD) of the analysed responses; null without dates. */
  period: { from: string; to: string } | null;
  /** Responses by channel (`kiosk`, `online`, …), unweighted. */
  byChannel: Array<{ value: string; n: number | null }>;
  /**
   * Kiosk responses from enrolled tablets and from tablets that were not (whose kiosk id and ward the
   * server did not store, issue 20); null when no response came through a kiosk.
   */
  kiosks?: { enrolled: number | null; unenrolled: number | null } | null;
  /**
   * Responses by ward (meta.ward), unweighted; small wards follow the suppression rule. Added (issue
   * 25): with ward populations (--population-by ward=FILE, or ward margins in --weights), each
   * ward's population and n / population.
   */
  byWard: Array<{ value: string; label: string; n: number | null; population?: number; responseRate?: number | null }>;
  /**
   * Added (issue 25): minutes from starting to completing the form, over the responses with both
   * times (min, quartiles as R's quantile(type = 7), max); null without any.
   */
  completionMinutes?: { n: number; q1: number; median: number; q3: number } | null;
  /** Added (issue 25): how the survey was fielded, in words: the definition's `method`; null without one. */
  method?: string | null;
  /** With --population N: responses / N. */
  responseRate: number | null;
  population: number | null;
}

/** One choice, scale point or option of a summary or cross-tab. */
export interface ValueLabel {
  value: AnswerValue;
  label: string;
}

export interface SummaryItem extends ValueLabel {
  /** Respondents who gave it: unweighted; null when fewer than the minimum group size did (then hidden). */
  count: number | null;
  /** (Weighted) share of those who answered; a checkbox's shares do not sum to 1; null when hidden. */
  share: number | null;
  /** Why it is hidden: too few gave it, or (one answer of a single-choice question) to protect one that is. */
  suppressed?: 'small' | 'complementary';
}

/**
 * Added (issue 26): the answers of a single-answer question hidden by suppression, added together
 * (「その他（少数）」), so the bars still reach 100%. Never fewer than the minimum group size, and it tells
 * nothing the shown answers and the total did not. Absent when nothing is hidden, and for checkboxes.
 */
export interface FewerItem {
  /** The hidden answers it adds up, in choice order. */
  values: AnswerValue[];
  count: number;
  share: number;
}

export interface NumericDescription {
  mean: number;
  sd: number | null;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export interface SummaryRow {
  /** The matrix row's value. */
  row: string;
  label: string;
  answered: number | null;
  items: SummaryItem[];
  /** Ordered scales only: the (weighted) mean score and the share of the two best answers. */
  mean?: number | null;
  topTwo?: number | null;
  /** Added (issue 26): the row's hidden answers together. */
  fewer?: FewerItem;
  /** Added (issue 25): a matrixdropdown cell column of numbers: the row's answers described as numbers (`items` empty). */
  numeric?: NumericDescription | null;
  suppressed?: boolean;
}

export interface QuestionSummary {
  question: string;
  /** The question's title; for a matrixdropdown column, 「設問 — 列」. */
  label: string;
  /** The SurveyJS type. */
  type: string;
  /**
   * Added (issue 25): a matrixdropdown is summarised once per cell column, each entry naming its
   * column (`rows` holds the rows: choices as `items`, numbers as `numeric`, text as `answered`).
   */
  column?: string;
  /** Added (issue 25): the column's cell type (dropdown, checkbox, rating, boolean, text, expression…). */
  cellType?: string;
  /** Respondents who answered; null when fewer than the minimum group size (then nothing else is shown). */
  answered: number | null;
  /** Respondents analysed who gave no answer (including those never shown the question). */
  noAnswer: number;
  /** Whether the answers form an ordered scale (ratings, Likert matrices, numbers). */
  ordered: boolean;
  /** Choice types, boolean included: one entry per value, "other" as one item. */
  items?: SummaryItem[];
  /** Added (issue 26): the hidden answers together (single-answer questions). */
  fewer?: FewerItem;
  /** Ordered single-answer scales: mean score and top-two share. */
  mean?: number | null;
  topTwo?: number | null;
  /** Matrix rows; a matrixdropdown column's rows. */
  rows?: SummaryRow[];
  /** Numeric inputs: mean, sd and quartiles (weighted hf7). */
  numeric?: NumericDescription | null;
  histogram?: Array<{ from: number; to: number; count: number; share: number }>;
  /** Ranking: per item, the share ranking it 1st, 2nd, … and its mean rank. */
  ranks?: Array<ValueLabel & { ranked: number; shares: number[]; meanRank: number | null }>;
  suppressed?: boolean;
  /** Set when the type has no summary yet: the reason, so a reader knows it was not forgotten. */
  notSummarised?: string;
}

/** A variable the cross-tabs break answers down by. */
export interface Breakdown {
  /** The question, meta variable or matrix row it comes from. */
  by: string;
  label: string;
  /**
   * Why it is a breakdown: the definition's role, the response meta, --crosstab-by, or (added, issue
   * 25) chosen for a survey without roles by the rule in docs/analysis.md ("Breakdowns").
   */
  source: 'segment' | 'cohort' | 'meta' | 'option' | 'auto';
  groups: ValueLabel[];
}

export type ResidualMark = '▲▲' | '▲' | '▽' | '▽▽' | '';

export interface CrosstabCell {
  value: AnswerValue;
  /**
   * Respondents in the group who gave it: unweighted. null when hidden (issue 26): fewer than the
   * minimum group size, or hidden so that such a cell cannot be worked out from the totals.
   */
  count: number | null;
  /** (Weighted) share of the group's respondents who answered; null when hidden. */
  share: number | null;
  /** Adjusted standardized residual (R's chisq.test()$stdres); null where undefined or hidden. */
  residual: number | null;
  mark: ResidualMark;
  /** Added (issue 26): why the cell is hidden. */
  suppressed?: 'small' | 'complementary';
}

export interface CrosstabGroup extends ValueLabel {
  /** Respondents in the group who answered; null when hidden (`suppressed` says why). */
  n: number | null;
  /**
   * One per column, always (issue 26): a group whose size is hidden still shows its empty cells as 0
   * and the others as hidden.
   */
  cells: CrosstabCell[];
  suppressed?: 'small' | 'complementary';
  /**
   * Added (issue 26): set on the 「その他（少数）」 row, the last group, which adds up the groups too
   * small to show on their own (listed here; they stay in `groups` with every number hidden).
   * It has no residuals and is not tested.
   */
  members?: AnswerValue[];
}

/** Added (issue 26): the 全体 row, every group together. Its cells have no residual. */
export interface CrosstabTotal {
  /** Respondents who answered and are in a group; null only when fewer than the minimum group size. */
  n: number | null;
  cells: CrosstabCell[];
}

export interface CrosstabTest {
  /** Pearson's X² (weighted: on the table rescaled to n, as R's svychisq prints it). */
  statistic: number;
  df: number;
  p: number;
  /** Holm over every cross-tab test of the report. */
  pAdjusted: number;
  cramersV: number;
  method: 'pearson' | 'rao-scott';
  /** Rao–Scott only: the mean design effect the p-value divides X² by. */
  designEffect?: number;
}

export interface Crosstab {
  question: string;
  label: string;
  /** A matrix row. */
  row?: string;
  rowLabel?: string;
  by: string;
  byLabel: string;
  kind: 'single' | 'multiple';
  /** The columns: values (single) or options (multiple). */
  values: ValueLabel[];
  groups: CrosstabGroup[];
  /** Added (issue 26): the 全体 row. */
  total: CrosstabTotal;
  /** Single answers: the test of the whole table; null when fewer than two groups or values can be compared. */
  test: CrosstabTest | null;
  /** Multiple answers: one test per option, in option order. */
  optionTests?: Array<(CrosstabTest & { option: AnswerValue }) | null>;
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
  /**
   * Added (issue 30): the margins file raked to, as the downloads' headers name it: its name (`--weights`'s file
   * name without the folder; the server's `<survey>.csv` in DATA_DIR/weights) and the SHA-256 of its bytes, hex.
   * Absent when the caller gave margins without a file.
   */
  source?: MarginsSource;
}

/** Added (issue 30): which margins file a weighted report used. */
export interface MarginsSource {
  file: string;
  sha256: string;
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
  /**
   * null when hidden (issue 26): the same cells as the cross-tab of the item by the breakdown hides,
   * so one table cannot give away what the other hides.
   */
  count: number | null;
  share: number | null;
  suppressed?: 'small' | 'complementary';
}

export interface CommentSample {
  question: string;
  label: string;
  answered: number | null;
  sample: string[];
  suppressed?: boolean;
}

export interface Suppression {
  /** A stable key for machines (`crosstabs.q.by=group`, …); readers get `label`. */
  where: string;
  /** Added (issue 26): where, in words of the report's language (question, group, answer). */
  label?: string;
  reason: string;
  /** Added: `small` (under the minimum group size) or `complementary` (hidden to protect `protects`). */
  rule: 'small' | 'complementary';
  protects?: string;
}

/**
 * Added (issue 27): the free-text analysis of one comment question (docs/text-analysis.md defines every figure),
 * as analysis/text/analyze-comments.ts returns it. Every comment is masked before anything reads it.
 */
export interface TextAnalysis {
  question: string;
  /** The question's title in the report's language. */
  label: string;
  comments: {
    /** Non-blank comments analysed. */
    n: number;
    /** Of those, the ones with at least one word. */
    withWords: number;
  };
  /** True when 1 ≤ n < the minimum group size: every figure below is then empty (as it is, unhidden, when n is 0). */
  hidden: boolean;
  /** The 100 most frequent words. */
  words: TextWord[];
  /** The same words by the groups of the breakdown (`by`); null without one. */
  byGroup: TextWordsByGroup | null;
  network: TextNetwork;
  /** One per coding rule, in the rule file's order; empty without a rule file. */
  codes: TextCode[];
  /** Codes × the groups of the breakdown (`by`); null without rules or a breakdown. */
  codeCrosstabs: TextCodeCrosstab | null;
  /** The breakdown `byGroup` and `codeCrosstabs` use (the report's first breakdown); absent without one. */
  by?: string;
  byLabel?: string;
  /**
   * Words and codes by each breakdown of the report (`breakdowns`, in order; the first is `byGroup` and
   * `codeCrosstabs` again), so codes can be read by age band when the age band is not the first breakdown.
   * Absent when the section is hidden or the report has no breakdown.
   */
  breakdowns?: TextBreakdown[];
}

/** Added (issue 27): the words and codes of a comment question by the groups of one breakdown. */
export interface TextBreakdown {
  by: string;
  byLabel: string;
  byGroup: TextWordsByGroup;
  /** Null without coding rules. */
  codeCrosstabs: TextCodeCrosstab | null;
}

/** A word's class (extract-words.ts): the noun classes of IPADIC, joined compounds, verbs, adjectives, Latin words. */
export type TextWordClass = 'noun' | 'verbalNoun' | 'adjectivalNoun' | 'properNoun' | 'adverbialNoun' | 'compoundNoun' | 'verb' | 'adjective' | 'latin';

export interface TextWord {
  word: string;
  /** The word's class; a word met in more than one class takes its most frequent (ties: the order of TextWordClass). */
  pos: TextWordClass;
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
  suppressed?: 'small' | 'complementary';
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
  suppressed?: 'small' | 'complementary';
}

export interface TextCodeTest {
  statistic: number;
  df: number;
  p: number;
  /** Holm over every code test of the report (every comment question by every breakdown), as the cross-tabs' tests are over theirs. */
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
