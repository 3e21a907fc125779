/**
 * Breakdowns from what every stored record carries (issue 25): the enrolled tablet's ward
 * (`meta.ward`, written by the server) for a survey whose definitions declare no ward meta
 * variable, and the channel (kiosk, online) for every survey; read alike by appendRecord and the
 * JSONL scanner, and cross-tabulated as a declared meta variable is.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { WARDS } from '../../../contracts/wards.ts';
import { buildReport, planFor } from '../../../analysis/report/build-report.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import { createLabelIndex } from '../../../core/definitions/create-label-index.ts';
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import { defineSurvey, record } from './define-survey.ts';

const definition = defineSurvey({
  elements: [
    { type: 'radiogroup', name: 'visit', title: { ja: '来庁回数', en: 'Visits' }, choices: ['first', 'again'], analysis: { role: 'segment' } },
    { type: 'text', inputType: 'number', name: 'minutes', title: { ja: '待ち時間', en: 'Minutes' } },
  ],
});
// Kiosk records from enrolled tablets in three wards, and online records without a ward.
const wards = ['chuo', 'kita', 'teine'];
const records = Array.from({ length: 90 }, (_, i) =>
  i % 3 === 2
    ? record({ visit: i % 2 ? 'first' : 'again', minutes: i % 17 }, { channel: 'online' })
    : record({ visit: i % 2 ? 'first' : 'again', minutes: (i % 11) + 5 }, { channel: 'kiosk', meta: { locale: 'ja', kioskId: `${wards[i % 3]}-1`, ward: wards[(i >> 1) % 3] } }),
);

function throughJsonl(survey: SurveyDefinition, lines: ResponseRecord[]): { report: Report; slowLines: number } {
  const table = createResponseTable(planFor([survey]).tableSpec);
  const append = createJsonlAppender(table);
  lines.forEach((r, i) => {
    const bytes = new TextEncoder().encode(`${JSON.stringify(r)}\n`);
    append(bytes, 0, bytes.length - 1, i + 1, i + 1);
  });
  return { report: buildReport({ definitions: [survey], table }), slowLines: append.slowLines };
}

describe('breakdowns from the response meta', () => {
  const report = buildReport({ definitions: [definition], records });

  it('adds the ward (ten wards, labelled as the shipped ward meta variable) and the channel after the declared breakdowns', () => {
    expect(report.breakdowns!.map((b) => [b.by, b.label, b.source])).toEqual([
      ['visit', '来庁回数', 'segment'],
      ['ward', '回答した区役所', 'meta'],
      ['channel', '回答方法', 'meta'],
    ]);
    const ward = report.breakdowns!.find((b) => b.by === 'ward')!;
    expect(ward.groups.map((g) => [g.value, g.label])).toEqual(WARDS.map((w) => [w.code, w.ja]));
    expect(report.breakdowns!.find((b) => b.by === 'channel')!.groups).toEqual([
      { value: 'kiosk', label: '区役所のタブレット' },
      { value: 'online', label: 'インターネット' },
    ]);
  });

  it('cross-tabulates every question by the ward and by the channel, counted from the records', () => {
    for (const by of ['ward', 'channel'] as const) {
      const visit = report.crosstabs!.find((c) => c.question === 'visit' && c.by === by)!;
      for (const group of visit.groups) {
        const inGroup = records.filter((r) => (by === 'channel' ? r.channel : (r.meta as Record<string, unknown>).ward) === group.value);
        group.cells.forEach((cell) => expect(cell.count, `${String(group.value)} ${String(cell.value)}`).toBe(inGroup.filter((r) => r.data.visit === cell.value).length));
      }
    }
    const byChannel = report.crosstabs!.find((c) => c.question === 'visit' && c.by === 'channel')!;
    expect(byChannel.groups.map((g) => g.n)).toEqual([60, 30]);
    expect(byChannel.test).not.toBeNull();
    // Wards without a response are empty groups; those with one are compared.
    const byWard = report.crosstabs!.find((c) => c.question === 'visit' && c.by === 'ward')!;
    const wardOf = (r: ResponseRecord) => (r.meta as Record<string, unknown>).ward;
    expect(byWard.groups.filter((g) => g.n !== 0).map((g) => [g.value, g.n])).toEqual(wards.map((ward) => [ward, records.filter((r) => wardOf(r) === ward).length]));
    expect(byWard.test).not.toBeNull();
    const minutes = report.means!.find((m) => m.question === 'minutes' && m.by === 'channel')!;
    expect(minutes.groups.map((g) => g.n)).toEqual([60, 30]);
    expect(minutes.test!.method).toBe('welch');
  });

  it('summarises them as meta variables, and labels them for a reader in either language', () => {
    const channel = report.summaries!.find((s) => s.question === 'channel')!;
    expect([channel.type, channel.answered, channel.items!.map((i) => i.count)]).toEqual(['meta', 90, [60, 30]]);
    const labels = createLabelIndex([definition]);
    expect([labels.question('channel', 'en'), labels.value('channel', 'online', 'en'), labels.question('ward', 'en'), labels.value('ward', 'teine', 'en')]).toEqual([
      'Channel',
      'the web',
      'Ward office where the survey was answered',
      'Teine',
    ]);
  });

  it('reads the same through the JSONL scanner, on the fast path, an unknown channel as none', () => {
    const lines = [...records, record({ visit: 'first' }, { channel: 'paper' as ResponseRecord['channel'] })];
    const { report: fromJsonl, slowLines } = throughJsonl(definition, lines);
    expect(slowLines).toBe(0);
    const fromRecords = buildReport({ definitions: [definition], records: lines });
    expect(fromJsonl.crosstabs).toEqual(fromRecords.crosstabs);
    expect(fromJsonl.summaries).toEqual(fromRecords.summaries);
    expect(fromRecords.summaries!.find((s) => s.question === 'channel')).toMatchObject({ answered: 90, noAnswer: 1 });
  });

  it('stops at a ward that is none of the ten, naming it, through either path', () => {
    const lines = [...records.slice(0, 3), record({ visit: 'first' }, { channel: 'kiosk', meta: { locale: 'ja', ward: 'sapporo' } })];
    const message = /answer to "ward" is "sapporo", which the definitions do not offer/;
    expect(() => buildReport({ definitions: [definition], records: lines })).toThrow(message);
    expect(() => throughJsonl(definition, lines)).toThrow(message);
  });

  it('adds no ward where a meta variable reads it, and names them apart from questions called ward or channel', () => {
    const declared = defineSurvey({
      metaVariables: [{ name: 'office', from: 'ward', title: { ja: '区', en: 'Ward' }, choices: [{ value: 'chuo', text: { ja: '中央区', en: 'Chuo' } }] }],
      elements: [{ type: 'radiogroup', name: 'visit', choices: ['first', 'again'] }],
    });
    // The plan has the channel; a report without responses has no channels to compare, so no such breakdown.
    expect(planFor([declared]).breakdowns.map((b) => b.variable)).toEqual(['visit', 'office', 'channel']);
    expect(buildReport({ definitions: [declared], records: [] }).breakdowns!.map((b) => b.by)).toEqual(['visit', 'office']);
    const named = defineSurvey({
      elements: [
        { type: 'dropdown', name: 'ward', title: 'お住まいの区', choices: ['chuo', 'kita'], analysis: { role: 'segment' } },
        { type: 'radiogroup', name: 'channel', title: '知ったきっかけ', choices: ['tv', 'web'] },
      ],
    });
    const six = Array.from({ length: 6 }, () => record({ ward: 'kita', channel: 'tv' }, { channel: 'kiosk', meta: { locale: 'ja', ward: 'chuo' } }));
    // Named with --crosstab-by, so that one ward and one channel are breakdowns all the same.
    const namedReport = buildReport({ definitions: [named], records: six, options: { crosstabBy: ['meta.ward', 'meta.channel'] } });
    expect(namedReport.breakdowns!.map((b) => [b.by, b.label])).toEqual([['ward', 'お住まいの区'], ['meta.ward', '回答した区役所'], ['meta.channel', '回答方法']]);
    expect(namedReport.summaries!.find((s) => s.question === 'meta.ward')!.items!.find((i) => i.value === 'chuo')!.count).toBe(6);
    expect(namedReport.summaries!.find((s) => s.question === 'ward')!.items!.find((i) => i.value === 'kita')!.count).toBe(6);
  });

  it('may be named by --by and --crosstab-by', () => {
    const byChannel = buildReport({ definitions: [definition], records, options: { by: 'channel', crosstabBy: ['channel'] } });
    expect(byChannel.gaps.by).toBe('channel');
  });
});
