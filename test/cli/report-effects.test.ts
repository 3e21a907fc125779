/**
 * 効果検証 from the command line (issue 28): `seed --effect` plants a change only in the pilot
 * group after the date and touches nothing else; `report --compare … --pilot …` adds effects to the
 * JSON report; bad input stops with one line quoting it. The statistics are tested in
 * test/analysis/effects/.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { Report } from '../../contracts/report.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'report-effects-'));
const file = (name: string) => join(dir, name);
const EFFECT = 'ward=chuo,kita;after=2026-04-01;improvements.counter_reservation=-0.2';
const seedArgs = (out: string) => ['seed', '--survey', 'ward-office-exit', '--count', '1200', '--seed', '11', '--from', '2026-01-05', '--days', '150', '--out', out];
const readRecords = async (name: string) => (await readFile(file(name), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as ResponseRecord);

beforeAll(async () => {
  const runs = await Promise.all([runCli(seedArgs(file('plain.jsonl'))), runCli([...seedArgs(file('planted.jsonl')), '--effect', EFFECT])]);
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('seed --effect', () => {
  it('changes only the planted answer, only in the pilot wards from the date on, and lowers its share there', async () => {
    const [plain, planted] = await Promise.all([readRecords('plain.jsonl'), readRecords('planted.jsonl')]);
    expect(planted).toHaveLength(plain.length);
    const at = Date.parse('2026-04-01T00:00:00+09:00');
    let treatedChosen = [0, 0];
    let changed = 0;
    plain.forEach((before, i) => {
      const after = planted[i];
      const { improvements: a, ...restBefore } = before.data as Record<string, unknown>;
      const { improvements: b, ...restAfter } = after.data as Record<string, unknown>;
      // Everything but the planted question is the file the seed alone writes.
      expect({ ...after, data: restAfter }).toEqual({ ...before, data: restBefore });
      const treated = ['chuo', 'kita'].includes(String(before.meta?.ward)) && Date.parse(before.completedAt) >= at;
      if (!treated) expect(b).toEqual(a);
      else if (Array.isArray(a)) {
        if (JSON.stringify(a) !== JSON.stringify(b)) changed += 1;
        treatedChosen = [treatedChosen[0] + Number(a.includes('counter_reservation')), treatedChosen[1] + Number((b as string[]).includes('counter_reservation'))];
        expect((b as string[]).length).toBeGreaterThan(0);
      }
    });
    expect(changed).toBeGreaterThan(0);
    expect(treatedChosen[1]).toBeLessThan(treatedChosen[0]);
  });

  it('refuses an effect it cannot read, in one line quoting it', async () => {
    const run = await runCli([...seedArgs(file('bad.jsonl')), '--effect', 'ward=nowhere;after=2026-04-01;improvements.counter_reservation=-0.1']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('"nowhere"');
  });
});

describe('report --compare --pilot', () => {
  it('adds effects and how they were split to the JSON report', async () => {
    const run = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('planted.jsonl'), '--compare', 'receivedAt:2026-04-01', '--pilot', 'ward=chuo,kita', '--min-group', '5']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const comparison = report.effectComparison!;
    expect(comparison).toMatchObject({ time: 'completedAt', date: '2026-04-01', at: '2026-03-31T15:00:00.000Z', timeZone: 'Asia/Tokyo', weighted: false });
    expect(comparison.before + comparison.after + comparison.undated).toBe(1200);
    expect(comparison.before).toBeGreaterThan(0);
    expect(comparison.pilot).toMatchObject({ variable: 'ward', values: [{ value: 'chuo' }, { value: 'kita' }] });
    const reservation = report.effects!.find((effect) => effect.question === 'improvements' && effect.option === 'counter_reservation')!;
    expect(reservation.measure).toBe('share');
    expect(reservation.did === null || reservation.did!.estimate < 0).toBe(true);
    expect(report.effects!.some((effect) => effect.measure === 'mean')).toBe(true);
    // The ward the pilot is defined by is not itself compared.
    expect(report.effects!.some((effect) => effect.question === 'ward')).toBe(false);
  });

  it.each([
    [['--compare', 'receivedAt:2026-04-01', '--pilot', 'ward=nowhere'], '"nowhere"'],
    [['--compare', 'receivedAt:2026-02-30'], '"2026-02-30"'],
    [['--compare', 'yesterday'], '"yesterday"'],
    [['--compare', 'receivedAt:2026-04-01', '--pilot', 'ward'], '"ward"'],
    [['--pilot', 'ward=chuo'], '"ward=chuo"'],
  ])('%j stops with one line quoting the bad input', async (args, quoted) => {
    const run = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('plain.jsonl'), ...args]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(quoted);
  });
});
