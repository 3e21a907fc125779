/**
 * A small definition with every question type the export lays out specially,
 * and records for it. Literal on purpose: the expected columns below are read
 * straight off it.
 */
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import type { SurveyDefinition, SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';

const json: SurveyDefinitionJson = {
  id: 'export-demo',
  version: 2,
  audience: 'visitor',
  title: { ja: '出力テスト', en: 'Export demo' },
  metaVariables: [
    {
      name: 'ward',
      from: 'ward',
      title: { ja: '区', en: 'Ward' },
      choices: [
        { value: 'chuo', text: { ja: '中央区', en: 'Chuo' } },
        { value: 'kita', text: { ja: '北区', en: 'Kita' } },
      ],
      analysis: { role: 'segment' },
    },
  ],
  pages: [
    {
      name: 'p1',
      elements: [
        {
          type: 'radiogroup',
          name: 'purpose',
          title: { ja: '来庁の目的', en: 'Purpose of visit' },
          choices: [
            { value: 'family', text: { ja: '戸籍・住民票', en: 'Family register' } },
            { value: 'tax', text: { ja: '税', en: 'Tax' } },
          ],
          analysis: { role: 'segment' },
        },
        {
          type: 'checkbox',
          name: 'wants',
          title: { ja: '希望する改善', en: 'Wanted improvements' },
          choices: [
            { value: 'online', text: { ja: 'オンライン手続', en: 'Online procedures' } },
            { value: 'booking', text: { ja: '窓口予約', en: 'Booking' } },
          ],
          showOtherItem: true,
        },
        {
          type: 'matrix',
          name: 'sat',
          title: { ja: '満足度', en: 'Satisfaction' },
          rows: [
            { value: 'waiting', text: { ja: '待ち時間', en: 'Waiting' } },
            { value: 'staff', text: { ja: '職員の対応', en: 'Staff' } },
          ],
          columns: [
            { value: 1, text: { ja: '不満', en: 'Unhappy' } },
            { value: 2, text: { ja: '満足', en: 'Happy' } },
          ],
        },
        {
          type: 'ranking',
          name: 'prio',
          title: { ja: '優先順位', en: 'Priorities' },
          choices: [
            { value: 'speed', text: { ja: '速さ', en: 'Speed' } },
            { value: 'clarity', text: { ja: '分かりやすさ', en: 'Clarity' } },
          ],
        },
        { type: 'rating', name: 'overall', title: { ja: '総合評価', en: 'Overall' }, rateMin: 1, rateMax: 5 },
        { type: 'boolean', name: 'online_ok', title: { ja: 'オンラインで済んだか', en: 'Could be online' } },
        { type: 'comment', name: 'comment', title: { ja: 'ご意見', en: 'Comments' }, analysis: { role: 'comment' } },
      ],
    },
  ],
};

export const exportDefinition: SurveyDefinition = {
  id: 'export-demo',
  version: 2,
  audience: 'visitor',
  minGroupSize: 5,
  title: { ja: '出力テスト', en: 'Export demo' },
  languages: ['ja', 'en'],
  metaVariables: json.metaVariables!,
  json,
  source: 'test/server/export/export-fixture.ts',
};

/** Version 1 had a question that version 2 dropped. */
export const exportDefinitionV1: SurveyDefinition = {
  ...exportDefinition,
  version: 1,
  json: {
    ...json,
    version: 1,
    pages: [{ name: 'p1', elements: [{ type: 'text', name: 'old_question', title: { ja: '旧設問', en: 'Old question' } }] }],
  },
};

export function exportRecord(index: number, overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  const second = String(index % 60).padStart(2, '0');
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    surveyId: 'export-demo',
    surveyVersion: 2,
    submissionId: `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    channel: 'kiosk',
    meta: { ward: 'chuo', locale: 'ja', kioskId: 'chuo-01' },
    startedAt: `2025-05-01T01:00:${second}.000Z`,
    completedAt: `2025-05-01T01:05:${second}.000Z`,
    receivedAt: `2025-05-01T01:05:${second}.500Z`,
    data: {
      purpose: 'family',
      wants: ['booking'],
      sat: { waiting: 1, staff: 2 },
      prio: ['clarity', 'speed'],
      overall: 4,
      online_ok: true,
      comment: 'ありがとう',
    },
    ...overrides,
  };
}

export async function* asyncOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}
