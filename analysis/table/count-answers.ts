/**
 * Answers counted per group while the table is being read (issue 24). A report counts each answer by each breakdown
 * (クロス集計, 世代間ギャップ, 単純集計): about a hundred passes over up to a million rows, once every column is read. On
 * the 2-core machine those passes were ~1 s of one core after both had finished reading, and slow because each read
 * columns long out of the cache. Counted instead every few thousand rows, just after the scanner wrote them, the
 * same sums cost a fraction of that, and each reader thread counts its own stretch: unweighted counts add up, so the
 * stretches' counts summed are the whole file's (integers in doubles: exact).
 *
 * What is counted is a list of (answer, breakdown) pairs (countedPairs in analysis/report/); a consumer that finds
 * no counts for a pair counts it itself (crossTabulate, summarizeSingle, …), so the list decides speed, never
 * results. Counts serve unweighted, unfiltered figures only: weights and masks are known only after reading.
 */
import { RankingTally, type RankingCounts, type RankingTallyData } from './count-rankings.ts';
import type { MultipleColumn, ResponseTable, SingleColumn, TableSpec, VariableSpec } from './response-table.ts';

/** A multiple answer's options are counted through one 32-bit mask per row; one with more is left to its consumers. */
export const MAX_COUNTED_OPTIONS = 32;

/**
 * An answer (a single or multiple column) by a breakdown (a single column), or by nothing (its totals only); a
 * ranking by nothing (count-rankings.ts).
 */
export interface CountedPair {
  answer: string;
  by: string | null;
}

/** Unweighted counts of one answer in each group of one breakdown. */
export interface AnswerCounts {
  groupCount: number;
  /** Values (single) or options (multiple). */
  columnCount: number;
  /** groups × columns, row-major: respondents of the group who gave the value or chose the option. */
  count: Float64Array;
  /** Per group: respondents of the group who answered. */
  n: Float64Array;
}

/** Unweighted counts of one answer over every row, whatever their group. */
export interface AnswerTotals {
  /** Per value or option. */
  count: Float64Array;
  /** Respondents who answered. */
  n: number;
}

/** The counts of a whole table, as buildReport and the analyses take them. */
export interface CountedAnswers {
  /** Rows counted: a consumer uses the counts only for a table of exactly these rows. */
  rowCount: number;
  counts(answer: string, by: string): AnswerCounts | undefined;
  totals(answer: string): AnswerTotals | undefined;
  rankings(answer: string): RankingCounts | undefined;
}

/** Counts in progress: `add` a stretch of rows as they are read; `merge` another thread's counts of another stretch. */
export interface AnswerCounter {
  readonly pairs: readonly CountedPair[];
  add(table: ResponseTable, from: number, to: number): void;
  /** The counts so far, to send to the thread that merges them (arrays in pair order). */
  partial(): PartialCounts;
  merge(other: PartialCounts): void;
  result(): CountedAnswers;
}

export interface PartialCounts {
  rows: number;
  sums: Float64Array[];
  /** Per pair, a ranking's tally; null for the others. */
  rankings: Array<RankingTallyData | null>;
}

/**
 * How each pair keeps its sums, so that the loop over rows has no branch a missing answer would mispredict:
 * - single: (groups + 1) × (values + 1), the first row and column for "no group" and "no answer";
 * - multiple: (groups + 2) × (options + 1), the last column the respondents of the slot; slot `groups` holds those
 *   who answered without a group, slot `groups + 1` those who did not answer.
 */
interface PairLayout {
  pair: CountedPair;
  kind: 'single' | 'multiple' | 'ranking';
  answerIndex: number;
  byIndex: number;
  groupCount: number;
  columnCount: number;
}

export function createAnswerCounter(spec: TableSpec, pairs: readonly CountedPair[]): AnswerCounter {
  const indexOf = new Map(spec.variables.map((variable, index) => [variable.name, index]));
  const layouts: PairLayout[] = pairs.map((pair) => {
    const answerIndex = indexOf.get(pair.answer) ?? -1;
    const answer = spec.variables[answerIndex];
    if (!answer || (answer.kind !== 'single' && answer.kind !== 'multiple' && answer.kind !== 'ranking')) {
      throw new Error(`createAnswerCounter: ${JSON.stringify(pair.answer)} is not a single, multiple or ranking answer of the table`);
    }
    if (answer.kind === 'ranking' && pair.by !== null) {
      throw new Error(`createAnswerCounter: the ranking ${JSON.stringify(pair.answer)} is counted by nothing, not by ${JSON.stringify(pair.by)}`);
    }
    if (answer.kind === 'multiple' && answer.values.length > MAX_COUNTED_OPTIONS) {
      throw new Error(`createAnswerCounter: ${JSON.stringify(pair.answer)} has ${answer.values.length} options, more than the ${MAX_COUNTED_OPTIONS} of a row's bit mask`);
    }
    let byIndex = -1;
    let by: VariableSpec | undefined;
    if (pair.by !== null) {
      byIndex = indexOf.get(pair.by) ?? -1;
      by = spec.variables[byIndex];
      if (!by || by.kind !== 'single') throw new Error(`createAnswerCounter: ${JSON.stringify(pair.by)} is not a single answer of the table to break down by`);
    }
    return { pair, kind: answer.kind, answerIndex, byIndex, groupCount: by ? by.values.length : 1, columnCount: answer.values.length };
  });
  let rows = 0;
  const sums = layouts.map((layout) =>
    new Float64Array(
      layout.kind === 'single'
        ? (layout.groupCount + 1) * (layout.columnCount + 1)
        : layout.kind === 'multiple'
          ? (layout.groupCount + 2) * (layout.columnCount + 1)
          : 0,
    ),
  );
  const tallies = layouts.map((layout) => (layout.kind === 'ranking' ? new RankingTally(layout.columnCount) : null));

  return {
    pairs,
    add(table, from, to) {
      if (table.columns.length !== spec.variables.length) throw new Error(`createAnswerCounter: a table of ${table.columns.length} columns, the spec has ${spec.variables.length}`);
      const stretch = new Stretch(table, from, to);
      layouts.forEach((layout, k) => {
        if (layout.kind === 'ranking') {
          tallies[k]!.add(stretch.answered(layout.answerIndex), stretch.cells(layout.answerIndex), from, to);
          return;
        }
        // A breakdown often has one group for a whole stretch (a staff survey's channel, the ward of an online
        // survey): its pairs then add the stretch's totals of the answer to that group, counted once per answer.
        const group = layout.byIndex < 0 ? 0 : stretch.checkCodes(layout.byIndex);
        if (layout.kind === 'single') stretch.checkCodes(layout.answerIndex);
        if (group !== MIXED) addTotals(sums[k], stretch.totals(layout.answerIndex), layout, group);
        else if (layout.kind === 'single') countSingle(sums[k], stretch.codes(layout.answerIndex), stretch.codes(layout.byIndex), layout.columnCount, from, to);
        else {
          const masks = stretch.masks(layout.answerIndex);
          countMultiple(sums[k], stretch.answered(layout.answerIndex), stretch.codes(layout.byIndex), masks, layout.groupCount, layout.columnCount, from, to);
        }
      });
      rows += to - from;
    },
    partial: () => ({ rows, sums, rankings: tallies.map((tally) => tally?.data() ?? null) }),
    merge(other) {
      if (other.sums.length !== sums.length) throw new Error(`createAnswerCounter: ${other.sums.length} counts to merge into ${sums.length}`);
      other.sums.forEach((theirs, k) => {
        const ours = sums[k];
        if (theirs.length !== ours.length) throw new Error(`createAnswerCounter: counts of ${layouts[k].pair.answer} of another shape`);
        for (let i = 0; i < ours.length; i++) ours[i] += theirs[i];
        const tally = other.rankings[k];
        if (tally) tallies[k]!.merge(tally);
      });
      rows += other.rows;
    },
    result: () => countedAnswers(layouts, sums, tallies, rows),
  };
}

const MIXED = -2;

/**
 * What several pairs of one stretch of rows share, worked out once: whether a column's codes are in range (checked
 * once per column, so the counting loops need no check), whether a breakdown is constant, an answer's totals, and a
 * multiple answer's options as one bit mask per row.
 */
class Stretch {
  private readonly checked = new Map<number, number>();
  private readonly totalsOf = new Map<number, Float64Array>();
  private readonly masksOf = new Map<number, Int32Array>();
  private readonly range = new Int32Array(2);

  // The column objects differ in shape (each spreads its own spec), so they are read here, outside the loops: the
  // loops below get typed arrays only, and V8 need not recompile them for each new shape (issue 24: ~10 recompiles).
  constructor(
    readonly table: ResponseTable,
    readonly from: number,
    readonly to: number,
  ) {}

  codes(index: number): Int16Array {
    return (this.table.columns[index] as SingleColumn).codes;
  }

  answered(index: number): Uint8Array {
    return (this.table.columns[index] as MultipleColumn).answered;
  }

  cells(index: number): Uint8Array[] {
    return (this.table.columns[index] as MultipleColumn).cells;
  }

  /** Throws unless every code of the column is a value's or −1; returns the one code of every row, or MIXED. */
  checkCodes(index: number): number {
    let known = this.checked.get(index);
    if (known !== undefined) return known;
    const column = this.table.columns[index] as SingleColumn;
    rangeOf(column.codes, this.from, this.to, this.range);
    const [min, max] = this.range;
    if (min < -1 || max >= column.values.length) {
      throw new RangeError(`createAnswerCounter: ${column.name} has code ${min < -1 ? min : max} between rows ${this.from} and ${this.to}, but ${column.values.length} values`);
    }
    known = min === max ? min : MIXED;
    this.checked.set(index, known);
    return known;
  }

  /**
   * The answer's counts over the stretch: single, per code from −1 ("no answer" first, values + 1 numbers); multiple,
   * per option, then the respondents who answered, then those who did not (options + 2 numbers).
   */
  totals(index: number): Float64Array {
    let totals = this.totalsOf.get(index);
    if (totals) return totals;
    const column = this.table.columns[index] as SingleColumn | MultipleColumn;
    if (column.kind === 'single') {
      totals = new Float64Array(column.values.length + 1);
      singleTotals(totals, column.codes, this.from, this.to);
    } else {
      totals = new Float64Array(column.cells.length + 2);
      multipleTotals(totals, this.masks(index), this.answered(index), column.cells.length, this.from, this.to);
    }
    this.totalsOf.set(index, totals);
    return totals;
  }

  /** Per row of the stretch, bit `option` set when an answering row chose it (crossTabulate's "non-zero"). */
  masks(index: number): Int32Array {
    let masks = this.masksOf.get(index);
    if (masks) return masks;
    const { answered, cells } = this.table.columns[index] as MultipleColumn;
    masks = new Int32Array(this.to - this.from);
    for (let option = 0; option < cells.length; option++) addOption(masks, cells[option], answered, 1 << option, this.from, this.to);
    this.masksOf.set(index, masks);
    return masks;
  }
}

/** The smallest and largest code of rows [from, to), into `out`. */
function rangeOf(codes: Int16Array, from: number, to: number, out: Int32Array): void {
  let min = codes[from];
  let max = min;
  for (let row = from + 1; row < to; row++) {
    const code = codes[row];
    min = code < min ? code : min;
    max = code > max ? code : max;
  }
  out[0] = min;
  out[1] = max;
}

function singleTotals(totals: Float64Array, codes: Int16Array, from: number, to: number): void {
  for (let row = from; row < to; row++) totals[codes[row] + 1] += 1;
}

function multipleTotals(totals: Float64Array, masks: Int32Array, answered: Uint8Array, options: number, from: number, to: number): void {
  let answering = 0;
  for (let row = from; row < to; row++) {
    answering += answered[row] === 0 ? 0 : 1;
    for (let mask = masks[row - from]; mask !== 0; mask &= mask - 1) totals[31 - Math.clz32(mask & -mask)] += 1;
  }
  totals[options] = answering;
  totals[options + 1] = to - from - answering;
}

function addOption(masks: Int32Array, chosen: Uint8Array, answered: Uint8Array, bit: number, from: number, to: number): void {
  for (let row = from; row < to; row++) if (chosen[row] !== 0 && answered[row] !== 0) masks[row - from] |= bit;
}

/** Adds a stretch's totals (Stretch.totals) to one group of a pair's sums (−1: no group). */
function addTotals(sums: Float64Array, totals: Float64Array, layout: PairLayout, group: number): void {
  const width = layout.columnCount + 1;
  if (layout.kind === 'single') {
    const base = (group + 1) * width;
    for (let column = 0; column < width; column++) sums[base + column] += totals[column];
    return;
  }
  const options = layout.columnCount;
  const base = (group < 0 ? layout.groupCount : group) * width;
  for (let option = 0; option < options; option++) sums[base + option] += totals[option];
  sums[base + options] += totals[options];
  sums[(layout.groupCount + 1) * width + options] += totals[options + 1];
}

/** Adds rows [from, to) of a single answer by a breakdown; both columns' codes checked (Stretch.checkCodes). */
function countSingle(sums: Float64Array, codes: Int16Array, byCodes: Int16Array, valueCount: number, from: number, to: number): void {
  const width = valueCount + 1;
  for (let row = from; row < to; row++) sums[(byCodes[row] + 1) * width + codes[row] + 1] += 1;
}

/**
 * Adds rows [from, to) of a multiple answer by a breakdown: each row's respondent in its slot's last column (its
 * group, "answered without a group" or "did not answer"), its chosen options through its bit mask.
 */
function countMultiple(sums: Float64Array, answered: Uint8Array, byCodes: Int16Array, masks: Int32Array, groupCount: number, options: number, from: number, to: number): void {
  const width = options + 1;
  for (let row = from; row < to; row++) {
    const group = byCodes[row];
    const base = (answered[row] === 0 ? groupCount + 1 : group < 0 ? groupCount : group) * width;
    sums[base + options] += 1;
    for (let mask = masks[row - from]; mask !== 0; mask &= mask - 1) sums[base + 31 - Math.clz32(mask & -mask)] += 1;
  }
}

function countedAnswers(layouts: PairLayout[], sums: Float64Array[], tallies: Array<RankingTally | null>, rowCount: number): CountedAnswers {
  const byPair = new Map<string, number>();
  const byAnswer = new Map<string, number>();
  const byRanking = new Map<string, RankingCounts>();
  layouts.forEach(({ pair, kind }, k) => {
    if (kind === 'ranking') {
      byRanking.set(pair.answer, tallies[k]!.result());
      return;
    }
    if (pair.by !== null) byPair.set(pairKey(pair.answer, pair.by), k);
    if (!byAnswer.has(pair.answer)) byAnswer.set(pair.answer, k);
  });
  return {
    rowCount,
    rankings: (answer) => byRanking.get(answer),
    counts(answer, by) {
      const k = byPair.get(pairKey(answer, by));
      if (k === undefined) return undefined;
      const { kind, groupCount, columnCount } = layouts[k];
      const raw = sums[k];
      const count = new Float64Array(groupCount * columnCount);
      const n = new Float64Array(groupCount);
      const width = columnCount + 1;
      for (let group = 0; group < groupCount; group++) {
        // single: the row after "no group", without the "no answer" column; multiple: the group's own slot.
        const base = kind === 'single' ? (group + 1) * width + 1 : group * width;
        for (let column = 0; column < columnCount; column++) {
          count[group * columnCount + column] = raw[base + column];
          if (kind === 'single') n[group] += raw[base + column];
        }
        if (kind === 'multiple') n[group] = raw[base + columnCount];
      }
      return { groupCount, columnCount, count, n };
    },
    totals(answer) {
      const k = byAnswer.get(answer);
      if (k === undefined) return undefined;
      const { kind, groupCount, columnCount } = layouts[k];
      const raw = sums[k];
      const count = new Float64Array(columnCount);
      let n = 0;
      const width = columnCount + 1;
      // Every group and no group at all; for a single answer not the "no answer" column, for a multiple one not
      // the slot of those who did not answer.
      for (let slot = 0; slot <= groupCount; slot++) {
        const base = kind === 'single' ? slot * width + 1 : slot * width;
        for (let column = 0; column < columnCount; column++) count[column] += raw[base + column];
        n += kind === 'single' ? raw.subarray(base, base + columnCount).reduce((sum, value) => sum + value, 0) : raw[base + columnCount];
      }
      return { count, n };
    },
  };
}

function pairKey(answer: string, by: string): string {
  return `${answer}\u0000${by}`;
}
