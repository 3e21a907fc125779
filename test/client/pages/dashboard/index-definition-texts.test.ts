import { describe, expect, it } from 'vitest';
import { indexDefinitionTexts } from '../../../../client/pages/dashboard/index-definition-texts.ts';
import { readShippedDefinition } from '../../../e2e/support/answer-survey.ts';

describe('indexDefinitionTexts', () => {
  const staff = indexDefinitionTexts(readShippedDefinition('staff-workstyle'));
  const exit = indexDefinitionTexts(readShippedDefinition('ward-office-exit'));

  it('labels questions, answers and matrix rows in the chosen language, from the definition', () => {
    expect(staff.title('yearsOfService', 'en')).toBe('How many years in total have you worked for the City of Sapporo?');
    expect(staff.value('yearsOfService', 'junior', 'ja')).toBe('10年未満');
    expect(staff.value('practices', 5, 'en')).toBe('Agree');
    expect(staff.valueOrder('practices')).toEqual(['5', '4', '3', '2', '1']);
    expect(exit.value('ward', 'kiyota', 'ja')).toBe('清田区');
    expect(exit.surveyTitle('en')).toBe('Ward Office Visitor Survey');
  });

  it('falls back to the code for anything the definition does not name', () => {
    expect(staff.value('yearsOfService', 'ancient', 'ja')).toBe('ancient');
    expect(staff.title('nosuch', 'ja')).toBe('nosuch');
    expect(staff.row('practices', 'nosuch', 'ja')).toBe('nosuch');
  });
});
