import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { summarizeOverview } from '../../../analysis/overview/summarize-overview.ts';
import { planFor } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';

const definition = loadDefinition(
  JSON.parse(readFileSync(new URL('../../../survey-definitions/ward-office-exit/v1.json', import.meta.url), 'utf8')),
  'ward-office-exit',
);
const [template] = [...synthesizeResponses(definition, { count: 1, seed: 1 })];

/** A table of responses with the given ward, channel and completion instant. */
function tableOf(rows: Array<[ward: string, channel: string, completedAt: string | undefined]>) {
  const plan = planFor([definition], { minGroupSize: 2 });
  const table = createResponseTable(plan.tableSpec);
  rows.forEach(([ward, channel, completedAt], k) =>
    appendRecord(table, { ...template, meta: { ...template.meta, ward }, channel, completedAt }, k + 1),
  );
  return { table, plan };
}

describe('summarizeOverview', () => {
  it('spans the completion dates in UTC and counts responses by channel and ward', () => {
    const { table, plan } = tableOf([
      ['chuo', 'kiosk', '2026-04-01T00:30:00+09:00'], // 2026-03-31 in UTC
      ['chuo', 'kiosk', '2026-04-10T12:00:00Z'],
      ['kita', 'online', '2026-05-20T23:59:59.999Z'],
      ['kita', 'online', undefined],
      ['kita', 'kiosk', '2026-04-02T08:00:00Z'],
    ]);
    const { overview, suppressed } = summarizeOverview(table, plan, { population: 50 });
    expect(overview.period).toEqual({ from: '2026-03-31', to: '2026-05-20' });
    expect(overview.byChannel).toEqual([
      { value: 'kiosk', n: 3 },
      { value: 'online', n: 2 },
    ]);
    expect(overview.byWard.map(({ value, n }) => ({ value, n }))).toEqual([
      { value: 'chuo', n: 2 },
      { value: 'kita', n: 3 },
    ]);
    expect(overview.byWard[0].label).toBe('中央区');
    expect(overview.responseRate).toBe(5 / 50);
    expect(overview.population).toBe(50);
    expect(suppressed).toEqual([]);
  });

  it('hides a small channel and the one that would give it away', () => {
    const { table, plan } = tableOf([
      ['chuo', 'kiosk', '2026-04-01T00:00:00Z'],
      ['chuo', 'kiosk', '2026-04-01T00:00:00Z'],
      ['chuo', 'kiosk', '2026-04-01T00:00:00Z'],
      ['kita', 'online', '2026-04-01T00:00:00Z'],
    ]);
    const { overview, suppressed } = summarizeOverview(table, plan);
    expect(overview.byChannel).toEqual([
      { value: 'kiosk', n: null },
      { value: 'online', n: null },
    ]);
    expect(suppressed.map(({ where, rule }) => [where, rule])).toEqual([
      ['overview.byChannel.kiosk', 'complementary'],
      ['overview.byChannel.online', 'small'],
      ['overview.byWard.chuo', 'complementary'],
      ['overview.byWard.kita', 'small'],
    ]);
    expect(overview.responseRate).toBeNull();
  });

  it('has no period without dates, and refuses a population that is no count', () => {
    const { table, plan } = tableOf([['chuo', 'kiosk', 'not a date']]);
    expect(summarizeOverview(table, plan).overview.period).toBeNull();
    expect(() => summarizeOverview(table, plan, { population: 0 })).toThrow('population must be a number > 0, got 0');
  });

  it('tells kiosk responses from enrolled tablets from those of tablets that were not, on both reading paths', () => {
    const plan = planFor([definition], { minGroupSize: 2 });
    // The server stores a kioskId only for an enrolled tablet (issue 20): without one, the tablet was not.
    const { kioskId: _dropped, ...unenrolledMeta } = template.meta as Record<string, unknown>;
    const records = [
      { ...template, channel: 'kiosk', meta: { ...template.meta, kioskId: 'chuo-1' } },
      { ...template, channel: 'kiosk', meta: { ...template.meta, kioskId: 'chuo-2' } },
      { ...template, channel: 'kiosk', meta: { ...template.meta, kioskId: 'kita-1' } },
      { ...template, channel: 'kiosk', meta: unenrolledMeta },
      { ...template, channel: 'kiosk', meta: { ...unenrolledMeta, kioskId: '' } },
      { ...template, channel: 'online', meta: unenrolledMeta },
    ];
    const parsed = createResponseTable(plan.tableSpec);
    records.forEach((record, k) => appendRecord(parsed, record, k + 1));
    const scanned = createResponseTable(plan.tableSpec);
    const append = createJsonlAppender(scanned);
    records.forEach((record, k) => {
      const bytes = new TextEncoder().encode(`${JSON.stringify(record)}\n`);
      append(bytes, 0, bytes.length - 1, k + 1, k + 1);
    });
    expect(append.slowLines).toBe(0);
    for (const table of [parsed, scanned]) {
      expect(summarizeOverview(table, plan).overview.kiosks).toEqual({ enrolled: 3, unenrolled: 2 });
    }
    // No kiosk response at all: nothing to tell apart.
    const online = createResponseTable(plan.tableSpec);
    appendRecord(online, records[5], 1);
    expect(summarizeOverview(online, plan).overview.kiosks).toBeNull();
  });

  it('gives the quartiles of the minutes taken, as R quantile(type = 7), leaving out missing or negative times', () => {
    const plan = planFor([definition], { minGroupSize: 2 });
    const table = createResponseTable(plan.tableSpec);
    // R: quantile(c(3, 5, 6, 10, 12), type = 7) -> 25% 5, 50% 6, 75% 10
    const took = [3, 5, 6, 10, 12];
    took.forEach((minutes, k) =>
      appendRecord(table, { ...template, startedAt: '2026-04-01T00:00:00Z', completedAt: new Date(Date.parse('2026-04-01T00:00:00Z') + minutes * 60_000).toISOString() }, k + 1),
    );
    appendRecord(table, { ...template, startedAt: '2026-04-01T01:00:00Z', completedAt: '2026-04-01T00:00:00Z' }, 6); // clock set back
    appendRecord(table, { ...template, startedAt: undefined as unknown as string, completedAt: '2026-04-01T00:00:00Z' }, 7);
    const { overview } = summarizeOverview(table, plan);
    expect(overview.completionMinutes).toEqual({ n: 5, q1: 5, median: 6, q3: 10 });
  });

  it('gives no completion time under the minimum group size: each time is one person\'s', () => {
    const plan = planFor([definition], { minGroupSize: 5 });
    const table = createResponseTable(plan.tableSpec);
    appendRecord(table, { ...template, startedAt: '2026-04-01T00:00:00Z', completedAt: '2026-04-01T00:05:00Z' }, 1);
    expect(summarizeOverview(table, plan).overview.completionMinutes).toBeNull();
  });

  it('says the method in words: the definition\'s method, else nothing (renderers name the channels)', () => {
    const { table, plan } = tableOf([
      ['chuo', 'kiosk', '2026-04-01T00:30:00Z'],
      ['kita', 'online', '2026-04-02T00:30:00Z'],
    ]);
    expect(summarizeOverview(table, plan).overview.method).toBeNull();
    const described = { ...plan, method: { ja: '10区の区役所で来庁者に依頼（2026年4月）', en: 'Visitors asked at the ten ward offices (April 2026)' } };
    expect(summarizeOverview(table, described).overview.method).toBe('10区の区役所で来庁者に依頼（2026年4月）');
  });

  it('gives each ward\'s response rate from ward populations, hides the rate of a hidden ward, and the overall rate from their sum', () => {
    const { table, plan } = tableOf([
      ['chuo', 'kiosk', '2026-04-01T00:30:00Z'],
      ['chuo', 'kiosk', '2026-04-01T00:30:00Z'],
      ['chuo', 'kiosk', '2026-04-01T00:30:00Z'],
      ['kita', 'online', '2026-04-02T00:30:00Z'],
      ['kita', 'online', '2026-04-02T00:30:00Z'],
      ['kiyota', 'online', '2026-04-02T00:30:00Z'],
    ]);
    const { overview } = summarizeOverview(table, plan, { populationByWard: { chuo: 300, kita: 400, kiyota: 100 } });
    const byValue = new Map(overview.byWard.map((ward) => [ward.value, ward]));
    expect(byValue.get('chuo')).toMatchObject({ n: 3, population: 300, responseRate: 0.01 });
    // kiyota has 1 (under 2) and kita is hidden with it: their rates would give their n.
    expect(byValue.get('kiyota')).toMatchObject({ n: null, population: 100, responseRate: null });
    expect(byValue.get('kita')).toMatchObject({ n: null, responseRate: null });
    expect(overview.population).toBe(800);
    expect(overview.responseRate).toBe(6 / 800);
    expect(() => summarizeOverview(table, plan, { populationByWard: { chuo: 0 } })).toThrow(/population of ward "chuo" must be a number > 0, got 0/);
  });
});
