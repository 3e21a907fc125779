import { describe, expect, it } from 'vitest';
import { rake, type Margin } from '../../../analysis/weighting/rake.ts';
import { effectiveSampleSize } from '../../../analysis/weighting/effective-sample-size.ts';
import { expectAllClose, expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';

interface Case {
  name: string;
  /** Column-oriented: rows[question][i] is row i's value. */
  rows: Record<string, string[]>;
  margins: Margin[];
  baseWeights?: number[] | null;
  weights: number[];
  effectiveN: number;
}
const { cases } = readReferenceFixture<{ cases: Case[] }>('rake.json');

function toRows(columns: Record<string, string[]>): Array<Record<string, string>> {
  const questions = Object.keys(columns);
  return columns[questions[0]].map((_, i) => Object.fromEntries(questions.map((q) => [q, columns[q][i]])));
}

const sexAndAge: Margin[] = [
  { question: 'sex', value: 'female', population: 60 },
  { question: 'sex', value: 'male', population: 40 },
  { question: 'age', value: 'young', population: 30 },
  { question: 'age', value: 'old', population: 70 },
];

describe('rake', () => {
  it.each(cases.map((c) => [c.name, c] as const))('matches R survey::rake() with population margins: %s', (_, c) => {
    // R was run to its fixed point; run to 1e-12 too, so the comparison measures the algorithm, not the stopping rule.
    const result = rake(toRows(c.rows), c.margins, { baseWeights: c.baseWeights ?? undefined, tolerance: 1e-12 });
    expect(result.converged).toBe(true);
    expectAllClose(result.weights, c.weights, 1e-9, 'weights');
    expectClose(effectiveSampleSize(result.weights), c.effectiveN, 1e-9, 'effective N');
  });

  it.each(cases.map((c) => [c.name, c] as const))('stays within 1e-8 of R with the default 1e-9 margin tolerance: %s', (_, c) => {
    const result = rake(toRows(c.rows), c.margins, { baseWeights: c.baseWeights ?? undefined });
    expectAllClose(result.weights, c.weights, 1e-8, 'weights');
    expectClose(effectiveSampleSize(result.weights), c.effectiveN, 1e-8, 'effective N');
  });

  it('makes every margin match within 1e-9 relative, and weights sum to the population', () => {
    const c = cases.find((c) => c.name.startsWith('ward'))!;
    const rows = toRows(c.rows);
    const { weights } = rake(rows, c.margins);
    for (const margin of c.margins) {
      const total = weights.reduce((sum, w, i) => (rows[i][margin.question] === margin.value ? sum + w : sum), 0);
      expectClose(total, margin.population, 1e-9, `${margin.question}=${margin.value}`);
    }
    expectClose(
      weights.reduce((a, b) => a + b, 0),
      1_961_575,
      1e-9,
      'Sapporo 2021 total',
    );
  });

  it('post-stratifies a single margin in one iteration (hand-computed)', () => {
    const rows = [{ ward: 'chuo' }, { ward: 'chuo' }, { ward: 'kita' }];
    const margins = [
      { question: 'ward', value: 'chuo', population: 100 },
      { question: 'ward', value: 'kita', population: 50 },
    ];
    expect(rake(rows, margins)).toEqual({ weights: [50, 50, 50], iterations: 1, converged: true });
  });

  it('converges in one iteration when the sample is a balanced grid (hand-computed: w = S·A/(c·N))', () => {
    const rows = ['female', 'male'].flatMap((sex) => ['young', 'old'].map((age) => ({ sex, age })));
    const result = rake(rows, sexAndAge);
    expect(result.iterations).toBe(1);
    expectAllClose(result.weights, [18, 42, 12, 28], 1e-15, 'weights');
  });

  it('starts from base weights', () => {
    const rows = [{ ward: 'chuo' }, { ward: 'chuo' }, { ward: 'kita' }];
    const margins = [
      { question: 'ward', value: 'chuo', population: 90 },
      { question: 'ward', value: 'kita', population: 10 },
    ];
    expect(rake(rows, margins, { baseWeights: [1, 2, 5] }).weights).toEqual([30, 60, 10]);
  });

  it('fails after maxIterations, naming the worst margin', () => {
    const rows = [
      { sex: 'female', age: 'young' },
      { sex: 'female', age: 'old' },
      { sex: 'male', age: 'old' },
      { sex: 'male', age: 'old' },
      { sex: 'female', age: 'old' },
    ];
    expect(() => rake(rows, sexAndAge, { maxIterations: 2 })).toThrow(
      /^raking did not converge after 2 iterations: worst margin (sex|age) = "\w+" has weighted total [\d.]+ for population \d+ \(relative error [\d.]+e-\d+\)$/,
    );
    expect(rake(rows, sexAndAge).converged).toBe(true);
  });

  it('rejects a row value the margins do not list, quoting it', () => {
    expect(() => rake([{ ward: 'chuo' }, { ward: 'sapporo' }], [{ question: 'ward', value: 'chuo', population: 1 }])).toThrow(
      'rake: row 1 has ward = "sapporo", which the margins do not list (known: chuo)',
    );
  });

  it('rejects a row without a margin variable and points to findIncompleteRows', () => {
    expect(() => rake([{ ward: 'chuo' }, { ward: null }], [{ question: 'ward', value: 'chuo', population: 1 }])).toThrow(
      'rake: row 1 has no value for margin variable ward (report or drop such rows with findIncompleteRows)',
    );
  });

  it('rejects a margin value nobody in the sample has', () => {
    const margins = [
      { question: 'ward', value: 'chuo', population: 10 },
      { question: 'ward', value: 'teine', population: 5 },
    ];
    expect(() => rake([{ ward: 'chuo' }], margins)).toThrow('rake: margin ward = "teine" has no respondents');
  });

  it('rejects margins describing different populations, duplicates and non-positive populations', () => {
    const rows = [{ sex: 'female', age: 'young' }];
    expect(() =>
      rake(rows, [
        { question: 'sex', value: 'female', population: 100 },
        { question: 'age', value: 'young', population: 90 },
      ]),
    ).toThrow('margins describe different populations: sex totals 100, age totals 90');
    expect(() =>
      rake(rows, [
        { question: 'sex', value: 'female', population: 1 },
        { question: 'sex', value: 'female', population: 1 },
      ]),
    ).toThrow('margin sex = "female" is listed twice');
    expect(() => rake(rows, [{ question: 'sex', value: 'female', population: 0 }])).toThrow(
      'margin sex = "female" needs a population > 0, got 0',
    );
    expect(() => rake(rows, [{ question: 'sex', value: 'female', population: 1 }], { baseWeights: [Number.NaN] })).toThrow(
      'base weight 0 must be a finite number > 0, got NaN',
    );
  });

  it('compares numeric answers with margin values as strings', () => {
    const rows = [{ band: 1 }, { band: 2 }, { band: 2 }];
    const margins = [
      { question: 'band', value: '1', population: 5 },
      { question: 'band', value: '2', population: 5 },
    ];
    expect(rake(rows, margins).weights).toEqual([5, 2.5, 2.5]);
  });
});
