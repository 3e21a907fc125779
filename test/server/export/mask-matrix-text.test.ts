/**
 * Free text inside matrices and dynamic panels, through the real export path
 * (writeExport → CSV and JSONL): text and comment cells of matrixdynamic and
 * matrixdropdown questions, "other" texts of their cells, questions of a
 * matrix's detail panel, and text nested in dynamic panels (issue 20, finding 3).
 * Choice codes, numbers and the answers' shape stay as they are.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import type { SurveyDefinition, SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { writeExport, type ExportJob } from '../../../server/export/write-export.ts';
import { asyncOf } from './export-fixture.ts';

const json = {
  id: 'matrix-text',
  version: 1,
  audience: 'visitor',
  title: { ja: '表の記述', en: 'Text in tables' },
  pages: [
    {
      name: 'p1',
      elements: [
        {
          type: 'matrixdynamic',
          name: 'family',
          title: '同居家族',
          rowCount: 1,
          columns: [
            { name: 'relation', cellType: 'dropdown', choices: ['spouse', 'child'], showOtherItem: true },
            { name: 'contact', cellType: 'text' },
            { name: 'age', cellType: 'text', inputType: 'number' },
            { name: 'note', cellType: 'comment' },
          ],
          detailPanelMode: 'underRow',
          detailElements: [{ type: 'comment', name: 'detail' }],
        },
        {
          type: 'matrixdropdown',
          name: 'offices',
          title: '窓口',
          cellType: 'text',
          rows: [
            { value: 'kita', text: '北区' },
            { value: 'chuo', text: '中央区' },
          ],
          columns: [{ name: 'who' }, { name: 'visits', cellType: 'dropdown', choices: [1, 2, 3] }],
        },
        {
          type: 'paneldynamic',
          name: 'visits',
          templateElements: [
            { type: 'multipletext', name: 'reach', items: [{ name: 'tel' }, { name: 'mail' }] },
            { type: 'matrixdynamic', name: 'helpers', columns: [{ name: 'helper', cellType: 'text' }] },
            { type: 'paneldynamic', name: 'inner', templateElements: [{ type: 'text', name: 'memo' }] },
          ],
        },
      ],
    },
  ],
} as unknown as SurveyDefinitionJson;

const definition: SurveyDefinition = {
  id: 'matrix-text',
  version: 1,
  audience: 'visitor',
  minGroupSize: 5,
  title: { ja: '表の記述', en: 'Text in tables' },
  languages: ['ja', 'en'],
  metaVariables: [],
  json,
  source: 'test/server/export/mask-matrix-text.test.ts',
};

const record = {
  id: '00000000-0000-4000-8000-000000000001',
  surveyId: 'matrix-text',
  surveyVersion: 1,
  submissionId: '10000000-0000-4000-8000-000000000001',
  channel: 'online',
  meta: { locale: 'ja' },
  startedAt: '2026-12-06T01:00:00.000Z',
  completedAt: '2026-12-06T01:05:00.000Z',
  receivedAt: '2026-12-06T01:05:00.500Z',
  data: {
    family: [
      {
        relation: 'other',
        'relation-Comment': '叔父（090-1111-2222）',
        contact: '携帯/090-1234-5678',
        age: 87654321,
        note: 'メール taro@gmail。com、2026年12月6日に来庁',
        detail: 'マイナンバー 1234-5678 9012番',
      },
      { relation: 'child', contact: '特になし', age: 8 },
    ],
    offices: { kita: { who: '山田,011-222-3333', visits: 2 }, chuo: { who: '〒060 0001 札幌市', visits: 1 } },
    visits: [
      {
        reach: { tel: '０９０ー１２３４ー５６７８', mail: 'taro[at]example.com' },
        helpers: [{ helper: '〇九〇-一二三四-五六七八' }],
        inner: [{ memo: '060-0001 札幌市北区' }],
      },
    ],
  },
} as unknown as ResponseRecord;

async function exportText(job: Pick<ExportJob, 'format' | 'personalData'>): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeExport(sink, { versions: [definition], mode: 'codes', locale: 'ja', records: asyncOf([record]), ...job });
  return Buffer.concat(chunks).toString('utf8');
}

describe('masked exports: text in matrices and dynamic panels', () => {
  it('JSONL masks every text cell and keeps codes, numbers and shape', async () => {
    const [line] = (await exportText({ format: 'jsonl' })).trim().split('\n');
    expect((JSON.parse(line) as ResponseRecord).data).toEqual({
      family: [
        {
          relation: 'other',
          'relation-Comment': '叔父（［電話番号］）',
          contact: '携帯/［電話番号］',
          age: 87654321,
          note: 'メール ［メールアドレス］、2026年12月6日に来庁',
          detail: 'マイナンバー ［マイナンバー］番',
        },
        { relation: 'child', contact: '特になし', age: 8 },
      ],
      offices: { kita: { who: '山田,［電話番号］', visits: 2 }, chuo: { who: '［郵便番号］ 札幌市', visits: 1 } },
      visits: [
        {
          reach: { tel: '［電話番号］', mail: '［メールアドレス］' },
          helpers: [{ helper: '［電話番号］' }],
          inner: [{ memo: '［郵便番号］ 札幌市北区' }],
        },
      ],
    });
  });

  it('CSV shows the masked cells and none of the numbers', async () => {
    const csv = await exportText({ format: 'csv' });
    for (const secret of ['1111', '1234', '5678', '3333', '9012', '060', 'gmail', 'example', '一二三四', '１２３４']) expect(csv).not.toContain(secret);
    expect(csv).toContain('山田,［電話番号］');
    expect(csv).toContain('［郵便番号］ 札幌市');
    expect(csv).toContain('2026年12月6日に来庁');
  });

  it('gives the original only when asked', async () => {
    const csv = await exportText({ format: 'csv', personalData: 'included' });
    expect(csv).toContain('山田,011-222-3333');
    expect(csv).toContain('090-1234-5678');
  });
});
