/**
 * minRowCount and minPanelCount are enforced as survey-core enforces them in the form (issue 21):
 * a matrixdynamic always shows at least minRowCount rows, so a required cell in a row the
 * respondent left empty is missing, and a required matrix needs that many rows filled; a
 * paneldynamic never shows fewer than minPanelCount panels, so fewer cannot come from the form.
 * survey-core's own Model is the reference for every case it can judge.
 */
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

function validator(element: Record<string, unknown>) {
  const json = { id: 'min-counts', version: 1, audience: 'citizen' as const, pages: [{ name: 'p', elements: [element] }] };
  const validate = createResponseValidator(definitionFromJson(json as never));
  return (data: Record<string, unknown>) =>
    validate(onlineSubmission(data, 'en'));
}

function surveyCoreRefuses(element: Record<string, unknown>, data: Record<string, unknown>): boolean {
  const model = new Model({ pages: [{ name: 'p', elements: [element] }] });
  model.data = data;
  return model.hasErrors(false, false);
}

const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
  ['a required matrix with fewer rows filled than minRowCount', { type: 'matrixdynamic', name: 'm', isRequired: true, minRowCount: 2, columns: [{ name: 'a', cellType: 'text' }] }, { m: [{ a: 'x' }] }],
  ['a required cell in a row the form always shows', { type: 'matrixdynamic', name: 'm', minRowCount: 2, columns: [{ name: 'a', cellType: 'text', isRequired: true }] }, { m: [{ a: 'x' }] }],
  ['a required cell in rows shown but never answered', { type: 'matrixdynamic', name: 'm', minRowCount: 2, columns: [{ name: 'a', cellType: 'text', isRequired: true }] }, {}],
];

describe('minRowCount', () => {
  it.each(cases)('refuses %s, as survey-core does', (_name, element, data) => {
    expect(surveyCoreRefuses(element, data)).toBe(true);
    expect(validator(element)(data).length).toBeGreaterThan(0);
  });

  it('says what survey-core says', () => {
    const [, element, data] = cases[0];
    expect(validator(element)(data)).toEqual([{ question: 'm', message: '[{"a":"x"}]: Please fill in at least 2 row(s).' }]);
    expect(validator(cases[1][1])(cases[1][2])).toEqual([{ question: 'm', message: 'row 2, column "a": Response required.' }]);
  });

  it('accepts enough rows, and an optional matrix left alone', () => {
    const optional = { type: 'matrixdynamic', name: 'm', minRowCount: 2, columns: [{ name: 'a', cellType: 'text' }] };
    for (const data of [{}, { m: [{ a: 'x' }] }, { m: [{ a: 'x' }, { a: 'y' }, { a: 'z' }] }]) {
      expect(surveyCoreRefuses(optional, data)).toBe(false);
      expect(validator(optional)(data)).toEqual([]);
    }
    const [, required] = cases[0];
    expect(validator(required)({ m: [{ a: 'x' }, { a: 'y' }] })).toEqual([]);
  });
});

describe('minPanelCount', () => {
  const element = { type: 'paneldynamic', name: 'p', minPanelCount: 2, templateElements: [{ type: 'text', name: 't' }] };

  it('refuses fewer panels than the form always shows', () => {
    expect(validator(element)({ p: [{ t: 'x' }] })).toEqual([
      { question: 'p', message: '[{"t":"x"}]: 1 panel, fewer than the 2 the form always shows (minPanelCount)' },
    ]);
  });

  it('accepts that many panels or more, and the question left unanswered', () => {
    for (const data of [{}, { p: [{ t: 'x' }, {}] }, { p: [{ t: 'x' }, { t: 'y' }, { t: 'z' }] }]) expect(validator(element)(data)).toEqual([]);
  });
});
