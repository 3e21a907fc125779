/**
 * How a synthetic respondent answers beyond "any valid answer": the hooks a survey's profile
 * may fill to make the data plausible. Anything a profile leaves out falls back to a neutral
 * default, so any definition can be synthesized, shipped or not.
 */
import type { Channel } from '../../contracts/submission.ts';
import type { RandomSource } from '../stats/seeded-random.ts';
import type { AnswerValue } from '../table/response-table.ts';

export interface SyntheticRespondent {
  random: RandomSource;
  /** Latent traits drawn by `prepare`, e.g. `age` in 0 (youngest) … 1 (oldest). */
  traits: Record<string, number>;
  /** Answers decided before the questions are asked (an age band asked last drives earlier answers). */
  preset: Record<string, unknown>;
  /** Answers given so far, by question name; what visibleIf sees. */
  answers: Record<string, unknown>;
  /** Response meta values chosen so far (e.g. the kiosk's ward). */
  meta: Record<string, string>;
}

export interface SynthesisProfile {
  channel: Channel;
  /** Draws traits and presets. */
  prepare?(respondent: SyntheticRespondent): void;
  /**
   * Relative weights of a single/multiple/ranking question's choices (or a matrix row's columns,
   * asked as `matrix.row`, or a meta variable's choices). Unlisted choices weigh 1.
   */
  choiceWeights?(question: string, respondent: SyntheticRespondent): Record<string, number> | undefined;
  /** Mean on a numeric scale (rating, Likert matrix row `row`). */
  scaleMean?(question: string, row: string | undefined, respondent: SyntheticRespondent): number | undefined;
  /** Share of respondents who answer an optional question. */
  answerRate?(question: string, respondent: SyntheticRespondent): number | undefined;
  /** How many options a checkbox answer has, before min/max limits (default 1–3). */
  selectionCount?(question: string, respondent: SyntheticRespondent): number | undefined;
  /** Free-text answers to draw from. */
  comments?: string[];
  /** Kiosk opening hours (JST) instead of round-the-clock online answers. */
  officeHours?: boolean;
}

/** Weights that lean with a trait x ∈ [0, 1]: each value's base weight × e^(slope·(2x − 1)). */
export function lean(table: Record<string, [base: number, slope: number]>, x: number): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const [value, [base, slope]] of Object.entries(table)) weights[value] = base * Math.exp(slope * (2 * x - 1));
  return weights;
}

/** A choice's weight in a table, 1 when unlisted. */
export function weightOf(weights: Record<string, number> | undefined, value: AnswerValue): number {
  const weight = weights?.[String(value)];
  return weight === undefined ? 1 : weight;
}
