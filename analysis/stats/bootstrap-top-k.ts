/**
 * How sure are we that an item of a ranking question belongs to the top k?
 * Nonparametric bootstrap over respondents: resample the respondents with replacement,
 * re-score the items, order them, and count how often each item lands in the top k.
 *
 * Inputs
 * - `rankings`: one array per answering respondent, the item indices (0 … itemCount − 1) in the
 *   order the respondent ranked them: rankings[r][0] is that respondent's rank 1. A partial
 *   ranking lists only the ranked items; an empty array is a respondent who ranked nothing.
 * - `k`: the size of the top group (the report uses 3).
 * - options.itemCount: the number of choices of the question (the k of the Borda score).
 * - options.score(rank, itemCount): points for an item at a 1-based rank; default Borda,
 *   itemCount − rank + 1. Unranked items score 0.
 *
 * Items are ordered by total score, highest first; equal totals are broken by item index
 * (the definition's choice order), the same rule as the report's order. With the default
 * integer scores the totals are exact integers, so ties are real ties.
 *
 * Speed: respondents with the same ranking contribute the same score vector, so they are
 * grouped into distinct patterns, and each resample draws how many times every pattern is
 * picked — a multinomial(N; pattern shares) draw, done as a chain of exact binomial draws.
 * That is the same distribution as picking N respondents one by one, at a cost of
 * O(patterns × items) instead of O(N) per resample; the stream depends only on the seed and input.
 * Cost: about 0.13 µs per distinct pattern per resample. A "rank your top 3 of 10" question has
 * at most 820 patterns (0.15 ms per resample at 1M respondents); full rankings of many items can
 * have nearly one pattern per respondent, and then 1,000 exact resamples of 1M respondents take
 * minutes: no exact resampling can avoid touching every drawn pattern.
 *
 * Returns, for each item index, the share of resamples in which it was in the top k.
 */
import { describeValue } from './describe-value.ts';
import { createSeededRandom, randomInt, type RandomSource } from './seeded-random.ts';
import { sampleMultinomial } from './sample-multinomial.ts';

export interface BootstrapTopKOptions {
  itemCount: number;
  seed: number;
  resamples?: number;
  score?: (rank: number, itemCount: number) => number;
  /**
   * How a resample is drawn; both are exact. 'patterns' (default) draws pattern counts, and is
   * never slower at scale (measured: 0.15 ms vs 46 ms per resample for a top-3-of-10 question with
   * 1M respondents). 'respondents' picks respondents one by one: the textbook definition, kept
   * so tests can check the two agree. They give different (equally valid) streams for a seed.
   */
  sampler?: 'patterns' | 'respondents';
}

export function bordaScore(rank: number, itemCount: number): number {
  return itemCount - rank + 1;
}

export function bootstrapTopKProbability(
  rankings: ReadonlyArray<ReadonlyArray<number>>,
  k: number,
  options: BootstrapTopKOptions,
): number[] {
  const { itemCount, seed, resamples = 1000, score = bordaScore, sampler = 'patterns' } = options;
  if (!Number.isInteger(itemCount) || itemCount < 1) {
    throw new RangeError(`bootstrapTopKProbability needs itemCount ≥ 1, got ${describeValue(itemCount)}`);
  }
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`bootstrapTopKProbability needs a whole k ≥ 1, got ${describeValue(k)}`);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`bootstrapTopKProbability needs resamples ≥ 1, got ${describeValue(resamples)}`);
  }
  if (sampler !== 'patterns' && sampler !== 'respondents') {
    throw new RangeError(`bootstrapTopKProbability: unknown sampler ${describeValue(sampler)}`);
  }
  if (!Array.isArray(rankings) || rankings.length === 0) {
    throw new RangeError(`bootstrapTopKProbability needs at least one respondent's ranking, got ${describeValue(rankings)}`);
  }
  const random = createSeededRandom(seed);
  const patterns = groupPatterns(rankings, itemCount, score);
  const respondents = rankings.length;
  const patternCount = patterns.counts.length;

  const hits = new Float64Array(itemCount);
  const totals = new Float64Array(itemCount);
  const picks = new Float64Array(patternCount);
  const order = Array.from({ length: itemCount }, (_, i) => i);
  const byTotal = (a: number, b: number) => totals[b] - totals[a] || a - b;
  const topSize = Math.min(k, itemCount);
  const patternOfRespondent = sampler === 'respondents' ? patterns.patternOfRespondent : null;

  for (let resample = 0; resample < resamples; resample++) {
    if (patternOfRespondent) drawRespondents(random, patternOfRespondent, picks);
    else sampleMultinomial(random, respondents, patterns.counts, picks);
    totals.fill(0);
    for (let p = 0; p < patternCount; p++) {
      const picked = picks[p];
      if (picked === 0) continue;
      const offset = p * itemCount;
      for (let item = 0; item < itemCount; item++) totals[item] += picked * patterns.scores[offset + item];
    }
    order.sort(byTotal);
    for (let position = 0; position < topSize; position++) hits[order[position]] += 1;
  }
  return Array.from(hits, (count) => count / resamples);
}

interface Patterns {
  /** Respondents per pattern, most common first. */
  counts: Float64Array;
  /** scores[p·itemCount + item]: the points pattern p gives the item. */
  scores: Float64Array;
  patternOfRespondent: Int32Array;
}

function groupPatterns(
  rankings: ReadonlyArray<ReadonlyArray<number>>,
  itemCount: number,
  score: (rank: number, itemCount: number) => number,
): Patterns {
  // A ranking as one number in base itemCount + 1 when that fits in 53 bits (much faster Map keys).
  const longest = rankings.reduce((max, ranking) => Math.max(max, Array.isArray(ranking) ? ranking.length : 0), 0);
  const numericKeys = longest * Math.log2(itemCount + 1) < 53;
  const indexOfKey = new Map<string | number, number>();
  const firstRespondent: number[] = [];
  const rawCounts: number[] = [];
  const rawPattern = new Int32Array(rankings.length);
  const seen = new Uint8Array(itemCount);
  rankings.forEach((ranking, r) => {
    if (!Array.isArray(ranking)) {
      throw new RangeError(`bootstrapTopKProbability: respondent ${r}'s ranking is not an array: ${describeValue(ranking)}`);
    }
    seen.fill(0);
    for (const item of ranking) {
      if (!Number.isInteger(item) || item < 0 || item >= itemCount || seen[item]) {
        throw new RangeError(
          `bootstrapTopKProbability: respondent ${r}'s ranking ${describeValue(ranking)} must list distinct item indices 0…${itemCount - 1}`,
        );
      }
      seen[item] = 1;
    }
    let key: string | number = 0;
    if (numericKeys) {
      let code = 0;
      for (const item of ranking) code = code * (itemCount + 1) + item + 1;
      key = code;
    } else key = ranking.join(',');
    let index = indexOfKey.get(key);
    if (index === undefined) {
      index = rawCounts.length;
      indexOfKey.set(key, index);
      rawCounts.push(0);
      firstRespondent.push(r);
    }
    rawCounts[index] += 1;
    rawPattern[r] = index;
  });

  // Most common first: the binomial chain then exhausts the respondents early.
  const byCount = rawCounts.map((_, i) => i).sort((a, b) => rawCounts[b] - rawCounts[a] || a - b);
  const newIndex = new Int32Array(byCount.length);
  byCount.forEach((oldIndex, position) => (newIndex[oldIndex] = position));
  const counts = Float64Array.from(byCount, (oldIndex) => rawCounts[oldIndex]);
  const scores = new Float64Array(byCount.length * itemCount);
  byCount.forEach((oldIndex, position) => {
    rankings[firstRespondent[oldIndex]].forEach((item, rankIndex) => {
      const points = score(rankIndex + 1, itemCount);
      if (!Number.isFinite(points)) {
        throw new RangeError(`bootstrapTopKProbability: score(${rankIndex + 1}, ${itemCount}) is not a finite number: ${points}`);
      }
      scores[position * itemCount + item] = points;
    });
  });
  const patternOfRespondent = rawPattern.map((oldIndex) => newIndex[oldIndex]);
  return { counts, scores, patternOfRespondent };
}

function drawRespondents(random: RandomSource, patternOfRespondent: Int32Array, picks: Float64Array): void {
  picks.fill(0);
  const n = patternOfRespondent.length;
  for (let draw = 0; draw < n; draw++) picks[patternOfRespondent[randomInt(random, n)]] += 1;
}
