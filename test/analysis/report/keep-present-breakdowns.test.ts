/**
 * The response meta a definition does not declare (the enrolled tablet's ward, the channel) is a
 * breakdown only where the responses have two groups to compare (issue 25): an online-only survey
 * gets no table of ten empty wards beside every question, a mixed one gets its channel table, and
 * a breakdown the analyst names stays whatever the data.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { defineSurvey, record } from './define-survey.ts';

const definition = defineSurvey({
  minGroupSize: 5,
  elements: [
    { type: 'radiogroup', name: 'age', choices: ['young', 'old'], analysis: { role: 'segment' } },
    { type: 'radiogroup', name: 'visit', choices: ['yes', 'no'] },
  ],
});

function responses(online: number, kiosk: number): ResponseRecord[] {
  const answer = (i: number) => ({ age: i % 2 ? 'young' : 'old', visit: i % 3 ? 'yes' : 'no' });
  return [
    ...Array.from({ length: online }, (_, i) => record(answer(i))),
    ...Array.from({ length: kiosk }, (_, i) => record(answer(i), { channel: 'kiosk', meta: { locale: 'ja', ward: i % 2 ? 'chuo' : 'kita', kioskId: `k${i % 2}` } })),
  ];
}

const breakdownsOf = (report: ReturnType<typeof buildReport>) => report.breakdowns!.map((breakdown) => breakdown.by);

describe('breakdowns from response meta the definitions do not declare', () => {
  it('are left out, with their summaries and cross-tabs, when every response came one way', () => {
    const report = buildReport({ definitions: [definition], records: responses(40, 0) });
    expect(breakdownsOf(report)).toEqual(['age']);
    expect(report.summaries!.map((summary) => summary.question)).toEqual(['age', 'visit']);
    expect(report.crosstabs!.every((crosstab) => crosstab.by === 'age' && crosstab.question === 'visit')).toBe(true);
  });

  it('are kept where two groups reach the minimum: channel and the tablets’ wards', () => {
    const report = buildReport({ definitions: [definition], records: responses(40, 20) });
    expect(breakdownsOf(report)).toEqual(['age', 'ward', 'channel']);
    const byChannel = report.crosstabs!.find((crosstab) => crosstab.question === 'visit' && crosstab.by === 'channel')!;
    expect(byChannel.groups.map((group) => [group.value, group.n])).toEqual([
      ['kiosk', 20],
      ['online', 40],
    ]);
    expect(byChannel.test).not.toBeNull();
  });

  it('drops the wards when only one ward reaches the minimum, and keeps the channel', () => {
    const records = responses(40, 0).concat(Array.from({ length: 8 }, () => record({ age: 'old', visit: 'no' }, { channel: 'kiosk', meta: { locale: 'ja', ward: 'chuo', kioskId: 'k1' } })));
    expect(breakdownsOf(buildReport({ definitions: [definition], records }))).toEqual(['age', 'channel']);
  });

  it('keeps one the analyst names with --crosstab-by, whatever the data', () => {
    const report = buildReport({ definitions: [definition], records: responses(40, 0), options: { crosstabBy: ['channel'] } });
    expect(breakdownsOf(report)).toEqual(['age', 'channel']);
  });
});
