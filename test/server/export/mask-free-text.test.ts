import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import { maskFreeText } from '../../../server/export/mask-free-text.ts';

// Only `json` is read by maskFreeText: which questions hold free text.
const definition = {
  json: {
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'radiogroup', name: 'contact', choices: ['12345678', 'other'], showOtherItem: true },
          { type: 'text', name: 'memo', valueName: 'memoValue' },
          { type: 'text', name: 'visits', inputType: 'number' },
          { type: 'multipletext', name: 'address', items: [{ name: 'tel' }, { name: 'zip' }] },
          { type: 'paneldynamic', name: 'family', templateElements: [{ type: 'comment', name: 'note' }, { type: 'dropdown', name: 'code', choices: ['12345678'] }] },
        ],
      },
    ],
  },
} as unknown as SurveyDefinition;

async function maskOne(data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const record = { id: 'r1', data } as unknown as ResponseRecord;
  async function* one() {
    yield record;
  }
  const out: ResponseRecord[] = [];
  for await (const masked of maskFreeText(one(), [definition], 'ja')) out.push(masked);
  expect(record.data).toBe(data); // the record itself is never changed
  return out[0].data;
}

describe('maskFreeText', () => {
  it('masks text, comment, multipletext, "-Comment" and dynamic-panel free text, never choice codes or numbers', async () => {
    const data = {
      contact: '12345678',
      'contact-Comment': '090-1234-5678',
      memoValue: 'a@b.jp',
      visits: 12345678,
      address: { tel: '011-222-3333', zip: '〒060-0001' },
      family: [{ note: '1234-5678-9012', code: '12345678' }],
    };
    const copy = structuredClone(data);
    expect(await maskOne(data)).toEqual({
      contact: '12345678',
      'contact-Comment': '［電話番号］',
      memoValue: '［メールアドレス］',
      visits: 12345678,
      address: { tel: '［電話番号］', zip: '［郵便番号］' },
      family: [{ note: '［マイナンバー］', code: '12345678' }],
    });
    expect(data).toEqual(copy);
  });
});

describe('maskFreeText: matrices, detail panels and nested dynamic panels', () => {
  const v1 = {
    json: {
      pages: [
        {
          name: 'p1',
          elements: [
            // cellType defaults to dropdown: its cells are codes, never masked; a text column is.
            { type: 'matrixdropdown', name: 'm', rows: ['a'], columns: [{ name: 'code', choices: ['12345678'] }, { name: 'free', cellType: 'text' }] },
            { type: 'paneldynamic', name: 'outer', templateElements: [{ type: 'paneldynamic', name: 'inner', templateElements: [{ type: 'comment', name: 'deep' }] }] },
          ],
        },
      ],
    },
  } as unknown as SurveyDefinition;
  // A later version made the code column free text, and added a matrixdynamic with a comment cell in a panel.
  const v2 = {
    json: {
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'matrixdropdown', name: 'm', rows: ['a'], columns: [{ name: 'code', cellType: 'comment' }] },
            { type: 'panel', name: 'box', elements: [{ type: 'matrixdynamic', name: 'rows', cellType: 'comment', columns: [{ name: 'c' }, { name: 'n', cellType: 'dropdown', choices: ['12345678'] }] }] },
          ],
        },
      ],
    },
  } as unknown as SurveyDefinition;

  async function maskWith(versions: SurveyDefinition[], data: Record<string, unknown>) {
    async function* one() {
      yield { id: 'r', data } as unknown as ResponseRecord;
    }
    const out: ResponseRecord[] = [];
    for await (const record of maskFreeText(one(), versions, 'en')) out.push(record);
    return out[0].data;
  }

  it('masks text cells of any kept version, the cells\' "other" text, and text in panels inside panels', async () => {
    expect(
      await maskWith([v2, v1], {
        m: { a: { code: '090-1234-5678', free: 'a@b.jp', 'code-Comment': '〒060-0001' }, b: 'not a row' },
        rows: [{ c: '090-1234-5678', n: '12345678' }, 'not a row'],
        outer: [{ inner: [{ deep: '1234 5678 9012', other: '12345678' }] }],
      }),
    ).toEqual({
      m: { a: { code: '[phone]', free: '[e-mail]', 'code-Comment': '[postal code]' }, b: 'not a row' },
      rows: [{ c: '[phone]', n: '12345678' }, 'not a row'],
      outer: [{ inner: [{ deep: '[My Number]', other: '12345678' }] }],
    });
  });

  it('leaves dropdown cells alone when no version had them as text', async () => {
    expect(await maskWith([v1], { m: { a: { code: '12345678', free: '12345678' } } })).toEqual({ m: { a: { code: '12345678', free: '[number]' } } });
  });
});
