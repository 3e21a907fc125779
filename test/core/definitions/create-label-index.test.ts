import { describe, expect, it } from 'vitest';
import { createLabelIndex } from '../../../core/definitions/create-label-index.ts';
import { definitionVersionFromJson, type SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { readShippedDefinition } from '../../e2e/support/answer-survey.ts';

const fromJson = (json: unknown) => definitionVersionFromJson(json as SurveyDefinitionJson);

describe('createLabelIndex', () => {
  const staff = createLabelIndex([fromJson(readShippedDefinition('staff-workstyle'))]);
  const exit = createLabelIndex([fromJson(readShippedDefinition('ward-office-exit'))]);

  it('labels questions, answers and matrix rows in the chosen language, from the definition JSON the API serves', () => {
    expect(staff.question('yearsOfService', 'en')).toBe('How many years in total have you worked for the City of Sapporo?');
    expect(staff.value('yearsOfService', 'junior', 'ja')).toBe('10年未満');
    expect(staff.value('practices', 5, 'en')).toBe('Agree');
    expect(staff.valueOrder('practices')).toEqual(['5', '4', '3', '2', '1']);
    expect(exit.value('ward', 'kiyota', 'ja')).toBe('清田区');
  });

  it('falls back to the code for anything the definition does not name', () => {
    expect(staff.value('yearsOfService', 'ancient', 'ja')).toBe('ancient');
    expect(staff.hasValue('yearsOfService', 'ancient')).toBe(false);
    expect(staff.question('nosuch', 'ja')).toBe('nosuch');
    expect(staff.row('practices', 'nosuch', 'ja')).toBe('nosuch');
  });

  it('merges every version: a choice only an older version had keeps its name, the newest text wins', () => {
    const page = (choices: unknown[], title: string) => ({ pages: [{ elements: [{ type: 'radiogroup', name: 'mode', title, choices }] }] });
    const v1 = fromJson({ id: 's', version: 1, audience: 'citizen', ...page([{ value: 'fax', text: { ja: 'ファクス', en: 'Fax' } }, { value: 'web', text: { ja: 'ウェブ' } }], 'old') });
    const v2 = fromJson({ id: 's', version: 2, audience: 'citizen', ...page([{ value: 'web', text: { ja: 'インターネット', en: 'Internet' } }], 'new') });
    const labels = createLabelIndex([v2, v1]);
    expect(labels.value('mode', 'fax', 'en')).toBe('Fax');
    expect(labels.value('mode', 'web', 'en')).toBe('Internet');
    expect(labels.question('mode', 'ja')).toBe('new');
    expect(labels.valueOrder('mode')).toEqual(['web', 'fax']);
  });
});
