import { op } from 'arquero';
import { describe, expect, it } from 'vitest';
import { planFor } from '../../../analysis/report/build-report.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import { toArqueroTable } from '../../../analysis/table/to-arquero-table.ts';
import { defineSurvey, record } from '../report/define-survey.ts';

describe('toArqueroTable', () => {
  it('turns the coded columns into a dataframe of answers for ad-hoc filters and counts', () => {
    const definition = defineSurvey({
      minGroupSize: 1,
      elements: [
        { type: 'radiogroup', name: 'age', choices: ['young', 'old'], analysis: { role: 'cohort' } },
        { type: 'checkbox', name: 'wants', choices: ['a', 'b'], analysis: { role: 'need' } },
        { type: 'ranking', name: 'order', choices: ['x', 'y'], analysis: { role: 'need' } },
      ],
    });
    const table = createResponseTable(planFor([definition]).tableSpec);
    [
      { age: 'young', wants: ['a'], order: ['y', 'x'] },
      { age: 'old', wants: ['a', 'b'] },
      { wants: ['b'], order: ['x', 'y'] },
    ].forEach((data, i) => appendRecord(table, record(data), i + 1));
    const frame = toArqueroTable(table);
    expect(frame.objects()).toEqual([
      { version: 1, origin: 1, age: 'young', 'wants:a': 1, 'wants:b': 0, 'order:x': 2, 'order:y': 1 },
      { version: 1, origin: 2, age: 'old', 'wants:a': 1, 'wants:b': 1, 'order:x': null, 'order:y': null },
      { version: 1, origin: 3, age: null, 'wants:a': 0, 'wants:b': 1, 'order:x': 1, 'order:y': 2 },
    ]);
    // e.g. how many of those who gave an age chose a: Arquero verbs work on it directly.
    const chose = frame.filter((d: { age: string | null }) => d.age !== null).rollup({ a: (d: Record<string, number>) => op.sum(d['wants:a']) });
    expect(chose.object()).toEqual({ a: 2 });
  });
});
