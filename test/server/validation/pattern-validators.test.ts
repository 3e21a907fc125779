/**
 * A regex validator refuses what survey-core refuses. survey-core's RegexValidator reports its
 * error with an empty text when the author wrote no message, and the server used to read the
 * empty text as "no error": `{ code: "特にありません。" }` passed `^[A-Z]{3}$` (found by `seed`).
 */
import { describe, expect, it } from 'vitest';
import { Model } from 'survey-core';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { validateResponse } from '../../../server/validation/validate-response.ts';

const json = {
  id: 'ward-code',
  version: 1,
  audience: 'citizen' as const,
  pages: [
    {
      name: 'p',
      elements: [
        { type: 'text', name: 'code', validators: [{ type: 'regex', regex: '^[A-Z]{3}$' }] },
        { type: 'text', name: 'zip', validators: [{ type: 'regex', regex: '^\\d{3}-\\d{4}$', text: { ja: '例: 060-8611', en: 'e.g. 060-8611' } }] },
      ],
    },
  ],
};

function surveyCoreRefuses(data: Record<string, unknown>): boolean {
  const model = new Model(json);
  model.data = data;
  return model.hasErrors(false, false);
}

describe('regex validators', () => {
  const definition = definitionFromJson(json as never);
  const check = (data: Record<string, unknown>) =>
    validateResponse(definition, {
      submissionId: '39e262ae-973b-464f-8a2a-b991acc6a8cc',
      surveyVersion: 1,
      channel: 'online',
      meta: { locale: 'ja' },
      startedAt: '2025-06-02T09:00:00+09:00',
      completedAt: '2025-06-02T09:04:30+09:00',
      data,
    });

  it.each([
    [{ code: '特にありません。' }],
    [{ code: 'abc' }],
    [{ code: 'ABCD' }],
    [{ zip: '0608611' }],
  ])('refuses %j, as survey-core does, with a message', (data) => {
    expect(surveyCoreRefuses(data)).toBe(true);
    const details = check(data);
    expect(details).toHaveLength(1);
    expect(details[0].message.length).toBeGreaterThan(0);
  });

  it('says what the author wrote when there is a message, and names the pattern when there is none', () => {
    expect(check({ zip: '0608611' })).toEqual([{ question: 'zip', message: '"0608611": e.g. 060-8611' }]);
    expect(check({ code: 'abc' })).toEqual([{ question: 'code', message: '"abc": does not match the pattern ^[A-Z]{3}$' }]);
  });

  it('accepts what matches', () => {
    expect(surveyCoreRefuses({ code: 'ABC', zip: '060-8611' })).toBe(false);
    expect(check({ code: 'ABC', zip: '060-8611' })).toEqual([]);
  });
});
