/**
 * Answers counted while a table is read (analysis/table/count-answers.ts, issue 24) must be the counts of the whole
 * table whatever the stretches: any cut into stretches, any split between threads merged back, breakdowns constant
 * over a stretch or not, answers missing, a breakdown or none. Checked against counting each row by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnswerCounter, type CountedPair } from '../../../analysis/table/count-answers.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import type { MultipleColumn, ResponseTable, SingleColumn, TableSpec } from '../../../analysis/table/response-table.ts';

const spec: TableSpec = {
  surveyId: 'counted',
  versions: [1],
  commentSampleSize: 0,
  seed: 1,
  variables: [
    { name: 'answer', kind: 'single', source: { from: 'data', key: 'answer' }, values: ['a', 'b', 'c'] },
    { name: 'group', kind: 'single', source: { from: 'data', key: 'group' }, values: [1, 2, 3, 4] },
    { name: 'ward', kind: 'single', source: { from: 'data', key: 'ward' }, values: ['north', 'south'] },
    { name: 'tags', kind: 'multiple', source: { from: 'data', key: 'tags' }, values: ['x', 'y', 'z', 'w'] },
  ],
};
const pairs: CountedPair[] = [
  { answer: 'answer', by: 'group' },
  { answer: 'answer', by: 'ward' },
  { answer: 'tags', by: 'group' },
  { answer: 'tags', by: 'ward' },
  { answer: 'group', by: null },
];

interface Row {
  answer: number;
  group: number;
  ward: number;
  tags: number[] | null;
}

/** A table of these rows, written as the scanner writes them (codes, −1 for none; cells only of answering rows). */
function tableOf(rows: Row[]): ResponseTable {
  const table = createResponseTable(spec, rows.length);
  const [answer, group, ward] = table.columns as SingleColumn[];
  const tags = table.columns[3] as MultipleColumn;
  rows.forEach((row, r) => {
    answer.codes[r] = row.answer;
    group.codes[r] = row.group;
    ward.codes[r] = row.ward;
    tags.answered[r] = row.tags ? 1 : 0;
    for (const code of row.tags ?? []) tags.cells[code][r] = 1;
  });
  table.rowCount = rows.length;
  return table;
}

/** The expected counts of answer × by, counting row by row. */
function byHand(rows: Row[], answer: 'answer' | 'tags', by: 'group' | 'ward') {
  const groups = by === 'group' ? 4 : 2;
  const columns = answer === 'answer' ? 3 : 4;
  const count = new Array(groups * columns).fill(0);
  const n = new Array(groups).fill(0);
  for (const row of rows) {
    const g = row[by];
    if (g < 0) continue;
    if (answer === 'answer') {
      if (row.answer < 0) continue;
      count[g * columns + row.answer] += 1;
      n[g] += 1;
    } else if (row.tags) {
      n[g] += 1;
      for (const code of row.tags) count[g * columns + code] += 1;
    }
  }
  return { count, n };
}

/**
 * As two reader threads would: one counter takes rows [0, split), another [split, end), each in stretches of the
 * sizes `cuts` (in turn); the second's counts are merged into the first's.
 */
function countInTwoThreads(tableSpec: TableSpec, pairs: CountedPair[], table: ResponseTable, split: number, cuts: number[]) {
  const ours = createAnswerCounter(tableSpec, pairs);
  const theirs = createAnswerCounter(tableSpec, pairs);
  const countIn = (counter: ReturnType<typeof createAnswerCounter>, from: number, to: number) => {
    for (let at = from, k = 0; at < to; k++) {
      const next = Math.min(to, at + cuts[k % cuts.length]);
      counter.add(table, at, next);
      at = next;
    }
  };
  countIn(ours, 0, split);
  countIn(theirs, split, table.rowCount);
  ours.merge(theirs.partial());
  return ours.result();
}

const rowArbitrary = fc.record({
  answer: fc.integer({ min: -1, max: 2 }),
  group: fc.integer({ min: -1, max: 3 }),
  // Mostly one ward or none, so that whole stretches have a constant breakdown.
  ward: fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 1 }) }),
  tags: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }), { nil: null }),
});

describe('answers counted while reading', () => {
  it('are the counts of the whole table, for any stretches and any split between threads', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 120 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), fc.nat(), (rows, cuts, splitSeed) => {
        const table = tableOf(rows);
        const split = splitSeed % (rows.length + 1);
        const counted = countInTwoThreads(spec, pairs, table, split, cuts);
        expect(counted.rowCount).toBe(rows.length);
        for (const answer of ['answer', 'tags'] as const) {
          for (const by of ['group', 'ward'] as const) {
            const expected = byHand(rows, answer, by);
            const actual = counted.counts(answer, by)!;
            expect(Array.from(actual.count), `${answer} × ${by}`).toEqual(expected.count);
            expect(Array.from(actual.n), `${answer} × ${by}: n`).toEqual(expected.n);
          }
        }
        // Totals: from a pair with a breakdown (rows without a group included) or from a pair by nothing.
        const answerTotals = counted.totals('answer')!;
        expect(Array.from(answerTotals.count)).toEqual([0, 1, 2].map((code) => rows.filter((row) => row.answer === code).length));
        expect(answerTotals.n).toBe(rows.filter((row) => row.answer >= 0).length);
        const tagTotals = counted.totals('tags')!;
        expect(Array.from(tagTotals.count)).toEqual([0, 1, 2, 3].map((code) => rows.filter((row) => row.tags?.includes(code)).length));
        expect(tagTotals.n).toBe(rows.filter((row) => row.tags).length);
        const groupTotals = counted.totals('group')!;
        expect(Array.from(groupTotals.count)).toEqual([0, 1, 2, 3].map((code) => rows.filter((row) => row.group === code).length));
      }),
      { numRuns: 300 },
    );
  });

  it('has no counts for a pair it was not asked for', () => {
    const counted = createAnswerCounter(spec, [{ answer: 'answer', by: 'group' }]).result();
    expect(counted.counts('answer', 'ward')).toBeUndefined();
    expect(counted.totals('tags')).toBeUndefined();
    expect(counted.counts('answer', 'group')!.count.every((n) => n === 0)).toBe(true);
  });

  it('refuses a code outside the values instead of counting it somewhere else', () => {
    const rows: Row[] = Array.from({ length: 10 }, (_, r) => ({ answer: r % 3, group: r % 4, ward: 0, tags: null }));
    const table = tableOf(rows);
    (table.columns[0] as SingleColumn).codes[7] = 3;
    expect(() => createAnswerCounter(spec, [{ answer: 'answer', by: 'group' }]).add(table, 0, 10)).toThrow('createAnswerCounter: answer has code 3 between rows 0 and 10, but 3 values');
    (table.columns[0] as SingleColumn).codes[7] = 0;
    (table.columns[2] as SingleColumn).codes.fill(2);
    // A constant breakdown, but with a group the breakdown does not have.
    expect(() => createAnswerCounter(spec, [{ answer: 'answer', by: 'ward' }]).add(table, 0, 10)).toThrow(RangeError);
  });

  it('counts a multiple answer of 32 options, the last in the sign bit of the mask', () => {
    const wide: TableSpec = {
      ...spec,
      variables: [spec.variables[1], { name: 'many', kind: 'multiple', source: { from: 'data', key: 'many' }, values: Array.from({ length: 32 }, (_, k) => k) }],
    };
    const table = createResponseTable(wide, 6);
    const group = table.columns[0] as SingleColumn;
    const many = table.columns[1] as MultipleColumn;
    [0, 1, 1, -1, 3, 0].forEach((code, row) => (group.codes[row] = code));
    for (const row of [0, 1, 3, 4]) many.answered[row] = 1;
    for (const [row, option] of [[0, 31], [0, 0], [1, 31], [3, 31], [4, 5]]) many.cells[option][row] = 1;
    table.rowCount = 6;
    const counter = createAnswerCounter(wide, [{ answer: 'many', by: 'group' }]);
    counter.add(table, 0, 6);
    const counts = counter.result().counts('many', 'group')!;
    expect(Array.from(counts.n)).toEqual([1, 1, 0, 1]);
    expect(counts.count[0 * 32 + 31]).toBe(1);
    expect(counts.count[1 * 32 + 31]).toBe(1);
    expect(counts.count[0 * 32 + 0]).toBe(1);
    expect(counts.count[3 * 32 + 5]).toBe(1);
    expect(counts.count.reduce((sum, n) => sum + n, 0)).toBe(4);
    expect(Array.from(counter.result().totals('many')!.count).filter((n, option) => n > 0 || option === 31)).toEqual([1, 1, 3]);
  });

  it('names a pair it cannot count', () => {
    expect(() => createAnswerCounter(spec, [{ answer: 'nope', by: null }])).toThrow(/"nope" is not a single, multiple or ranking answer/);
    expect(() => createAnswerCounter(spec, [{ answer: 'answer', by: 'tags' }])).toThrow(/"tags" is not a single answer of the table to break down by/);
    const wide: TableSpec = { ...spec, variables: [{ name: 'many', kind: 'multiple', source: { from: 'data', key: 'many' }, values: Array.from({ length: 33 }, (_, k) => k) }] };
    expect(() => createAnswerCounter(wide, [{ answer: 'many', by: null }])).toThrow(/"many" has 33 options, more than the 32/);
  });
});

describe('rankings tallied while reading', () => {
  const rankingSpec: TableSpec = {
    ...spec,
    variables: [{ name: 'order', kind: 'ranking', source: { from: 'data', key: 'order' }, values: ['a', 'b', 'c', 'd'] }],
  };

  it('are the whole table’s tallies, patterns in the order first met, whatever the stretches and threads', () => {
    const ranking = fc.option(
      fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }).map((items) => items),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.array(ranking, { minLength: 1, maxLength: 150 }), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }), fc.nat(), (answers, cuts, splitSeed) => {
        const table = createResponseTable(rankingSpec, answers.length);
        const column = table.columns[0] as MultipleColumn;
        answers.forEach((items, row) => {
          if (!items) return;
          column.answered[row] = 1;
          items.forEach((item, index) => (column.cells[item][row] = index + 1));
        });
        table.rowCount = answers.length;
        const split = splitSeed % (answers.length + 1);
        const tally = countInTwoThreads(rankingSpec, [{ answer: 'order', by: null }], table, split, cuts).rankings('order')!;
        const given = answers.filter((items): items is number[] => items !== null);
        expect(tally.answered).toBe(given.length);
        for (let item = 0; item < 4; item++) {
          expect(tally.ranked[item]).toBe(given.filter((items) => items.includes(item)).length);
          expect(tally.rankSums[item]).toBe(given.reduce((sum, items) => sum + (items.includes(item) ? items.indexOf(item) + 1 : 0), 0));
          for (let rank = 1; rank <= 4; rank++) expect(tally.byRank[item * 4 + rank - 1]).toBe(given.filter((items) => items[rank - 1] === item).length);
        }
        // Each distinct ranking once, in the order first met, with how many gave it.
        const firstMet: string[] = [];
        const counts = new Map<string, number>();
        for (const items of given) {
          const key = items.join(',');
          if (!counts.has(key)) firstMet.push(key);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        expect(tally.patterns.rankings.map((items) => [...items].join(','))).toEqual(firstMet);
        expect(Array.from(tally.patterns.counts)).toEqual(firstMet.map((key) => counts.get(key)));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a ranking by nothing only', () => {
    expect(() => createAnswerCounter({ ...rankingSpec, variables: [...rankingSpec.variables, spec.variables[1]] }, [{ answer: 'order', by: 'group' }])).toThrow(
      /the ranking "order" is counted by nothing, not by "group"/,
    );
  });
});
