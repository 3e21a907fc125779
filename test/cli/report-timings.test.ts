/**
 * SURVEY_TOOLKIT_TIMINGS=1 (cli/report/phase-clock.ts, issue 24): `report` names when each phase ended, in order, on
 * one stderr line the benchmark reads; without it, stderr says nothing of the sort.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimings } from '../../cli/report/phase-clock.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'report-timings-'));
const input = join(dir, 'staff.jsonl');

beforeAll(async () => {
  const run = await runCli(['seed', '--survey', 'staff-workstyle', '--count', '40', '--seed', '5', '--out', input]);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report timings', () => {
  it('prints when each phase ended, in order, when asked', async () => {
    const run = await runCli(['report', '--survey', 'staff-workstyle', '--input', input, '--no-text', '--out', join(dir, 'report.json')], {
      env: { SURVEY_TOOLKIT_TIMINGS: '1' },
    });
    expect(run.code, run.stderr).toBe(0);
    const timings = parseTimings(run.stderr);
    expect([...timings.keys()]).toEqual(['definitions', 'read', 'report', 'written']);
    const seconds = [...timings.values()];
    expect(seconds.every((value) => Number.isFinite(value) && value > 0)).toBe(true);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
  });

  it('prints nothing of the sort otherwise', async () => {
    const run = await runCli(['report', '--survey', 'staff-workstyle', '--input', input, '--no-text', '--out', join(dir, 'quiet.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/timings:/);
    expect(parseTimings(run.stderr).size).toBe(0);
  });

  it('refuses a value it does not know in one line, and writes no report', async () => {
    const out = join(dir, 'refused.json');
    const run = await runCli(['report', '--survey', 'staff-workstyle', '--input', input, '--no-text', '--out', out], { env: { SURVEY_TOOLKIT_TIMINGS: 'yes' } });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('survey-toolkit report: SURVEY_TOOLKIT_TIMINGS must be 1 (print the phases) or 0, got "yes"');
    expect(existsSync(out)).toBe(false);
  });

  it('reads the phases of a line with the reader threads', () => {
    const timings = parseTimings('warning: x\ntimings: definitions 0.41 · read (this thread) 1.98 · read 2.05 · report 2.40 · written 2.45\n');
    expect(Object.fromEntries(timings)).toEqual({ definitions: 0.41, 'read (this thread)': 1.98, read: 2.05, report: 2.4, written: 2.45 });
  });
});
