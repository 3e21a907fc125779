import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { WARD_POPULATION_2021 } from '../../../analysis/synthesize/shipped-survey-profiles.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { submissionSchema } from '../../../contracts/submission.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
// A test may use the server's validator: analysis code itself never imports server code.
import { validateResponse } from '../../../server/validation/validate-response.ts';

const SURVEYS = ['ward-office-exit', 'citizen-needs', 'staff-workstyle'] as const;
const definitionOf = (id: string) =>
  loadDefinition(JSON.parse(readFileSync(new URL(`../../../survey-definitions/${id}/v1.json`, import.meta.url), 'utf8')), id);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('synthesizeResponses', () => {
  it.each(SURVEYS)('writes %s records that the server validator accepts', (id) => {
    const definition = definitionOf(id);
    const records = [...synthesizeResponses(definition, { count: 400, seed: 17 })];
    expect(records).toHaveLength(400);
    const problems: string[] = [];
    for (const record of records) {
      const { id: _id, surveyId, receivedAt, ...body } = record;
      expect(surveyId).toBe(id);
      const parsed = submissionSchema.safeParse(body);
      if (!parsed.success) problems.push(`${record.id}: ${parsed.error.message}`);
      else for (const detail of validateResponse(definition, parsed.data)) problems.push(`${record.id}: ${detail.question}: ${detail.message}`);
      expect(Date.parse(receivedAt)).toBeGreaterThanOrEqual(Date.parse(record.completedAt));
      expect(Date.parse(record.completedAt)).toBeGreaterThan(Date.parse(record.startedAt));
    }
    expect(problems).toEqual([]);
    expect(new Set(records.map((r) => r.id)).size).toBe(400);
    expect(new Set(records.map((r) => r.submissionId)).size).toBe(400);
    for (const record of records) {
      expect(record.id).toMatch(UUID);
      expect(record.submissionId).toMatch(UUID);
    }
  });

  it('gives the same records for the same seed, and different ones for another', () => {
    const definition = definitionOf('staff-workstyle');
    const first = [...synthesizeResponses(definition, { count: 50, seed: 1 })];
    expect([...synthesizeResponses(definition, { count: 50, seed: 1 })]).toEqual(first);
    expect([...synthesizeResponses(definition, { count: 50, seed: 2 })]).not.toEqual(first);
  });

  it('never gives two surveys, or two versions, seeded alike the same id or submissionId (issue 13)', () => {
    const definitions = ['ward-office-exit', 'citizen-needs', 'staff-workstyle'].map(definitionOf);
    const staff = definitionOf('staff-workstyle');
    definitions.push({ ...staff, version: staff.version + 1 });
    const seen = new Map<string, string>();
    for (const definition of definitions) {
      for (const record of synthesizeResponses(definition, { count: 2000, seed: 1 })) {
        for (const id of [record.id, record.submissionId]) {
          const where = `${definition.id} v${definition.version}`;
          expect(seen.get(id), `${id} in ${where}`).toBeUndefined();
          seen.set(id, where);
        }
      }
    }
    expect(seen.size).toBe(4 * 2000 * 2);
  });

  describe('plausibility', () => {
    const exit = [...synthesizeResponses(definitionOf('ward-office-exit'), { count: 6000, seed: 5 })];
    const share = (records: ResponseRecord[], test: (r: ResponseRecord) => boolean) => records.filter(test).length / records.length;

    it('sends older visitors to the counter and younger ones online', () => {
      const band = (value: string) => exit.filter((r) => r.data.ageBand === value);
      const wantsCounter = (r: ResponseRecord) => r.data.couldBeOnline === 'no';
      expect(share(band('70_plus'), wantsCounter)).toBeGreaterThan(2 * share(band('20s'), wantsCounter));
      const wantsOnline = (r: ResponseRecord) => (r.data.improvements as string[] | undefined)?.includes('online_procedures') === true;
      expect(share(band('20s'), wantsOnline)).toBeGreaterThan(1.5 * share(band('70_plus'), wantsOnline));
    });

    it('asks counterReasons only after "no", keeps to three improvements, and comes from kiosks in every ward roughly by population', () => {
      for (const record of exit) {
        expect(record.data.counterReasons === undefined || record.data.couldBeOnline === 'no').toBe(true);
        expect(((record.data.improvements as string[] | undefined) ?? []).length).toBeLessThanOrEqual(3);
        expect(record.channel).toBe('kiosk');
        expect(record.meta.kioskId).toMatch(new RegExp(`^${record.meta.ward}-[1-3]$`));
      }
      const total = Object.values(WARD_POPULATION_2021).reduce((a, b) => a + b, 0);
      for (const [ward, population] of Object.entries(WARD_POPULATION_2021)) {
        expect(share(exit, (r) => r.meta.ward === ward)).toBeCloseTo(population / total, 1);
      }
    });

    it('makes junior and veteran staff differ on telework', () => {
      const staff = [...synthesizeResponses(definitionOf('staff-workstyle'), { count: 3000, seed: 8 })];
      const mean = (cohort: string) => {
        const values = staff.filter((r) => r.data.yearsOfService === cohort).map((r) => (r.data.practices as Record<string, number>).telework);
        return values.reduce((a, b) => a + b, 0) / values.length;
      };
      expect(mean('junior') - mean('veteran')).toBeGreaterThan(1);
    });
  });
});

describe('synthesizeResponses with a matrixdropdown', () => {
  it('answers each cell as survey-core stores it (rating values and steps, boolean values, the matrix\'s choices), and the server accepts it', () => {
    const definition = loadDefinition(
      {
        id: 'grid-survey',
        version: 1,
        audience: 'citizen',
        title: { ja: '表形式', en: 'Grid' },
        pages: [
          {
            name: 'p1',
            elements: [
              {
                type: 'matrixdropdown',
                name: 'grid',
                rows: ['a', 'b', 'c'],
                choices: ['x', 'y'],
                columns: [
                  { name: 'words', cellType: 'rating', rateValues: ['low', 'mid', 'high'], isRequired: true },
                  { name: 'even', cellType: 'rating', rateMin: 0, rateMax: 10, rateStep: 2, isRequired: true },
                  { name: 'agree', cellType: 'boolean', valueTrue: 'yes', valueFalse: 'no', isRequired: true },
                  { name: 'shared', isRequired: true },
                ],
              },
            ],
          },
        ],
      },
      'grid-survey',
    );
    const records = [...synthesizeResponses(definition, { count: 200, seed: 4 })];
    const cells = records.flatMap((record) => Object.values((record.data.grid ?? {}) as Record<string, Record<string, unknown>>));
    expect(new Set(cells.map((cell) => cell.words))).toEqual(new Set(['low', 'mid', 'high']));
    expect(new Set(cells.map((cell) => cell.even))).toEqual(new Set([0, 2, 4, 6, 8, 10]));
    expect(new Set(cells.map((cell) => cell.agree))).toEqual(new Set(['yes', 'no']));
    expect(new Set(cells.map((cell) => cell.shared))).toEqual(new Set(['x', 'y']));
    const problems = records.flatMap((record) => {
      const { id: _id, surveyId: _survey, receivedAt: _received, ...body } = record;
      const parsed = submissionSchema.safeParse(body);
      return parsed.success ? validateResponse(definition, parsed.data).map((detail) => `${detail.question}: ${detail.message}`) : [parsed.error.message];
    });
    expect(problems).toEqual([]);
  });
});
