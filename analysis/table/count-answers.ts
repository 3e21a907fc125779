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
import type { ResponseTable, TableSpec, VariableSpec } from './response-table.ts';

/** An answer (a single or multiple column) by a breakdown (a single column), or by nothing (its totals only). */
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
}

/**
 * How each pair keeps its sums, so that the loop over rows has no branch a missing answer would mispredict:
 * - single: (groups + 1) × (values + 1), the first row and column for "no group" and "no answer";
 * - multiple: (groups + 2) × (options + 1), the last column the respondents of the slot; slot `groups` holds those
 *   who answered without a group, slot `groups + 1` those who did not answer.
 */
interface PairLayout {
  pair: CountedPair;
  kind: 'single' | 'multiple';
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
    if (!answer || (answer.kind !== 'single' && answer.kind !== 'multiple')) {
      throw new Error(`createAnswerCounter: ${JSON.stringify(pair.answer)} is not a single or multiple answer of the table`);
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
    new Float64Array(layout.kind === 'single' ? (layout.groupCount + 1) * (layout.columnCount + 1) : (layout.groupCount + 2) * (layout.columnCount + 1)),
  );

  return {
    pairs,
    add(table, from, to) {
      if (table.columns.length !== spec.variables.length) throw new Error(`createAnswerCounter: a table of ${table.columns.length} columns, the spec has ${spec.variables.length}`);
      // A breakdown often has one group for a whole stretch (a staff survey's channel, the ward of an online survey):
      // its pairs then add the stretch's totals of the answer to that group, counted once per answer.
      const constant = new Map<number, number>();
      const totals = new Map<number, Float64Array>();
      layouts.forEach((layout, k) => {
        const answer = table.columns[layout.answerIndex];
        const byCodes = layout.byIndex < 0 ? null : (table.columns[layout.byIndex] as { codes: Int16Array }).codes;
        let group = byCodes === null ? 0 : constant.get(layout.byIndex);
        if (group === undefined) {
          group = constantCode(byCodes!, from, to);
          constant.set(layout.byIndex, group);
        }
        let bad: boolean;
        if (group !== MIXED && group < layout.groupCount) {
          let stretch = totals.get(layout.answerIndex);
          if (!stretch) {
            stretch = new Float64Array(layout.kind === 'single' ? 2 * (layout.columnCount + 1) : layout.columnCount + 2);
            bad =
              answer.kind === 'single'
                ? countSingle(stretch, answer.codes, null, 1, layout.columnCount, from, to)
                : countStretch(stretch, (answer as { answered: Uint8Array }).answered, (answer as { cells: Uint8Array[] }).cells, from, to);
            if (bad) throw outOfRange(layout, from, to);
            totals.set(layout.answerIndex, stretch);
          }
          addStretch(sums[k], stretch, layout, group);
          return;
        }
        bad =
          answer.kind === 'single'
            ? countSingle(sums[k], answer.codes, byCodes, layout.groupCount, layout.columnCount, from, to)
            : countMultiple(sums[k], (answer as { answered: Uint8Array }).answered, (answer as { cells: Uint8Array[] }).cells, byCodes, layout.groupCount, from, to);
        if (bad) throw outOfRange(layout, from, to);
      });
      rows += to - from;
    },
    partial: () => ({ rows, sums }),
    merge(other) {
      if (other.sums.length !== sums.length) throw new Error(`createAnswerCounter: ${other.sums.length} counts to merge into ${sums.length}`);
      other.sums.forEach((theirs, k) => {
        const ours = sums[k];
        if (theirs.length !== ours.length) throw new Error(`createAnswerCounter: counts of ${layouts[k].pair.answer} of another shape`);
        for (let i = 0; i < ours.length; i++) ours[i] += theirs[i];
      });
      rows += other.rows;
    },
    result: () => countedAnswers(layouts, sums, rows),
  };
}

const MIXED = -2;

/** The one code of rows [from, to) (−1: none of them has one); MIXED when they differ. */
function constantCode(codes: Int16Array, from: number, to: number): number {
  const first = codes[from];
  for (let row = from + 1; row < to; row++) if (codes[row] !== first) return MIXED;
  return first;
}

function outOfRange(layout: PairLayout, from: number, to: number): RangeError {
  return new RangeError(`createAnswerCounter: a code out of range in ${layout.pair.answer} or ${layout.pair.by} between rows ${from} and ${to}`);
}

/**
 * A multiple answer's totals over rows [from, to): per option, then the respondents who answered, then those who
 * did not (options + 2 numbers).
 */
function countStretch(stretch: Float64Array, answered: Uint8Array, cells: Uint8Array[], from: number, to: number): boolean {
  const options = cells.length;
  let answering = 0;
  for (let row = from; row < to; row++) answering += answered[row] === 0 ? 0 : 1;
  stretch[options] = answering;
  stretch[options + 1] = to - from - answering;
  for (let option = 0; option < options; option++) {
    const chosen = cells[option];
    let sum = 0;
    // As countMultiple: a cell counts only in a row that answered.
    for (let row = from; row < to; row++) sum += chosen[row] & answered[row];
    stretch[option] = sum;
  }
  return false;
}

/** Adds a stretch's totals (countSingle without groups, or countStretch) to one group of a pair's sums. */
function addStretch(sums: Float64Array, stretch: Float64Array, layout: PairLayout, group: number): void {
  const width = layout.columnCount + 1;
  if (layout.kind === 'single') {
    // countSingle without groups wrote the row of group 0: [width, 2 × width).
    const base = (group + 1) * width;
    for (let column = 0; column < width; column++) sums[base + column] += stretch[width + column];
    return;
  }
  const options = layout.columnCount;
  const base = (group < 0 ? layout.groupCount : group) * width;
  for (let option = 0; option < options; option++) sums[base + option] += stretch[option];
  sums[base + options] += stretch[options];
  sums[(layout.groupCount + 1) * width + options] += stretch[options + 1];
}

/** Adds rows [from, to) of a single answer; true when a code is outside the values or groups (no count is then trusted). */
function countSingle(sums: Float64Array, codes: Int16Array, byCodes: Int16Array | null, groupCount: number, valueCount: number, from: number, to: number): boolean {
  const width = valueCount + 1;
  const lastValue = valueCount - 1;
  let bad = 0;
  if (byCodes === null) {
    for (let row = from; row < to; row++) {
      const code = codes[row];
      // Negative when the code is above the last value or below −1 (no answer).
      bad |= (lastValue - code) | (code + 1);
      sums[width + code + 1] += 1;
    }
  } else {
    const lastGroup = groupCount - 1;
    for (let row = from; row < to; row++) {
      const group = byCodes[row];
      const code = codes[row];
      bad |= (lastGroup - group) | (group + 1) | (lastValue - code) | (code + 1);
      sums[(group + 1) * width + code + 1] += 1;
    }
  }
  return bad < 0;
}

function countMultiple(
  sums: Float64Array,
  answered: Uint8Array,
  cells: Uint8Array[],
  byCodes: Int16Array | null,
  groupCount: number,
  from: number,
  to: number,
): boolean {
  const options = cells.length;
  const width = options + 1;
  const lastGroup = groupCount - 1;
  let bad = 0;
  for (let row = from; row < to; row++) {
    const group = byCodes === null ? 0 : byCodes[row];
    bad |= (lastGroup - group) | (group + 1);
    if (answered[row] === 0) {
      sums[(groupCount + 1) * width + options] += 1;
      continue;
    }
    const base = (group < 0 ? groupCount : group) * width;
    sums[base + options] += 1;
    for (let option = 0; option < options; option++) sums[base + option] += cells[option][row];
  }
  return bad < 0;
}

function countedAnswers(layouts: PairLayout[], sums: Float64Array[], rowCount: number): CountedAnswers {
  const byPair = new Map<string, number>();
  const byAnswer = new Map<string, number>();
  layouts.forEach(({ pair }, k) => {
    if (pair.by !== null) byPair.set(pairKey(pair.answer, pair.by), k);
    if (!byAnswer.has(pair.answer)) byAnswer.set(pair.answer, k);
  });
  return {
    rowCount,
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
