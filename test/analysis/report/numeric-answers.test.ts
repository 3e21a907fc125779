/**
 * Number inputs (`"type": "text", "inputType": "number"`) are summarised as numbers (issues 21
 * and 25): a valid answer such as `people: 3` used to be read as free text and refused the whole
 * survey. The figures are recomputed here from the answers themselves; the engines behind them
 * (R's quantile type 7 and hist()) are checked against R in test/analysis/summaries.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, planFor } from '../../../analysis/report/build-report.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import { defineSurvey, record } from './define-survey.ts';

const definition = defineSurvey({
  elements: [
    { type: 'text', name: 'people', inputType: 'number', min: 0, max: 20, title: { ja: '同行者の人数', en: 'People with you' } },
    { type: 'radiogroup', name: 'place', choices: ['north', 'south'], analysis: { role: 'segment' } },
  ],
});

// 1…12 people, and three who left the question empty.
const people = [1, 2, 2, 3, 3, 3, 4, 5, 6, 8, 10, 12];
const records = [
  ...people.map((n, i) => record({ people: n, place: i % 2 ? 'north' : 'south' })),
  ...[0, 1, 2].map((i) => record({ place: i % 2 ? 'north' : 'south' })),
];

/** R's quantile(type = 7). */
function quantile7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]);
}

describe('a number input', () => {
  it('is summarised as a number: n, mean, sd, quartiles and a histogram', () => {
    const report = buildReport({ definitions: [definition], records });
    const summary = report.summaries!.find((s) => s.question === 'people')!;
    expect(summary.notSummarised).toBeUndefined();
    expect([summary.answered, summary.noAnswer]).toEqual([12, 3]);
    const mean = people.reduce((a, b) => a + b, 0) / people.length;
    const sd = Math.sqrt(people.reduce((a, b) => a + (b - mean) ** 2, 0) / (people.length - 1));
    const numeric = summary.numeric!;
    expect(numeric.mean).toBeCloseTo(mean, 12);
    expect(numeric.sd).toBeCloseTo(sd, 12);
    expect([numeric.min, numeric.max]).toEqual([1, 12]);
    expect(numeric.q1).toBeCloseTo(quantile7(people, 0.25), 12);
    expect(numeric.median).toBeCloseTo(quantile7(people, 0.5), 12);
    expect(numeric.q3).toBeCloseTo(quantile7(people, 0.75), 12);
    expect(summary.histogram!.reduce((n, bin) => n + bin.count, 0)).toBe(12);
  });

  it('reads the same through the JSONL scanner as from records, and refuses text where a number belongs', () => {
    const table = createResponseTable(planFor([definition]).tableSpec);
    const append = createJsonlAppender(table);
    records.forEach((r, i) => {
      const bytes = new TextEncoder().encode(`${JSON.stringify(r)}\n`);
      append(bytes, 0, bytes.length - 1, i + 1, i + 1);
    });
    // The number answers were read on the fast path, not handed to JSON.parse.
    expect(append.slowLines).toBe(0);
    const fromJsonl = buildReport({ definitions: [definition], table });
    const fromRecords = buildReport({ definitions: [definition], records });
    expect(fromJsonl.summaries).toEqual(fromRecords.summaries);
    expect(() => buildReport({ definitions: [definition], records: [record({ people: 'three' })] })).toThrow(/people.*must be a number, got "three"/);
  });

  it('hides the figures when fewer than the minimum group answered', () => {
    const report = buildReport({ definitions: [definition], records: records.slice(0, 3), options: { minGroupSize: 5 } });
    const summary = report.summaries!.find((s) => s.question === 'people')!;
    expect(summary).toMatchObject({ answered: null, suppressed: true });
    expect(summary.numeric).toBeUndefined();
  });
});
