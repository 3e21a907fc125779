/**
 * Which groups of one breakdown to hide (issue 4, "Suppression"):
 * - a group with at least one but fewer than `minGroupSize` respondents is hidden as `small`;
 * - when exactly one group is hidden that way, the next-smallest group is hidden too
 *   (`complementary`), so the small one cannot be worked out as total minus the others;
 * - when the hidden groups are shown added up (`shownTogether`), the next-smallest are hidden
 *   too until that sum reaches the minimum.
 * Groups whose sizes add up to a shown total: one line of a table. Cross-tabs, whose rows and
 * columns both add up, use protect-table.ts.
 *
 * A group nobody is in is not hidden: zero singles nobody out, and hiding it would make a
 * "one small group" rule fire on an unused choice.
 *
 * Tests leave out the small groups only; a group hidden to protect another is still tested
 * (`isTestable`).
 */
import { protectLine } from './protect-line.ts';

export type HiddenGroup =
  | { reason: 'small' }
  /** `protects` is the index of the small group it hides. */
  | { reason: 'complementary'; protects: number };

export function suppressSmallGroups(
  sizes: ReadonlyArray<number>,
  minGroupSize: number,
  options: { shownTogether?: boolean } = {},
): Array<HiddenGroup | null> {
  // With `shownTogether` the hidden groups are shown added up (「その他（少数）」, issue 26): that sum is
  // a number like any other, so it must reach the minimum too. It tells nothing new: the total and
  // the shown groups gave it already.
  const hidden = protectLine(sizes, minGroupSize, options);
  const firstSmall = hidden.indexOf('small');
  return hidden.map((reason) => (reason === 'small' ? { reason } : reason ? { reason, protects: firstSmall } : null));
}

/** Whether a group of this size takes part in a test: only groups under the threshold are left out. */
export function isTestable(n: number, minGroupSize: number): boolean {
  return n >= minGroupSize;
}
