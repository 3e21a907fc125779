/**
 * Issue 20, finding 10: `from`/`to` of every filter (export, report, dashboard, CLI) are strict
 * calendar dates. 2026-02-30 used to be read as 2 March (Date.parse rolls the day over), so an
 * analyst who mistyped a day got another period without a word. A day that does not exist is now
 * a 400 (CLI: one line, exit 2) naming it; 2024-02-29, a real leap day, passes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterError, parseResponseFilter } from '../../../server/live-table/response-filter.ts';
import { runCli } from '../../cli/run-cli.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { exportDefinition } from './export-fixture.ts';

const parse = (query: Record<string, string>) => parseResponseFilter(query, exportDefinition);
const NOT_IN_CALENDAR = ['2026-02-30', '2026-13-01', '2025-02-29', '2026-04-31', '2026-00-10', '2026-01-00'];

describe('parseResponseFilter: strict dates', () => {
  it('refuses a day the calendar does not have, naming it, as a day and inside a date-time', () => {
    for (const day of NOT_IN_CALENDAR) {
      expect(() => parse({ from: day }), day).toThrow(FilterError);
      expect(() => parse({ from: day }), day).toThrow(`"${day}"`);
      expect(() => parse({ to: `${day}T09:00:00+09:00` }), day).toThrow(`"${day}T09:00:00+09:00"`);
    }
  });

  it('refuses a time of day or a zone offset that does not exist instead of rolling it over', () => {
    for (const value of ['2026-02-28T24:00:00Z', '2026-02-28T23:60Z', '2026-02-28T23:59:60Z', '2026-02-28T09:00+24:00', '2026-02-28T09:00+09:60']) {
      expect(() => parse({ from: value }), value).toThrow(FilterError);
    }
  });

  it('accepts real days, leap days included, with the same bounds as before', () => {
    expect(parse({ from: '2024-02-29', to: '2024-02-29' })).toMatchObject({ receivedFrom: '2024-02-28T15:00:00.000Z', receivedTo: '2024-02-29T15:00:00.000Z' });
    expect(parse({ from: '2000-02-29' }).receivedFrom).toBe('2000-02-28T15:00:00.000Z');
    expect(parse({ from: '2026-12-31T23:59:59.5+09:00' }).receivedFrom).toBe('2026-12-31T14:59:59.500Z');
    expect(parse({ to: '2026-04-30T00:00Z' }).receivedTo).toBe('2026-04-30T00:00:00.000Z');
    expect(() => parse({ from: '1900-02-29' })).toThrow(FilterError); // not a leap year (divisible by 100)
  });
});

describe('every filtered read answers 400 naming the day', () => {
  let app: SecureApp;
  beforeAll(async () => {
    app = await startSecureApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('export, report, timeline and comments', async () => {
    for (const path of ['responses?format=jsonl&', 'report?format=json&', 'timeline?', 'comments?']) {
      for (const day of ['2026-02-30', '2026-13-01', '2025-02-29']) {
        const response = await fetch(`${app.url}/api/surveys/ward-office-exit/${path}from=${day}`, { headers: bearer(app.tokens.analyst) });
        expect(response.status, `${path}${day}`).toBe(400);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('invalid_filter');
        expect(body.error.message).toContain(`"${day}"`);
      }
      const leap = await fetch(`${app.url}/api/surveys/ward-office-exit/${path}from=2024-02-29&to=2024-02-29`, { headers: bearer(app.tokens.analyst) });
      expect(leap.status, `${path}2024-02-29`).toBe(200);
      await leap.arrayBuffer();
    }
  });
});

describe('survey-toolkit export', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'strict-dates-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops with one line naming the day and exit code 2', async () => {
    const run = await runCli(['export', '--survey', 'ward-office-exit', '--format', 'csv', '--from', '2026-02-30', '--out', join(dataDir, 'out.csv')], { env: { DATA_DIR: dataDir } });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('"2026-02-30"');
  }, 60_000);
});
