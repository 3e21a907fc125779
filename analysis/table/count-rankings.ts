/**
 * A ranking's figures counted while the table is read (issue 24, beside count-answers.ts): how many ranked anything;
 * per item how many ranked it, at which rank, and the sum of its ranks; and each distinct ranking with how many gave
 * it, in the order first met (what the needs' bootstrap resamples; rank-needs.ts counted the same from the columns).
 * Unweighted and additive: a later stretch's tally merged into an earlier one's is the tally of both, patterns
 * included, as long as stretches are merged in file order.
 */
import type { RankingPatterns } from '../stats/bootstrap-top-k.ts';

export interface RankingCounts {
  itemCount: number;
  /** Respondents who ranked anything. */
  answered: number;
  /** Per item: respondents who gave it a rank. */
  ranked: Float64Array;
  /** item × rank, row-major: `byRank[item × itemCount + rank − 1]` respondents put the item at that rank (ranks ≤ itemCount). */
  byRank: Float64Array;
  /** Per item: the sum of the ranks it was given. */
  rankSums: Float64Array;
  patterns: RankingPatterns;
}

/** A tally as it travels between threads (plain data, structured-clonable). */
export interface RankingTallyData {
  answered: number;
  ranked: Float64Array;
  byRank: Float64Array;
  rankSums: Float64Array;
  keys: Array<number | string>;
  rankings: number[][];
  counts: number[];
}

export class RankingTally {
  private answered = 0;
  private readonly ranked: Float64Array;
  private readonly byRank: Float64Array;
  private readonly rankSums: Float64Array;
  private readonly indexOfKey = new Map<number | string, number>();
  private readonly keys: Array<number | string> = [];
  private readonly rankings: number[][] = [];
  private readonly counts: number[] = [];
  /** A ranking as one number when it fits in 2⁵³ (up to 13 items), else as text: rank-needs.ts's keys. */
  private readonly numericKey: boolean;
  private readonly scratch: Uint8Array;

  constructor(readonly itemCount: number) {
    this.ranked = new Float64Array(itemCount);
    this.byRank = new Float64Array(itemCount * itemCount);
    this.rankSums = new Float64Array(itemCount);
    this.numericKey = Math.pow(itemCount + 1, itemCount) < Number.MAX_SAFE_INTEGER;
    this.scratch = new Uint8Array(itemCount);
  }

  /** Adds rows [from, to): `answered[row]` 1 when the row ranked anything, `cells[item][row]` its 1-based rank or 0. */
  add(answered: Uint8Array, cells: readonly Uint8Array[], from: number, to: number): void {
    const k = this.itemCount;
    const { ranked, byRank, rankSums } = this;
    for (let row = from; row < to; row++) {
      if (answered[row] === 0) continue;
      this.answered += 1;
      let code = 0;
      for (let item = 0; item < k; item++) {
        const rank = cells[item][row];
        code = code * (k + 1) + rank;
        if (rank === 0) continue;
        ranked[item] += 1;
        rankSums[item] += rank;
        if (rank <= k) byRank[item * k + rank - 1] += 1;
      }
      let key: number | string = code;
      if (!this.numericKey) {
        for (let item = 0; item < k; item++) this.scratch[item] = cells[item][row];
        key = this.scratch.join(',');
      }
      const index = this.indexOfKey.get(key);
      if (index !== undefined) {
        this.counts[index] += 1;
        continue;
      }
      const ranking: number[] = [];
      for (let item = 0; item < k; item++) if (cells[item][row] > 0) ranking[cells[item][row] - 1] = item;
      this.remember(key, ranking, 1);
    }
  }

  data(): RankingTallyData {
    const { answered, ranked, byRank, rankSums, keys, rankings, counts } = this;
    return { answered, ranked, byRank, rankSums, keys, rankings, counts };
  }

  /** Adds a tally of rows after this one's: its new rankings come after ours, in its own order. */
  merge(other: RankingTallyData): void {
    this.answered += other.answered;
    for (let i = 0; i < this.ranked.length; i++) {
      this.ranked[i] += other.ranked[i];
      this.rankSums[i] += other.rankSums[i];
    }
    for (let i = 0; i < this.byRank.length; i++) this.byRank[i] += other.byRank[i];
    other.keys.forEach((key, p) => {
      const index = this.indexOfKey.get(key);
      if (index === undefined) this.remember(key, other.rankings[p], other.counts[p]);
      else this.counts[index] += other.counts[p];
    });
  }

  result(): RankingCounts {
    return {
      itemCount: this.itemCount,
      answered: this.answered,
      ranked: this.ranked,
      byRank: this.byRank,
      rankSums: this.rankSums,
      patterns: { rankings: this.rankings, counts: this.counts },
    };
  }

  private remember(key: number | string, ranking: number[], count: number): void {
    this.indexOfKey.set(key, this.rankings.length);
    this.keys.push(key);
    this.rankings.push(ranking);
    this.counts.push(count);
  }
}
