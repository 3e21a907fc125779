/**
 * `check` warns about a grid too tall for a kiosk page (issue 29): the kiosk
 * never cuts a question, so a grid with many rows makes its page taller than
 * 1.5 portrait screens whatever the client does. A warning that names the
 * question and says how to split it; the shipped grids (eight rows at most)
 * fit, and surveys without a kiosk mode are not checked.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDefinitions, formatProblem } from '../../../analysis/definitions/check-definitions.ts';
import { gridPagePortraitHeight, KIOSK_PAGE_MAX_PX, maxKioskGridRows } from '../../../core/definitions/kiosk-page-budget.ts';
import { readShipped, SHIPPED_SURVEY_IDS, shippedSource, type ShippedSurveyId } from './shipped-definition-files.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'survey-toolkit.js');

/**
 * citizen-needs with its importance and satisfaction grids grown to `rows` rows (copies of their own rows, new
 * values; the two stay paired item by item, as their annotations require).
 */
function withGridRows(rows: number) {
  const json = readShipped('citizen-needs');
  const grids = json.pages.flatMap((page: any) => page.elements).filter((element: any) => ['importance', 'satisfaction'].includes(element.name));
  for (const grid of grids) {
    const original = grid.rows as Array<{ value: string; text: unknown }>;
    grid.rows = Array.from({ length: rows }, (_, index) => ({ ...original[index % original.length], value: `item_${index + 1}` }));
  }
  return { json, importance: grids[0], satisfaction: grids[1] };
}

const budgetWarnings = (id: ShippedSurveyId, json: unknown) =>
  checkDefinitions([{ source: shippedSource(id), json }])
    .filter((problem) => problem.message.includes('kiosk page'))
    .map(formatProblem);

describe('check: a grid too tall for a kiosk page', () => {
  it('the shipped surveys have no such grid: citizen-needs’ eight rows fit, with or without a description', () => {
    for (const id of SHIPPED_SURVEY_IDS) expect(budgetWarnings(id, readShipped(id)), id).toEqual([]);
    expect(gridPagePortraitHeight({ rows: 8, columns: 5, hasDescription: true })).toBeLessThanOrEqual(KIOSK_PAGE_MAX_PX);
  });

  it('warns on a grid of twelve rows, naming it and how to split it', () => {
    const { json } = withGridRows(12);
    const tail = 'a kiosk page may be, and a question is never split across pages: split it into two matrices of at most';
    expect(budgetWarnings('citizen-needs', json)).toEqual([
      'survey-definitions/citizen-needs/v1.json: warning: question "importance": its 12 rows make a kiosk page about 2,320 px tall on an ' +
        `800×1280 portrait tablet, more than the 1,920 px (1.5 screens) ${tail} 9 rows each, which the kiosk shows on pages of their own`,
      // Its description takes a row's room.
      'survey-definitions/citizen-needs/v1.json: warning: question "satisfaction": its 12 rows make a kiosk page about 2,380 px tall on an ' +
        `800×1280 portrait tablet, more than the 1,920 px (1.5 screens) ${tail} 8 rows each, which the kiosk shows on pages of their own`,
    ]);
    // A warning: the file stays in service.
    expect(checkDefinitions([{ source: shippedSource('citizen-needs'), json }]).filter((problem) => problem.severity !== 'warning')).toEqual([]);
  });

  it('the limit depends on the grid: a description or a wider scale leaves room for fewer rows', () => {
    expect(maxKioskGridRows({ columns: 5, hasDescription: false })).toBe(9);
    expect(maxKioskGridRows({ columns: 5, hasDescription: true })).toBe(8);
    expect(maxKioskGridRows({ columns: 7, hasDescription: false })).toBe(7);
    // Nine rows: the importance grid fits, the satisfaction grid with its description does not.
    const question = (warning: string) => /question "(\w+)"/.exec(warning)?.[1];
    expect(budgetWarnings('citizen-needs', withGridRows(9).json).map(question)).toEqual(['satisfaction']);
    const { json, importance } = withGridRows(9);
    importance.description = { ja: '説明', en: 'A description' };
    expect(budgetWarnings('citizen-needs', json).map(question)).toEqual(['importance', 'satisfaction']);
    expect(budgetWarnings('citizen-needs', withGridRows(10).json).map(question)).toEqual(['importance', 'satisfaction']);
  });

  it('a survey without a kiosk mode (an invitation code per answer) is not checked', () => {
    const json = readShipped('staff-workstyle');
    const grid = json.pages.flatMap((page: any) => page.elements).find((element: any) => element.type === 'matrix');
    grid.rows = Array.from({ length: 14 }, (_, index) => ({ ...grid.rows[index % grid.rows.length], value: `item_${index + 1}` }));
    expect(json.invitations).toBe('required');
    expect(budgetWarnings('staff-workstyle', json)).toEqual([]);
  });

  describe('survey-toolkit check, as users run it', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'check-kiosk-budget-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('prints the warning on stderr and still passes (exit 0)', async () => {
      const folder = join(dir, 'survey-definitions', 'citizen-needs');
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'v1.json'), JSON.stringify(withGridRows(12).json, null, 2));
      const run = spawnSync(process.execPath, [BIN, 'check', 'survey-definitions/citizen-needs/v1.json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ok: 1 file, 1 survey/);
      expect(run.stderr).toContain('survey-definitions/citizen-needs/v1.json: warning: question "importance": its 12 rows make a kiosk page about 2,320 px tall');
      expect(run.stderr).toContain('split it into two matrices of at most 9 rows each');
    });
  });
});
