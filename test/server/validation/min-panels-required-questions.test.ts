/**
 * Found by the survey-core-driven differential test (survey-core-driven.test.ts, corpus
 * paneldynamic-children.json): a paneldynamic always shows minPanelCount panels, so a required
 * question in a panel the respondent never filled is missing. survey-core refuses `{}` and
 * `{ kids: [] }`; the server accepted both, checking panels only for the entries sent.
 */
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

const element = {
  type: 'paneldynamic',
  name: 'kids',
  minPanelCount: 1,
  templateElements: [
    { type: 'text', name: 'kidName', isRequired: true },
    { type: 'boolean', name: 'allergy' },
  ],
};
const optional = { ...element, name: 'pets', templateElements: [{ type: 'text', name: 'petName' }] };

const validate = createResponseValidator(
  definitionFromJson({ id: 'min-panels', version: 1, audience: 'citizen', pages: [{ name: 'p', elements: [element, optional] }] } as never),
);
const check = (data: Record<string, unknown>) =>
  validate(onlineSubmission(data, 'en'));
const surveyCoreRefuses = (data: Record<string, unknown>) => {
  const model = new Model({ pages: [{ name: 'p', elements: [element, optional] }] });
  model.data = data;
  return model.hasErrors(false, false);
};

describe('a required question in the panels minPanelCount always shows', () => {
  for (const [label, data] of [['no answer at all', {}], ['an empty list of panels', { kids: [] }]] as const) {
    it(`is missing when the response has ${label}, as survey-core says`, () => {
      expect(surveyCoreRefuses(data)).toBe(true);
      const problems = check(data);
      expect(problems.map((problem) => problem.question)).toEqual(['kids']);
      expect(problems[0].message).toMatch(/panel 1, question "kidName"/);
    });
  }

  it('is answered: accepted, with the optional panels left empty, as survey-core accepts', () => {
    const data = { kids: [{ kidName: 'Aoi' }] };
    expect(surveyCoreRefuses(data)).toBe(false);
    expect(check(data)).toEqual([]);
  });
});
