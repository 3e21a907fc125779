/**
 * A whole report's 効果検証 against R (test/reference/generate-effects-reference.R, `report` in
 * fixtures/effects.json): records R generated (four wards, a pilot of two, five months before the
 * split and three after) read into a response table as the CLI reads them, then buildEffects,
 * unweighted and raked to ward populations. Every effect's cells, change, DiD, pre-trend and Holm
 * adjustment per family, to 1e-9 (p 1e-6), so the measures' answers (options, top-two, scores,
 * numbers), the split at midnight Japan time and the pre-trend halves are R's too.
 */
import { describe, expect, it } from 'vitest';
import { buildEffects } from '../../../analysis/effects/build-effects.ts';
import { parsePilotOption } from '../../../analysis/effects/mark-pilot.ts';
import { planFor } from '../../../analysis/report/build-report.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import type { Effect, EffectEstimate } from '../../../contracts/report.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';
import { defineSurvey, record } from '../report/define-survey.ts';

type Expected = { estimate: number; low: number; high: number; p: number; pAdjusted: number };
interface ExpectedEffect {
  question: string;
  option?: string;
  topTwo: boolean;
  measure: 'share' | 'mean';
  n: [number, number];
  value: [number, number];
  weightedValue: [number, number];
  change: Expected;
  did: Expected;
  preTrend: { estimate: number; p: number };
  weightedChange: Expected;
  weightedDid: Expected;
  weightedPreTrend: { estimate: number; p: number };
}
interface Fixture {
  report: {
    date: string;
    pilot: string[];
    population: Record<string, number>;
    rows: Array<{ ward: string; completedAt: string; improvements: string[] | null; satisfaction: number | null; visits: number | null }>;
    effects: ExpectedEffect[];
  };
}

const { report: fixture } = readReferenceFixture<Fixture>('effects.json');
const wards = Object.keys(fixture.population);
const definition = defineSurvey({
  minGroupSize: 1,
  metaVariables: [{ name: 'ward', from: 'ward', title: { ja: '区', en: 'Ward' }, choices: wards.map((value) => ({ value, text: { ja: value, en: value } })), analysis: { role: 'segment' } }],
  elements: [
    { type: 'checkbox', name: 'improvements', choices: ['online', 'reservation', 'cashless'], analysis: { role: 'need' } },
    { type: 'rating', name: 'satisfaction', rateMin: 1, rateMax: 5 },
    { type: 'text', name: 'visits', inputType: 'number' },
  ],
});
const plan = planFor([definition]);
const table = createResponseTable(plan.tableSpec);
fixture.rows.forEach((row, i) => {
  const data: Record<string, unknown> = {};
  if (row.improvements) data.improvements = row.improvements;
  if (row.satisfaction !== null) data.satisfaction = row.satisfaction;
  if (row.visits !== null) data.visits = row.visits;
  appendRecord(table, record(data, { meta: { locale: 'ja', ward: row.ward }, completedAt: row.completedAt, startedAt: row.completedAt }), i + 1);
});
const margins = wards.map((value) => ({ question: 'ward', value, population: fixture.population[value] }));
const options = { date: fixture.date, pilot: parsePilotOption(`ward=${fixture.pilot.join(',')}`) };

function expectEstimate(actual: EffectEstimate | null | undefined, expected: Expected, label: string) {
  expect(actual, label).toBeTruthy();
  expectClose(actual!.estimate, expected.estimate, 1e-9, `${label} estimate`);
  expectClose(actual!.low, expected.low, 1e-9, `${label} low`);
  expectClose(actual!.high, expected.high, 1e-9, `${label} high`);
  expectClose(actual!.p, expected.p, 1e-6, `${label} p`);
  expectClose(actual!.pAdjusted, expected.pAdjusted, 1e-6, `${label} pAdjusted`);
}
const name = (effect: { question: string; option?: unknown; topTwo?: boolean; measure: string }) =>
  `${effect.question} ${effect.option !== undefined && effect.option !== null ? String(effect.option) : effect.topTwo ? 'topTwo' : effect.measure}`;

describe("a report's effects against R", () => {
  const plain = buildEffects(table, plan, options);
  const weighted = buildEffects(table, plan, { ...options, weights: margins });

  it('lists the same figures in the same order', () => {
    expect(plain.effects.map(name)).toEqual(fixture.effects.map(name));
    expect(plain.effectComparison.preTrend).not.toBeNull();
  });

  fixture.effects.forEach((expected, k) => {
    it(`${name(expected)}: cells, change, DiD and pre-trend, unweighted and weighted`, () => {
      const check = (effect: Effect, values: [number, number], change: Expected, did: Expected, preTrend: { estimate: number; p: number }, label: string) => {
        expect([effect.before.n, effect.after.n], label).toEqual(expected.n);
        expectClose(effect.before.value!, values[0], 1e-9, `${label} before`);
        expectClose(effect.after.value!, values[1], 1e-9, `${label} after`);
        expectEstimate(effect.change, change, `${label} change`);
        expectEstimate(effect.did, did, `${label} DiD`);
        expectClose(effect.did!.preTrend!.estimate, preTrend.estimate, 1e-9, `${label} pre-trend`);
        expectClose(effect.did!.preTrend!.p, preTrend.p, 1e-6, `${label} pre-trend p`);
      };
      check(plain.effects[k], expected.value, expected.change, expected.did, expected.preTrend, 'unweighted');
      check(weighted.effects[k], expected.weightedValue, expected.weightedChange, expected.weightedDid, expected.weightedPreTrend, 'weighted');
    });
  });
});
