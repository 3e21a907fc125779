/**
 * Weighted needs shares, IPA means and effective n against R's survey package on a raked design
 * (test/reference/generate-report-reference.R → fixtures/weighted-report.json), to 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { wilsonInterval } from '../../../analysis/stats/wilson-interval.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';
import { defineSurvey, record } from './define-survey.ts';

interface Fixture {
  rows: Array<{ ward: string; ageBand: string; improvements?: string[]; rating?: number }>;
  margins: Array<{ question: string; value: string; population: number }>;
  effectiveN: number;
  needs: { options: string[]; shares: number[]; answeredEffectiveN: number };
  ratingMean: number;
}

const fixture = readReferenceFixture<Fixture>('weighted-report.json');
const rating = (role: string) => ({ type: 'rating', name: role, rateMin: 1, rateMax: 5, analysis: { role, set: 'service', item: 'waiting' } });
const definition = defineSurvey({
  minGroupSize: 1,
  elements: [
    { type: 'dropdown', name: 'ward', choices: ['chuo', 'kita', 'teine'], analysis: { role: 'segment' } },
    { type: 'radiogroup', name: 'ageBand', choices: ['young', 'old'], analysis: { role: 'segment' } },
    { type: 'checkbox', name: 'improvements', choices: fixture.needs.options, analysis: { role: 'need' } },
    rating('importance'),
    rating('satisfaction'),
  ],
});
const records = fixture.rows.map(({ ward, ageBand, improvements, rating: value }) =>
  record({
    ward,
    ageBand,
    ...(improvements ? { improvements } : {}),
    ...(value !== undefined ? { importance: value, satisfaction: value } : {}),
  }),
);

describe('weighted report (raking) against R survey', () => {
  const report = buildReport({ definitions: [definition], records, options: { weights: fixture.margins } });

  it('reports the raking and Kish effective n', () => {
    expect(report.weighting).toMatchObject({ method: 'raking', variables: ['ward', 'ageBand'], dropped: 0 });
    expectClose(report.weighting!.effectiveN, fixture.effectiveN, 1e-9, 'effectiveN');
  });

  it('gives svymean shares on the raked design, with Wilson intervals on the answerers effective n', () => {
    const [needs] = report.needs;
    expectClose(needs.effectiveN!, fixture.needs.answeredEffectiveN, 1e-9, 'answerers effective n');
    fixture.needs.options.forEach((option, i) => {
      const item = needs.items.find((candidate) => candidate.value === option)!;
      expectClose(item.share, fixture.needs.shares[i], 1e-9, `share of ${option}`);
      const [low, high] = wilsonInterval(item.share * needs.effectiveN!, needs.effectiveN!);
      expectClose(item.ci95[0], low, 1e-12, `ci low of ${option}`);
      expectClose(item.ci95[1], high, 1e-12, `ci high of ${option}`);
    });
    // Counts stay unweighted.
    const online = needs.items.find((item) => item.value === 'online')!;
    expect(online.count).toBe(fixture.rows.filter((row) => row.improvements?.includes('online')).length);
  });

  it('gives svymean IPA means', () => {
    const [item] = report.ipa[0].items;
    expectClose(item.importance!, fixture.ratingMean, 1e-9, 'importance');
    expectClose(item.satisfaction!, fixture.ratingMean, 1e-9, 'satisfaction');
  });

  it('fails on responses without a margin variable, or leaves them out with dropIncomplete', () => {
    const incomplete = [...records, record({ ageBand: 'old', importance: 3 }), record({ ward: 'kita' })];
    expect(() => buildReport({ definitions: [definition], records: incomplete, options: { weights: fixture.margins } })).toThrow(
      '2 responses have no answer for the margin variable ward, ageBand, so they cannot be weighted; leave them out with --drop-incomplete',
    );
    const dropped = buildReport({ definitions: [definition], records: incomplete, options: { weights: fixture.margins, dropIncomplete: true } });
    expect(dropped.weighting!.dropped).toBe(2);
    expect(dropped.responses).toBe(records.length);
    expect(dropped.needs).toEqual(report.needs);
  });

  it('names a margin with an unknown question or value', () => {
    const withMargin = (margin: { question: string; value: string; population: number }) =>
      buildReport({ definitions: [definition], records, options: { weights: [...fixture.margins, margin] } });
    expect(() => withMargin({ question: 'sex', value: 'f', population: 1 })).toThrow(/^unknown question "sex": margins must name/);
    expect(() => withMargin({ question: 'ward', value: 'nishi', population: 1 })).toThrow(
      'ward has no value "nishi" (its values: chuo, kita, teine)',
    );
  });
});
