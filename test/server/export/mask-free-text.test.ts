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
