/**
 * mergeQuestions with a name two questions of one version share (issue 21): survey-core stores
 * one value for both, so analysis sees one question, the first, counted once; a second question
 * whose answer has another shape is explained, not merged.
 */
import { describe, expect, it } from 'vitest';
import { mergeQuestions } from '../../../core/definitions/merge-questions.ts';
import type { DefinitionVersion } from '../../../core/definitions/survey-definition.ts';

function version(version: number, elements: Array<Record<string, unknown>>): DefinitionVersion {
  return { version, json: { id: 's', version, pages: [{ name: 'p', elements }] } as DefinitionVersion['json'], metaVariables: [] };
}

const FIRST = { type: 'radiogroup', name: 'ward', title: 'Ward', choices: ['kita', 'chuo'] };
const AGAIN = { type: 'dropdown', name: 'ward', title: 'Ward, again', choices: ['kita', 'chuo', 'minami'] };

describe('mergeQuestions with one name twice in a version', () => {
  it('keeps the first question, counted once per version', () => {
    const merged = mergeQuestions([version(1, [FIRST, AGAIN]), version(2, [FIRST, AGAIN])]);
    const ward = merged.get('ward')!;
    expect([ward.type, ward.title, ward.versions, ward.values.map((item) => item.value)]).toEqual(['radiogroup', 'Ward', [1, 2], ['kita', 'chuo']]);
  });

  it('explains a second question whose answer has another shape', () => {
    const checkbox = { type: 'checkbox', name: 'ward', choices: ['kita'] };
    expect(() => mergeQuestions([version(3, [FIRST, checkbox])])).toThrow(
      'question "ward" is asked twice in version 3, as a radiogroup (single answer) and as a checkbox (multiple answer); the two share one value, so they must keep one kind of answer',
    );
  });
});
