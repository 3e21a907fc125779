import { describe, expect, it } from 'vitest';
import { listSegmentVariables } from '../../../core/definitions/segment-variables.ts';
import { definitionVersionFromJson, type SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { chooseProminentSegments } from '../../../client/pages/dashboard/choose-prominent-segments.ts';
import { segmentVariables } from '../../../server/live-table/response-filter.ts';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { readShippedDefinition } from '../../e2e/support/answer-survey.ts';

const listSegmentFilters = (json: unknown) => listSegmentVariables(definitionVersionFromJson(json as SurveyDefinitionJson));

describe('listSegmentVariables', () => {
  it('meta variables first, then segment and cohort questions, in definition order', () => {
    const definition = {
      id: 'example',
      version: 1,
      metaVariables: [{ name: 'ward', from: 'ward', title: { ja: '区', en: 'Ward' }, choices: [{ value: 'chuo', text: { ja: '中央区', en: 'Chuo' } }], analysis: { role: 'segment' } }],
      pages: [
        {
          elements: [
            { type: 'radiogroup', name: 'years', title: '勤続年数', choices: ['lt10', { value: 'ge10', text: { ja: '10年以上' } }], analysis: { role: 'cohort' } },
            { type: 'panel', name: 'p', elements: [{ type: 'dropdown', name: 'age', choices: [20, 30], analysis: { role: 'segment' } }] },
            { type: 'radiogroup', name: 'mood', choices: ['a'], analysis: { role: 'attitude' } },
            { type: 'text', name: 'free', analysis: { role: 'segment' } },
          ],
        },
      ],
    };
    expect(listSegmentFilters(definition)).toEqual([
      { name: 'ward', title: { ja: '区', en: 'Ward' }, role: 'segment', source: 'meta', from: 'ward', choices: [{ value: 'chuo', text: { ja: '中央区', en: 'Chuo' } }] },
      { name: 'years', title: '勤続年数', role: 'cohort', source: 'question', choices: [{ value: 'lt10', text: 'lt10' }, { value: 'ge10', text: { ja: '10年以上' } }] },
      { name: 'age', title: 'age', role: 'segment', source: 'question', choices: [{ value: '20', text: '20' }, { value: '30', text: '30' }] },
      // A free-text segment is a segment (the API filters by it); it just has no answers to list.
      { name: 'free', title: 'free', role: 'segment', source: 'question', choices: [] },
    ]);
  });

  it('is the one rule: the server filters by exactly the variables the dashboard offers, reading meta or data', () => {
    for (const survey of ['ward-office-exit', 'staff-workstyle', 'citizen-needs']) {
      const json = readShippedDefinition(survey);
      const definition = loadDefinition(json, `${survey}.json`);
      expect(segmentVariables(definition).map((variable) => variable.name)).toEqual(listSegmentFilters(json).map((variable) => variable.name));
    }
    const exit = loadDefinition(readShippedDefinition('ward-office-exit'), 'exit.json');
    const ward = segmentVariables(exit).find((variable) => variable.name === 'ward')!;
    const record = { meta: { ward: 'kita' }, data: { ward: 'chuo', ageBand: '30s' } } as never;
    expect(ward.read(record)).toBe('kita');
    expect(segmentVariables(exit).find((variable) => variable.name === 'ageBand')!.read(record)).toBe('30s');
  });

  it('puts meta variables, the cohort, the ward and the age band first in the bar', () => {
    const names = (survey: string) => chooseProminentSegments(listSegmentFilters(readShippedDefinition(survey)), 3).map((filter) => filter.name);
    expect(names('ward-office-exit')).toEqual(['ward', 'ageBand', 'purpose']);
    expect(names('staff-workstyle')).toEqual(['yearsOfService', 'ageBand', 'workplace']);
    expect(names('citizen-needs')).toEqual(['ward', 'ageBand', 'smartphone']);
  });

  it('finds the shipped surveys’ segments: the exit survey’s kiosk ward and age band, the staff survey’s cohort', () => {
    expect(listSegmentFilters(readShippedDefinition('ward-office-exit')).map((filter) => filter.name)).toEqual([
      'ward',
      'purpose',
      'countersVisited',
      'waitingTime',
      'awareOnline',
      'awareNavigator',
      'ageBand',
    ]);
    expect(listSegmentFilters(readShippedDefinition('staff-workstyle')).map((filter) => `${filter.name}:${filter.role}`)).toEqual([
      'yearsOfService:cohort',
      'ageBand:segment',
      'workplace:segment',
      'position:segment',
    ]);
  });
});
