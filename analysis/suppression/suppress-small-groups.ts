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
export type HiddenGroup =
  | { reason: 'small' }
  /** `protects` is the index of the small group it hides. */
  | { reason: 'complementary'; protects: number };

export function suppressSmallGroups(
  sizes: ReadonlyArray<number>,
  minGroupSize: number,
  options: { shownTogether?: boolean } = {},
): Array<HiddenGroup | null> {
  const hidden: Array<HiddenGroup | null> = sizes.map((n) => (n > 0 && n < minGroupSize ? { reason: 'small' } : null));
  const small = hidden.flatMap((group, index) => (group ? [index] : []));
  if (small.length === 0) return hidden;
  // With `shownTogether` the hidden groups are shown added up (「その他（少数）」, issue 26): that sum is
  // a number like any other, so it must reach the minimum too. It tells nothing new: the total and
  // the shown groups gave it already.
  const enough = () => {
    const count = hidden.filter(Boolean).length;
    const sum = sizes.reduce((total, n, index) => total + (hidden[index] ? n : 0), 0);
    return count >= 2 && (!options.shownTogether || sum >= minGroupSize);
  };
  while (!enough()) {
    let nextSmallest = -1;
    sizes.forEach((n, index) => {
      if (hidden[index] || n === 0) return;
      if (nextSmallest < 0 || n < sizes[nextSmallest]) nextSmallest = index;
    });
    if (nextSmallest < 0) break;
    hidden[nextSmallest] = { reason: 'complementary', protects: small[0] };
  }
  return hidden;
}

/** Whether a group of this size takes part in a test: only groups under the threshold are left out. */
export function isTestable(n: number, minGroupSize: number): boolean {
  return n >= minGroupSize;
}
