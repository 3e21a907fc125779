import { describe, expect, it } from 'vitest';
import { describeNumbers } from '../../../analysis/stats/describe-numbers.ts';
import { histogram } from '../../../analysis/stats/histogram.ts';
import { summarizeMultiple, summarizeNumeric, summarizeRanking, summarizeSingle } from '../../../analysis/summaries/summarize-answers.ts';
import { expectAllClose, expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Expected {
  singleShares: number[];
  singleMean: number;
  singleTopTwo: number;
  multipleShares: number[];
  rankShares: number[][];
  mean: number;
  sd: number;
  quartiles: number[];
  min: number;
  max: number;
}
const fixture = readReferenceFixture<{
  scaleValues: number[];
  weights: number[];
  codes: number[];
  answered: number[];
  chosen: number[][];
  ranked: number[];
  ranks: number[][];
  minutes: Array<number | null>;
  unweighted: Expected;
  weighted: Expected;
}>('summaries.json');

describe('question summaries against R (survey: svymean, svyvar, svyquantile hf7)', () => {
  const rowCount = fixture.codes.length;
  const minutes = fixture.minutes.map((m) => (m === null ? Number.NaN : m));
  for (const weighted of [false, true]) {
    const expected = weighted ? fixture.weighted : fixture.unweighted;
    const rows = { rowCount, weights: weighted ? fixture.weights : null };
    it(weighted ? 'weighted' : 'unweighted', () => {
      const single = summarizeSingle(fixture.codes, 5, rows, { scores: fixture.scaleValues, best: 'high' });
      expectAllClose(single.items.map((i) => i.share), expected.singleShares, 1e-9, 'single shares');
      expectClose(single.mean!, expected.singleMean, 1e-9, 'single mean');
      expectClose(single.topTwo!, expected.singleTopTwo, 1e-9, 'top two');
      expect(single.answered + single.noAnswer).toBe(rowCount);
      expect(single.answered).toBe(fixture.codes.filter((c) => c >= 0).length);

      const multiple = summarizeMultiple(fixture.answered, fixture.chosen, rows);
      expectAllClose(multiple.items.map((i) => i.share), expected.multipleShares, 1e-9, 'checkbox shares');

      const ranking = summarizeRanking(fixture.ranked, fixture.ranks, rows);
      ranking.items.forEach((item, code) => expectAllClose(item.ranks.map((r) => r.share), expected.rankShares[code], 1e-9, `ranks of item ${code}`));

      const numeric = summarizeNumeric(minutes, rows).numeric!;
      expectClose(numeric.mean, expected.mean, 1e-9, 'mean');
      expectClose(numeric.sd!, expected.sd, 1e-9, 'sd');
      expectAllClose([numeric.q1, numeric.median, numeric.q3], expected.quartiles, 1e-9, 'quartiles');
      expect([numeric.min, numeric.max]).toEqual([expected.min, expected.max]);
    });
  }
});

describe('question summaries on literal data', () => {
  it('count unweighted, share weighted, and respect the mask', () => {
    const s = summarizeSingle([0, 1, 1, -1], 2, { rowCount: 4, weights: [2, 1, 1, 1], mask: [1, 1, 1, 1] });
    expect(s).toEqual({ answered: 3, noAnswer: 1, items: [{ count: 1, share: 0.5 }, { count: 2, share: 0.5 }] });
    expect(summarizeSingle([0, 1, 1, -1], 2, { rowCount: 4, mask: [1, 0, 0, 1] })).toMatchObject({ answered: 1, noAnswer: 1 });
  });

  it('take the two best of a scale that runs best-first', () => {
    const s = summarizeSingle([0, 1, 2, 3], 4, { rowCount: 4 }, { scores: [1, 2, 3, 4], best: 'low' });
    expect(s.topTwo).toBe(0.5);
  });

  it('give the mean rank among those who ranked the item', () => {
    const r = summarizeRanking([1, 1, 0], [[1, 2, 0], [2, 1, 0]], { rowCount: 3 });
    expect(r.items.map((i) => i.meanRank)).toEqual([1.5, 1.5]);
    expect(r.noAnswer).toBe(1);
  });

  it('describe a single number without an sd, and quote a bad value', () => {
    expect(describeNumbers([7])).toMatchObject({ n: 1, mean: 7, sd: null, q1: 7, median: 7, q3: 7 });
    expect(() => describeNumbers([1, Number.POSITIVE_INFINITY])).toThrow(/value 1 is not a finite number/);
  });

  it('bin numbers in nice right-closed classes', () => {
    // 8 values → Sturges 4 classes over 0..20 → width 5.
    const bins = histogram([0, 1, 5, 6, 10, 11, 15, 20]);
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([[0, 5, 3], [5, 10, 2], [10, 15, 2], [15, 20, 1]]);
  });
});
