/**
 * 効果検証 end to end on seeded responses (issue 28, "Done when"): a DiD of −10 points planted by
 * `seed --effect`'s planter on 2,000 responses per cell is found (its interval covers −0.10 and its
 * Holm-adjusted p < 0.05) and an effect that is not there is not; the small-group rule, the
 * pre-trend warning, Holm per family, and one-line errors quoting the bad input. The figures
 * themselves are checked against R in effects-against-r.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildEffects } from '../../../analysis/effects/build-effects.ts';
import { createEffectPlanter, effectBaseRates, parseEffectOption } from '../../../analysis/effects/plant-effect.ts';
import { parsePilotOption } from '../../../analysis/effects/mark-pilot.ts';
import { splitAtInstant, splitInstant } from '../../../analysis/effects/split-at-date.ts';
import { planFor } from '../../../analysis/report/build-report.ts';
import { holmAdjust } from '../../../analysis/stats/holm-adjust.ts';
import { applyMargins } from '../../../analysis/weighting/apply-margins.ts';
import { createSeededRandom } from '../../../analysis/stats/seeded-random.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import type { Effect } from '../../../contracts/report.ts';
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import { defineSurvey, record } from '../report/define-survey.ts';

const WARDS = ['chuo', 'kita', 'teine', 'nishi'];
const OPTIONS = ['online', 'reservation', 'cashless'];
const definition = defineSurvey({
  minGroupSize: 10,
  metaVariables: [{ name: 'ward', from: 'ward', title: { ja: '区', en: 'Ward' }, choices: WARDS.map((value) => ({ value, text: { ja: value, en: value } })), analysis: { role: 'segment' } }],
  elements: [
    { type: 'checkbox', name: 'improvements', title: { ja: '改善してほしいこと', en: 'Improvements' }, choices: OPTIONS, analysis: { role: 'need' } },
    { type: 'rating', name: 'satisfaction', rateMin: 1, rateMax: 5 },
  ],
});

const DAY = 86_400_000;
const JST = 9 * 3600_000;
/** Midnight JST of a date, as epoch ms. */
const jst = (date: string) => Date.parse(`${date}T00:00:00+09:00`);

interface Cell {
  wards: string[];
  from: string;
  days: number;
  count: number;
  /** Chance of each option, and how the rating leans. */
  chance: (option: string, t: number) => number;
}

/** Seeded responses: `count` per cell, completed uniformly over its days. */
function respond(cells: Cell[], seed: number): ResponseRecord[] {
  const random = createSeededRandom(seed);
  const records: ResponseRecord[] = [];
  for (const cell of cells) {
    for (let i = 0; i < cell.count; i++) {
      const t = random();
      const completed = jst(cell.from) + t * cell.days * DAY;
      const chosen = OPTIONS.filter((option) => random() < cell.chance(option, t));
      records.push(
        record(
          { improvements: chosen.length > 0 ? chosen : ['cashless'], satisfaction: 1 + Math.floor(random() * 5) },
          { meta: { locale: 'ja', ward: cell.wards[Math.floor(random() * cell.wards.length)] }, completedAt: new Date(completed).toISOString(), startedAt: new Date(completed - 300_000).toISOString() },
        ),
      );
    }
  }
  return records;
}

function tableOf(definitions: SurveyDefinition[], records: ResponseRecord[]) {
  const plan = planFor(definitions);
  const table = createResponseTable(plan.tableSpec);
  records.forEach((one, i) => appendRecord(table, one, i + 1));
  return { plan, table };
}

const base = (option: string) => ({ online: 0.4, reservation: 0.45, cashless: 0.3 })[option]!;
/** Before: 2025-12-01 … 2026-03-31; after: 2026-04-01 … 2026-06-29. A common rise of online after the split, in both groups. */
function fourCells(perCell: number, seed: number): ResponseRecord[] {
  const before = { from: '2025-12-01', days: 121 };
  const after = { from: '2026-04-01', days: 90 };
  const trend = (option: string) => base(option) + (option === 'online' ? 0.05 : 0);
  return respond(
    [
      { wards: ['chuo', 'kita'], ...before, count: perCell, chance: base },
      { wards: ['chuo', 'kita'], ...after, count: perCell, chance: trend },
      { wards: ['teine', 'nishi'], ...before, count: perCell, chance: base },
      { wards: ['teine', 'nishi'], ...after, count: perCell, chance: trend },
    ],
    seed,
  );
}

const find = (effects: Effect[], option: string) => effects.find((effect) => effect.question === 'improvements' && effect.option === option)!;

describe('buildEffects: a planted effect is found, and none where none is', () => {
  const pilot = parsePilotOption('ward=chuo,kita');

  it('finds a DiD of −10 points planted on 2,000 responses per cell, and no DiD where nothing was planted', () => {
    const records = fourCells(2000, 28);
    const effect = parseEffectOption('ward=chuo,kita;after=2026-04-01;improvements.reservation=-0.10', definition);
    const plant = createEffectPlanter(effect, effectBaseRates(records, effect), 1);
    records.forEach(plant);
    const { plan, table } = tableOf([definition], records);
    const { effects, effectComparison } = buildEffects(table, plan, { date: '2026-04-01', pilot });
    expect(effectComparison).toMatchObject({ before: 4000, after: 4000, undated: 0, pilot: { variable: 'ward', values: [{ value: 'chuo' }, { value: 'kita' }] } });

    const planted = find(effects, 'reservation').did!;
    expect(planted.low).toBeLessThan(-0.1);
    expect(planted.high).toBeGreaterThan(-0.1);
    expect(planted.pAdjusted).toBeLessThan(0.05);
    // The common rise of online is a change, not a DiD; cashless moved nowhere.
    const online = find(effects, 'online');
    expect(online.change!.pAdjusted).toBeLessThan(0.05);
    for (const option of ['online', 'cashless']) {
      const did = find(effects, option).did!;
      expect(did.low, option).toBeLessThan(0);
      expect(did.high, option).toBeGreaterThan(0);
      expect(did.pAdjusted, option).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('finds no DiD on the same responses without the planted effect', () => {
    const { plan, table } = tableOf([definition], fourCells(2000, 28));
    const { effects } = buildEffects(table, plan, { date: '2026-04-01', pilot });
    for (const effect of effects) {
      expect(effect.did!.pAdjusted, `${effect.question} ${String(effect.option ?? effect.measure)}`).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('lists every share and mean: each option, the rating top-two and mean; not the ward it splits by', () => {
    // 80 per cell: every option is chosen by at least the minimum in each cell, so no figure is hidden.
    const { plan, table } = tableOf([definition], fourCells(80, 2));
    const { effects } = buildEffects(table, plan, { date: '2026-04-01', pilot });
    expect(effects.map((effect) => [effect.question, effect.option ?? (effect.topTwo ? 'topTwo' : effect.measure)])).toEqual([
      ['improvements', 'online'],
      ['improvements', 'reservation'],
      ['improvements', 'cashless'],
      ['satisfaction', 'topTwo'],
      ['satisfaction', 'mean'],
    ]);
    // Holm over each family on its own.
    const changes = effects.map((effect) => effect.change!);
    const dids = effects.map((effect) => effect.did!);
    expect(changes.map((change) => change.pAdjusted)).toEqual(holmAdjust(changes.map((change) => change.p)));
    expect(dids.map((did) => did.pAdjusted)).toEqual(holmAdjust(dids.map((did) => did.p)));
  });
});

describe('buildEffects with weights', () => {
  it("weights every figure with the report's raking: the change is the difference of weighted shares", () => {
    const { plan, table } = tableOf([definition], fourCells(200, 6));
    const margins = WARDS.map((value, i) => ({ question: 'ward', value, population: 1000 * (i + 1) }));
    const { effects, effectComparison } = buildEffects(table, plan, { date: '2026-04-01', pilot: parsePilotOption('ward=chuo,kita'), weights: margins });
    expect(effectComparison.weighted).toBe(true);
    // The weights raking gives (its own tests check them against R), summed by hand here.
    const { weights } = applyMargins(table, margins);
    const at = splitInstant('2026-04-01');
    const column = table.byName.get('improvements') as { answered: Uint8Array; cells: Uint8Array[] };
    const sums = [0, 0, 0, 0];
    for (let row = 0; row < table.rowCount; row++) {
      if (!column.answered[row]) continue;
      const after = table.completedAt[row] >= at ? 2 : 0;
      sums[after] += weights[row] * column.cells[1][row];
      sums[after + 1] += weights[row];
    }
    const reservation = find(effects, 'reservation');
    expect(reservation.before.value).toBeCloseTo(sums[0] / sums[1], 12);
    expect(reservation.after.value).toBeCloseTo(sums[2] / sums[3], 12);
    expect(reservation.change!.estimate).toBeCloseTo(sums[2] / sums[3] - sums[0] / sums[1], 12);
    expect(reservation.change!.low).toBeLessThan(reservation.change!.estimate);
    expect(reservation.did!.high).toBeGreaterThan(reservation.did!.estimate);
    // Given the raked weights themselves (as buildReport would pass them), the same figures.
    const given = buildEffects(table, plan, { date: '2026-04-01', pilot: parsePilotOption('ward=chuo,kita'), rowWeights: weights });
    expect(given.effects).toEqual(effects);
  });
});

describe('buildEffects: the small-group rule and the pre-trend check', () => {
  it('hides a figure a cell under the minimum group size would feed, naming the cell, and its n', () => {
    const records = respond(
      [
        { wards: ['chuo'], from: '2026-03-01', days: 30, count: 4, chance: base },
        { wards: ['chuo'], from: '2026-04-01', days: 30, count: 40, chance: base },
        { wards: ['teine'], from: '2026-03-01', days: 30, count: 40, chance: base },
        { wards: ['teine'], from: '2026-04-01', days: 30, count: 40, chance: base },
      ],
      5,
    );
    const { plan, table } = tableOf([definition], records);
    const { effects, suppressed, effectComparison } = buildEffects(table, plan, { date: '2026-04-01', pilot: parsePilotOption('ward=chuo') });
    const mean = effects.find((effect) => effect.question === 'satisfaction' && effect.measure === 'mean')!;
    expect(mean.change).not.toBeNull();
    expect(mean.did).toBeNull();
    expect(mean.hidden).toEqual({ did: ['pilot.before'] });
    // None of the four cells: the others and the totals would give the small one away.
    expect(mean.did).toBeNull();
    expect(mean.before.n).toBe(44);
    expect(suppressed.some((entry) => entry.where === 'effects.satisfaction=mean.did' && entry.rule === 'small')).toBe(true);
    // One month before the split: no pre-trend check, and it says why.
    expect(effectComparison.preTrend).toBeNull();
    expect(effectComparison.preTrendSkipped).toMatch(/3か月に満たない/);
  });

  it('hides a share whose cell has 1 … k − 1 respondents giving the answer, since n × share would show that count', () => {
    // Reservation is chosen by about 2 % before the split (4 of 200 or so), by about half after.
    const rare = (option: string, t: number) => (option === 'reservation' ? 0.02 : base(option));
    const records = respond(
      [
        { wards: ['chuo'], from: '2026-03-01', days: 30, count: 200, chance: rare },
        { wards: ['chuo'], from: '2026-04-01', days: 30, count: 200, chance: base },
      ],
      11,
    );
    const { plan, table } = tableOf([definition], records);
    const column = table.byName.get('improvements') as { answered: Uint8Array; cells: Uint8Array[] };
    const at = splitInstant('2026-04-01');
    let chosenBefore = 0;
    for (let row = 0; row < table.rowCount; row++) if (column.answered[row] && table.completedAt[row] < at) chosenBefore += column.cells[1][row];
    expect(chosenBefore).toBeGreaterThan(0);
    expect(chosenBefore).toBeLessThan(10);
    const { effects, suppressed } = buildEffects(table, plan, { date: '2026-04-01' });
    const reservation = find(effects, 'reservation');
    expect(reservation).toMatchObject({ before: { n: null, value: null }, after: { n: null, value: null }, change: null, hidden: { change: ['before'] } });
    expect(suppressed.find((entry) => entry.where === 'effects.improvements=reservation.change')?.reason).toMatch(/fewer than 10 who gave the answer/);
    // A common answer in the same cells is shown: the rule looks at the count, not at the cell alone.
    expect(find(effects, 'online').change).not.toBeNull();
    // A mean has no such count.
    expect(effects.find((effect) => effect.question === 'satisfaction' && effect.measure === 'mean')!.change).not.toBeNull();
  });

  it('shows neither period of a change when one is under the minimum (the total would give the small one away)', () => {
    const records = respond(
      [
        { wards: ['chuo'], from: '2026-03-25', days: 5, count: 6, chance: base },
        { wards: ['chuo'], from: '2026-04-01', days: 30, count: 40, chance: base },
      ],
      7,
    );
    const { plan, table } = tableOf([definition], records);
    const { effects } = buildEffects(table, plan, { date: '2026-04-01' });
    const mean = effects.find((effect) => effect.question === 'satisfaction' && effect.measure === 'mean')!;
    expect(mean).toMatchObject({ before: { n: null, value: null }, after: { n: null, value: null }, change: null, hidden: { change: ['before'] } });
    expect(mean.did).toBeUndefined();
  });

  it('warns when the groups already moved apart before the split (p < 0.05), and not when they moved alike', () => {
    // Four months before: the pilot's reservation share falls within them, the control's does not.
    const before = { from: '2025-12-01', days: 121 };
    const drifting = (option: string, t: number) => (option === 'reservation' ? 0.6 - 0.35 * t : base(option));
    const records = respond(
      [
        { wards: ['chuo'], ...before, count: 1500, chance: drifting },
        { wards: ['chuo'], from: '2026-04-01', days: 30, count: 500, chance: base },
        { wards: ['teine'], ...before, count: 1500, chance: base },
        { wards: ['teine'], from: '2026-04-01', days: 30, count: 500, chance: base },
      ],
      9,
    );
    const { plan, table } = tableOf([definition], records);
    const { effects, effectComparison } = buildEffects(table, plan, { date: '2026-04-01', pilot: parsePilotOption('ward=chuo') });
    expect(effectComparison.preTrend).not.toBeNull();
    const reservation = find(effects, 'reservation').did!;
    expect(reservation.preTrend!.p).toBeLessThan(0.05);
    expect(reservation.preTrend!.estimate).toBeLessThan(0);
    expect(effectComparison.warnings.filter((warning) => warning.includes('reservation'))).toHaveLength(1);
  });
});

describe('the split and the errors', () => {
  it('splits at midnight Japan time: one millisecond before is before', () => {
    const at = splitInstant('2026-04-01');
    expect(new Date(at).toISOString()).toBe('2026-03-31T15:00:00.000Z');
    const split = splitAtInstant([at - 1, at, Number.NaN], at);
    expect(Array.from(split.period)).toEqual([0, 1, -1]);
    expect(split).toMatchObject({ before: 1, after: 1, undated: 1 });
    expect(at).toBe(Date.UTC(2026, 3, 1) - JST);
  });

  it('refuses a bad date, an unknown pilot variable or value, in one line quoting it', () => {
    const { plan, table } = tableOf([definition], fourCells(10, 3));
    const fails = (date: string, option: string) => {
      try {
        buildEffects(table, plan, { date, pilot: parsePilotOption(option) });
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    for (const date of ['2026-02-30', '2026/04/01', 'april']) expect(fails(date, 'ward=chuo')).toContain(JSON.stringify(date));
    expect(fails('2026-04-01', 'ward=nowhere')).toMatch(/"nowhere" is not an answer of ward \(one of: chuo, kita, teine, nishi\)/);
    expect(fails('2026-04-01', 'district=chuo')).toContain('"district"');
    expect(() => parsePilotOption('ward')).toThrow(/"ward"/);
    for (const message of [fails('2026-02-30', 'ward=chuo'), fails('2026-04-01', 'ward=nowhere')]) expect(message).not.toContain('\n');
  });

  it('refuses an effect it cannot plant, quoting it', () => {
    expect(() => parseEffectOption('ward=chuo;after=2026-04-01;improvements.nothing=-0.1', definition)).toThrow(/"nothing" is not a choice of improvements/);
    expect(() => parseEffectOption('ward=chuo;after=2026-13-01;improvements.online=-0.1', definition)).toThrow(/"2026-13-01"/);
    expect(() => parseEffectOption('ward=chuo;after=2026-04-01', definition)).toThrow(/--effect "ward=chuo;after=2026-04-01"/);
    const records = fourCells(20, 4);
    const effect = parseEffectOption('ward=chuo,kita;after=2026-04-01;improvements.cashless=-0.9', definition);
    expect(() => effectBaseRates(records, effect)).toThrow(/cannot move by -0.9/);
  });
});
