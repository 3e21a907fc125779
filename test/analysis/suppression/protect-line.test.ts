/**
 * One line of numbers with its shown sums (analysis/suppression/protect-line.ts), checked by
 * enumerating every line of counts that agrees with what is shown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectLine, protectLineAndSums } from '../../../analysis/suppression/protect-line.ts';

/** Per hidden index, the values it takes over every non-negative line that agrees with the shown numbers and sums. */
function possibleValues(counts: number[], hidden: boolean[], sums: number[][]): Map<number, Set<number>> {
  const all = [counts.map(() => 1), ...sums];
  const targets = all.map((coefficients) => coefficients.reduce((total, c, i) => total + c * counts[i], 0));
  const unknown = counts.flatMap((_, i) => (hidden[i] ? [i] : []));
  const seen = new Map(unknown.map((i) => [i, new Set<number>()]));
  const line = counts.map((n, i) => (hidden[i] ? 0 : n));
  const bound = counts.reduce((a, b) => a + b, 0);
  const search = (u: number) => {
    if (u === unknown.length) {
      if (all.every((coefficients, s) => coefficients.reduce((total, c, i) => total + c * line[i], 0) === targets[s])) {
        unknown.forEach((i) => seen.get(i)!.add(line[i]));
      }
      return;
    }
    for (let v = 0; v <= bound; v++) {
      line[unknown[u]] = v;
      if (line.reduce((a, b) => a + b, 0) > bound) break;
      search(u + 1);
    }
    line[unknown[u]] = 0;
  };
  search(0);
  return seen;
}

describe('protectLine', () => {
  it('hides every small number, never a zero, and leaves none that the total and the top-two sum pin', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 5 }), fc.integer({ min: 2, max: 5 }), fc.boolean(), (counts, k, together) => {
        const topTwo = counts.map((_, i) => (i >= counts.length - 2 ? 1 : 0));
        const result = protectLineAndSums(counts, k, { shownTogether: together, sums: [topTwo] });
        const hidden = result.hidden.map(Boolean);
        const shownSums = result.sumsShown ? [topTwo] : [];
        counts.forEach((n, i) => {
          if (n > 0 && n < k) expect(hidden[i]).toBe(true);
          if (n === 0) expect(hidden[i]).toBe(false);
        });
        const total = counts.reduce((a, b) => a + b, 0);
        if (total < k) return; // nothing can be shown then: the caller hides the whole line
        if (together && hidden.some(Boolean)) expect(counts.reduce((sum, n, i) => sum + (hidden[i] ? n : 0), 0)).toBeGreaterThanOrEqual(k);
        for (const [i, values] of possibleValues(counts, hidden, shownSums)) {
          expect(values.size, `${JSON.stringify(counts)}, k = ${k}, index ${i}`).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives up the top-two sum when no non-empty answer can protect a hidden one from it', () => {
    // 1 | 0 | 1 with k = 2: the total (2) may be shown, but with the top-two sum both 1s are pinned.
    expect(protectLineAndSums([1, 0, 1], 2, { sums: [[0, 1, 1]] })).toEqual({ hidden: ['small', null, 'small'], sumsShown: false });
  });

  it('protects a small top answer with the other top answer, not with the smallest elsewhere', () => {
    // 5段階: the top-two share is shown, so hiding 30 beside the 2 would leave 2 = top two − 60.
    expect(protectLine([30, 40, 50, 60, 2], 5, { sums: [[0, 0, 0, 1, 1]] })).toEqual([null, null, null, 'complementary', 'small']);
  });

  it('adds the next-smallest until the hidden ones reach k together, when they are shown added up', () => {
    expect(protectLine([1, 2, 3, 50], 5, { shownTogether: true })).toEqual(['small', 'small', 'small', null]);
    expect(protectLine([1, 1, 50, 60], 5, { shownTogether: true })).toEqual(['small', 'small', 'complementary', null]);
    expect(protectLine([1, 1, 50, 60], 5)).toEqual(['small', 'small', null, null]);
  });
});
