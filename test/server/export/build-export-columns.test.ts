import { describe, expect, it } from 'vitest';
import { buildExportColumns } from '../../../server/export/build-export-columns.ts';
import { buildCodebook } from '../../../server/export/build-codebook.ts';
import { exportDefinition, exportDefinitionV1, exportRecord } from './export-fixture.ts';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';

const record = exportRecord(1, {
  data: { ...exportRecord(1).data, wants: ['online', 'other'], 'wants-Comment': '駐車場' },
});

function table(mode: 'codes' | 'labels', locale: string) {
  return buildExportColumns([exportDefinition, exportDefinitionV1], { mode, locale }).map((c) => [
    mode === 'codes' ? c.key : c.label,
    c.cell(record),
  ]);
}

describe('buildExportColumns', () => {
  it('lays out codes: one column per question, 0/1 per checkbox option, one per matrix row, a rank per ranking item', () => {
    expect(table('codes', 'ja')).toEqual([
      ['id', '00000000-0000-4000-8000-000000000001'],
      ['submissionId', '10000000-0000-4000-8000-000000000001'],
      ['surveyVersion', 2],
      ['channel', 'kiosk'],
      ['locale', 'ja'],
      ['kioskId', 'chuo-01'],
      ['ward', 'chuo'],
      ['startedAt', '2025-05-01T01:00:01.000Z'],
      ['completedAt', '2025-05-01T01:05:01.000Z'],
      ['receivedAt', '2025-05-01T01:05:01.500Z'],
      ['purpose', 'family'],
      ['wants.online', 1],
      ['wants.booking', 0],
      ['wants.other', 1],
      ['wants-Comment', '駐車場'],
      ['sat.waiting', 1],
      ['sat.staff', 2],
      ['prio.speed', 2],
      ['prio.clarity', 1],
      ['overall', 4],
      ['online_ok', 1],
      ['comment', 'ありがとう'],
      ['old_question', null], // only version 1 asked it: its column comes last
    ]);
  });

  it('shows Japanese labels in headers and coded cells, keeping numbers that a label would only repeat', () => {
    expect(table('labels', 'ja').slice(3)).toEqual([
      ['回答経路', 'タブレット'],
      ['回答言語', 'ja'],
      ['端末ID', 'chuo-01'],
      ['区', '中央区'],
      ['回答開始日時', '2025-05-01T01:00:01.000Z'],
      ['回答完了日時', '2025-05-01T01:05:01.000Z'],
      ['受信日時', '2025-05-01T01:05:01.500Z'],
      ['来庁の目的', '戸籍・住民票'],
      ['希望する改善: オンライン手続', 1],
      ['希望する改善: 窓口予約', 0],
      ['希望する改善: その他（説明）', 1],
      ['希望する改善: その他（説明）: 記述', '駐車場'],
      ['満足度: 待ち時間', '不満'],
      ['満足度: 職員の対応', '満足'],
      ['優先順位: 速さ', 2],
      ['優先順位: 分かりやすさ', 1],
      ['総合評価', 4],
      ['オンラインで済んだか', 'はい'],
      ['ご意見', 'ありがとう'],
      ['旧設問', null],
    ]);
  });

  it('shows English labels with locale en', () => {
    const english = Object.fromEntries(table('labels', 'en'));
    expect(english).toMatchObject({
      Channel: 'Kiosk',
      Ward: 'Chuo',
      'Purpose of visit': 'Family register',
      'Wanted improvements: Online procedures': 1,
      'Satisfaction: Waiting': 'Unhappy',
      'Could be online': 'Yes',
    });
  });

  it('leaves cells blank for unanswered questions, and never invents a 0 for an unanswered checkbox', () => {
    const empty = exportRecord(2, { data: {}, meta: { locale: 'en' }, channel: 'online' });
    const cells = Object.fromEntries(buildExportColumns([exportDefinition], { mode: 'codes', locale: 'ja' }).map((c) => [c.key, c.cell(empty)]));
    expect(cells).toMatchObject({
      ward: null,
      kioskId: null,
      purpose: null,
      'wants.online': null,
      'sat.waiting': null,
      'prio.speed': null,
      online_ok: null,
      comment: null,
    });
  });

  it('shows an unknown code as itself rather than dropping it', () => {
    const odd = exportRecord(3, { data: { purpose: 'retired-choice' } });
    const purpose = buildExportColumns([exportDefinition], { mode: 'labels', locale: 'ja' }).find((c) => c.key === 'purpose')!;
    expect(purpose.cell(odd)).toBe('retired-choice');
  });
});

describe('buildCodebook', () => {
  it('lists each column, then its codes with labels', () => {
    const columns = buildExportColumns([exportDefinition], { mode: 'codes', locale: 'ja' });
    const rows = buildCodebook(columns);
    const purposeAt = rows.findIndex((row) => row[0] === 'purpose');
    expect(rows.slice(purposeAt, purposeAt + 4)).toEqual([
      ['purpose', '来庁の目的', 'purpose', 'radiogroup', null, null, null],
      ['purpose', null, null, null, 'family', '戸籍・住民票', null],
      ['purpose', null, null, null, 'tax', '税', null],
      ['wants.online', '希望する改善: オンライン手続', 'wants', 'checkbox', null, null, '1 = 選択、0 = 非選択、空欄 = 無回答'],
    ]);
    expect(rows.filter((row) => row[0] === 'online_ok')).toEqual([
      ['online_ok', 'オンラインで済んだか', 'online_ok', 'boolean', null, null, null],
      ['online_ok', null, null, null, 1, 'はい', null],
      ['online_ok', null, null, null, 0, 'いいえ', null],
    ]);
  });
});

describe('buildExportColumns: nested answers', () => {
  const nested = definitionFromJson({
    id: 'nested-export',
    version: 1,
    audience: 'citizen',
    pages: [
      {
        name: 'p',
        elements: [
          { type: 'multipletext', name: 'address', title: '住所', items: [{ name: 'zip', title: '郵便番号' }, { name: 'people' }] },
          { type: 'paneldynamic', name: 'household', templateElements: [{ type: 'text', name: 'relation' }] },
        ],
      },
    ],
  } as never);
  const row = exportRecord(1, { surveyId: 'nested-export', surveyVersion: 1, data: { address: { zip: '060-0001', people: 3 }, household: [{ relation: 'self' }] } });

  it('gives each multipletext item its own column, and a dynamic panel its count (the panels are a long table)', () => {
    const columns = buildExportColumns([nested], { mode: 'codes', locale: 'ja' }).filter((column) => column.source === 'address' || column.source === 'household');
    expect(columns.map((column) => [column.key, column.label, column.cell(row)])).toEqual([
      ['address.zip', '住所: 郵便番号', '060-0001'],
      ['address.people', '住所: people', 3],
      ['household', 'household', 1],
    ]);
  });
});
