/**
 * The question types whose answer holds answers of its own (multipletext items,
 * matrixdynamic rows, paneldynamic panels) and imagepicker: strict shape checks
 * and survey-core's own checks inside them, through the real validator.
 */
import { describe, expect, it } from 'vitest';
import type { SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';
import { checkWithSurveyCore } from './survey-core-reference.ts';

const json = {
  id: 'nested',
  version: 1,
  audience: 'citizen',
  pages: [
    {
      name: 'p1',
      elements: [
        {
          type: 'multipletext',
          name: 'address',
          items: [
            { name: 'zip', isRequired: true, maxLength: 8 },
            { name: 'people', inputType: 'number', validators: [{ type: 'numeric', minValue: 1, maxValue: 20 }] },
            { name: 'since', inputType: 'date' },
          ],
        },
        {
          type: 'matrixdynamic',
          name: 'children',
          maxRowCount: 3,
          columns: [
            { name: 'age', cellType: 'dropdown', choices: ['0-5', '6-11', '12-17'], isRequired: true },
            { name: 'school', cellType: 'boolean' },
            { name: 'note', cellType: 'text' },
          ],
        },
        {
          type: 'paneldynamic',
          name: 'household',
          maxPanelCount: 4,
          templateElements: [
            { type: 'dropdown', name: 'relation', choices: ['self', 'spouse', 'child', 'parent'], isRequired: true },
            { type: 'text', name: 'birthYear', inputType: 'number', min: 1900, max: 2026 },
            { type: 'comment', name: 'care', visibleIf: "{panel.relation} = 'parent'" },
          ],
        },
        { type: 'imagepicker', name: 'logo', choices: [{ value: 'a', imageLink: '/a.png' }, { value: 'b', imageLink: '/b.png' }] },
        { type: 'imagepicker', name: 'logos', multiSelect: true, choices: [{ value: 'a', imageLink: '/a.png' }, { value: 'b', imageLink: '/b.png' }] },
      ],
    },
  ],
} as unknown as SurveyDefinitionJson;

const validate = createResponseValidator(definitionFromJson(json, 'survey-definitions/nested.json'));
const details = (data: Record<string, unknown>) => validate(validSubmission('all-question-types', { data }));

const VALID = {
  address: { zip: '060-0001', people: 3, since: '2020-04-01' },
  children: [{ age: '6-11', school: true }, { age: '0-5', school: false, note: '保育園' }],
  household: [{ relation: 'self', birthYear: 1980 }, { relation: 'parent', birthYear: 1950, care: '要介護2' }],
  logo: 'a',
  logos: ['a', 'b'],
};

describe('nested question types', () => {
  it('accept a valid response, as survey-core does', () => {
    expect(details(VALID)).toEqual([]);
    expect([...checkWithSurveyCore(json, VALID)]).toEqual([]);
  });

  it('multipletext: unknown items, wrong types, over-long text, a required item, validators', () => {
    expect(details({ ...VALID, address: { zip: '060-00011', people: '3', extra: 'x' } })).toEqual([
      { question: 'address', message: 'item "zip": "060-00011" is 9 characters long, over the limit of 8' },
      { question: 'address', message: 'item "people": expected a number, got "3"' },
      { question: 'address', message: '"extra" is not an item of this question' },
    ]);
    expect(details({ ...VALID, address: { people: 30 } })).toEqual([
      { question: 'address', message: 'item "zip": Response required.' },
      { question: 'address', message: `item "people": 30: The 'value' should be at least 1 and at most 20` },
    ]);
  });

  it('matrixdynamic: rows beyond maxRowCount, unknown columns, cells outside their choices, required cells', () => {
    // Too many rows is one problem, checked before the rows (issue 20: server/validation/check-size.ts).
    expect(details({ ...VALID, children: [{ age: '18+' }, { school: 'yes' }, {}, { age: '0-5' }] })).toEqual([
      { question: 'children', message: '4 rows, more than the 3 the form allows' },
    ]);
    expect(details({ ...VALID, children: [{ age: '18+' }, { school: 'yes' }] })).toEqual([
      { question: 'children', message: 'row 1, column "age": "18+" is not one of the choices' },
      { question: 'children', message: 'row 2, column "school": expected true or false, got "yes"' },
    ]);
    expect(details({ ...VALID, children: [{ school: true }] })).toEqual([{ question: 'children', message: 'row 1, column "age": Response required.' }]);
  });

  it('paneldynamic: panels beyond maxPanelCount, required questions per panel, {panel.x} conditions per panel', () => {
    expect(details({ ...VALID, household: [{ relation: 'self', care: 'x' }, { birthYear: 1800 }] })).toEqual([
      { question: 'household', message: 'panel 1, question "care": "x" answers a question that is hidden for this response (its visibleIf "{panel.relation} = \'parent\'" is false)' },
      { question: 'household', message: 'panel 2, question "relation": Response required.' },
      { question: 'household', message: 'panel 2, question "birthYear": 1800: The value should not be less than 1900' },
    ]);
    expect(details({ ...VALID, household: Array.from({ length: 5 }, () => ({ relation: 'child' })) })).toEqual([
      { question: 'household', message: '5 panels, more than the 4 the form allows' },
    ]);
  });

  it('imagepicker: one of its images, or several with multiSelect', () => {
    expect(details({ ...VALID, logo: 'c', logos: ['a', 'c'] })).toEqual([
      { question: 'logo', message: '"c" is not one of the choices' },
      { question: 'logos', message: expect.stringContaining('"c"') },
    ]);
  });
});
